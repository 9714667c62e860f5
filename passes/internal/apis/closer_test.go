package apis

import (
	"go/importer"
	"go/token"
	"go/types"
	"testing"
)

const closerSrc = `package c
import "net"
type res struct{}
func (*res) Close() error { return nil }
type shut struct{}
func (shut) Close() {}
type other struct{}
func (other) Stop() error { return nil }
var (
	_ net.Listener
	_ = (*res).Close
	_ = shut.Close
	_ = other.Stop
)
`

// TestIsCloserClose checks that the Close methods implementing io.Closer
// are recognised, on interfaces and concrete types, and that a Close of
// another signature and other methods are not.
func TestIsCloserClose(t *testing.T) {
	fset := token.NewFileSet()
	pkg, _ := check(t, fset, importer.Default(), "c", closerSrc, nil)
	method := func(t types.Type, name string) *types.Func {
		obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
		fn, _ := obj.(*types.Func)
		return fn
	}
	ln := pkg.Imports()[0].Scope().Lookup("Listener").Type()
	for _, tc := range []struct {
		fn   *types.Func
		want bool
	}{
		{method(ln, "Close"), true},
		{method(types.NewPointer(pkg.Scope().Lookup("res").Type()), "Close"), true},
		{method(pkg.Scope().Lookup("shut").Type(), "Close"), false},
		{method(pkg.Scope().Lookup("other").Type(), "Stop"), false},
		{nil, false},
	} {
		if got := IsCloserClose(tc.fn); got != tc.want {
			t.Errorf("IsCloserClose(%v) = %v, want %v", tc.fn, got, tc.want)
		}
	}
}
