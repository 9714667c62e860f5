package apis

import "go/types"

// IsCloserClose reports whether fn is the Close method by which its
// receiver's type implements io.Closer (an interface's or a concrete
// type's).
func IsCloserClose(fn *types.Func) bool {
	if fn == nil || fn.Name() != "Close" {
		return false
	}
	recv := RecvType(fn)
	return recv != nil && types.Implements(recv, closer)
}
