package groupproto

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// A wrapper is a type of the package that holds an errgroup.Group or a
// sync.WaitGroup in a field, with methods that start goroutines on that
// group and methods that wait for it.
type wrapper struct {
	named  *types.Named
	starts map[*types.Func]bool
	waits  map[*types.Func]bool
	// waitErr are the waiting methods that return errgroup.Group.Wait's
	// error as their last result: return w.g.Wait().
	waitErr map[*types.Func]bool
	// chans is what the type's methods do with channels, for goroutines
	// that hand their result back on one.
	chans *chanSummary
}

// wrapperMethods summarises what each method of the package does with
// its receiver's group, and returns the types that both start and wait.
//
// A method starts work when, outside the function literals in it, it
// calls Go or TryGo on a group reached from the receiver through fields
// (p.g.Go, or p.Go for an embedded group), or calls Add on such a group
// and has a go statement. It waits when it calls Wait on such a group
// outside function literals and go statements. A method that does both is
// neither: it joins what it starts.
func wrapperMethods(pass *analysis.Pass) map[*types.Named]*wrapper {
	var out map[*types.Named]*wrapper
	chans := make(map[*types.Named]*chanSummary)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Recv == nil || decl.Body == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
				continue
			}
			fn, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			recv, _ := pass.TypesInfo.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
			if fn == nil || recv == nil {
				continue
			}
			named := apis.NamedOf(recv.Type())
			if named == nil || named.Obj().Pkg() != pass.Pkg || !holdsGroup(named) {
				continue
			}
			starts, waits, waitErr := summarize(pass.TypesInfo, decl, recv)
			cs := chans[named]
			if cs == nil {
				cs = &chanSummary{
					sendParams: make(map[*types.Func]map[int]bool),
					sendFields: make(map[*types.Func]map[*types.Var]bool),
					recvFields: make(map[*types.Func]map[*types.Var]bool),
				}
				chans[named] = cs
			}
			cs.summarizeChans(pass.TypesInfo, fn, decl, recv, starts && !waits)
			if starts == waits {
				continue
			}
			if out == nil {
				out = make(map[*types.Named]*wrapper)
			}
			w := out[named]
			if w == nil {
				w = &wrapper{named: named, starts: map[*types.Func]bool{}, waits: map[*types.Func]bool{}, waitErr: map[*types.Func]bool{}, chans: cs}
				out[named] = w
			}
			if starts {
				w.starts[fn] = true
			} else {
				w.waits[fn] = true
				if waitErr {
					w.waitErr[fn] = true
				}
			}
		}
	}
	for n, w := range out {
		if len(w.starts) == 0 || len(w.waits) == 0 {
			delete(out, n)
		}
	}
	return out
}

// holdsGroup reports whether named is a struct with a field (or an
// embedded field) of type errgroup.Group, sync.WaitGroup or a pointer to
// one of them.
func holdsGroup(named *types.Named) bool {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		t := st.Field(i).Type()
		if apis.IsErrgroup(t) || apis.IsWaitGroup(t) {
			return true
		}
	}
	return false
}

// summarize reports whether the method decl, with receiver recv, starts
// work on its receiver's group, waits for it, and returns errgroup Wait's
// error directly.
func summarize(info *types.Info, decl *ast.FuncDecl, recv *types.Var) (starts, waits, waitErr bool) {
	var add, goStmt bool
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			goStmt = true
			return false // a Wait in a go statement is delegated
		case *ast.ReturnStmt:
			if len(n.Results) > 0 {
				if call, ok := apis.Unparen(n.Results[len(n.Results)-1]).(*ast.CallExpr); ok &&
					apis.Callee(info, call) == apis.ErrgroupWait && onReceiver(info, call, recv) {
					waitErr = true
				}
			}
		case *ast.CallExpr:
			if !onReceiver(info, n, recv) {
				return true
			}
			switch api := apis.Callee(info, n); {
			case api.IsGoMethod():
				starts = true
			case api == apis.WaitGroupAdd:
				add = true
			case api.Is(apis.ErrgroupWait, apis.WaitGroupWait):
				waits = true
			}
		}
		return true
	})
	if add && goStmt {
		starts = true
	}
	return starts, waits, waits && waitErr
}

