package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// checkStages reports the pipeline stages the caller cannot stop (case
// 5): a function given a context that returns a fresh channel fed by a
// goroutine it starts (a future, see chanmodel.Future), where a send of
// the goroutine can only complete when someone receives, although the
// context was in view at the send. Once the caller stops receiving
// (it returned on its own cancellation, or took the first value of
// several), the goroutine blocks on that send for ever.
func (c *checker) checkStages() {
	model := c.fo.Channels()
	seen := make(map[token.Pos]bool)
	for _, fn := range c.fns {
		params := c.contextParams(fn)
		if len(params) == 0 {
			continue
		}
		fut := model.Future(fn)
		if fut == nil || fut.Max == 0 {
			continue
		}
		if fut.Max != chanmodel.Many && int64(fut.Max) <= fut.Cap {
			continue // the buffer holds every send: none blocks
		}
		if fut.Cap > 0 && fut.Max != chanmodel.Many {
			// Conservative: which of a bounded number of sends fills
			// the buffer is not worked out.
			continue
		}
		for _, sp := range fut.Spawns {
			c.checkStage(fn, fut, sp, params, seen)
		}
	}
}

// contextParams returns the parameters of type context.Context of fn, a
// function declaration or literal, each its own root (see offeredVar).
func (c *checker) contextParams(fn *ssa.Function) map[*types.Var]*types.Var {
	ft, _ := analysisutil.FuncBody(fn.Syntax())
	if ft == nil || ft.Params == nil {
		return nil
	}
	var params map[*types.Var]*types.Var
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			v, ok := c.pass.TypesInfo.Defs[name].(*types.Var)
			if !ok || name.Name == "_" || !apis.IsContext(v.Type()) {
				continue
			}
			if params == nil {
				params = make(map[*types.Var]*types.Var)
			}
			params[v] = v
		}
	}
	return params
}

// checkStage reports the blocking sends of one goroutine of the future
// fn that can see a context fn was given.
func (c *checker) checkStage(fn *ssa.Function, fut *chanmodel.Future, sp chanmodel.FutureSpawn, params map[*types.Var]*types.Var, seen map[token.Pos]bool) {
	goStmt := c.goStmtAt(sp.Go.Pos())
	if goStmt == nil {
		return
	}
	offered := maps.Clone(params)
	c.bindGoParams(goStmt, offered)
	for _, site := range sp.Sends.Sites {
		if seen[site.Pos()] || !nestedIn(site.Parent(), sp.Fn) {
			// Conservative: a send in another function of the package,
			// which the goroutine calls, sees only the context it is
			// passed, and that is not followed.
			continue
		}
		if fut.Cap > 0 && !c.unbounded(fn, sp, site) {
			continue // Conservative: the buffer may hold this send
		}
		node := c.sendSyntax(site)
		if node == nil || c.afterDone(sp.Fn.Syntax(), node) {
			// A send made once the context is done, to report its
			// error: selecting on Done there would drop it at random.
			continue
		}
		ctxVar, _ := c.innermostContext(site.Pos())
		if ctxVar == nil {
			continue // the goroutine cannot see the context
		}
		root := c.offeredVar(ctxVar, offered, map[*types.Var]bool{})
		if root == nil {
			continue // the context in view is not one the caller gave
		}
		seen[site.Pos()] = true
		c.reportStage(fn, sp, goStmt, site, node, ctxVar, root)
	}
}

// nestedIn reports whether fn is outer or a function literal nested in
// it.
func nestedIn(fn, outer *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn == outer {
			return true
		}
	}
	return false
}

// unbounded reports whether the send site of the goroutine sp of the
// future fn can run more times than any constant buffer holds: it is on
// a cycle of its function, or its goroutine is started on a cycle, and
// one of the loops around it (in the goroutine, or around the go
// statement in fn) runs a number of times the code does not bound by a
// constant (see boundedLoop).
func (c *checker) unbounded(fn *ssa.Function, sp chanmodel.FutureSpawn, site ssa.Instruction) bool {
	if ssautil.Reaches(site.Block(), site.Block()) && c.unboundedLoopAround(site.Pos(), sp.Fn.Syntax()) {
		return true
	}
	return chanmodel.CanRunAfter(sp.Go, sp.Go) && c.unboundedLoopAround(sp.Go.Pos(), fn.Syntax())
}

