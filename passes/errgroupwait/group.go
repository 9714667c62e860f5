package errgroupwait

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// receiver returns the receiver expression of a method call, without
// parentheses, or nil.
func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return apis.Unparen(sel.X)
	}
	return nil
}

// outerFunc returns the function declaration that encloses cur, looking
// through function literals.
func outerFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

// neverFails reports whether w's group provably never yields a failure
// of its goroutines: every function its Go and TryGo receive returns nil,
// the cancellation of a context, or an error it has already reported
// (see workerOK). The group must be one whose every Go site is in view:
//
//   - a local variable initialised with a new group (not a parameter, not
//     a copy of another reference), used only as the receiver of errgroup
//     methods, whose Go and TryGo receive literals, local variables only
//     ever assigned literals, or functions of the package;
//   - or an unexported struct field of a type of the package (see
//     fieldNeverFails), judged over every Go site in the package.
//
// A group used in any other way (passed on, copied, reassigned, its
// address taken) might be given failing work elsewhere.
func neverFails(pass *analysis.Pass, fo *fanout.Result, rep *summary.Reports, w waitCall) bool {
	if field := groupField(pass.TypesInfo, w.call); field != nil {
		return fieldNeverFails(pass, fo, rep, field)
	}
	id, ok := receiver(w.call).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || v.Parent() == pass.Pkg.Scope() {
		return false
	}
	decl, ok := outerFunc(w.cur)
	if !ok {
		return false
	}
	fresh := false
	for c := range decl.Preorder((*ast.Ident)(nil)) {
		use := c.Node().(*ast.Ident)
		if pass.TypesInfo.Defs[use] == v {
			fresh = isFreshGroup(pass, c)
			continue
		}
		if pass.TypesInfo.Uses[use] != v {
			continue
		}
		sel, ok := c.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != use {
			return false
		}
		call, ok := c.Parent().Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != sel {
			return false
		}
		switch apis.Callee(pass.TypesInfo, call) {
		case apis.ErrgroupWait, apis.ErrgroupSetLimit:
		case apis.ErrgroupGo, apis.ErrgroupTryGo:
			if !workerOK(pass, fo, rep, decl, call.Args[0]) {
				return false
			}
		default:
			return false
		}
	}
	return fresh
}

// fieldNeverFails reports whether the group held in field never yields
// a failure of its goroutines: the field is unexported and declared in
// the package, so that every use of it is in view; every use is the
// receiver of an errgroup method call or the target of an assignment of
// a new group; there is at least one Go or TryGo on it; and every Go and
// TryGo on it, anywhere in the package, receives a function that returns
// nil, the cancellation of a context or an error it has already reported
// (see workerOK). The failures of such goroutines, if they have any, are
// kept elsewhere (logged, stored in another field), and the group is a
// join.
//
// Conservative: an exported field (an embedded errgroup.Group is one) can
// be given work by other packages; a field whose group is handed on,
// copied, or assigned another reference is not followed.
func fieldNeverFails(pass *analysis.Pass, fo *fanout.Result, rep *summary.Reports, field *types.Var) bool {
	if field.Exported() || field.Pkg() != pass.Pkg {
		return false
	}
	// Every use of the field counts, not only those in fanout's
	// candidates, so this walks all of the package's files. It runs only
	// for a discarded Wait on an unexported field group, which is rare.
	insp := inspector.New(pass.Files)
	sites := 0
	for c := range insp.Root().Preorder((*ast.SelectorExpr)(nil), (*ast.CompositeLit)(nil)) {
		switch n := c.Node().(type) {
		case *ast.CompositeLit:
			// T{g: ...}: a group from elsewhere may be put in the field.
			if st, ok := typeUnder(pass.TypesInfo.TypeOf(n)).(*types.Struct); ok {
				for f := range st.Fields() {
					if f.Origin() == field {
						return false
					}
				}
			}
		case *ast.SelectorExpr:
			s, ok := pass.TypesInfo.Selections[n]
			if !ok || s.Kind() != types.FieldVal || s.Obj().(*types.Var).Origin() != field {
				continue
			}
			use := c
			for {
				if _, ok := use.Parent().Node().(*ast.ParenExpr); !ok {
					break
				}
				use = use.Parent()
			}
			switch p := use.Parent().Node().(type) {
			case *ast.SelectorExpr:
				call, ok := use.Parent().Parent().Node().(*ast.CallExpr)
				if !ok || call.Fun != p {
					return false // a method value, or a field of the group
				}
				switch apis.Callee(pass.TypesInfo, call) {
				case apis.ErrgroupWait, apis.ErrgroupSetLimit:
				case apis.ErrgroupGo, apis.ErrgroupTryGo:
					decl, ok := outerFunc(use)
					if !ok || !workerOK(pass, fo, rep, decl, call.Args[0]) {
						return false
					}
					sites++
				default:
					return false
				}
			case *ast.AssignStmt:
				k, idx := use.ParentEdge()
				if k != edge.AssignStmt_Lhs || !freshGroupExpr(pass, p, idx) {
					return false
				}
			default:
				return false
			}
		}
	}
	return sites > 0
}

