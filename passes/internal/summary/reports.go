package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// Reports answers, for the functions of one package, whether every error
// a function returns it has already reported: a caller that drops the
// result loses no failure. It is computed from syntax and types alone,
// so that it covers every function of the package, not only those the
// fanout front end builds SSA for, lazily (a function is summarised the
// first time a check asks about it, and once) and with no dependency on
// another analyzer.
//
// A returned error counts as reported when, on the path that reaches the
// return statement, it is
//
//   - the predeclared nil, or a variable that is still nil there (never
//     assigned, or tested non-nil by an if whose body ends the path);
//   - the cancellation of a context, ctx.Err() or context.Cause(ctx):
//     whoever cancelled the context knows of it already;
//   - the result of a call of a function of the package that reports
//     every error it returns (this summary, recursively);
//   - a variable last assigned one of the above;
//   - a variable that an earlier statement of the path reported: handed
//     to a call used as a statement (log.Printf("…: %v", err), t.Error,
//     slog.Error("…", "err", err), s.fail(err), directly or nested in
//     an argument such as zap.Error(err) or err.Error()), sent on a
//     channel that someone in the package receives from, or stored in a
//     field, a package variable or through a pointer; or an if err !=
//     nil whose body does one of these (after it, err is nil or
//     reported);
//   - fmt.Errorf or errors.Join of errors that are all reported.
//
// A function with a named error result that a deferred function literal
// reports (defer func() { if err != nil { log.Print(err) } }()), or
// whose address a deferred call is handed, reports every error too.
//
// Conservative: only the function's own syntax is read. A variable that
// a function literal assigns, or whose address is taken, can change
// behind the path's back and is never reported; so is a parameter, a
// variable assigned inside a loop or a branch the path does not enter
// in full, a function with goto, and every function of another package.
type Reports struct {
	pkg   *types.Package
	info  *types.Info
	files []*ast.File

	decls map[*types.Func]*ast.FuncDecl // built on the first request
	memo  map[*types.Func]reportState
	recvd map[*types.Var]bool // channel variables and fields received from; built when needed
}

// reportState is the memo of one function's summary.
type reportState int

const (
	reportUnknown reportState = iota
	reportVisiting
	reportYes
	reportNo
)

// NewReports returns the summary of the package pkg, whose syntax is
// files and whose type information is info. Nothing is computed until a
// question is asked.
func NewReports(pkg *types.Package, info *types.Info, files []*ast.File) *Reports {
	return &Reports{pkg: pkg, info: info, files: files, memo: make(map[*types.Func]reportState)}
}

// Func reports whether fn, a function or method declared with a body in
// the package, reports every error it returns (see Reports). It is false
// for a function of another package, one without a body or without an
// error result, and for a function whose summary depends on itself
// through recursion.
func (r *Reports) Func(fn *types.Func) bool {
	if fn == nil || fn.Pkg() != r.pkg {
		return false
	}
	fn = fn.Origin()
	switch r.memo[fn] {
	case reportYes:
		return true
	case reportNo, reportVisiting:
		return false
	}
	r.memo[fn] = reportVisiting
	ok := false
	if decl := r.decl(fn); decl != nil {
		ok = r.body(fn.Type().(*types.Signature), decl.Type, decl.Body)
	}
	if ok {
		r.memo[fn] = reportYes
	} else {
		r.memo[fn] = reportNo
	}
	return ok
}

// Lit reports whether the function literal lit reports every error it
// returns (see Reports).
func (r *Reports) Lit(lit *ast.FuncLit) bool {
	sig, ok := r.info.TypeOf(lit).(*types.Signature)
	return ok && r.body(sig, lit.Type, lit.Body)
}

// decl returns the declaration of fn in the package, or nil.
func (r *Reports) decl(fn *types.Func) *ast.FuncDecl {
	if r.decls == nil {
		r.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range r.files {
			for _, d := range f.Decls {
				if d, ok := d.(*ast.FuncDecl); ok && d.Body != nil {
					if obj, ok := r.info.Defs[d.Name].(*types.Func); ok {
						r.decls[obj] = d
					}
				}
			}
		}
	}
	return r.decls[fn]
}

