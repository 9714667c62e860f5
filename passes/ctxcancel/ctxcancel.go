package ctxcancel

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

//go:embed doc.go
var doc string

// Analyzer reports goroutines that the cancellation of their caller's
// context cannot reach.
var Analyzer = &analysis.Analyzer{
	Name:     "ctxcancel",
	Doc:      analysisutil.MustExtractDoc(doc, "ctxcancel"),
	URL:      "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/ctxcancel",
	Requires: []*analysis.Analyzer{fanout.Analyzer},
	Run:      run,
}

// blocking enables the uninterruptible-block report (case 4), which is
// off by default: on real code most such blocks are on channels whose
// other side is known to the author but not provable here.
var blocking bool

func init() {
	Analyzer.Flags.BoolVar(&blocking, "blocking", false,
		"also report channel operations and time.Sleep loops in goroutines that do not select on the context in scope")
}

// Diagnostic categories, one per kind of finding.
const (
	catGroupIgnored = "group-context-ignored" // case 1
	catAfterWait    = "group-context-after-wait"
	catDetached     = "detached-goroutine"
	catBlocking     = "uninterruptible-block"
	catStage        = "uncancellable-stage" // case 5
)

// checker holds the state of one run.
type checker struct {
	pass     *analysis.Pass
	fo       *fanout.Result
	sum      *summary.CtxUses
	testFail *summary.TestFail // calls that stop the test, for the blocking check
	fns      []*ssa.Function
	flow     *flow
	calls    map[token.Pos]inspector.Cursor // call expressions by Lparen

	detached map[ssa.Value]bool // Background/TODO calls already reported, for nested goroutines
}

func run(pass *analysis.Pass) (any, error) {
	if !apis.Reaches(pass.Pkg, apis.ContextPath) {
		return nil, nil
	}
	fo := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
	if fo.Empty() {
		return nil, nil
	}
	insp := fo.Inspector()
	c := &checker{
		pass:     pass,
		fo:       fo,
		sum:      summary.NewCtxUses(pass.Pkg, pass.TypesInfo, pass.Files),
		testFail: summary.NewTestFail(pass.Pkg, pass.Files, pass.TypesInfo),
		flow:     newFlow(),
		calls:    make(map[token.Pos]inspector.Cursor),

		detached: make(map[ssa.Value]bool),
	}
	cand := make(map[*ast.FuncDecl]bool, len(fo.Funcs))
	for _, d := range fo.Funcs {
		cand[d] = true
	}
	var spawns []spawn
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		if !cand[cur.Node().(*ast.FuncDecl)] {
			continue
		}
		for n := range cur.Preorder((*ast.CallExpr)(nil), (*ast.GoStmt)(nil)) {
			switch x := n.Node().(type) {
			case *ast.CallExpr:
				c.calls[x.Lparen] = n
				if apis.Callee(pass.TypesInfo, x).IsGoMethod() && len(x.Args) == 1 {
					if lit, ok := apis.Unparen(x.Args[0]).(*ast.FuncLit); ok {
						spawns = append(spawns, spawn{at: n, lit: lit})
					}
				}
			case *ast.GoStmt:
				if lit, ok := apis.Unparen(x.Call.Fun).(*ast.FuncLit); ok {
					spawns = append(spawns, spawn{at: n, lit: lit})
				}
			}
		}
	}
	c.fns = fo.Functions()

	if apis.Reaches(pass.Pkg, apis.ErrgroupPath) {
		for _, gr := range c.findGroups() {
			c.checkGroup(gr)
		}
	}
	// Innermost goroutines first, so that a call in nested goroutines is
	// judged with the context in scope where the innermost one starts.
	slices.Reverse(spawns)
	for _, s := range spawns {
		ctxVar := c.contextInScope(s.at.Node().Pos())
		if ctxVar == nil {
			continue // no cancellation was offered to this function
		}
		s.ctx = ctxVar
		c.checkDetached(s)
		if blocking {
			c.checkBlocking(s)
		}
	}
	c.checkStages()
	return nil, nil
}

// A spawn is a goroutine whose function is a literal: a go statement, or
// the argument of errgroup.Group.Go/TryGo or sync.WaitGroup.Go.
type spawn struct {
	at  inspector.Cursor // the go statement or the Go call
	lit *ast.FuncLit
	ctx *types.Var // the context in scope where the goroutine starts
}