// freshGroupExpr reports whether the assignment a gives its idx-th
// target a group nobody else holds: errgroup.WithContext(ctx), a
// composite literal, new(errgroup.Group) or &errgroup.Group{}.
func freshGroupExpr(pass *analysis.Pass, a *ast.AssignStmt, idx int) bool {
	var rhs ast.Expr
	switch {
	case len(a.Rhs) == len(a.Lhs):
		rhs = a.Rhs[idx]
	case len(a.Rhs) == 1 && idx == 0:
		rhs = a.Rhs[0] // g, ctx = errgroup.WithContext(ctx)
	default:
		return false
	}
	return isFreshExpr(pass, rhs)
}

// workerOK reports whether the function arg, passed to Go or TryGo in
// decl, returns only nil, the cancellation of a context, or errors it
// has already reported: a literal (or a local variable assigned nothing
// but literals, see workerLiterals), judged on its SSA form when built
// (returnsNoFailureSSA), on its syntax otherwise (returnsNoFailure), and
// by the package's summary of reported errors (summary.Reports); or a
// function or method value of a function of the package that the
// summary says reports every error it returns.
func workerOK(pass *analysis.Pass, fo *fanout.Result, rep *summary.Reports, decl inspector.Cursor, arg ast.Expr) bool {
	var fn *types.Func
	switch e := apis.Unparen(arg).(type) {
	case *ast.SelectorExpr:
		if s, ok := pass.TypesInfo.Selections[e]; ok && s.Kind() == types.MethodVal {
			fn, _ = s.Obj().(*types.Func)
		} else if !ok {
			fn, _ = pass.TypesInfo.Uses[e.Sel].(*types.Func)
		}
	case *ast.Ident:
		fn, _ = pass.TypesInfo.Uses[e].(*types.Func)
	}
	if fn != nil {
		return rep.Func(fn)
	}
	lits, ok := workerLiterals(pass, decl, arg)
	if !ok {
		return false
	}
	for _, lit := range lits {
		if rep.Lit(lit) {
			continue
		}
		if fn := fo.Func(lit); fn != nil {
			if !returnsNoFailureSSA(fn) {
				return false
			}
		} else if !returnsNoFailure(pass.TypesInfo, lit) {
			return false
		}
	}
	return true
}

// workerLiterals returns the function literals that arg, the argument of
// a Go or TryGo call in decl, may evaluate to: arg itself when it is a
// literal, or every literal assigned to arg when it is a local variable
// of decl that is assigned nothing but literals (a zero-valued func
// variable cannot return an error) and whose address is never taken.
// ok is false for anything else: parameters, fields, method values,
// named functions, results of calls.
func workerLiterals(pass *analysis.Pass, decl inspector.Cursor, arg ast.Expr) (lits []*ast.FuncLit, ok bool) {
	switch e := apis.Unparen(arg).(type) {
	case *ast.FuncLit:
		return []*ast.FuncLit{e}, true
	case *ast.Ident:
		v, isVar := pass.TypesInfo.Uses[e].(*types.Var)
		if !isVar || v.IsField() || v.Parent() == nil || v.Parent() == pass.Pkg.Scope() {
			return nil, false
		}
		defined := false
		for c := range decl.Preorder((*ast.Ident)(nil)) {
			id := c.Node().(*ast.Ident)
			isDef := pass.TypesInfo.Defs[id] == v
			if !isDef && pass.TypesInfo.Uses[id] != v {
				continue
			}
			if isDef {
				defined = true
			}
			if u, ok := c.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
				return nil, false // &worker: it may be assigned through the pointer
			}
			rhs, assigned, known := assignedValue(c)
			if !known {
				return nil, false // a parameter, a range variable, a tuple from a call
			}
			if !assigned {
				continue // a read, or var worker func() error
			}
			lit, ok := apis.Unparen(rhs).(*ast.FuncLit)
			if !ok {
				return nil, false
			}
			lits = append(lits, lit)
		}
		return lits, defined
	}
	return nil, false
}

