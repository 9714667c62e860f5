// Package golangci registers the fanoutlint suite as a golangci-lint v2
// module plugin named "fanoutlint". A custom golangci-lint binary built by
// "golangci-lint custom" with this package imported runs it when
// .golangci.yml enables it:
//
//	linters:
//	  enable:
//	    - fanoutlint
//	  settings:
//	    custom:
//	      fanoutlint:
//	        type: module
//	        description: risky goroutine fan-out
//	        settings:
//	          disable: [ignoredirective]
//	          checks:
//	            errgroupwait: {}
//
// settings.disable lists checks not to run; settings.checks.<check> sets
// that check's flags, the same flags the command line spells
// -<check>.<flag>. An unknown key, check, flag or a value a flag rejects
// is a configuration error. golangci-lint's //nolint:fanoutlint applies
// to every check of the suite, and //fanoutlint:ignore directives work
// here as in the fanoutlint command.
package golangci

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/analyzer"
	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// Name is the name the plugin is registered under: the key of
// linters.settings.custom in .golangci.yml, and the linter name that
// //nolint comments use.
const Name = "fanoutlint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	// Disable lists the checks not to run.
	Disable []string `json:"disable"`
	// Checks maps a check's name to its flags and their values.
	Checks map[string]map[string]any `json:"checks"`
}

// plugin is the configured suite.
type plugin struct {
	analyzers []*analysis.Analyzer
}

// New decodes the plugin settings, sets the checks' flags from them and
// returns the plugin. golangci-lint calls it once per run.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("fanoutlint settings: %w", err)
	}
	all := analyzer.Analyzers()
	byName := make(map[string]*analysis.Analyzer)
	var names []string
	for _, a := range all {
		byName[a.Name] = a
		names = append(names, a.Name)
	}
	for _, name := range s.Disable {
		if byName[name] == nil {
			return nil, fmt.Errorf("fanoutlint settings: disable: unknown check %q (checks: %s)", name, strings.Join(names, ", "))
		}
	}
	var checks []*analysis.Analyzer
	for _, a := range analyzer.Suite {
		if !slices.Contains(s.Disable, a.Name) {
			checks = append(checks, a)
		}
	}
	// Directives may name any check of the suite; only the enabled ones
	// are judged for unused directives.
	wrapped := ignoredirective.Wrap(checks, analyzer.Names())

	// Flags are set on the analyzers the plugin returns: a wrapped check
	// shares its flags with the suite's, while ignoredirective is new in
	// each Wrap. Settings of a disabled check are still validated.
	for _, name := range slices.Sorted(maps.Keys(s.Checks)) {
		a := byName[name]
		if a == nil {
			return nil, fmt.Errorf("fanoutlint settings: checks: unknown check %q (checks: %s)", name, strings.Join(names, ", "))
		}
		if i := slices.IndexFunc(wrapped, func(w *analysis.Analyzer) bool { return w.Name == name }); i >= 0 {
			a = wrapped[i]
		}
		flags := s.Checks[name]
		for _, flag := range slices.Sorted(maps.Keys(flags)) {
			if err := setFlag(a, flag, flags[flag]); err != nil {
				return nil, fmt.Errorf("fanoutlint settings: checks.%s.%s: %w", name, flag, err)
			}
		}
	}
	if slices.Contains(s.Disable, wrapped[len(wrapped)-1].Name) {
		wrapped = wrapped[:len(wrapped)-1]
	}
	return &plugin{analyzers: wrapped}, nil
}

// setFlag sets flag name of check a from a decoded YAML value.
func setFlag(a *analysis.Analyzer, name string, v any) error {
	if a.Flags.Lookup(name) == nil {
		var flags []string
		a.Flags.VisitAll(func(f *flag.Flag) { flags = append(flags, f.Name) })
		if len(flags) == 0 {
			return fmt.Errorf("%s has no settings", a.Name)
		}
		return fmt.Errorf("%s has no setting %q (settings: %s)", a.Name, name, strings.Join(flags, ", "))
	}
	s, err := flagValue(v)
	if err != nil {
		return err
	}
	return a.Flags.Set(name, s)
}

// flagValue spells a YAML scalar, or a list of scalars joined by commas,
// as a command-line flag value.
func flagValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			s, err := flagValue(e)
			if err != nil {
				return "", err
			}
			if _, ok := e.([]any); ok {
				return "", fmt.Errorf("nested list %v", v)
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("unsupported value %v (%T): want a string, number, boolean or list", v, v)
}

// BuildAnalyzers returns the suite's analyzers, configured.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}

// GetLoadMode asks golangci-lint for type information: every check needs
// it.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
