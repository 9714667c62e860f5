package ignoredirective_test

import (
	"go/ast"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// toyCheck returns a check that reports every call of the function
// called target. Matching by name is enough for a test of suppression.
func toyCheck(name, target string) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     name,
		Doc:      name + ": report calls of " + target,
		Requires: []*analysis.Analyzer{inspect.Analyzer},
	}
	prefix := a.Flags.String("prefix", "call of", "message prefix")
	a.Run = func(pass *analysis.Pass) (any, error) {
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for n := range insp.PreorderSeq((*ast.CallExpr)(nil)) {
			call := n.(*ast.CallExpr)
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == target {
				pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: *prefix + " " + target})
			}
		}
		return nil, nil
	}
	return a
}

func TestSuppress(t *testing.T) {
	all := ignoredirective.Wrap([]*analysis.Analyzer{toyCheck("toy", "finding")}, []string{"toy", "other"})
	analysistest.Run(t, analysistest.TestData(), all[0], "suppress")
}

func TestDirectives(t *testing.T) {
	all := ignoredirective.Wrap([]*analysis.Analyzer{toyCheck("toy", "finding"), toyCheck("toy2", "never")}, []string{"toy", "toy2", "other"})
	analysistest.Run(t, analysistest.TestData(), all[len(all)-1], "directives")
}

// TestUnusedFlag checks that -ignoredirective.unused=false keeps the
// malformed reports and drops the unused ones.
func TestUnusedFlag(t *testing.T) {
	all := ignoredirective.Wrap([]*analysis.Analyzer{toyCheck("toy", "finding"), toyCheck("toy2", "never")}, []string{"toy", "toy2", "other"})
	report := all[len(all)-1]
	if err := report.Flags.Set("unused", "false"); err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(fakeT{t}, analysistest.TestData(), report, "directives")
	var unused, malformed int
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if strings.Contains(d.Message, "suppresses nothing") {
				unused++
			} else {
				malformed++
			}
		}
	}
	if unused != 0 || malformed != 5 {
		t.Errorf("with -unused=false got %d unused and %d malformed reports, want 0 and 5", unused, malformed)
	}
}

// fakeT swallows the "expected diagnostic" errors of analysistest, for a
// test that counts the diagnostics itself.
type fakeT struct{ *testing.T }

func (fakeT) Errorf(string, ...any) {}

// TestWrapKeepsIdentity checks that a wrapped check keeps its name, doc,
// URL and flags, so drivers, help and SARIF rules see the same check.
func TestWrapKeepsIdentity(t *testing.T) {
	toy := toyCheck("toy", "finding")
	toy.URL = "https://example.com/toy"
	all := ignoredirective.Wrap([]*analysis.Analyzer{toy}, nil)
	if err := analysis.Validate(all); err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[1].Name != "ignoredirective" {
		t.Fatalf("Wrap returned %v, want toy then ignoredirective", all)
	}
	w := all[0]
	if w == toy || w.Name != toy.Name || w.Doc != toy.Doc || w.URL != toy.URL {
		t.Errorf("wrapped check = %+v, want a copy of %+v", w, toy)
	}
	if err := w.Flags.Set("prefix", "changed"); err != nil {
		t.Fatal(err)
	}
	if got := toy.Flags.Lookup("prefix").Value.String(); got != "changed" {
		t.Errorf("setting the wrapped check's flag left the check's flag at %q", got)
	}
	if !strings.HasPrefix(all[1].Doc, "ignoredirective: ") {
		t.Errorf("ignoredirective doc = %q", all[1].Doc)
	}
}

// held is a shared result that can be released.
type held struct {
	mu       sync.Mutex
	released bool
}

func (h *held) Release() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.released = true
}

// TestReleasesResults checks that the results the checks require are
// released once, and only once, every check of the package has run.
func TestReleasesResults(t *testing.T) {
	var (
		mu    sync.Mutex
		made  []*held
		early []string
	)
	shared := &analysis.Analyzer{
		Name:       "shared",
		Doc:        "shared: a result two checks use",
		ResultType: reflect.TypeFor[*held](),
		Run: func(*analysis.Pass) (any, error) {
			h := new(held)
			mu.Lock()
			made = append(made, h)
			mu.Unlock()
			return h, nil
		},
	}
	user := func(name string) *analysis.Analyzer {
		return &analysis.Analyzer{
			Name:     name,
			Doc:      name + ": use the shared result",
			Requires: []*analysis.Analyzer{shared},
			Run: func(pass *analysis.Pass) (any, error) {
				h := pass.ResultOf[shared].(*held)
				h.mu.Lock()
				defer h.mu.Unlock()
				if h.released {
					mu.Lock()
					early = append(early, name)
					mu.Unlock()
				}
				return nil, nil
			},
		}
	}
	all := ignoredirective.Wrap([]*analysis.Analyzer{user("a"), user("b")}, nil)
	analysistest.Run(fakeT{t}, analysistest.TestData(), all[len(all)-1], "directives")
	if len(early) > 0 {
		t.Errorf("checks %v saw the shared result released", early)
	}
	if len(made) == 0 {
		t.Fatal("the shared analyzer did not run")
	}
	for _, h := range made {
		if !h.released {
			t.Errorf("a shared result was not released after the package's checks ran")
		}
	}
}
