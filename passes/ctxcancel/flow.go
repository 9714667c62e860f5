package ctxcancel

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// flow answers "which values can this SSA value hold?" for the functions
// of one package. Go variables captured by closures live in heap cells
// (an *ssa.Alloc read and written through loads and stores, and reached
// from closures through free variables), so a context variable shared
// with a goroutine is never a plain SSA value: flow follows the cells.
type flow struct {
	closures map[*ssa.Function][]*ssa.MakeClosure // anonymous function → where it is created
	indexed  map[*ssa.Function]bool
}

func newFlow() *flow {
	return &flow{
		closures: make(map[*ssa.Function][]*ssa.MakeClosure),
		indexed:  make(map[*ssa.Function]bool),
	}
}

// makeClosures returns the MakeClosure instructions that create the
// anonymous function fn in its parent.
func (f *flow) makeClosures(fn *ssa.Function) []*ssa.MakeClosure {
	parent := fn.Parent()
	if parent == nil {
		return nil
	}
	if !f.indexed[parent] {
		f.indexed[parent] = true
		for _, b := range parent.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					if anon, ok := mc.Fn.(*ssa.Function); ok {
						f.closures[anon] = append(f.closures[anon], mc)
					}
				}
			}
		}
	}
	return f.closures[fn]
}

// binding returns the value bound to the free variable fv where its
// function is created, or nil if that is not a single known site.
func (f *flow) binding(fv *ssa.FreeVar) (ssa.Value, *ssa.MakeClosure) {
	fn := fv.Parent()
	idx := -1
	for i, v := range fn.FreeVars {
		if v == fv {
			idx = i
		}
	}
	mcs := f.makeClosures(fn)
	if idx < 0 || len(mcs) != 1 {
		return nil, nil
	}
	return mcs[0].Bindings[idx], mcs[0]
}

// cellOf returns the local variable cell that ptr addresses: ptr itself
// if it is an Alloc, or the cell a free variable is bound to, through
// any number of enclosing closures; nil otherwise.
func (f *flow) cellOf(ptr ssa.Value) *ssa.Alloc {
	for range 16 {
		switch p := ptr.(type) {
		case *ssa.Alloc:
			return p
		case *ssa.FreeVar:
			b, _ := f.binding(p)
			if b == nil {
				return nil
			}
			ptr = b
		default:
			return nil
		}
	}
	return nil
}

// creation returns the instruction of the cell's function at which the
// code of fn (the cell's function itself, or a closure nested in it) can
// start reading the cell: nil for the cell's own function, else the
// MakeClosure of the outermost closure on the way from fn up to it.
func (f *flow) creation(cell *ssa.Alloc, fn *ssa.Function) (*ssa.MakeClosure, bool) {
	var mc *ssa.MakeClosure
	for fn != cell.Parent() {
		mcs := f.makeClosures(fn)
		if len(mcs) != 1 {
			return nil, false
		}
		mc = mcs[0]
		fn = fn.Parent()
		if fn == nil {
			return nil, false
		}
	}
	return mc, true
}

