package ssautil

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// IsStartBarrier reports whether the sync.WaitGroup created by wg (the
// *ssa.Alloc of var wg sync.WaitGroup, new(sync.WaitGroup) or
// &sync.WaitGroup{}) is a start barrier: every Done on it is the first
// action of a goroutine, so its Wait waits for the goroutines to start,
// not to finish.
//
//	started.Add(1)
//	go func() { started.Done(); io.Copy(dst, src) }()
//	started.Wait()
//
// Such goroutines are long-lived by design; a return that skips the Wait
// leaves nothing behind that the Wait would have collected, and an error
// dropped inside them is not one the Wait joins.
//
// The answer is proved, not assumed: every use of the group must be seen
// (method calls of sync.WaitGroup, captures by closures run as goroutines
// or called in place, local variables holding it, arguments of functions
// with a body), there must be at least one Done, and none may be deferred
// or preceded by anything but loads, address computations, allocations
// and defer registrations. A WaitGroup.Go call counts its function's end,
// so it makes the group a join. Any use not understood (the group stored
// in a field, passed to a function without a body or to an interface
// method) answers false: the group is then taken as a join, as before.
func IsStartBarrier(wg ssa.Value) bool {
	w := &barrierWalk{seen: make(map[ssa.Value]bool)}
	return w.ptr(wg, false) && w.dones > 0
}

// barrierWalk follows the values that hold a pointer to one WaitGroup.
type barrierWalk struct {
	dones int
	seen  map[ssa.Value]bool
}

// ptr follows v, a value holding a pointer to the group, in its function.
// goroutine reports whether that function is the body of a goroutine,
// the only place a Done may sit. It reports whether every use is a
// barrier use.
func (w *barrierWalk) ptr(v ssa.Value, goroutine bool) bool {
	if w.seen[v] {
		return true
	}
	w.seen[v] = true
	for _, ref := range Referrers(v) {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Call:
			if !w.call(ref, ref.Common(), v, goroutine) {
				return false
			}
		case *ssa.Defer:
			switch api := apis.SSACallee(ref.Common()); {
			case api == apis.WaitGroupWait && len(ref.Call.Args) == 1 && ref.Call.Args[0] == v:
			default:
				return false // a deferred Done is a join; anything else unknown
			}
		case *ssa.Go:
			switch api := apis.SSACallee(ref.Common()); {
			case api == apis.WaitGroupWait && len(ref.Call.Args) == 1:
			case api != apis.None:
				return false
			default:
				if !w.args(ref.Common(), v, true) {
					return false
				}
			}
		case *ssa.Store:
			cell, ok := ref.Addr.(*ssa.Alloc)
			if !ok || ref.Val != v || !w.cell(cell, goroutine) {
				return false // stored in a field, element or global
			}
		case *ssa.MakeClosure:
			if !w.closure(ref, v, false, goroutine) {
				return false
			}
		default:
			return false // converted, compared, merged, returned
		}
	}
	return true
}

// cell follows a local variable holding a pointer to the group.
func (w *barrierWalk) cell(cell *ssa.Alloc, goroutine bool) bool {
	if w.seen[cell] {
		return true
	}
	w.seen[cell] = true
	for _, ref := range Referrers(cell) {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if ref.Addr != cell || !w.seen[ref.Val] {
				return false // assigned another group
			}
		case *ssa.UnOp:
			if ref.Op != token.MUL || !w.ptr(ref, goroutine) {
				return false
			}
		case *ssa.MakeClosure:
			if !w.closure(ref, cell, true, goroutine) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// call checks a call that uses v: a method of the group, or a function
// with a body that receives the group.
func (w *barrierWalk) call(instr *ssa.Call, c *ssa.CallCommon, v ssa.Value, goroutine bool) bool {
	api := apis.SSACallee(c)
	switch api {
	case apis.None:
		return w.args(c, v, false)
	case apis.WaitGroupDone:
		if len(c.Args) != 1 || c.Args[0] != v || !goroutine || !firstAction(instr) {
			return false
		}
		w.dones++
		return true
	case apis.WaitGroupAdd, apis.WaitGroupWait:
		return len(c.Args) >= 1 && c.Args[0] == v
	}
	// WaitGroup.Go counts the end of its function; any other API is not
	// a use of a WaitGroup this walk understands.
	return false
}

// args follows v into the parameters of the statically called function
// of c; started reports whether c starts that function as a goroutine.
func (w *barrierWalk) args(c *ssa.CallCommon, v ssa.Value, started bool) bool {
	if c.IsInvoke() || c.Value == v {
		return false
	}
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		for _, b := range mc.Bindings {
			if b == v {
				return false // a bound method of the group
			}
		}
	}
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	if callee.Origin() != nil {
		callee = callee.Origin()
	}
	if callee.Blocks == nil || len(callee.Params) != len(c.Args) {
		return false // Conservative: a body this walk cannot see
	}
	for i, a := range c.Args {
		if a == v && !w.ptr(callee.Params[i], started) {
			return false
		}
	}
	return true
}

// closure follows a capture of the group (or of the cell holding it, when
// indirect) by mc, which must be started as a goroutine (a go statement
// or a Go method) or called in place.
func (w *barrierWalk) closure(mc *ssa.MakeClosure, captured ssa.Value, indirect, goroutine bool) bool {
	refs := Referrers(mc)
	if len(refs) != 1 {
		return false
	}
	started := false
	switch r := refs[0].(type) {
	case *ssa.Go:
		if r.Call.Value != mc {
			return false
		}
		started = true
	case *ssa.Call:
		switch {
		case apis.GoMethodFunc(r.Common()) == mc:
			started = true
		case r.Call.Value == mc:
			started = false // called in place, in the same goroutine
			if goroutine {
				return false // Conservative: a Done there is not the goroutine's first action
			}
		default:
			return false
		}
	default:
		return false // deferred, stored or passed on
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	for i, b := range mc.Bindings {
		if b != captured {
			continue
		}
		if i >= len(fn.FreeVars) {
			return false
		}
		fv := fn.FreeVars[i]
		if indirect {
			for _, ref := range Referrers(fv) {
				switch ref := ref.(type) {
				case *ssa.DebugRef:
				case *ssa.UnOp:
					if ref.Op != token.MUL || !w.ptr(ref, started) {
						return false
					}
				default:
					return false // assigned or captured again
				}
			}
		} else if !w.ptr(fv, started) {
			return false
		}
	}
	return true
}

// firstAction reports whether call is the first thing its function does:
// it sits in the entry block, after nothing but instructions without an
// effect another goroutine could wait for (loads, address computations,
// allocations, closures, conversions and defer registrations).
func firstAction(call ssa.Instruction) bool {
	fn := call.Parent()
	if fn == nil || len(fn.Blocks) == 0 || call.Block() != fn.Blocks[0] {
		return false
	}
	for _, instr := range call.Block().Instrs {
		if instr == call {
			return true
		}
		switch instr := instr.(type) {
		case *ssa.UnOp:
			if instr.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef, *ssa.FieldAddr, *ssa.Field, *ssa.IndexAddr, *ssa.Alloc,
			*ssa.MakeClosure, *ssa.ChangeType, *ssa.MakeInterface, *ssa.Defer:
		default:
			return false
		}
	}
	return false
}
