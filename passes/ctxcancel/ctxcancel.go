package ctxcancel

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
)

//go:embed doc.go
var doc string

// Analyzer reports goroutines that the cancellation of their caller's
// context cannot reach.
var Analyzer = &analysis.Analyzer{
	Name:     "ctxcancel",
	Doc:      analysisutil.MustExtractDoc(doc, "ctxcancel"),
	URL:      "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/ctxcancel",
	Requires: []*analysis.Analyzer{inspect.Analyzer, fanout.Analyzer},
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
)

// checker holds the state of one run.
type checker struct {
	pass  *analysis.Pass
	fo    *fanout.Result
	fns   []*ssa.Function
	flow  *flow
	calls map[token.Pos]inspector.Cursor // call expressions by Lparen
}

func run(pass *analysis.Pass) (any, error) {
	if !apis.Reaches(pass.Pkg, apis.ContextPath) {
		return nil, nil
	}
	fo := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
	if fo.Empty() {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:  pass,
		fo:    fo,
		flow:  newFlow(),
		calls: make(map[token.Pos]inspector.Cursor),
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
				if apis.Callee(pass.TypesInfo, x).Is(apis.ErrgroupGo, apis.ErrgroupTryGo, apis.WaitGroupGo) && len(x.Args) == 1 {
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
// declared in a function scope enclosing pos before pos, or nil. Package
// variables do not count: a function that only sees a global context was
// not handed a cancellation of its own.
func (c *checker) contextInScope(pos token.Pos) *types.Var {
	file := c.fileOf(pos)
	if file == nil {
		return nil
	}
	fileScope := c.pass.TypesInfo.Scopes[file]
	if fileScope == nil {
		return nil
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
			if c.detachedVar(best) {
				return nil // the context in scope is itself uncancellable
			}
			return best
		}
	}
	return nil
}

// detachedVar reports whether v is a local variable whose only
// definition is a direct call of context.Background or context.TODO: a
// goroutine cannot do better than that context.
func (c *checker) detachedVar(v *types.Var) bool {
	file := c.fileOf(v.Pos())
	if file == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, v.Pos(), v.Pos())
	for _, n := range path {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == v {
						call, ok := apis.Unparen(n.Rhs[i]).(*ast.CallExpr)
						return ok && apis.Callee(c.pass.TypesInfo, call).IsDetachedContext()
					}
				}
			}
			return false
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if c.pass.TypesInfo.Defs[id] == v && i < len(n.Values) {
					call, ok := apis.Unparen(n.Values[i]).(*ast.CallExpr)
					return ok && apis.Callee(c.pass.TypesInfo, call).IsDetachedContext()
				}
			}
			return false
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
	seen := map[ssa.Value]bool{}
	c.eachContextArg(fn, func(call ssa.CallInstruction, v ssa.Value) {
		if call.Common().IsInvoke() && call.Common().Value == v {
			return // a method of the context itself: not a hand-over
		}
		if api := apis.SSACallee(call.Common()); api == apis.ContextWithoutCancel {
			return
		}
		set, ok := c.flow.roots(v)
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
			if seen[r] {
				continue
			}
			seen[r] = true
			c.reportDetached(s, r.(*ssa.Call))
		}
	})
}

// reportDetached reports one context.Background/TODO call and offers to
// replace it by the context in scope when the call is the argument
// itself and the context's name denotes it there.
func (c *checker) reportDetached(s spawn, bg *ssa.Call) {
	syn := c.callSyntax(bg)
	if syn == nil || syn.Pos() < s.lit.Body.Pos() || syn.End() > s.lit.Body.End() {
		return // Conservative: a context made outside the goroutine was chosen by its spawner
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
