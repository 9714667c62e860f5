package groupproto

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// A wrapper's goroutines may hand their result back on a channel: the
// caller that receives from that channel has waited for the goroutine as
// surely as the waiting method would have (the send or close is the
// goroutine's last act). The wrapper rule counts such a receive as a
// join. Conservative: any send or close of the channel in the goroutine
// counts, wherever it sits, so a receive that might block rather than
// join is taken as a join too.

// chanSummary is what a wrapper type's methods do with channels: the
// parameters and receiver fields a starting method sends on or closes,
// and the fields each method receives from.
type chanSummary struct {
	// sendParams are, per starting method, the indices of the parameters
	// it sends on or closes.
	sendParams map[*types.Func]map[int]bool
	// sendFields are, per starting method, the receiver's fields it sends
	// on or closes.
	sendFields map[*types.Func]map[*types.Var]bool
	// recvFields are, per method, the receiver's fields it receives from
	// (<-r.ch, range r.ch).
	recvFields map[*types.Func]map[*types.Var]bool
}

// chanEnd resolves a channel operand to the variable it names (ch) or,
// when it selects a field of recv (r.ch), to that field; field reports
// which.
func chanEnd(info *types.Info, e ast.Expr, recv *types.Var) (v *types.Var, field bool) {
	switch e := apis.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := info.Uses[e].(*types.Var)
		return v, false
	case *ast.SelectorExpr:
		s, ok := info.Selections[e]
		if !ok || s.Kind() != types.FieldVal || recv == nil || rootVar(info, e.X) != recv {
			return nil, false
		}
		v, _ := s.Obj().(*types.Var)
		return v, true
	}
	return nil, false
}

// chanOps calls send for every channel operand that n sends on or
// closes, and recv for every one it receives from or ranges over,
// function literals included.
func chanOps(info *types.Info, n ast.Node, send, recv func(ast.Expr)) {
	closeFn := types.Universe.Lookup("close")
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			send(n.Chan)
		case *ast.CallExpr:
			if id, ok := apis.Unparen(n.Fun).(*ast.Ident); ok && info.Uses[id] == closeFn && len(n.Args) == 1 {
				send(n.Args[0])
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && recv != nil {
				recv(n.X)
			}
		case *ast.RangeStmt:
			if isChanType(info, n.X) && recv != nil {
				recv(n.X)
			}
		}
		return true
	})
}

// summarizeChans records what the method decl, of receiver recv, does
// with channels; starts reports whether it is a starting method.
func (s *chanSummary) summarizeChans(info *types.Info, fn *types.Func, decl *ast.FuncDecl, recv *types.Var, starts bool) {
	params := make(map[*types.Var]int)
	i := 0
	for _, f := range decl.Type.Params.List {
		for _, name := range f.Names {
			if v, ok := info.Defs[name].(*types.Var); ok {
				params[v] = i
			}
			i++
		}
		if len(f.Names) == 0 {
			i++
		}
	}
	add := func(m map[*types.Func]map[*types.Var]bool, f *types.Var) {
		if m[fn] == nil {
			m[fn] = make(map[*types.Var]bool)
		}
		m[fn][f] = true
	}
	send := func(e ast.Expr) {
		v, field := chanEnd(info, e, recv)
		switch {
		case v == nil || !starts:
		case field:
			add(s.sendFields, v)
		default:
			if i, ok := params[v]; ok {
				if s.sendParams[fn] == nil {
					s.sendParams[fn] = make(map[int]bool)
				}
				s.sendParams[fn][i] = true
			}
		}
	}
	recvOp := func(e ast.Expr) {
		if v, field := chanEnd(info, e, recv); v != nil && field {
			add(s.recvFields, v)
		}
	}
	chanOps(info, decl.Body, send, recvOp)
}