// body reports whether the function with signature sig, type ft and
// body body reports every error it returns.
func (r *Reports) body(sig *types.Signature, ft *ast.FuncType, body *ast.BlockStmt) bool {
	if body == nil {
		return false
	}
	idx := apis.ErrorResult(sig)
	if idx < 0 {
		return false
	}
	result := resultVar(r.info, ft, idx)
	if result != nil && r.deferReports(body, result) {
		return true
	}
	if hasGoto(body) {
		return false
	}
	w := &walker{r: r, body: body, result: result, idx: idx, nres: sig.Results().Len()}
	if result != nil && w.escapes(result) {
		// A deferred literal that assigns the named result (a recover
		// turned into an error) replaces whatever the return statements
		// return.
		return false
	}
	return w.returns()
}

// resultVar returns the named result at index idx of ft, or nil when the
// results are unnamed.
func resultVar(info *types.Info, ft *ast.FuncType, idx int) *types.Var {
	if ft.Results == nil {
		return nil
	}
	i := 0
	for _, field := range ft.Results.List {
		if len(field.Names) == 0 {
			return nil
		}
		for _, name := range field.Names {
			if i == idx {
				v, _ := info.Defs[name].(*types.Var)
				return v
			}
			i++
		}
	}
	return nil
}

// deferReports reports whether a defer statement of body (not of the
// literals nested in it) reports the named result after the function
// returns: a deferred function literal reports it (see reportsIn), or
// the deferred call is handed its address. An argument that names the
// result directly does not count: it is evaluated when the defer
// statement runs, before any return.
func (r *Reports) deferReports(body *ast.BlockStmt, result *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if lit, ok := apis.Unparen(n.Call.Fun).(*ast.FuncLit); ok && r.reportsWithin(lit.Body, result) {
				found = true
			}
			for _, a := range n.Call.Args {
				if u, ok := apis.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND && r.isVar(u.X, result) {
					found = true
				}
			}
			return false
		}
		return !found
	})
	return found
}

// reportsWithin reports whether some statement of body, at any depth,
// reports v (see reports).
func (r *Reports) reportsWithin(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if s, ok := n.(ast.Stmt); ok && r.reports(s, v) {
			found = true
		}
		return !found
	})
	return found
}

// isVar reports whether e denotes the variable v.
func (r *Reports) isVar(e ast.Expr, v *types.Var) bool {
	id, ok := apis.Unparen(e).(*ast.Ident)
	return ok && (r.info.Uses[id] == v || r.info.Defs[id] == v)
}

// mentions reports whether v occurs in e outside the function literals
// nested in it.
func (r *Reports) mentions(e ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if r.info.Uses[n] == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// reports reports whether the statement s by itself reports v: a call
// used as a statement that mentions v in an argument, a send of a value
// mentioning v on a channel the package receives from, or an assignment
// of such a value to a field, a package variable or through a pointer.
func (r *Reports) reports(s ast.Stmt, v *types.Var) bool {
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, ok := apis.Unparen(s.X).(*ast.CallExpr)
		if !ok || !r.effectCall(call) {
			return false
		}
		for _, a := range call.Args {
			if r.mentions(a, v) {
				return true
			}
		}
	case *ast.SendStmt:
		return r.mentions(s.Value, v) && r.received(s.Chan)
	case *ast.AssignStmt:
		if len(s.Lhs) != len(s.Rhs) {
			return false
		}
		for i, lhs := range s.Lhs {
			if r.mentions(s.Rhs[i], v) && r.outside(lhs) {
				return true
			}
		}
	}
	return false
}

// effectCall reports whether call is made for its effect on something
// other than its arguments' values: any call but of a builtin, except
// print and println, and but of a type conversion.
func (r *Reports) effectCall(call *ast.CallExpr) bool {
	if tv, ok := r.info.Types[call.Fun]; ok && tv.IsType() {
		return false
	}
	if id, ok := apis.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := r.info.Uses[id].(*types.Builtin); ok {
			return b.Name() == "print" || b.Name() == "println"
		}
	}
	return true
}

