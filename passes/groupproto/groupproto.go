package groupproto

import (
	"cmp"
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

//go:embed doc.go
var doc string

// Analyzer reports WaitGroup and errgroup protocol slips that block a join
// forever.
var Analyzer = &analysis.Analyzer{
	Name:     "groupproto",
	Doc:      analysisutil.MustExtractDoc(doc, "groupproto"),
	URL:      "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/groupproto",
	Requires: []*analysis.Analyzer{fanout.Analyzer},
	Run:      run,
}

// cancelRule is the -groupproto.cancel flag.
var cancelRule bool

func init() {
	Analyzer.Flags.Bool("enable", false,
		"run groupproto: off by default, its wrong claims on code it was not tuned for are above the 5% bar (see its doc)")
	Analyzer.Flags.BoolVar(&cancelRule, "cancel", false,
		"also report a plain errgroup.Group whose goroutines take the caller's context: the first failure cancels nothing")
}

// Diagnostic categories, one per kind of finding.
const (
	catLoopWait    = "wait-in-spawn-loop" // Wait in the loop after Add(n)
	catLimitedGo   = "go-under-limit"     // Go from a goroutine of the same limited group
	catSelfWait    = "self-wait"          // Wait inside one of the group's goroutines
	catMissingDone = "missing-done"       // a path of a counted goroutine without Done

	catWrapperReturn = "wrapper-return"     // a return skips a wrapper type's waiting method
	catWrapperErr    = "wrapper-wait-error" // a wrapper's Wait error is discarded
	catCannotCancel  = "cannot-cancel"      // a plain errgroup whose goroutines take the context
)

func run(pass *analysis.Pass) (any, error) {
	if !apis.Reaches(pass.Pkg, apis.SyncPath, apis.ErrgroupPath) {
		return nil, nil
	}
	fo := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
	if fo.Empty() {
		return nil, nil
	}
	// Some rules visit the package's methods in map order: the findings
	// are collected and reported in file and offset order (token.Pos
	// order depends on the order the files were parsed in), so that two
	// runs print the same output.
	var diags []analysis.Diagnostic
	collecting := *pass
	collecting.Report = func(d analysis.Diagnostic) { diags = append(diags, d) }
	c := &checker{pass: &collecting, reported: make(map[token.Pos]bool), cancelRule: cancelRule}
	for _, fn := range fo.Functions() {
		if fn.Blocks == nil || isGenerated(pass, fn.Pos()) {
			continue
		}
		c.fieldGoroutines(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				v, ok := instr.(ssa.Value)
				if !ok {
					continue
				}
				errgroup, ok := apis.GroupRoot(v)
				if !ok {
					continue
				}
				g := newGroup(fn, v, errgroup)
				c.loopWait(g)
				c.limitedGo(g)
				c.selfWait(g)
				c.missingDone(g)
				c.workerContinue(g)
				c.cannotCancel(g)
			}
		}
	}
	if apis.Reaches(pass.Pkg, apis.ErrgroupPath) {
		c.limitedFieldGo()
	}
	if wrappers := wrapperMethods(pass); len(wrappers) > 0 {
		c.checkWrappers(wrappers)
	}
	slices.SortStableFunc(diags, func(a, b analysis.Diagnostic) int {
		pa, pb := pass.Fset.Position(a.Pos), pass.Fset.Position(b.Pos)
		return cmp.Or(cmp.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Offset, pb.Offset))
	})
	for _, d := range diags {
		pass.Report(d)
	}
	return nil, nil
}

// checker holds the state of one pass.
type checker struct {
	pass     *analysis.Pass
	reported map[token.Pos]bool // missing-Done findings, by position
	// cancelRule enables the group-that-cannot-cancel rule.
	cancelRule bool
	// fieldFuncs caches, per WaitGroup field and method, the functions
	// that call the method on the field.
	fieldFuncs map[fieldAPI]map[*types.Func]bool
	fields     *fieldIndex // built on the first fieldCalls
	// fresh summarises the package's constructors, on first use.
	fresh *summary.Fresh
}

// callSpan returns the span of the call expression, go or defer statement
// of instr.
func (c *checker) callSpan(instr ssa.Instruction) (token.Pos, token.Pos) {
	if n := c.nodeOf(instr); n != nil {
		return n.Pos(), n.End()
	}
	return instr.Pos(), token.NoPos
}

// nodeOf returns the syntax of a call, go or defer instruction: the
// *ast.CallExpr of a call, the *ast.GoStmt or *ast.DeferStmt of the
// others; nil when it cannot be found.
func (c *checker) nodeOf(instr ssa.Instruction) ast.Node {
	pos := instr.Pos()
	f := analysisutil.FileOf(c.pass, pos)
	if f == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	for _, n := range path {
		switch n := n.(type) {
		case *ast.CallExpr:
			if _, isCall := instr.(*ssa.Call); isCall && n.Lparen == pos {
				return n
			}
		case *ast.GoStmt:
			if _, isGo := instr.(*ssa.Go); isGo && n.Go == pos {
				return n
			}
		case *ast.DeferStmt:
			if _, isDefer := instr.(*ssa.Defer); isDefer && n.Defer == pos {
				return n
			}
		}
	}
	return nil
}

// callExpr returns the call expression of a call instruction, or nil.
func (c *checker) callExpr(instr ssa.Instruction) *ast.CallExpr {
	switch n := c.nodeOf(instr).(type) {
	case *ast.CallExpr:
		return n
	case *ast.GoStmt:
		return n.Call
	case *ast.DeferStmt:
		return n.Call
	}
	return nil
}

// recvText spells the receiver of a group method call as written, "wg"
// in wg.Wait(), or "" when it cannot be read.
func (c *checker) recvText(instr ssa.Instruction) string {
	call := c.callExpr(instr)
	if call == nil {
		return ""
	}
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	return analysisutil.Source(c.pass, sel.X)
}

// returnSpan returns the span of the return statement of r, or of the
// closing brace of the function for the implicit return at its end.
func (c *checker) returnSpan(fn *ssa.Function, r *ssa.Return) (token.Pos, token.Pos) {
	_, body := analysisutil.FuncBody(fn.Syntax())
	if f := analysisutil.FileOf(c.pass, r.Pos()); r.Pos().IsValid() && f != nil {
		path, _ := astutil.PathEnclosingInterval(f, r.Pos(), r.Pos())
		for _, n := range path {
			if ret, ok := n.(*ast.ReturnStmt); ok && ret.Return == r.Pos() {
				return ret.Pos(), ret.End()
			}
		}
		return r.Pos(), token.NoPos
	}
	if body != nil {
		return body.Rbrace, body.Rbrace + 1
	}
	return fn.Pos(), token.NoPos
}

// isGenerated reports whether pos lies in a generated file.
func isGenerated(pass *analysis.Pass, pos token.Pos) bool {
	if f := analysisutil.FileOf(pass, pos); f != nil {
		return ast.IsGenerated(f)
	}
	return false
}
