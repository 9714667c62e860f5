package stranded

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A group is a local errgroup.Group or sync.WaitGroup of one function
// that does not escape it: every use is a method call of the group's API
// in the function, a capture by a goroutine or a Go callback, or a
// deferred call.
type group struct {
	fn       *ssa.Function
	root     ssa.Value // the *ssa.Alloc or WithContext result
	errgroup bool

	starts []ssa.Instruction // in fn: Go/TryGo/wg.Go calls and go instructions
	waits  []ssa.Instruction // in fn: Wait calls, deferred Waits
	// fixed are the package variables set only at initialisation, whose
	// tests correlate (see stable).
	fixed map[*types.Var]bool
}

// findGroup returns the group created by root in fn, or nil when the
// group escapes or its Wait runs in a goroutine (the join is delegated,
// and the goroutines may well be meant to outlive the call).
func findGroup(fn *ssa.Function, root ssa.Value, errgroup bool) *group {
	g := &group{fn: fn, root: root, errgroup: errgroup}
	if !g.uses(fn, root, false, nil) {
		return nil
	}
	return g
}

// uses walks the uses of v, a pointer to the group (or, when indirect, the
// address of a variable holding that pointer) in f. inner is nil when f is
// the group's own function, else the instruction of the group's function
// that runs f: a go instruction, a deferred call or a Go call. It reports
// whether every use is understood.
func (g *group) uses(f *ssa.Function, v ssa.Value, indirect bool, inner ssa.Instruction) bool {
	if indirect {
		for _, ref := range ssautil.Referrers(v) {
			switch ref := ref.(type) {
			case *ssa.UnOp:
				if ref.Op != token.MUL || !g.uses(f, ref, false, inner) {
					return false
				}
			case *ssa.Store:
				if ref.Addr != v || (ref.Val != g.root) {
					return false // Conservative: the variable is reassigned
				}
			case *ssa.MakeClosure:
				if !g.closure(f, ref, v, inner) {
					return false
				}
			case *ssa.DebugRef:
			default:
				return false
			}
		}
		return true
	}
	for _, ref := range ssautil.Referrers(v) {
		switch ref := ref.(type) {
		case *ssa.Store:
			cell, ok := ref.Addr.(*ssa.Alloc)
			if !ok || ref.Val != v || inner != nil || cell.Parent() != f {
				return false // Conservative: stored in a field or global
			}
			if !g.uses(f, cell, true, inner) {
				return false
			}
		case *ssa.Call:
			if !g.call(f, ref, ref.Common(), v, inner, false) {
				return false
			}
		case *ssa.Defer:
			if !g.call(f, ref, ref.Common(), v, inner, true) {
				return false
			}
		case *ssa.Go:
			if inner != nil {
				return false
			}
			if api := apis.SSACallee(ref.Common()); api != apis.None {
				return false // go wg.Wait(): the join is delegated to a goroutine
			}
			callee := ref.Call.StaticCallee()
			if callee == nil || ref.Call.IsInvoke() || callee.Pkg != f.Pkg {
				return false // Conservative: the group is handed to unknown code
			}
			// go worker(&wg, x): a same-package goroutine that, by
			// convention, calls Done.
			g.starts = append(g.starts, ref)
		case *ssa.MakeClosure:
			if !g.closure(f, ref, v, inner) {
				return false
			}
		case *ssa.DebugRef:
		default:
			// Conservative: passed to a call, converted, compared, merged
			// in a phi, stored or returned.
			return false
		}
	}
	return true
}

// call records a call (or deferred call) of a group method with v as the
// receiver.
func (g *group) call(f *ssa.Function, instr ssa.Instruction, c *ssa.CallCommon, v ssa.Value, inner ssa.Instruction, deferred bool) bool {
	api := apis.SSACallee(c)
	if api == apis.None || len(c.Args) == 0 || c.Args[0] != v {
		return false // Conservative: the group is passed to another function
	}
	for _, a := range c.Args[1:] {
		if a == v {
			return false
		}
	}
	switch api {
	case apis.ErrgroupWait, apis.WaitGroupWait:
		switch {
		case inner == nil:
			g.waits = append(g.waits, instr)
		case isDefer(inner):
			g.waits = append(g.waits, inner) // a deferred closure that waits
		default:
			return false // the join is delegated to a goroutine or callback
		}
	case apis.ErrgroupGo, apis.ErrgroupTryGo, apis.WaitGroupGo:
		if deferred {
			return false
		}
		if inner == nil {
			g.starts = append(g.starts, instr)
		}
	case apis.WaitGroupAdd, apis.WaitGroupDone, apis.ErrgroupSetLimit:
	default:
		return false
	}
	return true
}

