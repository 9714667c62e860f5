package apis

import (
	"go/token"
	"go/types"
)

// RecvType returns the receiver type of a method, or nil for a function.
func RecvType(fn *types.Func) types.Type {
	if r := fn.Type().(*types.Signature).Recv(); r != nil {
		return r.Type()
	}
	return nil
}

// FuncName spells fn as a reader writes it: pkg.F or pkg.T.M.
func FuncName(fn *types.Func) string {
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Name() + "."
	}
	if named := NamedOf(RecvType(fn)); named != nil {
		return pkg + named.Obj().Name() + "." + fn.Name()
	}
	return pkg + fn.Name()
}

// closer is io.Closer's method set, built here so that packages that do
// not import io can be checked against it.
var closer = types.NewInterfaceType([]*types.Func{
	types.NewFunc(token.NoPos, nil, "Close", types.NewSignatureType(nil, nil, nil, nil,
		types.NewTuple(types.NewVar(token.NoPos, nil, "", errorType)), false)),
}, nil).Complete()

// ConventionallyUnchecked reports whether fn is one of the functions whose
// error results Go code conventionally ignores: fmt's printers, the
// writers of bytes.Buffer and strings.Builder (documented never to fail),
// the writers of bufio.Writer (whose first error is sticky and returned
// again by Flush, the call that is checked), the Close method of an
// io.Closer, whose error on a resource being released is best-effort
// cleanup, and the standard-library functions documented to return a nil
// error always (io.PipeWriter.CloseWithError, maphash.Hash's writers,
// math/rand and crypto/rand Read). Checks that report dropped errors skip
// them, as errcheck does by default.
func ConventionallyUnchecked(fn *types.Func) bool {
	recv := RecvType(fn)
	if fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "fmt":
			switch fn.Name() {
			case "Print", "Printf", "Println", "Fprint", "Fprintf", "Fprintln":
				return true
			}
		case "bytes":
			if IsNamedType(recv, "bytes", "Buffer") {
				return true
			}
		case "strings":
			if IsNamedType(recv, "strings", "Builder") {
				return true
			}
		case "bufio":
			if IsNamedType(recv, "bufio", "Writer") {
				switch fn.Name() {
				case "Write", "WriteString", "WriteByte", "WriteRune", "ReadFrom":
					return true
				}
			}
		}
	}
	if recv != nil && fn.Name() == "Close" && types.Implements(recv, closer) {
		return true
	}
	return neverFails(fn)
}

// stdFunc names a standard-library function or method: the package path,
// the receiver's named type ("" for a function) and the name.
type stdFunc struct{ pkg, recv, name string }

// documentedNilError lists the standard-library functions whose
// documentation promises a nil error: the result exists only to satisfy
// an interface (io.Writer, io.Reader) or for symmetry with Close.
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

// neverFails reports whether fn is a standard-library function documented
// to return a nil error on every call. Interface methods never are: their
// implementation is unknown.
func neverFails(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == nil {
		return false
	}
	recv := ""
	if r := RecvType(fn); r != nil {
		named := NamedOf(r)
		if named == nil || types.IsInterface(named) {
			return false
		}
		recv = named.Obj().Name()
	}
	return documentedNilError[stdFunc{fn.Pkg().Path(), recv, fn.Name()}]
}