// onReceiver reports whether call is a method call whose receiver is
// recv or a field reached from recv through field selections.
func onReceiver(info *types.Info, call *ast.CallExpr, recv *types.Var) bool {
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	return rootVar(info, sel.X) == recv
}

// checkWrappers reports, in every function of the package, local values
// of a wrapper type that start work and reach a return without the
// waiting method, and calls of a waiting method whose error is dropped.
func (c *checker) checkWrappers(wrappers map[*types.Named]*wrapper) {
	for _, f := range c.pass.Files {
		if ast.IsGenerated(f) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil {
					c.wrapperFunc(wrappers, n.Body)
				}
			case *ast.FuncLit:
				c.wrapperFunc(wrappers, n.Body)
			case *ast.ExprStmt:
				c.droppedWaitErr(wrappers, n.X, n)
			case *ast.AssignStmt:
				if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
					if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
						c.droppedWaitErr(wrappers, n.Rhs[0], n)
					}
				}
			}
			return true
		})
	}
}

// wrapperMethod returns the method a call expression calls on a value of
// a wrapper type, with that wrapper.
func wrapperMethod(info *types.Info, wrappers map[*types.Named]*wrapper, e ast.Expr) (*ast.CallExpr, *types.Func, *wrapper) {
	call, ok := apis.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, nil, nil
	}
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return nil, nil, nil
	}
	fn, _ := s.Obj().(*types.Func)
	w := wrappers[apis.NamedOf(s.Recv())]
	if fn == nil || w == nil {
		return nil, nil, nil
	}
	return call, fn, w
}

// droppedWaitErr reports e, a statement's expression, when it calls a
// waiting method that returns errgroup.Group.Wait's error.
func (c *checker) droppedWaitErr(wrappers map[*types.Named]*wrapper, e ast.Expr, stmt ast.Stmt) {
	call, fn, w := wrapperMethod(c.pass.TypesInfo, wrappers, e)
	if call == nil || !w.waitErr[fn] {
		return
	}
	c.pass.Report(analysis.Diagnostic{
		Pos:      stmt.Pos(),
		End:      stmt.End(),
		Category: catWrapperErr,
		Message: fmt.Sprintf("error of %s is discarded: it returns errgroup.Group.Wait's error, so the first goroutine failure is lost",
			methodName(fn)),
	})
}

// methodName spells a method as (*T).M or T.M.
func methodName(fn *types.Func) string {
	recv := fn.Type().(*types.Signature).Recv()
	if _, ptr := types.Unalias(recv.Type()).(*types.Pointer); ptr {
		return fmt.Sprintf("(*%s).%s", apis.NamedOf(recv.Type()).Obj().Name(), fn.Name())
	}
	return fmt.Sprintf("%s.%s", apis.NamedOf(recv.Type()).Obj().Name(), fn.Name())
}

// wrapperFunc checks the local wrapper values that body creates.
func (c *checker) wrapperFunc(wrappers map[*types.Named]*wrapper, body *ast.BlockStmt) {
	info := c.pass.TypesInfo
	// Local variables of a wrapper type created in body by a composite
	// literal, new or a var declaration.
	var vars []*types.Var
	// created records id when it is defined as a new wrapper value: by
	// init, or (init nil, result >= 0) by result number result of the
	// constructor call rhs.
	created := func(id *ast.Ident, init ast.Expr, rhs ast.Expr, result int) {
		v, _ := info.Defs[id].(*types.Var)
		if v == nil || wrappers[apis.NamedOf(v.Type())] == nil {
			return
		}
		switch {
		case result >= 0:
			if !c.constructed(rhs, result) {
				return
			}
		case init != nil && !isCreation(info, init) && !c.constructed(init, 0):
			return
		}
		vars = append(vars, v)
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // checked on its own
		case *ast.AssignStmt:
			switch {
			case n.Tok != token.DEFINE:
			case len(n.Lhs) == len(n.Rhs):
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						created(id, n.Rhs[i], nil, -1)
					}
				}
			case len(n.Rhs) == 1: // p, err := NewPool()
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						created(id, nil, n.Rhs[0], i)
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				var init ast.Expr
				if i < len(n.Values) {
					init = n.Values[i]
				} else if len(n.Values) > 0 {
					continue
				}
				if _, isPtr := types.Unalias(info.Defs[id].Type()).(*types.Pointer); isPtr && init == nil {
					continue // a nil pointer
				}
				created(id, init, nil, -1)
			}
		}
		return true
	})
	for _, v := range vars {
		c.wrapperVar(wrappers, body, v)
	}
}

