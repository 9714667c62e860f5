package driver

import (
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// enableSelected returns args with -<check>.enable added for every check
// that is off by default (it has an ignoredirective.EnableFlag flag) and
// that args select by name (-<check> or -<check>=true) without saying
// anything of its enable flag: naming a check runs it.
func enableSelected(args []string, analyzers []*analysis.Analyzer) []string {
	names, _ := flagNames(args)
	given := make(map[string]bool)
	for _, n := range names {
		given[n] = true
	}
	var extra []string
	for _, arg := range args[:len(names)] {
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if hasValue && value != "true" {
			continue
		}
		for _, a := range analyzers {
			flagName := a.Name + "." + ignoredirective.EnableFlag
			if a.Name == name && a.Flags.Lookup(ignoredirective.EnableFlag) != nil && !given[flagName] {
				extra = append(extra, "-"+flagName)
				given[flagName] = true
			}
		}
	}
	if len(extra) == 0 {
		return args
	}
	return append(extra, args...)
}
