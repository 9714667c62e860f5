package golangci_test

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/fanoutlint/fanoutlint/analyzer"
	"github.com/fanoutlint/fanoutlint/analyzer/golangci"
)

// names returns the analyzer names a plugin built from conf returns.
func names(t *testing.T, conf any) []string {
	t.Helper()
	p, err := golangci.New(conf)
	if err != nil {
		t.Fatalf("New(%v): %v", conf, err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("fanoutlint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", p.GetLoadMode(), register.LoadModeTypesInfo)
	}
	as, _ := p.BuildAnalyzers()
	all := analyzer.Analyzers()
	if len(as) != len(all) {
		t.Fatalf("BuildAnalyzers returned %d analyzers, want the %d of the suite", len(as), len(all))
	}
	for i, a := range as {
		if a.Name != all[i].Name || a.Doc != all[i].Doc || a.URL != all[i].URL {
			t.Errorf("analyzer %d is %s, want %s", i, a.Name, all[i].Name)
		}
	}
}

func TestDisable(t *testing.T) {
	got := names(t, map[string]any{"disable": []any{"ignoredirective"}})
	if strings.Join(got, ",") != strings.Join(analyzer.Names(), ",") {
		t.Errorf("disable ignoredirective: got %v, want %v", got, analyzer.Names())
	}
	first := analyzer.Suite[0].Name
	got = names(t, map[string]any{"disable": []any{first}})
	if len(got) != len(analyzer.Suite) || got[0] == first {
		t.Errorf("disable %s: got %v", first, got)
	}
}

// TestFlags checks that settings reach the flags of the analyzers the
// plugin returns, through the one check that has a flag today.
func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{{false, "false"}, {"false", "false"}, {true, "true"}} {
		p, err := golangci.New(map[string]any{"checks": map[string]any{"ignoredirective": map[string]any{"unused": tc.v}}})
		if err != nil {
			t.Fatal(err)
		}
		as, _ := p.BuildAnalyzers()
		last := as[len(as)-1]
		if last.Name != "ignoredirective" {
			t.Fatalf("last analyzer is %s, want ignoredirective", last.Name)
		}
		if got := last.Flags.Lookup("unused").Value.String(); got != tc.want {
			t.Errorf("unused: %v: the returned ignoredirective has -unused=%s, want %s", tc.v, got, tc.want)
		}
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"disabled": []any{"x"}}, `unknown field "disabled"`},
		{map[string]any{"disable": "errgroupwait"}, "cannot unmarshal string"},
		{map[string]any{"disable": []any{"nosuch"}}, `disable: unknown check "nosuch"`},
		{map[string]any{"checks": map[string]any{"nosuch": map[string]any{}}}, `checks: unknown check "nosuch"`},
		{map[string]any{"checks": map[string]any{"ignoredirective": map[string]any{"nosuch": 1}}}, `ignoredirective has no setting "nosuch" (settings: unused)`},
		{map[string]any{"checks": map[string]any{"ignoredirective": map[string]any{"unused": "maybe"}}}, `checks.ignoredirective.unused: parse error`},
		{map[string]any{"checks": map[string]any{"ignoredirective": map[string]any{"unused": map[string]any{}}}}, "unsupported value"},
	} {
		_, err := golangci.New(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) = %v, want an error containing %q", tc.conf, err, tc.want)
		}
	}
}