// constructed reports whether e is a call of a constructor of the
// package whose result number i is a value it makes itself on every path
// (see summary.Fresh): the caller holds the only reference, as if it had
// made the value.
func (c *checker) constructed(e ast.Expr, i int) bool {
	call, ok := apis.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return false
	}
	if c.fresh == nil {
		c.fresh = summary.NewFresh(c.pass.Pkg, c.pass.TypesInfo, c.pass.Files)
	}
	return c.fresh.Returns(fn, i)
}

// plainField reports whether sel selects a field of basic type (a name,
// a count): no group and nothing through which the value could be
// reached again.
func plainField(info *types.Info, sel *ast.SelectorExpr) bool {
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return false
	}
	_, basic := s.Type().Underlying().(*types.Basic)
	return basic
}

// isCreation reports whether e makes a new value: T{...}, &T{...} or
// new(T).
func isCreation(info *types.Info, e ast.Expr) bool {
	switch e := apis.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, ok := apis.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && ok
	case *ast.CallExpr:
		id, ok := apis.Unparen(e.Fun).(*ast.Ident)
		return ok && info.Uses[id] == types.Universe.Lookup("new")
	}
	return false
}

// wrapperVar checks one local wrapper value v of body: every use must be
// a method call on it or the selection of a field of basic type, outside
// function literals (Conservative: a value passed, returned, stored,
// captured or whose other fields are read may be
// waited for elsewhere). It reports the returns reached after a starting
// method without a waiting one, or the first start when no path waits.
func (c *checker) wrapperVar(wrappers map[*types.Named]*wrapper, body *ast.BlockStmt, v *types.Var) {
	info := c.pass.TypesInfo
	w := wrappers[apis.NamedOf(v.Type())]
	role := make(map[ast.Node]string) // "start", "wait"
	methods := make(map[*ast.CallExpr]*types.Func)
	ok := true
	var firstStart *ast.CallExpr
	var startFn *types.Func
	var inspect func(n ast.Node, lit bool) bool
	inspect = func(root ast.Node, lit bool) bool {
		ast.Inspect(root, func(n ast.Node) bool {
			if !ok {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				inspect(n.Body, true)
				return false
			case *ast.GoStmt:
				if call, _, _ := wrapperMethod(info, wrappers, n.Call); call != nil && rootVar(info, apis.Unparen(call.Fun).(*ast.SelectorExpr).X) == v {
					ok = false // go p.Wait(): the join is delegated
				}
			case *ast.CallExpr:
				call, fn, _ := wrapperMethod(info, wrappers, n)
				if call == nil {
					return true
				}
				if id, isID := apis.Unparen(apis.Unparen(call.Fun).(*ast.SelectorExpr).X).(*ast.Ident); isID && info.Uses[id] == v {
					if lit {
						ok = false
						return false
					}
					methods[call] = fn
					switch {
					case w.starts[fn]:
						role[call] = "start"
						if firstStart == nil {
							firstStart, startFn = call, fn
						}
					case w.waits[fn]:
						role[call] = "wait"
					}
					// the receiver identifier is a use we understand
					for _, a := range call.Args {
						inspect(a, lit)
					}
					return false
				}
			case *ast.SelectorExpr:
				// p.n, p.n = x: reading or setting a field that holds no
				// group hands neither the value nor its group on.
				if id, isID := apis.Unparen(n.X).(*ast.Ident); isID && info.Uses[id] == v {
					if lit || !plainField(info, n) {
						ok = false
					}
					return false
				}
			case *ast.Ident:
				if info.Uses[n] == v {
					ok = false // Conservative: handed on, read or captured
				}
			}
			return true
		})
		return ok
	}
	if !inspect(body, false) || firstStart == nil {
		return
	}
	c.chanJoins(w, body, methods, role)
	rets, joined := wrapperExits(info, body, role)
	if len(rets) == 0 {
		return
	}
	var waitName string
	for fn := range w.waits {
		if waitName == "" || fn.Name() < waitName {
			waitName = fn.Name()
		}
	}
	if !joined {
		c.pass.Report(analysis.Diagnostic{
			Pos:      firstStart.Pos(),
			End:      firstStart.End(),
			Category: catWrapperReturn,
			Message: fmt.Sprintf("goroutines started through %s.%s are never waited for: call %s.%s before returning, or they outlive the call",
				v.Name(), startFn.Name(), v.Name(), waitName),
		})
		return
	}
	for _, r := range rets {
		c.pass.Report(analysis.Diagnostic{
			Pos:      r.Pos(),
			End:      r.End(),
			Category: catWrapperReturn,
			Message: fmt.Sprintf("return skips %s.%s: goroutines started through %s.%s keep running after the call returns",
				v.Name(), waitName, v.Name(), startFn.Name()),
			Related: []analysis.RelatedInformation{{Pos: firstStart.Pos(), Message: "goroutines started here"}},
		})
	}
}

