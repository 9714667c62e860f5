package errgroupwait

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/fixes"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

//go:embed doc.go
var doc string

// Analyzer reports errgroup.Group.Wait errors that are discarded.
var Analyzer = &analysis.Analyzer{
	Name:     "errgroupwait",
	Doc:      analysisutil.MustExtractDoc(doc, "errgroupwait"),
	URL:      "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/errgroupwait",
	Requires: []*analysis.Analyzer{fanout.Analyzer},
	Run:      run,
}

// Diagnostic categories, one per kind of finding.
const (
	catDiscarded = "discarded" // Wait's result not used at all
	catUnread    = "unread"    // Wait's result assigned but never read
	catSwallowed = "swallowed" // an error dropped inside a Go closure
)

// A waitCall is one call of errgroup.Group.Wait and how its result is used.
type waitCall struct {
	cur  inspector.Cursor // the *ast.CallExpr
	call *ast.CallExpr
	kind useKind
}

type useKind int

const (
	used     useKind = iota // consumed by an expression: returned, compared, passed
	bare                    // g.Wait() as a statement
	blank                   // _ = g.Wait()
	deferred                // defer g.Wait()
	spawned                 // go g.Wait()
	assigned                // err := g.Wait() / err = g.Wait() / var err = g.Wait()
)

func run(pass *analysis.Pass) (any, error) {
	if !apis.Reaches(pass.Pkg, apis.ErrgroupPath) {
		return nil, nil
	}
	fo := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
	insp := fo.Inspector()
	rep := summary.NewReports(pass.Pkg, pass.TypesInfo, pass.Files)

	var waits []waitCall
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		switch apis.Callee(pass.TypesInfo, call) {
		case apis.ErrgroupWait:
			waits = append(waits, waitCall{cur: cur, call: call, kind: useOf(cur)})
		case apis.ErrgroupGo, apis.ErrgroupTryGo:
			if len(call.Args) == 1 {
				if lit, ok := apis.Unparen(call.Args[0]).(*ast.FuncLit); ok {
					checkSwallowed(pass, rep, lit)
				}
			}
		}
	}

	for _, w := range waits {
		switch w.kind {
		case bare, blank, deferred:
			if neverFails(pass, fo, rep, w) || checkedElsewhere(pass, w, waits) {
				continue
			}
			if w.kind != deferred && failsAnyway(fo, w) {
				continue // a drain on a path that fails anyway
			}
			reportDiscarded(pass, w)
		case spawned:
			pass.Report(analysis.Diagnostic{
				Pos:      w.call.Pos(),
				End:      w.call.End(),
				Category: analysisutil.CategoryAt(pass, w.call.Pos(), catDiscarded),
				Message:  "errgroup.Group.Wait called in a go statement: its error is discarded and nothing waits for the group",
			})
		case assigned:
			if !neverFails(pass, fo, rep, w) {
				checkUnread(pass, fo, w)
			}
		}
	}
	return nil, nil
}

// useOf classifies how the result of the call at cur is used, looking
// through parentheses.
func useOf(cur inspector.Cursor) useKind {
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
			cur = parent
			continue
		case *ast.ExprStmt:
			return bare
		case *ast.DeferStmt:
			return deferred
		case *ast.GoStmt:
			return spawned
		case *ast.AssignStmt:
			k, idx := cur.ParentEdge()
			if k != edge.AssignStmt_Rhs || len(p.Lhs) != len(p.Rhs) {
				return used
			}
			if id, ok := p.Lhs[idx].(*ast.Ident); ok {
				if id.Name == "_" {
					return blank
				}
				return assigned
			}
			return used // stored into a field, element or through a pointer
		case *ast.ValueSpec:
			k, idx := cur.ParentEdge()
			if k != edge.ValueSpec_Values || idx >= len(p.Names) {
				return used
			}
			if p.Names[idx].Name == "_" {
				return blank
			}
			return assigned
		}
		return used
	}
}

