package chanmodel

import (
	"testing"
)

const starterSrc = `package p

func logPanic() { recover() }

func goDirect(f func())           { go f() }
func goSafe(f func())             { go func() { defer logPanic(); f() }() }
func goNamed(name string, f func()) { go func() { _ = name; f() }() }
func goTwice(f func())            { go f(); go f() }
func goMaybe(f func(), b bool)    { if b { go f() } }
func goLoop(f func(), n int)      { for range n { go f() } }
func callsIt(f func())            { f() }
func innerMaybe(f func(), b bool) { go func() { if b { f() } }() }
func innerTwice(f func())         { go func() { f(); f() }() }
func stores(f func())             { kept = f; go f() }
func passesOn(f func())           { go callsIt(f) }
func callsAndStarts(f func())     { f(); go f() }
func reassigns(f func())          { go func() { f(); f = nil }() }
func earlyReturn(f func(), b bool) { if b { return }; go f() }

var kept func()
`

func TestStarts(t *testing.T) {
	pkg := buildSource(t, starterSrc)
	for _, tc := range []struct {
		name  string
		param int
		want  bool
	}{
		{"goDirect", 0, true},
		{"goSafe", 0, true},
		{"goNamed", 1, true},
		{"goNamed", 0, false},
		{"goTwice", 0, false},
		{"goMaybe", 0, false},
		{"goLoop", 0, false},
		{"callsIt", 0, false},
		{"innerMaybe", 0, false},
		{"innerTwice", 0, false},
		{"stores", 0, false},
		{"passesOn", 0, false},
		{"callsAndStarts", 0, false},
		{"reassigns", 0, false},
		{"earlyReturn", 0, false},
	} {
		fn := pkg.Func(tc.name)
		if got := Starts(fn, tc.param); got != tc.want {
			t.Errorf("Starts(%s, %d) = %t, want %t", tc.name, tc.param, got, tc.want)
		}
	}
}
