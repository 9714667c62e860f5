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
// again by Flush, the call that is checked), and the Close method of an
// io.Closer, whose error on a resource being released is best-effort
// cleanup. Checks that report dropped errors skip
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
	return recv != nil && fn.Name() == "Close" && types.Implements(recv, closer)
}