// unboundedLoopAround reports whether a for or range statement between
// pos and the function node fn is not bounded by a constant.
func (c *checker) unboundedLoopAround(pos token.Pos, fn ast.Node) bool {
	file := analysisutil.FileOf(c.pass, pos)
	if file == nil || fn == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		if n == fn {
			break
		}
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if !c.boundedLoop(n) {
				return true
			}
		}
	}
	return false
}

// boundedLoop reports whether the loop runs a number of times that may
// be a small constant: a range over a constant integer or an array, or a
// for loop whose condition compares with a constant. Conservative: the
// bound is not compared with the buffer.
func (c *checker) boundedLoop(loop ast.Node) bool {
	info := c.pass.TypesInfo
	switch l := loop.(type) {
	case *ast.RangeStmt:
		tv := info.Types[l.X]
		if tv.Value != nil {
			return true
		}
		t := tv.Type
		if t == nil {
			return true
		}
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		_, isArray := t.Underlying().(*types.Array)
		return isArray
	case *ast.ForStmt:
		bin, ok := apis.Unparen(l.Cond).(*ast.BinaryExpr)
		if !ok {
			return false
		}
		return info.Types[bin.X].Value != nil || info.Types[bin.Y].Value != nil
	}
	return true
}

// goStmtAt returns the go statement whose keyword is at pos, or nil.
func (c *checker) goStmtAt(pos token.Pos) *ast.GoStmt {
	file := analysisutil.FileOf(c.pass, pos)
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		if g, ok := n.(*ast.GoStmt); ok && g.Go == pos {
			return g
		}
	}
	return nil
}

// bindGoParams adds to offered the context parameters of the goroutine's
// function (a literal or a declared function of the package) that the go
// statement binds to an offered context variable.
func (c *checker) bindGoParams(g *ast.GoStmt, offered map[*types.Var]*types.Var) {
	var sig *types.Signature
	switch fun := apis.Unparen(g.Call.Fun).(type) {
	case *ast.FuncLit:
		sig, _ = c.pass.TypesInfo.TypeOf(fun).(*types.Signature)
	default:
		if callee := apis.CalleeFunc(c.pass.TypesInfo, g.Call); callee != nil {
			sig = callee.Origin().Signature()
		}
	}
	if sig == nil {
		return
	}
	for i, arg := range g.Call.Args {
		if i >= sig.Params().Len() || (sig.Variadic() && i >= sig.Params().Len()-1) {
			break
		}
		p := sig.Params().At(i)
		if !apis.IsContext(p.Type()) {
			continue
		}
		id, ok := apis.Unparen(arg).(*ast.Ident)
		if !ok {
			continue
		}
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
			if root := c.offeredVar(v, offered, map[*types.Var]bool{}); root != nil {
				offered[p] = root
			}
		}
	}
}