// reportDiscarded reports a bare, blank or deferred Wait, with a fix for
// the first two where the enclosing function returns an error.
func reportDiscarded(pass *analysis.Pass, w waitCall) {
	msg := "errgroup.Group.Wait error is discarded: the first goroutine failure is lost"
	if w.kind == deferred {
		msg = "errgroup.Group.Wait error is discarded by defer: the first goroutine failure is lost"
	}
	d := analysis.Diagnostic{
		Pos:      w.call.Pos(),
		End:      w.call.End(),
		Category: analysisutil.CategoryAt(pass, w.call.Pos(), catDiscarded),
		Message:  msg,
	}
	if w.kind != deferred {
		if fix, ok := returnErrorFix(pass, w); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	pass.Report(d)
}

// returnErrorFix rewrites the statement holding a bare or blank Wait as
// "if err := g.Wait(); err != nil { return zeros..., err }". It applies
// only when the statement is an element of a statement list in a function
// whose last result is error, and every zero value can be spelled there.
func returnErrorFix(pass *analysis.Pass, w waitCall) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	stmt := w.cur.Parent()
	for {
		if _, ok := stmt.Node().(ast.Stmt); ok {
			break
		}
		stmt = stmt.Parent()
	}
	switch stmt.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return none, false // e.g. the init statement of an if
	}
	sig := enclosingSignature(pass, stmt)
	if sig == nil || sig.Results().Len() == 0 || !apis.IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return none, false
	}
	file := analysisutil.FileOf(pass, stmt.Node().Pos())
	r := fixes.NewRenderer(pass.Pkg, pass.TypesInfo, file, stmt.Node().Pos())
	name := r.FreeName("err")
	ret, ok := r.ReturnValues(sig, name)
	if !ok || !rendersNil(r) {
		return none, false
	}
	callText := analysisutil.Source(pass, w.call)
	if callText == "" {
		return none, false
	}
	text := fmt.Sprintf("if %s := %s; %s != nil {\n\treturn %s\n}", name, callText, name, ret)
	return analysis.SuggestedFix{
		Message: "Return the error from Wait",
		TextEdits: []analysis.TextEdit{{
			Pos:     stmt.Node().Pos(),
			End:     stmt.Node().End(),
			NewText: []byte(text),
		}},
	}, true
}

// rendersNil reports whether nil means the predeclared nil where the
// renderer inserts text.
func rendersNil(r *fixes.Renderer) bool {
	z, ok := r.Zero(types.NewPointer(types.Typ[types.Int]))
	return ok && z == "nil"
}

// enclosingSignature returns the signature of the innermost function
// declaration or literal enclosing cur.
func enclosingSignature(pass *analysis.Pass, cur inspector.Cursor) *types.Signature {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
				return fn.Type().(*types.Signature)
			}
			return nil
		case *ast.FuncLit:
			sig, _ := pass.TypesInfo.TypeOf(n).(*types.Signature)
			return sig
		}
	}
	return nil
}

// checkUnread reports err := g.Wait() when the SSA value of the call has
// no use at all: every path overwrites it or leaves it before a read.
func checkUnread(pass *analysis.Pass, fo *fanout.Result, w waitCall) {
	fn := fo.Func(enclosingFuncNode(w))
	if fn == nil {
		return // Conservative: not built (e.g. in a package variable's initializer)
	}
	call := ssaCallAt(fn, w.call.Lparen)
	if call == nil {
		return
	}
	if len(ssautil.Referrers(call)) > 0 {
		// Conservative: any use (a comparison, a phi reaching a read, a
		// store into a captured variable, field or global) counts as read.
		return
	}
	pass.Report(analysis.Diagnostic{
		Pos:      w.call.Pos(),
		End:      w.call.End(),
		Category: analysisutil.CategoryAt(pass, w.call.Pos(), catUnread),
		Message:  "errgroup.Group.Wait error is assigned but never read: the first goroutine failure is lost",
	})
}

// enclosingFuncNode returns the innermost function declaration or
// literal that holds w, or nil.
func enclosingFuncNode(w waitCall) ast.Node {
	for c := range w.cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// ssaCallAt returns the call to errgroup.Group.Wait in fn whose position
// is lparen, or nil.
func ssaCallAt(fn *ssa.Function, lparen token.Pos) *ssa.Call {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && c.Pos() == lparen && apis.SSACallee(c.Common()) == apis.ErrgroupWait {
				return c
			}
		}
	}
	return nil
}