// outside reports whether the assignment target lhs stores outside the
// function's locals: a struct field, a package variable, or through a
// pointer.
func (r *Reports) outside(lhs ast.Expr) bool {
	switch e := apis.Unparen(lhs).(type) {
	case *ast.SelectorExpr:
		if sel, ok := r.info.Selections[e]; ok {
			return sel.Kind() == types.FieldVal
		}
		_, ok := r.info.Uses[e.Sel].(*types.Var) // pkg.Var
		return ok
	case *ast.StarExpr:
		return true
	case *ast.Ident:
		v, ok := r.info.Uses[e].(*types.Var)
		return ok && v.Parent() == r.pkg.Scope()
	}
	return false
}

// chanVar returns the variable or field (its generic origin) that the
// channel expression e denotes, or nil.
func (r *Reports) chanVar(e ast.Expr) *types.Var {
	switch e := apis.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := r.info.Uses[e].(*types.Var)
		if v == nil {
			v, _ = r.info.Defs[e].(*types.Var)
		}
		if v != nil {
			return v.Origin()
		}
	case *ast.SelectorExpr:
		if sel, ok := r.info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			if v, ok := sel.Obj().(*types.Var); ok {
				return v.Origin()
			}
			return nil
		}
		if v, ok := r.info.Uses[e.Sel].(*types.Var); ok {
			return v.Origin()
		}
	}
	return nil
}

// received reports whether the channel expression ch denotes a variable
// or field that some code of the package receives from: a receive
// operation, a range, or a select case.
//
// Conservative: a channel parameter, whose receiver is the caller's own
// variable, and a channel reached any other way count as not received.
func (r *Reports) received(ch ast.Expr) bool {
	v := r.chanVar(ch)
	if v == nil {
		return false
	}
	if r.recvd == nil {
		r.recvd = make(map[*types.Var]bool)
		for _, f := range r.files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.UnaryExpr:
					if n.Op == token.ARROW {
						if cv := r.chanVar(n.X); cv != nil {
							r.recvd[cv] = true
						}
					}
				case *ast.RangeStmt:
					if t := r.info.TypeOf(n.X); t != nil {
						if _, ok := t.Underlying().(*types.Chan); ok {
							if cv := r.chanVar(n.X); cv != nil {
								r.recvd[cv] = true
							}
						}
					}
				}
				return true
			})
		}
	}
	return r.recvd[v]
}

// hasGoto reports whether body (or a literal in it) holds a goto
// statement, after which the order of statements no longer tells the
// path.
func hasGoto(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
			found = true
		}
		return !found
	})
	return found
}

// A walker checks the return statements of one function body.
type walker struct {
	r      *Reports
	body   *ast.BlockStmt
	result *types.Var // the named error result, or nil
	idx    int        // index of the error result
	nres   int        // number of results

	stack   []ast.Node // from body down to the current node
	escaped map[*types.Var]bool
}

// returns reports whether every return statement of the body (not of
// the literals nested in it) returns a reported error.
func (w *walker) returns() bool {
	ok := true
	visit := func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n == nil {
			w.stack = w.stack[:len(w.stack)-1]
			return false
		}
		if _, isLit := n.(*ast.FuncLit); isLit {
			return false
		}
		w.stack = append(w.stack, n)
		if ret, isRet := n.(*ast.ReturnStmt); isRet && !w.returnOK(ret) {
			ok = false
		}
		return true
	}
	ast.Inspect(w.body, visit)
	return ok
}

// returnOK reports whether the return statement ret, the last node of
// w.stack, returns a reported error.
func (w *walker) returnOK(ret *ast.ReturnStmt) bool {
	switch len(ret.Results) {
	case 0:
		// A bare return of named results.
		return w.result != nil && w.varOK(w.result, len(w.stack)-1)
	case 1:
		if w.nres > 1 {
			// return f(): the tuple of a call.
			return w.callOK(ret.Results[0])
		}
		return w.exprOK(ret.Results[0], len(w.stack)-1)
	}
	if w.idx >= len(ret.Results) {
		return false
	}
	return w.exprOK(ret.Results[w.idx], len(w.stack)-1)
}