// joinChans returns the channels through which the goroutines of a call
// of the starting method fn hand their result back to the caller: local
// variables the call's function literals send on or close, local
// variables given as a channel parameter that fn sends on or closes, and
// receiver fields fn sends on or closes. ok is false when there is none.
func (s *chanSummary) joinChans(info *types.Info, fn *types.Func, call *ast.CallExpr) (vars, fields map[*types.Var]bool, ok bool) {
	vars = make(map[*types.Var]bool)
	for i, a := range call.Args {
		if lit, isLit := apis.Unparen(a).(*ast.FuncLit); isLit {
			chanOps(info, lit.Body, func(e ast.Expr) {
				// A channel of the caller's, declared outside the literal.
				if v, _ := chanEnd(info, e, nil); v != nil && (v.Pos() < lit.Pos() || v.Pos() > lit.End()) {
					vars[v] = true
				}
			}, nil)
		}
		if s.sendParams[fn][i] {
			if v, _ := chanEnd(info, a, nil); v != nil {
				vars[v] = true
			}
		}
	}
	fields = s.sendFields[fn]
	return vars, fields, len(vars) > 0 || len(fields) > 0
}

// chanJoins marks, in role, the receives in body that join the wrapper
// value's goroutines through a channel, when every start on the value
// hands its result back on one: a receive from a channel of the caller's
// that the goroutines send on or close, and a call of a method that
// receives from a field the starting methods send on or close. methods
// are the calls of the wrapper's methods on the value.
func (c *checker) chanJoins(w *wrapper, body *ast.BlockStmt, methods map[*ast.CallExpr]*types.Func, role map[ast.Node]string) {
	info := c.pass.TypesInfo
	vars := make(map[*types.Var]bool)
	fields := make(map[*types.Var]bool)
	for call, fn := range methods {
		if role[call] != "start" {
			continue
		}
		vs, fs, ok := w.chans.joinChans(info, fn, call)
		if !ok {
			return // Conservative: this start is joined only by the waiting method
		}
		for v := range vs {
			vars[v] = true
		}
		for f := range fs {
			fields[f] = true
		}
	}
	for call, fn := range methods {
		if role[call] != "" {
			continue
		}
		for f := range w.chans.recvFields[fn] {
			if fields[f] {
				role[call] = "wait"
			}
		}
	}
	if len(vars) == 0 {
		return
	}
	isJoin := func(e ast.Expr) bool {
		v, _ := chanEnd(info, e, nil)
		return v != nil && vars[v]
	}
	// A receive in a loop joins at the loop's head as well: the graph
	// does not know that a loop over the keys runs as often as the loop
	// that started one goroutine per key, and a path that skips the
	// receiving loop is taken to be one that starts nothing.
	var heads []ast.Node
	join := func(n ast.Node) {
		role[n] = "wait"
		for _, h := range heads {
			if h != nil {
				role[h] = "wait"
			}
		}
	}
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // a receive in a closure may run at any time
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && isJoin(n.X) {
				join(n)
			}
		case *ast.ForStmt:
			if n.Init != nil {
				ast.Inspect(n.Init, walk)
			}
			if n.Cond != nil {
				ast.Inspect(n.Cond, walk)
			}
			heads = append(heads, n.Cond) // nil: the body always runs
			ast.Inspect(n.Body, walk)
			if n.Post != nil {
				ast.Inspect(n.Post, walk)
			}
			heads = heads[:len(heads)-1]
			return false
		case *ast.RangeStmt:
			ast.Inspect(n.X, walk)
			// The graph holds the ranged expression, before the loop:
			// over a join channel, the loop ends once the goroutines
			// have closed it.
			if isChanType(info, n.X) && isJoin(n.X) {
				join(n.X)
			}
			heads = append(heads, n.X)
			ast.Inspect(n.Body, walk)
			heads = heads[:len(heads)-1]
			return false
		}
		return true
	}
	ast.Inspect(body, walk)
}

// isChanType reports whether e is typed as a channel.
func isChanType(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}
