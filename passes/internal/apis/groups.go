package apis

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// GroupRoot reports whether the SSA value v creates a group: var wg
// sync.WaitGroup, new(errgroup.Group), &errgroup.Group{}, or the group of
// errgroup.WithContext; errgroup tells which kind. A pointer variable
// (var g *errgroup.Group) creates no group.
func GroupRoot(v ssa.Value) (errgroup, ok bool) {
	switch v := v.(type) {
	case *ssa.Alloc:
		ptr, isPtr := v.Type().(*types.Pointer)
		if !isPtr {
			return false, false
		}
		elem := ptr.Elem()
		if _, isPtr := types.Unalias(elem).(*types.Pointer); isPtr {
			return false, false
		}
		if IsErrgroup(elem) {
			return true, true
		}
		return false, IsWaitGroup(elem)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 && SSACallee(call.Common()) == ErrgroupWithContext {
			return true, true
		}
	}
	return false, false
}