// offeredVar returns the parameter that the context variable v holds, or
// one derived from it, when every value v can hold comes from an offered
// variable (a key of offered): v is offered, or v is a local variable
// that is assigned at least once, and every assignment of v (if any)
// gives it an offered variable or a context derived from one by package
// context (WithCancel, WithTimeout, WithValue and the like), by
// errgroup.WithContext or by signal.NotifyContext, which are cancelled
// with their parent. Otherwise it returns nil.
func (c *checker) offeredVar(v *types.Var, offered map[*types.Var]*types.Var, seen map[*types.Var]bool) *types.Var {
	if seen[v] {
		return nil
	}
	seen[v] = true
	root := offered[v]
	file := analysisutil.FileOf(c.pass, v.Pos())
	if file == nil || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	info := c.pass.TypesInfo
	is := func(e ast.Expr) bool {
		x, ok := e.(*ast.Ident)
		return ok && (info.Defs[x] == v || info.Uses[x] == v)
	}
	ok := true
	// from judges the expression assigned to v, the idx-th result of e
	// when e is a call with several results.
	from := func(e ast.Expr, idx int) {
		r := c.offeredExpr(e, idx, v, offered, seen)
		switch {
		case r == nil:
			ok = false
		case root == nil:
			root = r
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if !is(l) {
					continue
				}
				switch {
				case len(n.Lhs) == len(n.Rhs):
					from(n.Rhs[i], 0)
				case len(n.Rhs) == 1:
					from(n.Rhs[0], i)
				default:
					ok = false
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if !is(id) {
					continue
				}
				switch {
				case len(n.Names) == len(n.Values):
					from(n.Values[i], 0)
				case len(n.Values) == 1:
					from(n.Values[0], i)
				default:
					ok = false // the zero value
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && is(n.X) {
				ok = false // assigned through a pointer
			}
		case *ast.RangeStmt:
			if is(n.Key) || is(n.Value) {
				ok = false
			}
		}
		return ok
	})
	if !ok {
		return nil
	}
	return root
}

// offeredExpr returns the root of e, the idx-th result of e when e has
// several, assigned to the variable self: an offered variable (see
// offeredVar) or a context derived from one; self itself (a reassignment
// such as ctx, cancel = context.WithCancel(ctx)) when self is offered. It
// returns nil when e is anything else.
func (c *checker) offeredExpr(e ast.Expr, idx int, self *types.Var, offered map[*types.Var]*types.Var, seen map[*types.Var]bool) *types.Var {
	switch e := apis.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok || idx != 0 {
			return nil
		}
		if v == self {
			return offered[self]
		}
		return c.offeredVar(v, offered, seen)
	case *ast.CallExpr:
		fn := apis.CalleeFunc(c.pass.TypesInfo, e)
		if apis.DerivedContextResult(fn) != idx || len(e.Args) == 0 {
			return nil
		}
		return c.offeredExpr(e.Args[0], 0, self, offered, seen)
	}
	return nil
}

// reportStage reports the blocking send site of the goroutine started by
// g in the future fn, where ctxVar, a context derived from fn's
// parameter root, is in view.
func (c *checker) reportStage(fn *ssa.Function, sp chanmodel.FutureSpawn, g *ast.GoStmt, site ssa.Instruction, node ast.Node, ctxVar, root *types.Var) {
	var ch ast.Expr
	switch n := node.(type) {
	case *ast.SendStmt:
		ch = n.Chan
	case *ast.SelectStmt:
		if cl, ok := n.Body.List[0].(*ast.CommClause); ok {
			if s, ok := cl.Comm.(*ast.SendStmt); ok {
				ch = s.Chan
			}
		}
	}
	name := funcName(fn)
	d := analysis.Diagnostic{
		Pos:      node.Pos(),
		End:      node.End(),
		Category: catStage,
		Message: fmt.Sprintf("send on %s blocks forever once the caller of %s stops receiving; select on %s.Done() so that cancelling %s stops the goroutine",
			chanName(ch), name, ctxVar.Name(), ctxVar.Name()),
		Related: []analysis.RelatedInformation{
			{Pos: root.Pos(), Message: fmt.Sprintf("%s is given %s here", name, root.Name())},
			{Pos: g.Pos(), Message: "the goroutine starts here"},
		},
	}
	if send, ok := node.(*ast.SendStmt); ok {
		if fix := c.stageFix(sp, site, send, ctxVar); fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
	}
	c.pass.Report(d)
}

// sendSyntax returns the send statement of a *ssa.Send, or the select
// statement of a *ssa.Select, or nil.
func (c *checker) sendSyntax(site ssa.Instruction) ast.Node {
	file := analysisutil.FileOf(c.pass, site.Pos())
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, site.Pos(), site.Pos())
	for _, n := range path {
		switch n := n.(type) {
		case *ast.SendStmt:
			if _, ok := site.(*ssa.Send); ok && n.Arrow == site.Pos() {
				return n
			}
		case *ast.SelectStmt:
			if _, ok := site.(*ssa.Select); ok && n.Select == site.Pos() && len(n.Body.List) == 1 {
				return n
			}
		}
	}
	return nil
}

// funcName names fn for a message: its name, T.M for a method, or "the
// function literal".
func funcName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the function literal"
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return fn.Name()
	}
	if n := apis.NamedOf(apis.RecvType(obj)); n != nil {
		return n.Obj().Name() + "." + obj.Name()
	}
	return obj.Name()
}

