package ignore

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// mustExtractDoc returns the "# Analyzer name" section of the package
// comment in content, the text of a doc.go file, in the form the passes
// use for Analyzer.Doc: it starts with "name: title". It panics if the
// section is missing, a build-time mistake. (The passes share a copy of
// this in passes/internal, which packages under analyzer cannot import.)
func mustExtractDoc(content, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic(fmt.Sprintf("doc.go has no package comment: %v", err))
	}
	_, rest, ok := strings.Cut(f.Doc.Text(), "\n# Analyzer "+name+"\n")
	if i := strings.Index(rest, "\n# Analyzer "); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimSpace(rest)
	if !ok || !strings.HasPrefix(rest, name+": ") {
		panic(fmt.Sprintf("doc.go has no %q section starting with %q", "# Analyzer "+name, name+": "))
	}
	return rest
}