// exprOK reports whether the error expression e, evaluated at the
// statement w.stack[at], is reported.
func (w *walker) exprOK(e ast.Expr, at int) bool {
	e = apis.Unparen(e)
	info := w.r.info
	switch e := e.(type) {
	case *ast.Ident:
		if info.Uses[e] == types.Universe.Lookup("nil") {
			return true
		}
		v, ok := info.Uses[e].(*types.Var)
		return ok && w.varOK(v, at)
	case *ast.CallExpr:
		if w.callOK(e) || isCancellation(info, e) {
			return true
		}
		if wrapsReported(info, e) {
			n := 0
			for _, a := range e.Args {
				if t := info.TypeOf(a); t != nil && types.Implements(t, errorIface()) && !isNilIdent(info, a) {
					if !w.exprOK(a, at) {
						return false
					}
					n++
				}
			}
			return n > 0
		}
	}
	return false
}

// callOK reports whether e calls a function of the package that reports
// every error it returns.
func (w *walker) callOK(e ast.Expr) bool {
	call, ok := apis.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := apis.CalleeFunc(w.r.info, call)
	return fn != nil && w.r.Func(fn)
}

// varOK reports whether the error variable v holds, at the statement
// w.stack[at], nil or a reported error, by walking back from that
// statement through the statements that run before it.
func (w *walker) varOK(v *types.Var, at int) bool {
	if v.Parent() == nil || v.Parent() == w.r.pkg.Scope() || w.escapes(v) {
		return false // a field or package variable; or assigned behind the path's back
	}
	for i := at; i > 0; i-- {
		node, parent := w.stack[i], w.stack[i-1]
		switch p := parent.(type) {
		case *ast.BlockStmt:
			if i >= 2 {
				switch w.stack[i-2].(type) {
				case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
					continue // the clauses are alternatives, not predecessors
				}
			}
			if verdict, done := w.scan(p.List, node, v); done {
				return verdict
			}
		case *ast.CaseClause:
			if hasFallthrough(w.stack, i) {
				return false
			}
			if verdict, done := w.scan(p.Body, node, v); done {
				return verdict
			}
		case *ast.CommClause:
			if verdict, done := w.scan(p.Body, node, v); done {
				return verdict
			}
			if p.Comm != nil && node != p.Comm {
				if verdict, done := w.step(p.Comm, v); done {
					return verdict
				}
			}
		case *ast.IfStmt:
			if node == p.Init {
				continue
			}
			// The condition is evaluated after Init, so whatever Init
			// assigned, v is nil in these branches.
			if node == p.Else && isNilTest(w.r.info, p.Cond, v, token.NEQ) {
				return true // if v != nil { ... } else { here }
			}
			if node == p.Body && isNilTest(w.r.info, p.Cond, v, token.EQL) {
				return true // if v == nil { here }
			}
			if w.assigns(p.Cond, v) {
				return false
			}
			if p.Init != nil {
				if verdict, done := w.step(p.Init, v); done {
					return verdict
				}
			}
		case *ast.ForStmt:
			if node == p.Init {
				continue
			}
			// The value may come from an earlier iteration.
			if w.assigns(p.Cond, v) || w.assigns(p.Post, v) || w.assigns(p.Body, v) {
				return false
			}
			if p.Init != nil {
				if verdict, done := w.step(p.Init, v); done {
					return verdict
				}
			}
		case *ast.RangeStmt:
			if w.assigns(p, v) {
				return false
			}
		case *ast.SwitchStmt:
			if node == p.Init {
				continue
			}
			if w.assigns(p.Tag, v) {
				return false
			}
			if p.Init != nil {
				if verdict, done := w.step(p.Init, v); done {
					return verdict
				}
			}
		case *ast.TypeSwitchStmt:
			if node == p.Init || node == p.Assign {
				continue
			}
			if w.assigns(p.Assign, v) {
				return false
			}
			if p.Init != nil {
				if verdict, done := w.step(p.Init, v); done {
					return verdict
				}
			}
		case *ast.SelectStmt, *ast.LabeledStmt:
		default:
			// An expression or another node holding the statement: the
			// statement is not one of a list.
			if _, ok := parent.(ast.Stmt); !ok {
				return false
			}
		}
	}
	// The start of the function: a named result starts nil; a parameter
	// holds whatever the caller passed.
	return v == w.result
}

