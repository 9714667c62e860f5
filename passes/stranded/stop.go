package stranded

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// An eventLoop is a select, in a loop, with a case receiving from a
// channel-typed struct field (the events) and a case receiving from
// another channel (the stop) whose body returns.
type eventLoop struct {
	decl   *ast.FuncDecl
	desc   string // the function running the loop, for messages
	sel    *ast.SelectStmt
	events *types.Var
	recv   chanmodel.FieldOp // the events case
	stop   *ast.CommClause
	// stopField is the stop channel when it is a field of the same
	// struct as the events, nil otherwise (ctx.Done(), a local).
	stopField *types.Var
	stopSel   *ast.SelectorExpr
}

// checkStopAsymmetry reports plain sends on a struct-field channel whose
// only receiver is an event loop that returns on a stop channel: once
// the loop has returned, every such send blocks forever.
func (c *checker) checkStopAsymmetry(decls []*ast.FuncDecl) {
	if !hasFieldSelect(c.pass.TypesInfo, decls) {
		return
	}
	fields := c.fieldIndex()
	reported := make(map[ast.Node]bool)
	for _, l := range eventLoops(c.pass.TypesInfo, fields, decls) {
		ops := fields.Ops(l.events)
		if !onlyLoopReceives(ops, l) || !unbuffered(c.pass.TypesInfo, ops) {
			continue
		}
		if l.stopField != nil && !canFire(fields.Ops(l.stopField)) {
			continue // nothing ever closes or sends on the stop channel
		}
		for _, op := range ops {
			if op.Kind != chanmodel.FieldSend || op.Decl == l.decl || reported[op.Node] {
				continue
			}
			if op.Select != nil && (len(op.Select.Body.List) > 1) {
				continue // a select with another way out
			}
			if isGenerated(c.pass, op.Node.Pos()) {
				continue
			}
			if guarded(op) || (l.stopField != nil && stopsIn(fields.Ops(l.stopField), op.Decl)) {
				// A return before the send may be the guard that keeps
				// it from running after the stop (if b.closed { return
				// ErrClosed } under the lock Close takes); and the
				// function that stops the loop sends before it stops.
				continue
			}
			reported[op.Node] = true
			send := op.Node.(*ast.SendStmt)
			d := analysis.Diagnostic{
				Pos:      send.Pos(),
				End:      send.End(),
				Category: catStop,
				Message: fmt.Sprintf("send on %s blocks forever once %s has returned on its stop case: nothing else receives from %s (select on the stop channel here too)",
					analysisutil.Source(c.pass, op.Sel), l.desc, l.events.Name()),
				Related: []analysis.RelatedInformation{
					{Pos: l.stop.Pos(), Message: "the loop returns here"},
					{Pos: l.recv.Node.Pos(), Message: "the only receive"},
				},
			}
			if fix, ok := c.stopFix(send, op.Sel, l); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			c.pass.Report(d)
		}
	}
}

