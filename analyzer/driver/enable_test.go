package driver

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestEnableSelected(t *testing.T) {
	off := &analysis.Analyzer{Name: "off"}
	off.Flags.Bool("enable", false, "run off")
	on := &analysis.Analyzer{Name: "on"}
	all := []*analysis.Analyzer{off, on}
	for _, c := range []struct{ args, want []string }{
		{[]string{"./..."}, []string{"./..."}},
		{[]string{"-off", "./..."}, []string{"-off.enable", "-off", "./..."}},
		{[]string{"-off=true", "-on", "./..."}, []string{"-off.enable", "-off=true", "-on", "./..."}},
		{[]string{"-off=false", "./..."}, []string{"-off=false", "./..."}},
		{[]string{"-off", "-off.enable=false", "./..."}, []string{"-off", "-off.enable=false", "./..."}},
		{[]string{"-on", "./..."}, []string{"-on", "./..."}},
		{[]string{"-json", "./...", "-off"}, []string{"-json", "./...", "-off"}}, // a package, not a flag
	} {
		if got := enableSelected(c.args, all); !slices.Equal(got, c.want) {
			t.Errorf("enableSelected(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}
