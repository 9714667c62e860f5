package stranded

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// waitSignals returns the channels, as the collector's function holds
// them (see chanRoot), that a goroutine of that function closes or sends
// on only after waiting for a group every sender of the collector
// finishes on (a deferred close counts when a Wait precedes every
// return):
//
//	go func() { wg.Wait(); close(done) }()
//	for { select { case v := <-ch: ...; case <-done: return } }
//
// A receive from such a channel means every sender has returned, so none
// of them is blocked. A sender finishes on a group when it is started by
// the group's Go or TryGo, or defers the group's Done.
func (col *collector) waitSignals() []ssa.Value {
	if len(col.spawns) == 0 {
		return nil
	}
	var group ssa.Value
	for _, sp := range col.spawns {
		g := finishesOn(sp)
		if g == nil || (group != nil && g != group) {
			return nil
		}
		group = g
	}
	var out []ssa.Value
	for _, b := range col.fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			fn, outer, inner := goInputs(g)
			if fn == nil || fn.Blocks == nil {
				continue
			}
			for i, o := range outer {
				if chanRoot(o) != group {
					continue
				}
				waits := callsOn(fn, inner[i], apis.WaitGroupWait, apis.ErrgroupWait)
				for j, oj := range outer {
					// The collector's own channel closed after the
					// wait is a receive reporting it closed, which the
					// walk follows on its own.
					if j != i && !col.roots[chanRoot(oj)] && signalsAfter(fn, inner[j], waits) {
						out = append(out, chanRoot(oj))
					}
				}
			}
		}
	}
	return out
}

// finishesOn returns the group, as the collector's function holds it,
// that the goroutine of sp is known to leave only after its sends: the
// group whose Go or TryGo started it, or a group on which it defers Done.
// It returns nil when there is none.
func finishesOn(sp *spawn) ssa.Value {
	switch instr := sp.instr.(type) {
	case *ssa.Call:
		if apis.GoMethodFunc(instr.Common()) != nil {
			return chanRoot(instr.Call.Args[0])
		}
	case *ssa.Go:
		fn, outer, inner := goInputs(instr)
		if fn == nil {
			return nil
		}
		for i := range outer {
			for _, b := range fn.Blocks {
				for _, x := range b.Instrs {
					d, ok := x.(*ssa.Defer)
					if ok && apis.SSACallee(d.Common()) == apis.WaitGroupDone && len(d.Call.Args) == 1 && innerRoot(d.Call.Args[0]) == inner[i] {
						return chanRoot(outer[i])
					}
				}
			}
		}
	}
	return nil
}

// goInputs returns the function a go instruction runs and, pairwise, the
// values of the spawning function it is given (closure bindings or call
// arguments) and the free variables or parameters that hold them inside.
// It returns a nil function for dynamic calls and bound methods.
func goInputs(g *ssa.Go) (fn *ssa.Function, outer, inner []ssa.Value) {
	if g.Call.IsInvoke() {
		return nil, nil, nil
	}
	if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
		f, ok := mc.Fn.(*ssa.Function)
		if !ok {
			return nil, nil, nil
		}
		f = bodyOf(f)
		if len(f.FreeVars) != len(mc.Bindings) || len(f.Params) != len(g.Call.Args) {
			return nil, nil, nil
		}
		// go func(x T) { ... }(v): the bindings and the arguments.
		outer = append(append([]ssa.Value(nil), mc.Bindings...), g.Call.Args...)
		inner = freeVarValues(f)
		for _, p := range f.Params {
			inner = append(inner, p)
		}
		return f, outer, inner
	}
	f := g.Call.StaticCallee()
	if f == nil {
		return nil, nil, nil
	}
	f = bodyOf(f)
	if len(f.Params) != len(g.Call.Args) {
		return nil, nil, nil
	}
	params := make([]ssa.Value, len(f.Params))
	for i, p := range f.Params {
		params[i] = p
	}
	return f, g.Call.Args, params
}

// innerRoot returns the free variable or parameter v is loaded from, or
// v itself: a captured variable holding a pointer to a group is a cell.
func innerRoot(v ssa.Value) ssa.Value {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		switch u.X.(type) {
		case *ssa.FreeVar, *ssa.Parameter:
			return u.X
		}
	}
	return v
}

// callsOn returns the calls in fn of one of the methods want on the
// group held by in.
func callsOn(fn *ssa.Function, in ssa.Value, want ...apis.API) []ssa.Instruction {
	var out []ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if ok && apis.SSACallee(c.Common()).Is(want...) && len(c.Call.Args) == 1 && innerRoot(c.Call.Args[0]) == in {
				out = append(out, c)
			}
		}
	}
	return out
}

// signalsAfter reports whether fn closes or sends on the channel held by
// in (a parameter or free variable, or the cell of a captured variable),
// and every such close or send comes after one of waits: a wait
// dominates it.
func signalsAfter(fn *ssa.Function, in ssa.Value, waits []ssa.Instruction) bool {
	if len(waits) == 0 {
		return false
	}
	t := in.Type()
	vals := []ssa.Value{in}
	if _, ok := in.(*ssa.FreeVar); ok {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			if _, ok := p.Elem().Underlying().(*types.Chan); ok {
				t, vals = p.Elem(), nil
				for _, ref := range ssautil.Referrers(in) {
					if u, ok := ref.(*ssa.UnOp); ok && u.Op == token.MUL {
						vals = append(vals, u)
					}
				}
			}
		}
	}
	if _, ok := t.Underlying().(*types.Chan); !ok {
		return false
	}
	n := 0
	for _, v := range vals {
		for _, ref := range ssautil.Referrers(v) {
			var sig bool
			switch ref := ref.(type) {
			case *ssa.Send:
				sig = ref.Chan == v
			case *ssa.Call:
				sig = chanmodel.IsClose(ref.Common(), v)
			case *ssa.Defer:
				// defer close(done); wg.Wait(): the close runs when the
				// goroutine returns, which it does only past a Wait.
				if chanmodel.IsClose(ref.Common(), v) {
					n++
					if !waitsBeforeReturns(fn, waits) {
						return false
					}
				}
				continue
			}
			if !sig {
				continue
			}
			n++
			if !dominatedBy(ref, waits) {
				return false
			}
		}
	}
	return n > 0
}

// dominatedBy reports whether one of waits runs before instr on every
// path to it.
func dominatedBy(instr ssa.Instruction, waits []ssa.Instruction) bool {
	for _, w := range waits {
		if w.Block() == instr.Block() {
			if ssautil.IndexOf(w) < ssautil.IndexOf(instr) {
				return true
			}
		} else if w.Block().Dominates(instr.Block()) {
			return true
		}
	}
	return false
}

// waitsBeforeReturns reports whether one of waits runs before every
// return of fn, so that a deferred call runs after it (a goroutine that
// panics before its Wait runs its defers too, but then the program
// crashes).
func waitsBeforeReturns(fn *ssa.Function, waits []ssa.Instruction) bool {
	n := 0
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 || b == fn.Recover {
			continue // the recover block returns after a recovered panic
		}
		if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			n++
			if !dominatedBy(r, waits) {
				return false
			}
		}
	}
	return n > 0
}