// stageFix rewrites the send statement as a select that also returns
// when ctxVar is done, when that is provably right: the send is a
// statement of the goroutine's own function (not of a deferred or called
// literal), directly in its body or in loops of it; the function has no
// results, so that a bare return ends it; ctxVar's name denotes it at the
// send; and nothing that follows the send in the function must run (see
// skippable). Deferred calls, a deferred close among them, still run.
func (c *checker) stageFix(sp chanmodel.FutureSpawn, site ssa.Instruction, send *ast.SendStmt, ctxVar *types.Var) *analysis.SuggestedFix {
	if site.Parent() != sp.Fn || sp.Fn.Signature.Results().Len() != 0 {
		return nil
	}
	_, body := analysisutil.FuncBody(sp.Fn.Syntax())
	if body == nil || !c.resolvesTo(ctxVar.Name(), send.Pos(), ctxVar) {
		return nil
	}
	file := analysisutil.FileOf(c.pass, send.Pos())
	if file == nil {
		return nil
	}
	chObj := c.identObj(send.Chan)
	if chObj == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, send.Pos(), send.End())
	i := 0
	for i < len(path) && path[i] != send {
		i++
	}
	if i == len(path) {
		return nil
	}
	child := ast.Node(send)
	for _, n := range path[i+1:] {
		switch n := n.(type) {
		case *ast.BlockStmt:
			after := false
			for _, st := range n.List {
				if after && !c.skippable(st, chObj, body) {
					return nil
				}
				after = after || st == child
			}
			if n == body {
				return sendOrDoneFix(c.pass, send, ctxVar.Name())
			}
		case *ast.ForStmt:
			if child != n.Body || (n.Post != nil && !c.skippable(n.Post, chObj, body)) {
				return nil
			}
		case *ast.RangeStmt:
			if child != n.Body {
				return nil
			}
		case *ast.LabeledStmt:
		default:
			// In a branch, a case or a defer: what the return would
			// skip is not judged.
			return nil
		}
		child = n
	}
	return nil
}

// identObj returns the object a plain identifier denotes, or nil.
func (c *checker) identObj(e ast.Expr) types.Object {
	id, ok := apis.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return c.pass.TypesInfo.Uses[id]
}

// skippable reports whether a return before the statement st of the
// goroutine's function body loses nothing that matters once the
// context is cancelled: an empty statement, a break, continue or bare
// return, a further send on the same channel ch, or an assignment or
// increment of local variables of the goroutine that no function literal
// in it reads, computed without calls or channel operations. A close, a
// WaitGroup's Done, an unlock or a send on another channel must run, and
// make the fix wrong.
func (c *checker) skippable(st ast.Stmt, ch types.Object, body *ast.BlockStmt) bool {
	switch st := st.(type) {
	case *ast.EmptyStmt:
		return true
	case *ast.BranchStmt:
		return st.Tok == token.BREAK || st.Tok == token.CONTINUE
	case *ast.ReturnStmt:
		return len(st.Results) == 0
	case *ast.SendStmt:
		return c.identObj(st.Chan) == ch && ch != nil
	case *ast.IncDecStmt:
		return c.privateLocal(st.X, body)
	case *ast.AssignStmt:
		for _, l := range st.Lhs {
			if !c.privateLocal(l, body) {
				return false
			}
		}
		for _, r := range st.Rhs {
			if !pure(r) {
				return false
			}
		}
		return true
	}
	return false
}

// privateLocal reports whether e names a variable declared in body that
// no function literal in body refers to.
func (c *checker) privateLocal(e ast.Expr, body *ast.BlockStmt) bool {
	id, ok := apis.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	obj := c.pass.TypesInfo.ObjectOf(id)
	if obj == nil || obj.Pos() < body.Pos() || obj.Pos() >= body.End() {
		return false
	}
	captured := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			ast.Inspect(lit, func(n ast.Node) bool {
				if x, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[x] == obj {
					captured = true
				}
				return !captured
			})
			return false
		}
		return !captured
	})
	return !captured
}

// pure reports whether evaluating e calls nothing and touches no
// channel.
func pure(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		}
		return ok
	})
	return ok
}