// assignedValue classifies the identifier at cur. For a variable being
// defined or assigned it returns the expression assigned to it
// (assigned), or assigned=false for a declaration without a value; for
// any other occurrence, a read, it returns assigned=false. known is false
// when the identifier receives a value that is not one expression of its
// own: a parameter, a range or type-switch variable, one result of a
// multi-valued call, or a compound assignment.
func assignedValue(cur inspector.Cursor) (rhs ast.Expr, assigned, known bool) {
	k, idx := cur.ParentEdge()
	switch p := cur.Parent().Node().(type) {
	case *ast.ValueSpec:
		if k != edge.ValueSpec_Names {
			return nil, false, true
		}
		switch {
		case len(p.Values) == 0:
			return nil, false, true
		case len(p.Values) == len(p.Names):
			return p.Values[idx], true, true
		}
		return nil, false, false
	case *ast.AssignStmt:
		if k != edge.AssignStmt_Lhs {
			return nil, false, true
		}
		if len(p.Lhs) != len(p.Rhs) || (p.Tok != token.ASSIGN && p.Tok != token.DEFINE) {
			return nil, false, false
		}
		return p.Rhs[idx], true, true
	case *ast.Field, *ast.RangeStmt, *ast.TypeSwitchStmt:
		return nil, false, false
	}
	return nil, false, true
}

// returnsNoFailure reports whether every return statement of lit (not of
// the literals nested in it) returns either the predeclared nil or the
// cancellation of a context: ctx.Err() or context.Cause(ctx). Such a
// goroutine never fails of its own accord; it only stops when a context
// is cancelled, which the code that cancelled it, or that holds the
// context, already knows.
func returnsNoFailure(info *types.Info, lit *ast.FuncLit) bool {
	ok := true
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 || !(isNil(info, n.Results[0]) || isCancellation(info, n.Results[0])) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// returnsNoFailureSSA is returnsNoFailure on the SSA form of a literal,
// which also follows the value to its sources: in
//
//	if err := ctx.Err(); err != nil {
//		return err
//	}
//
// the returned err is the result of ctx.Err(), and a named or reassigned
// result is a phi of such values.
func returnsNoFailureSSA(fn *ssa.Function) bool {
	seen := make(map[ssa.Value]bool)
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if len(ret.Results) != 1 || !onlyCancellation(ret.Results[0], seen) {
				return false
			}
		}
	}
	return true
}

// onlyCancellation reports whether every value v may take is nil or the
// result of ctx.Err() or context.Cause(ctx), looking through phis.
func onlyCancellation(v ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return true // a cycle of phis adds no new source
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Const:
		return v.IsNil()
	case *ssa.Phi:
		for _, e := range v.Edges {
			if !onlyCancellation(e, seen) {
				return false
			}
		}
		return true
	case *ssa.UnOp:
		// A function with a defer keeps its result in a local slot that
		// the return (and the recover block) load.
		alloc, ok := v.X.(*ssa.Alloc)
		return ok && v.Op == token.MUL && slotHoldsOnlyCancellation(alloc, seen)
	case *ssa.Call:
		var fn *types.Func
		if v.Call.IsInvoke() {
			fn = v.Call.Method
		} else if callee := v.Call.StaticCallee(); callee != nil {
			fn, _ = callee.Object().(*types.Func)
		}
		return fn != nil && apis.IsCancellationFunc(fn)
	}
	return false
}