// hasFallthrough reports whether the case clause w.stack[i-1] can be
// entered by a fallthrough from the clause before it.
func hasFallthrough(stack []ast.Node, i int) bool {
	if i < 2 {
		return false
	}
	block, ok := stack[i-2].(*ast.BlockStmt)
	if !ok {
		return false
	}
	for j, s := range block.List {
		if s != stack[i-1] || j == 0 {
			continue
		}
		prev := block.List[j-1].(*ast.CaseClause)
		if n := len(prev.Body); n > 0 {
			if b, ok := prev.Body[n-1].(*ast.BranchStmt); ok && b.Tok == token.FALLTHROUGH {
				return true
			}
		}
	}
	return false
}

// scan walks back through the statements of list before node and
// returns the verdict of the first that settles v (see step).
func (w *walker) scan(list []ast.Stmt, node ast.Node, v *types.Var) (verdict, done bool) {
	i := len(list)
	for j, s := range list {
		if s == node {
			i = j
			break
		}
	}
	for j := i - 1; j >= 0; j-- {
		if verdict, done := w.step(list[j], v); done {
			return verdict, true
		}
	}
	return false, false
}

// step tells what the statement s, which runs before the point of
// interest, says of v there: done with verdict true when s leaves v nil
// or reported, done with false when s may leave it holding an unreported
// error, not done when s does not touch v.
func (w *walker) step(s ast.Stmt, v *types.Var) (verdict, done bool) {
	if w.r.reports(s, v) {
		return true, true
	}
	switch s := s.(type) {
	case *ast.IfStmt:
		if !w.assigns(s, v) && isNilTest(w.r.info, s.Cond, v, token.NEQ) {
			// if v != nil { report v } or if v != nil { ...; return }:
			// past the if, v is nil or reported.
			if w.blockReports(s.Body, v) || w.terminates(s.Body) {
				return true, true
			}
		}
	case *ast.AssignStmt:
		if verdict, done := w.assignment(s, v); done {
			return verdict, true
		}
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for k, name := range vs.Names {
					if w.r.info.Defs[name] != v {
						continue
					}
					switch {
					case len(vs.Values) == 0:
						return true, true // var err error: nil
					case len(vs.Values) == len(vs.Names):
						return w.valueOK(vs.Values[k]), true
					default:
						return w.callOK(vs.Values[0]), true
					}
				}
			}
		}
	}
	if w.assigns(s, v) {
		return false, true
	}
	return false, false
}

// assignment tells what the assignment s says of v: when v is one of
// its targets, whether the value assigned is reported (see valueOK).
func (w *walker) assignment(s *ast.AssignStmt, v *types.Var) (verdict, done bool) {
	for k, lhs := range s.Lhs {
		if !w.r.isVar(lhs, v) {
			continue
		}
		if s.Tok != token.ASSIGN && s.Tok != token.DEFINE {
			return false, true
		}
		if len(s.Lhs) == len(s.Rhs) {
			return w.valueOK(s.Rhs[k]), true
		}
		return w.callOK(s.Rhs[0]), true // a, err := f()
	}
	return false, false
}

// valueOK reports whether the value e assigned to an error variable is
// reported without looking at other variables: nil, a cancellation, a
// call of a reporting function of the package.
func (w *walker) valueOK(e ast.Expr) bool {
	info := w.r.info
	if isNilIdent(info, e) {
		return true
	}
	call, ok := apis.Unparen(e).(*ast.CallExpr)
	return ok && (w.callOK(call) || isCancellation(info, call))
}