// cellUses collects the stores into cell and reports whether every use
// of the cell is understood: loads, stores, and bindings of closures
// whose free variable in turn is only loaded, stored or bound again.
// A cell whose address escapes otherwise (passed to a call, stored in a
// field) can change behind our back.
func (f *flow) cellUses(ptr ssa.Value, stores *[]*ssa.Store) bool {
	for _, r := range ssautil.Referrers(ptr) {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != ptr {
				return false // the cell's address is itself stored
			}
			*stores = append(*stores, r)
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			anon, ok := r.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range r.Bindings {
				if b == ptr && !f.cellUses(anon.FreeVars[i], stores) {
					return false
				}
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// load returns the stores whose value a load of cell at instruction at
// (in the cell's own function or a closure nested in it) can observe, or
// false when that is not known. A load in the cell's function sees the
// stores that reach it; a load in a closure, which may run at any later
// time, sees the stores that reach the closure's creation and every store
// reachable after it. Stores made by closures are visible everywhere.
func (f *flow) load(cell *ssa.Alloc, at ssa.Instruction) ([]*ssa.Store, bool) {
	var stores []*ssa.Store
	if !f.cellUses(cell, &stores) {
		return nil, false
	}
	var local, remote []*ssa.Store
	for _, s := range stores {
		if s.Parent() == cell.Parent() {
			local = append(local, s)
		} else {
			remote = append(remote, s)
		}
	}
	mc, ok := f.creation(cell, at.Parent())
	if !ok {
		return nil, false
	}
	point := at
	if mc != nil {
		point = mc
	}
	seen, ok := reaching(cell, point, local)
	if !ok {
		return nil, false
	}
	if mc != nil {
		for _, s := range local {
			if reachable(mc, s, nil) {
				seen = append(seen, s)
			}
		}
	}
	return append(seen, remote...), true
}

// reaching returns the stores among stores that can be the last one to
// execute before instruction at, both in the same function; false if the
// cell's zero value can reach at (a path with no store).
func reaching(cell *ssa.Alloc, at ssa.Instruction, stores []*ssa.Store) ([]*ssa.Store, bool) {
	inBlock := make(map[*ssa.BasicBlock][]*ssa.Store)
	for _, s := range stores {
		inBlock[s.Block()] = append(inBlock[s.Block()], s)
	}
	// lastBefore returns the last store of b before index end (or in all
	// of b when end < 0).
	lastBefore := func(b *ssa.BasicBlock, end int) *ssa.Store {
		var last *ssa.Store
		for i, instr := range b.Instrs {
			if end >= 0 && i >= end {
				break
			}
			if s, ok := instr.(*ssa.Store); ok && s.Addr == cell {
				last = s
			}
		}
		return last
	}
	var out []*ssa.Store
	start := at.Block()
	if s := lastBefore(start, ssautil.IndexOf(at)); s != nil {
		return []*ssa.Store{s}, true
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), start.Preds...)
	if len(work) == 0 {
		return nil, false
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if len(inBlock[b]) > 0 {
			out = append(out, lastBefore(b, -1))
			continue
		}
		if len(b.Preds) == 0 {
			return nil, false
		}
		work = append(work, b.Preds...)
	}
	return out, true
}

// reachable reports whether instruction to can execute after from in the
// same function, on a path that does not pass through stop (if not nil).
func reachable(from, to ssa.Instruction, stop ssa.Instruction) bool {
	return reachableAvoiding(from, to, func(i ssa.Instruction) bool { return stop != nil && i == stop })
}

// reachableAvoiding reports whether instruction to can execute after
// from in the same function, on a path that passes no instruction for
// which stop is true.
func reachableAvoiding(from, to ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	if from.Parent() != to.Parent() {
		return false
	}
	fb := from.Block()
	// later reports whether, scanning b from index i, to is met before
	// a stop.
	later := func(b *ssa.BasicBlock, i int) (found, stopped bool) {
		for ; i < len(b.Instrs); i++ {
			switch instr := b.Instrs[i]; {
			case instr == to:
				return true, false
			case stop(instr):
				return false, true
			}
		}
		return false, false
	}
	if found, stopped := later(fb, ssautil.IndexOf(from)+1); found {
		return true
	} else if stopped {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), fb.Succs...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		found, stopped := later(b, 0)
		if found {
			return true
		}
		if !stopped {
			work = append(work, b.Succs...)
		}
	}
	return false
}

// roots returns the values v can hold, looking through phis, loads of
// local cells and the free variables of closures: parameters, call
// results, channels made here, and so on. ok is false when some
// contribution is unknown: a cell whose address escapes, the zero value
// of a cell, a closure created at several sites.
func (f *flow) roots(v ssa.Value) (set map[ssa.Value]bool, ok bool) {
	set = make(map[ssa.Value]bool)
	ok = f.collect(v, set, make(map[ssa.Value]bool), false)
	return set, ok
}

// rootsDerived is roots, looking also through the contexts that package
// context derives from a parent (WithCancel, WithTimeout, WithValue and
// the like, see apis.IsContextDerivation): a child is cancelled with its
// parent, so the child's uses are the parent's. errgroup.WithContext is
// not looked through: its context is a root of its own, cancelled by
// Wait.
func (f *flow) rootsDerived(v ssa.Value) (set map[ssa.Value]bool, ok bool) {
	set = make(map[ssa.Value]bool)
	ok = f.collect(v, set, make(map[ssa.Value]bool), true)
	return set, ok
}

// derivedFrom returns the parent context of v when v is the context
// result of a derivation by package context, or nil.
func derivedFrom(v ssa.Value) ssa.Value {
	var call *ssa.Call
	switch x := v.(type) {
	case *ssa.Extract:
		if x.Index != 0 {
			return nil
		}
		call, _ = x.Tuple.(*ssa.Call)
	case *ssa.Call:
		call = x
	}
	if call == nil || !apis.SSACallee(call.Common()).IsContextDerivation() || len(call.Call.Args) == 0 {
		return nil
	}
	return call.Call.Args[0]
}

func (f *flow) collect(v ssa.Value, set, seen map[ssa.Value]bool, derived bool) bool {
	if seen[v] {
		return true
	}
	seen[v] = true
	if len(seen) > 256 {
		return false
	}
	if derived {
		if p := derivedFrom(v); p != nil {
			return f.collect(p, set, seen, derived)
		}
	}
	switch x := v.(type) {
	case *ssa.Phi:
		for _, e := range x.Edges {
			if !f.collect(e, set, seen, derived) {
				return false
			}
		}
		return true
	case *ssa.ChangeType:
		return f.collect(x.X, set, seen, derived)
	case *ssa.FreeVar:
		// A free variable bound by value (not a cell): the bound value.
		if b, _ := f.binding(x); b != nil {
			return f.collect(b, set, seen, derived)
		}
		return false
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if cell := f.cellOf(x.X); cell != nil {
				stores, ok := f.load(cell, x)
				if !ok {
					return false
				}
				for _, s := range stores {
					if !f.collect(s.Val, set, seen, derived) {
						return false
					}
				}
				return true
			}
		}
	}
	set[v] = true
	return true
}

// only reports whether the roots of v are known and are exactly the
// value want.
func (f *flow) only(v, want ssa.Value) bool {
	set, ok := f.roots(v)
	return ok && len(set) == 1 && set[want]
}

// onlyDerived reports whether the roots of v, through derivations (see
// rootsDerived), are known and are exactly the value want.
func (f *flow) onlyDerived(v, want ssa.Value) bool {
	set, ok := f.rootsDerived(v)
	return ok && len(set) == 1 && set[want]
}
