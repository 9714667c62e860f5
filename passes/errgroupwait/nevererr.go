package errgroupwait

import (
	"go/types"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// A stdFunc names a standard-library function or method: the package
// path, the receiver's named type ("" for a function) and the name.
type stdFunc struct{ pkg, recv, name string }

// documentedNilError lists the standard-library functions whose
// documentation promises a nil error: the result exists only to satisfy
// an interface (io.Writer, io.Reader) or for symmetry with Close.
// Dropping it loses nothing, so a Go closure that does is not swallowing
// a failure.
var documentedNilError = map[stdFunc]bool{
	// "CloseWithError never overwrites the previous error if it exists
	// and always returns nil."
	{"io", "PipeReader", "CloseWithError"}: true,
	{"io", "PipeWriter", "CloseWithError"}: true,
	// "It always writes all of b and never fails; the count and error
	// result are for implementing io.Writer."
	{"hash/maphash", "Hash", "Write"}:       true,
	{"hash/maphash", "Hash", "WriteString"}: true,
	{"hash/maphash", "Hash", "WriteByte"}:   true,
	// "It always returns len(p) and a nil error."
	{"math/rand", "", "Read"}:           true,
	{"math/rand", "Rand", "Read"}:       true,
	{"math/rand/v2", "ChaCha8", "Read"}: true,
	// "It never returns an error, and always fills b entirely." (Go 1.24)
	{"crypto/rand", "", "Read"}: true,
}

// neverReturnsError reports whether fn is a standard-library function
// documented to return a nil error on every call.
func neverReturnsError(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == nil {
		return false
	}
	recv := ""
	if named := apis.NamedOf(apis.RecvType(fn)); named != nil {
		recv = named.Obj().Name()
	} else if apis.RecvType(fn) != nil {
		return false // an interface method: its implementation is unknown
	}
	return documentedNilError[stdFunc{fn.Pkg().Path(), recv, fn.Name()}]
}