// blockReports reports whether a statement at the top level of block
// reports v.
func (w *walker) blockReports(block *ast.BlockStmt, v *types.Var) bool {
	for _, s := range block.List {
		if w.r.reports(s, v) {
			return true
		}
	}
	return false
}

// terminates reports whether block ends in a statement after which the
// code that follows the enclosing statement does not run: a return, a
// branch, or a call of panic or of a function that never returns
// (os.Exit, log.Fatal, t.Fatal: see apis.NoReturn).
func (w *walker) terminates(block *ast.BlockStmt) bool {
	if len(block.List) == 0 {
		return false
	}
	switch s := block.List[len(block.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := apis.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := apis.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := w.r.info.Uses[id].(*types.Builtin); ok {
				return b.Name() == "panic"
			}
		}
		fn, _ := typeutil.Callee(w.r.info, call).(*types.Func)
		return apis.NoReturn(fn)
	}
	return false
}

// isNilTest reports whether cond compares v with nil by op (token.NEQ
// or token.EQL), either way round.
func isNilTest(info *types.Info, cond ast.Expr, v *types.Var, op token.Token) bool {
	b, ok := apis.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != op {
		return false
	}
	is := func(e ast.Expr) bool {
		id, ok := apis.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	return (is(b.X) && isNilIdent(info, b.Y)) || (is(b.Y) && isNilIdent(info, b.X))
}

// assigns reports whether n, at any depth, may change v: an assignment
// or definition of it, an increment, a range over it, or its address.
func (w *walker) assigns(n ast.Node, v *types.Var) bool {
	if n == nil {
		return false
	}
	info := w.r.info
	found := false
	is := func(e ast.Expr) bool {
		id, ok := apis.Unparen(e).(*ast.Ident)
		return ok && (info.Uses[id] == v || info.Defs[id] == v)
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if is(l) {
					found = true
				}
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				if info.Defs[name] == v {
					found = true
				}
			}
		case *ast.RangeStmt:
			if (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value)) {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && is(n.X) {
				found = true
			}
		}
		return !found
	})
	return found
}

// escapes reports whether v may change where the order of the body's
// statements does not show it: a function literal assigns it or takes
// its address, or the body takes its address.
func (w *walker) escapes(v *types.Var) bool {
	if w.escaped == nil {
		w.escaped = make(map[*types.Var]bool)
		info := w.r.info
		var inLit func(n ast.Node, lit bool)
		inLit = func(n ast.Node, lit bool) {
			ast.Inspect(n, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					if !lit {
						inLit(n.Body, true)
						return false
					}
				case *ast.AssignStmt:
					if lit {
						for _, l := range n.Lhs {
							if id, ok := apis.Unparen(l).(*ast.Ident); ok {
								if lv, ok := info.Uses[id].(*types.Var); ok {
									w.escaped[lv] = true
								}
							}
						}
					}
				case *ast.UnaryExpr:
					if n.Op == token.AND {
						if id, ok := apis.Unparen(n.X).(*ast.Ident); ok {
							if lv, ok := info.Uses[id].(*types.Var); ok {
								w.escaped[lv] = true
							}
						}
					}
				}
				return true
			})
		}
		inLit(w.body, false)
	}
	return w.escaped[v]
}

// isNilIdent reports whether e is the predeclared nil.
func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := apis.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == types.Universe.Lookup("nil")
}

// isCancellation reports whether call is context.Context's Err method or
// context.Cause: the error of a cancelled context, nothing else.
func isCancellation(info *types.Info, call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return apis.IsCancellationFunc(fn)
}

// wrapsReported reports whether call is fmt.Errorf or errors.Join, which
// return an error made of their arguments: it is reported when the
// errors it wraps are.
func wrapsReported(info *types.Info, call *ast.CallExpr) bool {
	fn := apis.CalleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil || apis.RecvType(fn) != nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "fmt":
		return fn.Name() == "Errorf"
	case "errors":
		return fn.Name() == "Join"
	}
	return false
}

// errorIface returns the error interface.
func errorIface() *types.Interface {
	return types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
}
