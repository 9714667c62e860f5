// Package analyzer assembles the fanoutlint suite: every check, in the
// order the README lists them. Drivers (the fanoutlint command, go vet,
// golangci-lint) take their analyzers from Suite.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/ctxcancel"
	"github.com/fanoutlint/fanoutlint/passes/errgroupwait"
	"github.com/fanoutlint/fanoutlint/passes/groupproto"
	"github.com/fanoutlint/fanoutlint/passes/starved"
	"github.com/fanoutlint/fanoutlint/passes/stranded"
	"github.com/fanoutlint/fanoutlint/passes/unreaderr"
)

// Suite is the list of fanoutlint checks.
var Suite = []*analysis.Analyzer{
	errgroupwait.Analyzer,
	unreaderr.Analyzer,
	ctxcancel.Analyzer,
	stranded.Analyzer,
	groupproto.Analyzer,
	starved.Analyzer,
}