// contextInScope returns the innermost variable of type context.Context
// declared in a function scope enclosing pos before pos (see
// innermostContext), or nil when there is none or it is one no caller can
// cancel. Package variables do not count: a function that only sees a
// global context was not handed a cancellation of its own.
func (c *checker) contextInScope(pos token.Pos) *types.Var {
	best, file := c.innermostContext(pos)
	if best == nil {
		return nil
	}
	if c.detachedVar(best) {
		return nil // the context in scope is itself uncancellable
	}
	if c.onceBetween(file, best.Pos(), pos) {
		return nil // a goroutine started once for all callers
	}
	return best
}

// innermostContext returns the innermost variable of type
// context.Context declared in a function scope enclosing pos before pos,
// and the file holding pos; a nil variable when there is none.
func (c *checker) innermostContext(pos token.Pos) (*types.Var, *ast.File) {
	file := analysisutil.FileOf(c.pass, pos)
	if file == nil {
		return nil, nil
	}
	fileScope := c.pass.TypesInfo.Scopes[file]
	if fileScope == nil {
		return nil, nil
	}
	for s := fileScope.Innermost(pos); s != nil && s != fileScope && s != c.pass.Pkg.Scope(); s = s.Parent() {
		var best *types.Var
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || name == "_" || !apis.IsContext(v.Type()) || v.Pos() >= pos {
				continue
			}
			if best == nil || v.Pos() > best.Pos() {
				best = v
			}
		}
		if best != nil {
			return best, file
		}
	}
	return nil, file
}

// onceBetween reports whether a function literal run by sync.Once (see
// onceArg) encloses pos but not decl: the code at pos then runs once for
// every caller to come, and the context declared at decl belongs only to
// the first of them. Handing it to a goroutine started there would tie a
// shared daemon to one caller's cancellation.
func (c *checker) onceBetween(file *ast.File, decl, pos token.Pos) bool {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for i, n := range path {
		lit, ok := n.(*ast.FuncLit)
		if !ok || (lit.Pos() <= decl && decl < lit.End()) {
			continue
		}
		if i+1 < len(path) {
			if call, ok := path[i+1].(*ast.CallExpr); ok && c.onceArg(call, lit) {
				return true
			}
		}
	}
	return false
}

// detachedVar reports whether v is a local variable every assignment of
// which gives it a context no caller can cancel: context.Background(),
// context.TODO(), context.WithoutCancel(x), a context derived from one of
// these by context.WithCancel, WithTimeout, WithValue and the like, or
// another such variable. A function that made its own root context was
// offered no cancellation, and its goroutines cannot do better than
// that context (tests and main functions do this all the time).
// Contexts cancelled from outside the function are not its own roots,
// even when they derive from context.Background(): t.Context() ends with
// the test, signal.NotifyContext with a signal.
func (c *checker) detachedVar(v *types.Var) bool {
	return c.detachedVarSeen(v, map[*types.Var]bool{})
}

func (c *checker) detachedVarSeen(v *types.Var, seen map[*types.Var]bool) bool {
	if seen[v] {
		return true // a cycle adds no new value
	}
	seen[v] = true
	file := analysisutil.FileOf(c.pass, v.Pos())
	if file == nil || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return false
	}
	info := c.pass.TypesInfo
	assigned, detached := 0, true
	is := func(id ast.Expr) bool {
		x, ok := id.(*ast.Ident)
		return ok && (info.Defs[x] == v || info.Uses[x] == v)
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if !is(l) {
					continue
				}
				assigned++
				switch {
				case len(n.Lhs) == len(n.Rhs):
					detached = detached && c.detachedExpr(n.Rhs[i], seen)
				case len(n.Rhs) == 1 && i == 0:
					detached = detached && c.detachedExpr(n.Rhs[0], seen)
				default:
					detached = false
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if !is(id) {
					continue
				}
				assigned++
				switch {
				case len(n.Names) == len(n.Values):
					detached = detached && c.detachedExpr(n.Values[i], seen)
				case len(n.Values) == 1 && i == 0:
					detached = detached && c.detachedExpr(n.Values[0], seen)
				default:
					detached = false // the zero value, or an unknown tuple
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && is(n.X) {
				detached = false // assigned through a pointer
			}
		}
		return detached
	})
	return assigned > 0 && detached
}