// slotHoldsOnlyCancellation reports whether alloc, a local variable, is
// only ever loaded or assigned nil or cancellations. Its zero value is
// nil. Any other use (its address passed on or captured) may store
// anything.
func slotHoldsOnlyCancellation(alloc *ssa.Alloc, seen map[ssa.Value]bool) bool {
	for _, r := range ssautil.Referrers(alloc) {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc || !onlyCancellation(r.Val, seen) {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := apis.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == types.Universe.Lookup("nil")
}

// isCancellation reports whether e calls context.Context's Err method or
// context.Cause: the error of a cancelled context, nothing else.
func isCancellation(info *types.Info, e ast.Expr) bool {
	call, ok := apis.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && apis.IsCancellationFunc(fn)
}

// isFreshGroup reports whether the defining identifier at def is
// initialised with a group nobody else holds: var g errgroup.Group,
// g := new(errgroup.Group), &errgroup.Group{}, or errgroup.WithContext.
// Parameters and copies of other references are not fresh.
func isFreshGroup(pass *analysis.Pass, def inspector.Cursor) bool {
	var rhs ast.Expr
	switch p := def.Parent().Node().(type) {
	case *ast.ValueSpec:
		if len(p.Values) == 0 {
			return true // var g errgroup.Group
		}
		if len(p.Values) == len(p.Names) {
			_, idx := def.ParentEdge()
			rhs = p.Values[idx]
		} else if len(p.Values) == 1 {
			rhs = p.Values[0]
		}
	case *ast.AssignStmt:
		if len(p.Rhs) == len(p.Lhs) {
			_, idx := def.ParentEdge()
			rhs = p.Rhs[idx]
		} else if len(p.Rhs) == 1 {
			rhs = p.Rhs[0]
		}
	}
	return isFreshExpr(pass, rhs)
}

// isFreshExpr reports whether rhs makes a new group: errgroup.WithContext,
// new(T), &T{} or T{}.
func isFreshExpr(pass *analysis.Pass, rhs ast.Expr) bool {
	switch e := apis.Unparen(rhs).(type) {
	case *ast.CallExpr:
		if apis.Callee(pass.TypesInfo, e) == apis.ErrgroupWithContext {
			return true
		}
		if id, ok := apis.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) == 1 {
			b, isBuiltin := pass.TypesInfo.Uses[id].(*types.Builtin)
			return isBuiltin && b.Name() == "new"
		}
	case *ast.UnaryExpr:
		_, ok := apis.Unparen(e.X).(*ast.CompositeLit)
		return ok && e.Op == token.AND
	case *ast.CompositeLit:
		return true
	}
	return false
}

// checkedElsewhere reports whether another Wait on the same group has its
// result consumed: in the same function declaration, or, for a group held
// in a struct field, anywhere in the package on the same field. Then w is
// a join on a side path (a deferred safety net, a drain before returning
// another error, a Stop or Close beside a method that reports the error)
// and the group's error is read where the code means it to be: Wait
// returns the same first error to every caller.
func checkedElsewhere(pass *analysis.Pass, w waitCall, waits []waitCall) bool {
	key := refKey(pass.TypesInfo, receiver(w.call))
	field := groupField(pass.TypesInfo, w.call)
	decl, inDecl := outerFunc(w.cur)
	for _, o := range waits {
		if o.call == w.call || (o.kind != used && o.kind != assigned) {
			continue
		}
		if field != nil && groupField(pass.TypesInfo, o.call) == field {
			return true
		}
		if key == "" || !inDecl {
			continue
		}
		if od, ok := outerFunc(o.cur); ok && od == decl && refKey(pass.TypesInfo, receiver(o.call)) == key {
			return true
		}
	}
	return false
}

// groupField returns the struct field holding the group of a Wait call:
// the field the receiver selects (s.g.Wait(), (*p.g).Wait()), or the
// embedded errgroup.Group through which Wait is promoted (s.Wait() on a
// struct embedding it). The field is mapped to its generic origin so
// that every method of a generic type agrees on it. It returns nil when
// the group is not held in a field.
func groupField(info *types.Info, call *ast.CallExpr) *types.Var {
	fun, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s, ok := info.Selections[fun]; ok && s.Kind() == types.MethodVal && len(s.Index()) > 1 {
		return embeddedField(s.Recv(), s.Index()[:len(s.Index())-1])
	}
	e := apis.Unparen(fun.X)
	if st, ok := e.(*ast.StarExpr); ok {
		e = apis.Unparen(st.X)
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal {
		if v, ok := s.Obj().(*types.Var); ok {
			return v.Origin()
		}
	}
	return nil
}

// embeddedField follows path, a selection's index path through embedded
// fields, from t and returns the last field reached, or nil.
func embeddedField(t types.Type, path []int) *types.Var {
	var field *types.Var
	for _, i := range path {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		field = st.Field(i)
		t = field.Type()
	}
	if field == nil {
		return nil
	}
	return field.Origin()
}

// refKey identifies the variable or field path an expression denotes
// (g, s.g, s.inner.g) by object identity, or "" for anything else.
func refKey(info *types.Info, e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		if obj := info.Uses[e]; obj != nil {
			return fmt.Sprintf("%p", obj)
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			if base := refKey(info, apis.Unparen(e.X)); base != "" {
				return fmt.Sprintf("%s.%p", base, sel.Obj())
			}
		}
	case *ast.StarExpr:
		return refKey(info, apis.Unparen(e.X))
	}
	return ""
}

// checkSwallowed reports, in the body of a function literal passed to
// Group.Go or TryGo, calls used as statements whose static callee returns
// an error. Nested literals are other goroutines or callbacks and are
// left alone (see analysisutil.DroppedErrorCalls).
//
// The Wait of a nested group is not a swallowed failure: the Wait rules
// judge it (it may be a plain join, and one finding per call is enough).
// The calls whose errors are conventionally unchecked, or documented to be
// nil, and the calls of the package's functions that report every error
// they return, are skipped by analysisutil.DroppedErrorCalls.
func checkSwallowed(pass *analysis.Pass, rep *summary.Reports, lit *ast.FuncLit) {
	for call, fn := range analysisutil.DroppedErrorCalls(pass.TypesInfo, rep, lit.Body) {
		if apis.Of(fn) == apis.ErrgroupWait {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: analysisutil.CategoryAt(pass, call.Pos(), catSwallowed),
			Message: fmt.Sprintf("error returned by %s is dropped inside errgroup.Group.Go: Wait can never report this failure",
				apis.FuncName(fn)),
		})
	}
}

// typeUnder returns the underlying type of t, or nil.
func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}