// closure records a closure of f capturing the group: it must be started
// as a goroutine, passed to the group's own Go method, or deferred.
func (g *group) closure(f *ssa.Function, mc *ssa.MakeClosure, captured ssa.Value, inner ssa.Instruction) bool {
	refs := ssautil.Referrers(mc)
	if len(refs) != 1 {
		return false
	}
	var runner ssa.Instruction
	switch r := refs[0].(type) {
	case *ssa.Go:
		if r.Call.Value != mc {
			return false
		}
		if inner == nil {
			g.starts = append(g.starts, r)
		}
		runner = r
	case *ssa.Defer:
		if r.Call.Value != mc {
			return false
		}
		runner = r
	case *ssa.Call:
		// g.Go(func() error {...}): the closure is the argument of a Go
		// method; the start is recorded with the method call.
		if apis.GoMethodFunc(r.Common()) != mc {
			return false
		}
		runner = r
	default:
		return false
	}
	if inner != nil {
		runner = inner // what matters is how the outermost closure runs
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	fn = bodyOf(fn)
	for i, b := range mc.Bindings {
		if b != captured {
			continue
		}
		if i >= len(fn.FreeVars) {
			return false
		}
		_, indirect := captured.(*ssa.Alloc)
		if _, isGroup := apis.GroupRoot(captured); isGroup {
			indirect = false // the group variable itself: FreeVar is its address
		}
		if !g.uses(fn, fn.FreeVars[i], indirect, runner) {
			return false
		}
	}
	return true
}

// isDefer reports whether instr is a defer instruction.
func isDefer(instr ssa.Instruction) bool {
	_, ok := instr.(*ssa.Defer)
	return ok
}

// groupExits walks the group's function from its entry and returns the
// returns reached after a start without a Wait in between (and without a
// deferred Wait run before them), with the start of each such path. joined
// reports whether some path passes a Wait after a start, or runs a
// deferred Wait: the group is waited for at least somewhere.
func groupExits(g *group, endsPath func(ssa.Instruction) bool) (rets []*ssa.Return, from map[*ssa.Return]ssa.Instruction, joined bool) {
	isStart := make(map[ssa.Instruction]bool)
	for _, s := range g.starts {
		isStart[s] = true
	}
	isWait := make(map[ssa.Instruction]bool)
	for _, w := range g.waits {
		isWait[w] = true
	}
	type state struct {
		b        *ssa.BasicBlock
		start    ssa.Instruction // the first start since the last Wait, or nil
		deferred bool            // a deferred Wait has been registered
		facts    facts           // outcomes of conditions tested again
	}
	cs := newConds(g.fn, g.fixed)
	closed := g.closedEdges()
	from = make(map[*ssa.Return]ssa.Instruction)
	seen := make(map[state]bool)
	stack := []state{{b: g.fn.Blocks[0]}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		start, deferred := s.start, s.deferred
		fs := cs.enter(s.b, s.facts)
		stop := false
		for _, instr := range s.b.Instrs {
			switch {
			case isStart[instr]:
				if start == nil {
					start = instr
				}
				if deferred {
					joined = true
				}
			case isWait[instr]:
				if isDefer(instr) {
					deferred = true
				} else if start != nil {
					start, joined = nil, true
				}
			}
			if endsPath(instr) {
				stop = true
				break
			}
			if r, ok := instr.(*ssa.Return); ok && start != nil && !deferred {
				if _, dup := from[r]; !dup {
					from[r] = start
					rets = append(rets, r)
				}
			}
		}
		if stop {
			continue
		}
		failed := failedEdge(s.b)
		for i, succ := range s.b.Succs {
			f, ok := cs.follow(s.b, fs, i)
			if !ok || succ == failed {
				continue // contradicts a known outcome, or the test has failed
			}
			st := start
			if closed[s.b] == succ && st != nil {
				// The only goroutine closed its channel last: it is
				// done, as if joined.
				st, joined = nil, true
			}
			stack = append(stack, state{succ, st, deferred, f})
		}
	}
	return rets, from, joined
}

// cleanupOnly reports whether every goroutine g starts gives nothing
// back: it sends on no channel, stores only into its own local
// variables, starts no further goroutine or closure, and returns no
// error other than nil. Such goroutines (closing a connection, removing
// a temporary directory) end by themselves; a return that skips their
// Wait is reported at a lower severity. Calls they make are not
// followed: a call can still write through a pointer it is given.
func (g *group) cleanupOnly() bool {
	for _, s := range g.starts {
		fn := startedFunc(s)
		if fn == nil || fn.Blocks == nil || !givesNothingBack(fn) {
			return false
		}
	}
	return len(g.starts) > 0
}

// startedFunc returns the function a start of a group runs: the
// function of a go instruction, or the argument of a Go method.
func startedFunc(s ssa.Instruction) *ssa.Function {
	var v ssa.Value
	switch s := s.(type) {
	case *ssa.Go:
		v = s.Call.Value
	case *ssa.Call:
		v = apis.GoMethodFunc(s.Common())
	}
	switch f := v.(type) {
	case *ssa.MakeClosure:
		fn, _ := f.Fn.(*ssa.Function)
		if fn != nil {
			return bodyOf(fn)
		}
	case *ssa.Function:
		return bodyOf(f)
	}
	return nil
}

// givesNothingBack reports whether fn's body has no effect its spawner
// could observe through memory or channels (see cleanupOnly).
func givesNothingBack(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Send, *ssa.Go, *ssa.MakeClosure:
				return false
			case *ssa.Select:
				for _, st := range instr.States {
					if st.Dir == types.SendOnly {
						return false
					}
				}
			case *ssa.Store:
				if a, ok := addrRoot(instr.Addr).(*ssa.Alloc); !ok || a.Parent() != fn {
					return false // writes shared memory
				}
			case *ssa.MapUpdate:
				return false
			case *ssa.Return:
				for _, r := range instr.Results {
					if apis.IsError(r.Type()) {
						if k, ok := r.(*ssa.Const); !ok || !k.IsNil() {
							return false // an error the group would collect
						}
					}
				}
			}
		}
	}
	return true
}

// addrRoot returns the value an address is computed from, through field
// and element addresses.
func addrRoot(v ssa.Value) ssa.Value {
	for {
		switch a := v.(type) {
		case *ssa.FieldAddr:
			v = a.X
		case *ssa.IndexAddr:
			v = a.X
		default:
			return v
		}
	}
}
