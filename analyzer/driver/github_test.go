package driver

import (
	"testing"

	"github.com/fanoutlint/fanoutlint/analyzer"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain text", "plain text", "plain text"},
		{"50% done", "50%25 done", "50%25 done"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"dir,with:colon", "dir,with:colon", "dir%2Cwith%3Acolon"},
		{"%0A literal", "%250A literal", "%250A literal"},
	} {
		if got := escapeData(tc.in); got != tc.data {
			t.Errorf("escapeData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := escapeProperty(tc.in); got != tc.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
}

func TestGateArgs(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		inActions bool
		want      bool
	}{
		{[]string{"./..."}, false, false},
		{[]string{"-sarif=x", "./..."}, false, true},
		{[]string{"--sarif", "x", "./..."}, false, true},
		{[]string{"-github", "./..."}, false, true},
		{[]string{"./..."}, true, true},
		{[]string{"-test=false", "-errgroupwait", "./..."}, true, true},
		{[]string{"-nosuchcheck", "./..."}, true, false},
		{[]string{"-fix", "./..."}, true, false},
		{[]string{"-json", "./..."}, true, false},
		{[]string{"-V=full"}, true, false},
		{[]string{"-flags"}, true, false},
		{[]string{"-errgroupwait", "/tmp/vet.cfg"}, true, false},
	} {
		if got := gateArgs(tc.args, analyzer.Analyzers(), tc.inActions); got != tc.want {
			t.Errorf("gateArgs(%q, inActions=%v) = %v, want %v", tc.args, tc.inActions, got, tc.want)
		}
	}
}
