package golangci_test

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/analyzer/golangci"
	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// TestPanicsDoNotReachHost checks that no analyzer the plugin hands to
// golangci-lint, the checks or any analyzer they require (the fanout
// front end among them), lets a panic out into the host process: run on
// a pass without type information or the results they require, which
// makes them fail, each
// returns an error, and the checks and fanout an internal error naming
// themselves.
func TestPanicsDoNotReachHost(t *testing.T) {
	// stranded is off by default; turn it on, so that it runs here.
	p, err := golangci.New(map[string]any{"checks": map[string]any{"stranded": map[string]any{"enable": true}}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if _, err := golangci.New(map[string]any{"checks": map[string]any{"stranded": map[string]any{"enable": false}}}); err != nil {
			t.Error(err)
		}
	}()
	roots, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(as []*analysis.Analyzer)
	visit = func(as []*analysis.Analyzer) {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			visit(a.Requires)
		}
	}
	visit(roots)
	internal := make(map[string]bool)
	for a := range seen {
		pass := &analysis.Pass{Analyzer: a, Pkg: types.NewPackage("example.com/p", "p"), Files: []*ast.File{brokenFile(t)}, ResultOf: map[*analysis.Analyzer]any{}}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s panicked into the host: %v", a.Name, r)
				}
			}()
			_, err := a.Run(pass)
			var ie *ignoredirective.InternalError
			if errors.As(err, &ie) && ie.Check == a.Name && ie.Package == "example.com/p" {
				internal[a.Name] = true
			}
		}()
	}
	for _, name := range []string{"errgroupwait", "unreaderr", "ctxcancel", "stranded", "ignoredirective", "fanout"} {
		if !internal[name] {
			t.Errorf("%s on a broken pass: no internal error", name)
		}
	}
}

// brokenFile returns a file that starts a goroutine, parsed without type
// information: an analyzer that walks it with the pass's nil TypesInfo
// panics.
func brokenFile(t *testing.T) *ast.File {
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", "package p\n\nfunc f() { go f() }\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