// detachedExpr reports whether e is a context no caller can cancel (see
// detachedVar).
func (c *checker) detachedExpr(e ast.Expr, seen map[*types.Var]bool) bool {
	switch e := apis.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		return ok && c.detachedVarSeen(v, seen)
	case *ast.CallExpr:
		switch api := apis.Callee(c.pass.TypesInfo, e); {
		case api.IsDetachedContext(), api == apis.ContextWithoutCancel:
			return true
		case api.Is(apis.ContextWithCancel, apis.ContextWithCancelCause, apis.ContextWithTimeout,
			apis.ContextWithTimeoutCause, apis.ContextWithDeadline, apis.ContextWithDeadlineCause,
			apis.ContextWithValue):
			return len(e.Args) > 0 && c.detachedExpr(e.Args[0], seen)
		}
	}
	return false
}

// checkDetached reports, inside the goroutine, a context.Background or
// context.TODO value passed where a context is expected (case 3).
func (c *checker) checkDetached(s spawn) {
	fn := c.fo.Func(s.lit)
	if fn == nil {
		return
	}
	c.eachContextArg(fn, func(call ssa.CallInstruction, v ssa.Value, i int) {
		if i < 0 {
			return // a method of the context itself: not a hand-over
		}
		if valuesOnly(call, v) || apis.SSACallee(call.Common()).IsContextDerivation() {
			return // no work that a cancellation would stop; a derived context is judged where it is used
		}
		if _, ok := call.(*ssa.Go); ok {
			return // a goroutine started with it: its lifetime is chosen on purpose
		}
		use := c.reach(call, i)
		if use&summary.Observes == 0 || use&summary.Spawns != 0 {
			// Nothing shows that the callee would stop on a
			// cancellation; or it starts a goroutine with the context
			// and returns, a lifetime goroutine that the context in
			// scope would end too early.
			return
		}
		set, ok := c.flow.rootsDerived(v)
		if !ok || len(set) == 0 {
			return
		}
		for r := range set {
			bg, isCall := r.(*ssa.Call)
			if !isCall || !apis.SSACallee(bg.Common()).IsDetachedContext() {
				return
			}
		}
		for r := range set {
			// A goroutine nested in another is visited with both;
			// the inner one comes first.
			if c.detached[r] {
				continue
			}
			c.detached[r] = true
			c.reportDetached(s, r.(*ssa.Call))
		}
	})
}

// afterDone reports whether the call n in the goroutine's body runs once
// a context may be done: it follows, in an enclosing statement list, a
// statement <-x.Done() on a context x or a select that waits for such a
// channel and can end through that case; it is in the body of a select
// case that receives from such a channel, or of an if x.Err() != nil
// statement; or it is deferred in a goroutine that watches a context,
// whose deferred calls run when it ends, typically because the context
// is done. This is the graceful
// shutdown idiom: once ctx is done, srv.Shutdown or a final flush needs a
// fresh context, because ctx itself would make it give up at once.
//
// lit is the goroutine's function: a *ast.FuncLit, or the *ast.FuncDecl
// of a declared function started as a goroutine.
func (c *checker) afterDone(lit ast.Node, n ast.Node) bool {
	_, body := analysisutil.FuncBody(lit)
	file := analysisutil.FileOf(c.pass, n.Pos())
	if file == nil || body == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, n.Pos(), n.End())
	for i, p := range path {
		if p == lit {
			break
		}
		var list []ast.Stmt
		switch p := p.(type) {
		case *ast.DeferStmt:
			if c.watchesContext(body) {
				return true
			}
		case *ast.IfStmt:
			if i > 0 && path[i-1] == p.Body && c.errNotNil(p.Cond) {
				return true
			}
		case *ast.BlockStmt:
			list = p.List
		case *ast.CaseClause:
			list = p.Body
		case *ast.CommClause:
			list = p.Body
			if p.Comm != nil && c.receivesDone(p.Comm) {
				return true
			}
		}
		if i == 0 {
			continue
		}
		child := path[i-1]
		for _, st := range list {
			if st == child {
				break
			}
			if c.receivesDone(st) || c.selectEndsOnDone(st) {
				return true
			}
		}
	}
	return false
}