// wrapperExits walks the control-flow graph of body and returns the
// returns reached after a start without a wait in between (or a deferred
// wait before them); for the implicit return at the end of the body, the
// closing brace. joined reports whether some path waits after a start.
func wrapperExits(info *types.Info, body *ast.BlockStmt, role map[ast.Node]string) (rets []ast.Node, joined bool) {
	mayReturn := func(call *ast.CallExpr) bool {
		if id, ok := apis.Unparen(call.Fun).(*ast.Ident); ok && info.Uses[id] == types.Universe.Lookup("panic") {
			return false
		}
		fn := apis.CalleeFunc(info, call)
		return !apis.NoReturn(fn) && !apis.MarksTestFailed(fn)
	}
	// The graph ends a block at select {} as it does at the end of the
	// body; with one in the body, only return statements count as exits.
	blocksForever := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			if len(n.Body.List) == 0 {
				blocksForever = true
			}
		}
		return !blocksForever
	})
	g := cfg.New(body, mayReturn)
	if len(g.Blocks) == 0 {
		return nil, false
	}
	type state struct {
		b                 *cfg.Block
		started, deferred bool
	}
	seen := make(map[state]bool)
	reported := make(map[ast.Node]bool)
	stack := []state{{b: g.Blocks[0]}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		started, deferred := s.started, s.deferred
		var last ast.Node
		for _, n := range s.b.Nodes {
			last = n
			_, isDefer := n.(*ast.DeferStmt)
			ast.Inspect(n, func(x ast.Node) bool {
				if _, lit := x.(*ast.FuncLit); lit {
					return false
				}
				switch role[x] {
				case "start":
					started = true
					if deferred {
						joined = true
					}
				case "wait":
					if isDefer {
						deferred = true
					} else if started {
						started, joined = false, true
					}
				}
				return true
			})
		}
		if len(s.b.Succs) == 0 {
			if !started || deferred {
				continue
			}
			if ret, ok := last.(*ast.ReturnStmt); ok {
				if !reported[ret] {
					reported[ret] = true
					rets = append(rets, ret)
				}
				continue
			}
			if es, ok := last.(*ast.ExprStmt); ok {
				if call, ok := apis.Unparen(es.X).(*ast.CallExpr); ok && !mayReturn(call) {
					continue
				}
			}
			if !blocksForever && !reported[body] {
				reported[body] = true // the end of the body
				rets = append(rets, &ast.Ident{NamePos: body.Rbrace, Name: "}"})
			}
			continue
		}
		for _, succ := range s.b.Succs {
			stack = append(stack, state{succ, started, deferred})
		}
	}
	return rets, joined
}