// stopFix offers to put the send in a select with the loop's stop
// channel, read from the same value as the events field.
func (c *checker) stopFix(send *ast.SendStmt, sel *ast.SelectorExpr, l eventLoop) (analysis.SuggestedFix, bool) {
	if l.stopField == nil || l.stopSel == nil {
		return analysis.SuggestedFix{}, false
	}
	info := c.pass.TypesInfo
	a, b := info.Selections[sel], info.Selections[l.stopSel]
	if a == nil || b == nil || !types.Identical(deref(a.Recv()), deref(b.Recv())) {
		return analysis.SuggestedFix{}, false
	}
	x := analysisutil.Source(c.pass, sel.X)
	text := fmt.Sprintf("select {\ncase %s:\ncase <-%s.%s:\n}", analysisutil.Source(c.pass, send), x, l.stopField.Name())
	return analysis.SuggestedFix{
		Message:   "Select on the stop channel too",
		TextEdits: []analysis.TextEdit{{Pos: send.Pos(), End: send.End(), NewText: []byte(text)}},
	}, true
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// hasFieldSelect reports whether one of decls holds a select with a
// case receiving from a struct field: the only place an event loop can
// be, so the package's field index is built only then.
func hasFieldSelect(info *types.Info, decls []*ast.FuncDecl) bool {
	found := false
	for _, d := range decls {
		ast.Inspect(d, func(n ast.Node) bool {
			cc, ok := n.(*ast.CommClause)
			if !ok || found {
				return !found
			}
			if sel := recvSelector(cc.Comm); sel != nil {
				if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// recvSelector returns x.f when comm receives from it.
func recvSelector(comm ast.Stmt) *ast.SelectorExpr {
	sel, _ := ast.Unparen(recvOperand(comm)).(*ast.SelectorExpr)
	return sel
}

// eventLoops finds the event loops of decls: selects directly in the
// body of a for statement (no condition), with a case receiving from a
// field and another receiving case whose body ends in a return, in a
// function that runs as a goroutine of the package: a function literal
// of a go statement, or a function declaration a go statement of decls
// names. A loop in a function that other code calls (a handler a
// framework calls once per stream) may run again, and receive again,
// after it returned.
func eventLoops(info *types.Info, fields *chanmodel.Fields, decls []*ast.FuncDecl) []eventLoop {
	started := make(map[types.Object]bool)
	goLits := make(map[*ast.FuncLit]bool)
	for _, d := range decls {
		ast.Inspect(d, func(n ast.Node) bool {
			g, ok := n.(*ast.GoStmt)
			if !ok {
				return true
			}
			switch fun := ast.Unparen(g.Call.Fun).(type) {
			case *ast.FuncLit:
				goLits[fun] = true
			case *ast.Ident:
				started[info.Uses[fun]] = true
			case *ast.SelectorExpr:
				started[info.Uses[fun.Sel]] = true
			}
			return true
		})
	}
	var out []eventLoop
	for _, d := range decls {
		var walk func(n ast.Node, runs bool, desc string)
		walk = func(root ast.Node, runs bool, desc string) {
			ast.Inspect(root, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					if n != root {
						walk(n, goLits[n], "the goroutine started in "+d.Name.Name) // judged by its own go statement
						return false
					}
				case *ast.ForStmt:
					if n.Cond == nil && runs {
						for _, st := range n.Body.List {
							if sel, ok := st.(*ast.SelectStmt); ok {
								for _, l := range loopsOfSelect(info, fields, d, sel) {
									l.desc = desc
									out = append(out, l)
								}
							}
						}
					}
				}
				return true
			})
		}
		walk(d, started[info.Defs[d.Name]], d.Name.Name)
	}
	return out
}

func loopsOfSelect(info *types.Info, fields *chanmodel.Fields, d *ast.FuncDecl, sel *ast.SelectStmt) []eventLoop {
	var stop *ast.CommClause
	var stopSel *ast.SelectorExpr
	for _, st := range sel.Body.List {
		cc := st.(*ast.CommClause)
		if cc.Comm == nil || len(cc.Body) == 0 {
			continue
		}
		if _, ok := cc.Body[len(cc.Body)-1].(*ast.ReturnStmt); !ok {
			continue
		}
		u := recvOperand(cc.Comm)
		if u == nil {
			continue
		}
		if stop != nil {
			return nil // two ways to stop: not the simple shape
		}
		stop = cc
		stopSel, _ = ast.Unparen(u).(*ast.SelectorExpr)
	}
	if stop == nil {
		return nil
	}
	var stopField *types.Var
	if stopSel != nil {
		if s, ok := info.Selections[stopSel]; ok && s.Kind() == types.FieldVal {
			stopField, _ = s.Obj().(*types.Var)
		}
	}
	var out []eventLoop
	for _, st := range sel.Body.List {
		cc := st.(*ast.CommClause)
		if cc == stop || cc.Comm == nil {
			continue
		}
		fsel := recvSelector(cc.Comm)
		if fsel == nil {
			continue
		}
		s, ok := info.Selections[fsel]
		if !ok || s.Kind() != types.FieldVal {
			continue
		}
		v, ok := s.Obj().(*types.Var)
		if !ok || v == stopField {
			continue
		}
		for _, op := range fields.Ops(v) {
			if op.Kind == chanmodel.FieldRecv && op.Clause == cc {
				out = append(out, eventLoop{decl: d, sel: sel, events: v, recv: op, stop: stop, stopField: stopField, stopSel: stopSel})
			}
		}
	}
	return out
}

// recvOperand returns the channel operand of a receiving comm clause.
func recvOperand(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := comm.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok {
		return u.X
	}
	return nil
}

// onlyLoopReceives reports whether every use of the events field is a
// send, an assignment, len or cap, or a receive in the loop's select,
// and there is no close and no escape.
func onlyLoopReceives(ops []chanmodel.FieldOp, l eventLoop) bool {
	for _, op := range ops {
		switch op.Kind {
		case chanmodel.FieldSend, chanmodel.FieldAssign, chanmodel.FieldLenCap:
		case chanmodel.FieldRecv:
			if op.Select != l.sel {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// unbuffered reports whether every value assigned to the field is an
// unbuffered make, and there is at least one.
func unbuffered(info *types.Info, ops []chanmodel.FieldOp) bool {
	n := 0
	for _, op := range ops {
		if op.Kind != chanmodel.FieldAssign {
			continue
		}
		var rhs ast.Expr
		switch a := op.Node.(type) {
		case *ast.AssignStmt:
			if len(a.Lhs) != len(a.Rhs) {
				return false
			}
			for i, l := range a.Lhs {
				if ast.Unparen(l) == op.Sel {
					rhs = a.Rhs[i]
				}
			}
		case *ast.KeyValueExpr:
			rhs = a.Value
		case ast.Expr:
			rhs = a // an element of a composite literal without keys
		}
		call, ok := ast.Unparen(rhs).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
			return false
		}
		if len(call.Args) == 2 {
			tv, ok := info.Types[call.Args[1]]
			if !ok || tv.Value == nil || tv.Value.String() != "0" {
				return false
			}
		}
		n++
	}
	return n > 0
}

// canFire reports whether the stop field is closed or sent on somewhere.
func canFire(ops []chanmodel.FieldOp) bool {
	for _, op := range ops {
		if op.Kind == chanmodel.FieldClose || op.Kind == chanmodel.FieldSend {
			return true
		}
	}
	return false
}

// guarded reports whether the function holding the send op has a return
// statement before the send, in the same function literal or
// declaration: a test that can keep the send from running.
func guarded(op chanmodel.FieldOp) bool {
	if op.Decl == nil || op.Decl.Body == nil {
		return false
	}
	send := op.Node.Pos()
	// The innermost function (declaration or literal) holding the send.
	var body *ast.BlockStmt = op.Decl.Body
	ast.Inspect(op.Decl.Body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && lit.Pos() <= send && send < lit.End() {
			body = lit.Body
		}
		return true
	})
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n.Body == body
		case *ast.ReturnStmt:
			if n.Pos() < send {
				found = true
			}
		}
		return !found
	})
	return found
}

// stopsIn reports whether one of the stop channel's closes or sends is
// in decl.
func stopsIn(ops []chanmodel.FieldOp, decl *ast.FuncDecl) bool {
	for _, op := range ops {
		if (op.Kind == chanmodel.FieldClose || op.Kind == chanmodel.FieldSend) && op.Decl == decl {
			return true
		}
	}
	return false
}