// errNotNil reports whether cond is x.Err() != nil (either way round) on
// a context x: the branch it guards runs once x is done.
func (c *checker) errNotNil(cond ast.Expr) bool {
	bin, ok := apis.Unparen(cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ {
		return false
	}
	isNil := func(e ast.Expr) bool {
		return c.pass.TypesInfo.Types[e].IsNil()
	}
	isErr := func(e ast.Expr) bool {
		call, ok := apis.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Err" && apis.IsContext(c.pass.TypesInfo.TypeOf(sel.X))
	}
	return (isErr(bin.X) && isNil(bin.Y)) || (isNil(bin.X) && isErr(bin.Y))
}

// selectEndsOnDone reports whether st is a select without a default that
// has a case receiving from a context's Done channel whose body can run
// to its end, so that the statements after the select can run once the
// context is done.
func (c *checker) selectEndsOnDone(st ast.Stmt) bool {
	sel, ok := st.(*ast.SelectStmt)
	if !ok {
		return false
	}
	found := false
	for _, cl := range sel.Body.List {
		cc := cl.(*ast.CommClause)
		if cc.Comm == nil {
			return false // a default: the select need not wait at all
		}
		if c.receivesDone(cc.Comm) && !c.endsAbruptly(cc.Body) {
			found = true
		}
	}
	return found
}

// endsAbruptly reports whether the statement list cannot run to its end
// and fall out of the enclosing select: its last statement returns,
// panics, or jumps elsewhere (an unlabelled break leaves the select
// itself, so it falls out).
func (c *checker) endsAbruptly(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch st := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return st.Tok != token.BREAK || st.Label != nil
	case *ast.ExprStmt:
		if call, ok := apis.Unparen(st.X).(*ast.CallExpr); ok {
			if id, ok := apis.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
					return true
				}
			}
		}
	}
	return false
}

// watchesContext reports whether body, outside the function literals
// nested in it, calls Done or Err on a context: the goroutine stops when
// that context is done.
func (c *checker) watchesContext(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := apis.Unparen(x.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Done" || sel.Sel.Name == "Err") && apis.IsContext(c.pass.TypesInfo.TypeOf(sel.X)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// receivesDone reports whether st is a receive from the Done channel of
// a context, as a statement (<-ctx.Done()) or an assignment of it.
func (c *checker) receivesDone(st ast.Stmt) bool {
	var e ast.Expr
	switch st := st.(type) {
	case *ast.ExprStmt:
		e = st.X
	case *ast.AssignStmt:
		if len(st.Rhs) == 1 {
			e = st.Rhs[0]
		}
	}
	recv, ok := apis.Unparen(e).(*ast.UnaryExpr)
	if !ok || recv.Op != token.ARROW {
		return false
	}
	return c.isDoneCall(recv.X)
}

// isDoneCall reports whether e calls the Done method of a context.
func (c *checker) isDoneCall(e ast.Expr) bool {
	call, ok := apis.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Done" && apis.IsContext(c.pass.TypesInfo.TypeOf(sel.X))
}

// reportDetached reports one context.Background/TODO call and offers to
// replace it by the context in scope when the call is the argument
// itself and the context's name denotes it there.
func (c *checker) reportDetached(s spawn, bg *ssa.Call) {
	syn := c.callSyntax(bg)
	if syn == nil || syn.Pos() < s.lit.Body.Pos() || syn.End() > s.lit.Body.End() {
		return // Conservative: a context made outside the goroutine was chosen by its spawner
	}
	if c.afterDone(s.lit, syn) {
		return
	}
	api := apis.SSACallee(bg.Common())
	d := analysis.Diagnostic{
		Pos:      syn.Pos(),
		End:      syn.End(),
		Category: catDetached,
		Message: fmt.Sprintf("%s in a goroutine of a function that has %s: cancelling %s does not stop this work; use %s",
			api, s.ctx.Name(), s.ctx.Name(), s.ctx.Name()),
		Related: []analysis.RelatedInformation{{
			Pos: s.ctx.Pos(), Message: fmt.Sprintf("%s is in scope here", s.ctx.Name()),
		}},
	}
	if c.resolvesTo(s.ctx.Name(), syn.Pos(), s.ctx) {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   fmt.Sprintf("Use %s", s.ctx.Name()),
			TextEdits: []analysis.TextEdit{{Pos: syn.Pos(), End: syn.End(), NewText: []byte(s.ctx.Name())}},
		}}
	}
	c.pass.Report(d)
}
