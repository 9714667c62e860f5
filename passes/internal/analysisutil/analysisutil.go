// Package analysisutil holds small helpers shared by the fanoutlint passes:
// extracting an analyzer's documentation from its doc.go, and reading the
// syntax and source text around a node.
package analysisutil

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"iter"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// MustExtractDoc returns the documentation of analyzer name from content,
// the text of a doc.go file whose package comment has a section headed
// "# Analyzer name". The section's first line has the form "name: title";
// the text runs to the next "# Analyzer" heading or the end of the comment,
// so sub-sections such as "# Known limitations" stay part of it. It
// panics if the section is missing, because that is a build-time mistake.
func MustExtractDoc(content, name string) string {
	doc, err := ExtractDoc(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// ExtractDoc is MustExtractDoc that returns an error instead of panicking.
func ExtractDoc(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("parsing doc.go: %v", err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package comment")
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name
	_, rest, ok := strings.Cut(text, "\n"+heading+"\n")
	if !ok {
		return "", fmt.Errorf("doc.go has no %q section", heading)
	}
	if i := strings.Index(rest, "\n# Analyzer "); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimSpace(rest)
	if !strings.HasPrefix(rest, name+": ") {
		return "", fmt.Errorf("%q section must start with %q", heading, name+": ")
	}
	return rest, nil
}

// A Releaser is an analyzer result that holds memory (syntax indexes,
// SSA) that nothing needs once every check of its package has finished.
// Drivers keep the results of every package until the end of the run, so
// the analyzer that runs last on a package (ignoredirective's, see
// ignoredirective.Wrap) releases the results it requires.
type Releaser interface {
	Release()
}

// FuncBody returns the body and type of a *ast.FuncDecl or *ast.FuncLit,
// or nils for any other node.
func FuncBody(n ast.Node) (*ast.FuncType, *ast.BlockStmt) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Type, n.Body
	case *ast.FuncLit:
		return n.Type, n.Body
	}
	return nil, nil
}

// Source returns the source text of n as it stands in its file, or ""
// when the file cannot be read.
func Source(pass *analysis.Pass, n ast.Node) string {
	tf := pass.Fset.File(n.Pos())
	if tf == nil {
		return ""
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if start < 0 || end > len(src) || start > end {
		return ""
	}
	return string(src[start:end])
}

// FileOf returns the file of the package that holds pos, or nil.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	if !pos.IsValid() {
		return nil
	}
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// ReturnsOnlyNil reports whether every return statement of lit (not of the
// literals nested in it) returns the predeclared nil as its only result:
// the literal declares an error result that never carries a failure.
func ReturnsOnlyNil(info *types.Info, lit *ast.FuncLit) bool {
	only := true
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				only = false
				return false
			}
			id, ok := astutil.Unparen(n.Results[0]).(*ast.Ident)
			if !ok || info.Uses[id] != types.Universe.Lookup("nil") {
				only = false
			}
		}
		return only
	})
	return only
}

// DroppedErrorCalls yields the calls in body, outside the function
// literals nested in it, that are used as statements although their
// static callee returns an error: the error is dropped on the spot, and
// with it a failure nobody else has seen.
//
// Conservative: calls through interfaces and function values have no
// static callee and are not yielded, nor are the calls whose errors Go
// code conventionally leaves unchecked (apis.ConventionallyUnchecked),
// nor the calls of the package's functions that report every error they
// return themselves (summary.Reports: a worker that logs its failure
// before returning it), when rep is not nil. Nested literals are other
// goroutines or callbacks, judged on their own.
func DroppedErrorCalls(info *types.Info, rep *summary.Reports, body *ast.BlockStmt) iter.Seq2[*ast.CallExpr, *types.Func] {
	return func(yield func(*ast.CallExpr, *types.Func) bool) {
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ExprStmt:
				call, ok := astutil.Unparen(n.X).(*ast.CallExpr)
				if !ok {
					return true
				}
				fn := apis.CalleeFunc(info, call)
				if fn == nil || apis.ErrorResult(fn.Type().(*types.Signature)) < 0 || apis.ConventionallyUnchecked(fn) {
					return true
				}
				if rep != nil && rep.Func(fn) {
					return true
				}
				return yield(call, fn)
			}
			return true
		})
	}
}

// NotePrefix starts the Category of a finding that is true but of low
// consequence; drivers may give such findings a lower severity (the SARIF
// log writes them at level note).
const NotePrefix = "note/"

// TestSuffix ends the Category of a finding in a _test.go file, for the
// checks whose findings in tests are true but of lower consequence: a
// failure lost in a test lets the test pass, it does not break the
// program.
const TestSuffix = "-test"

// InTestFile reports whether pos lies in a _test.go file.
func InTestFile(pass *analysis.Pass, pos token.Pos) bool {
	f := pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// CategoryAt returns kind, the Category of a diagnostic at pos, or, when
// pos lies in a _test.go file, NotePrefix + kind + TestSuffix
// (note/dropped-test).
func CategoryAt(pass *analysis.Pass, pos token.Pos, kind string) string {
	if InTestFile(pass, pos) {
		return NotePrefix + kind + TestSuffix
	}
	return kind
}
