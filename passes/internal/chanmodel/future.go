package chanmodel

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A Future is a function that makes a channel, starts goroutines that
// send on it, and returns it: the caller holds the only other end.
//
//	func async(f func() error) <-chan error {
//		ch := make(chan error)
//		go func() { ch <- f() }()
//		return ch
//	}
//
// Every return of the function returns the same make, the function uses
// the channel for nothing else, and the goroutines' uses of it are all
// understood (Sends.OK).
type Future struct {
	Fn     *ssa.Function
	Result int           // index of the result that is the channel
	Make   *ssa.MakeChan // the channel
	Cap    int64         // its constant capacity
	Spawns []FutureSpawn
	// Max is the largest number of blocking sends the goroutines make
	// together, or Many when a goroutine sends on a cycle or is started
	// in a loop.
	Max int
	// Closes reports whether a goroutine closes the channel.
	Closes bool
	// Imported is the fact a future of another package was read from
	// (see Import); Make and Spawns are then nil, and Fn has no body.
	Imported *FutureFact
}

// A FutureSpawn is one goroutine a future starts.
type FutureSpawn struct {
	Go    *ssa.Go
	Fn    *ssa.Function // the goroutine's function
	Sends Sends
}

// Future returns the future summary of fn, or nil when fn is not a
// future.
func (m *Model) Future(fn *ssa.Function) *Future {
	if fn == nil {
		return nil
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	m.mu.Lock()
	f, done := m.futures[fn]
	if !done {
		m.futures[fn] = nil // in progress
	}
	m.mu.Unlock()
	if done {
		return f
	}
	if fn.Blocks == nil {
		f = m.importedFuture(fn)
	} else {
		f = m.summarizeFuture(fn)
	}
	m.mu.Lock()
	m.futures[fn] = f
	m.mu.Unlock()
	return f
}

func (m *Model) summarizeFuture(fn *ssa.Function) *Future {
	if fn.Blocks == nil || fn.Signature.Results().Len() == 0 {
		return nil
	}
	// Every return hands back the same make at one result index.
	var mk *ssa.MakeChan
	result := -1
	returns := 0
	for _, b := range fn.Blocks {
		r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		returns++
		found := false
		for i, v := range r.Results {
			if m, ok := madeBy(v); ok {
				if found || (mk != nil && (m != mk || i != result)) {
					return nil
				}
				mk, result, found = m, i, true
			}
		}
		if !found {
			return nil
		}
	}
	if mk == nil || returns == 0 {
		return nil
	}
	size, ok := mk.Size.(*ssa.Const)
	if !ok || size.Value == nil || size.Value.Kind() != constant.Int {
		return nil
	}
	c, ok := constant.Int64Val(size.Value)
	if !ok {
		return nil
	}
	f := &Future{Fn: fn, Result: result, Make: mk, Cap: c}

	// The uses of the make: returned, converted for the return, stored
	// in a local variable, captured by closures started as goroutines.
	var cells []*ssa.Alloc
	vals := []ssa.Value{mk}
	for i := 0; i < len(vals); i++ {
		v := vals[i]
		for _, ref := range ssautil.Referrers(v) {
			switch ref := ref.(type) {
			case *ssa.Return, *ssa.DebugRef:
			case *ssa.ChangeType:
				vals = append(vals, ref)
			case *ssa.Store:
				cell, ok := ref.Addr.(*ssa.Alloc)
				if !ok || ref.Val != v {
					return nil
				}
				cells = append(cells, cell)
			case *ssa.MakeClosure:
				if !m.addFutureSpawn(f, ref, v, false) {
					return nil
				}
			case *ssa.Go:
				if !m.addFutureGoCall(f, ref, v) {
					return nil
				}
			default:
				return nil
			}
		}
	}
	for _, cell := range cells {
		for _, ref := range ssautil.Referrers(cell) {
			switch ref := ref.(type) {
			case *ssa.Store:
				if m, ok := madeBy(ref.Val); ref.Addr != cell || !ok || m != mk {
					return nil // the variable is reassigned
				}
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return nil
				}
				for _, r := range ssautil.Referrers(ref) {
					switch r := r.(type) {
					case *ssa.Return, *ssa.DebugRef:
					case *ssa.ChangeType:
						for _, rr := range ssautil.Referrers(r) {
							if _, ok := rr.(*ssa.Return); !ok {
								return nil
							}
						}
					case *ssa.Go:
						if !m.addFutureGoCall(f, r, ref) {
							return nil
						}
					default:
						return nil
					}
				}
			case *ssa.MakeClosure:
				if !m.addFutureSpawn(f, ref, cell, true) {
					return nil
				}
			case *ssa.DebugRef:
			default:
				return nil
			}
		}
	}
	if len(f.Spawns) == 0 {
		return nil
	}
	return f
}

// addFutureSpawn records a closure capturing the future's channel, held
// by captured, that must be started by a go statement and used for
// nothing else.
func (m *Model) addFutureSpawn(f *Future, mc *ssa.MakeClosure, captured ssa.Value, indirect bool) bool {
	refs := ssautil.Referrers(mc)
	if len(refs) != 1 {
		return false
	}
	g, ok := refs[0].(*ssa.Go)
	if !ok || g.Call.Value != mc || g.Call.Method != nil {
		return false
	}
	for _, a := range g.Call.Args {
		if a == mc {
			return false
		}
	}
	fn, fv := ClosureVar(mc, captured)
	if fn == nil {
		return false
	}
	return f.add(g, fn, m.Sends(fn, fv, indirect))
}

// addFutureGoCall records go worker(ch) of a same-package function.
func (m *Model) addFutureGoCall(f *Future, g *ssa.Go, v ssa.Value) bool {
	callee, p := sameFuncParam(f.Fn, g.Common(), v)
	if callee == nil {
		return false
	}
	return f.add(g, callee, m.Sends(callee, p, false))
}

func (f *Future) add(g *ssa.Go, fn *ssa.Function, s Sends) bool {
	if !s.OK {
		return false
	}
	f.Closes = f.Closes || s.Closes
	f.Spawns = append(f.Spawns, FutureSpawn{Go: g, Fn: fn, Sends: s})
	switch {
	case f.Max == Many || s.Max == Many || CanRunAfter(g, g):
		if s.Max != 0 {
			f.Max = Many
		}
	default:
		f.Max += s.Max
	}
	return true
}

// madeBy returns the make whose channel v holds: the make itself, or a
// load of a local variable assigned only that make.
func madeBy(v ssa.Value) (*ssa.MakeChan, bool) {
	switch r := Root(v).(type) {
	case *ssa.MakeChan:
		return r, true
	case *ssa.Alloc:
		var mk *ssa.MakeChan
		for _, ref := range ssautil.Referrers(r) {
			st, ok := ref.(*ssa.Store)
			if !ok || st.Addr != r {
				continue
			}
			m, ok := Root(st.Val).(*ssa.MakeChan)
			if !ok || (mk != nil && m != mk) {
				return nil, false
			}
			mk = m
		}
		return mk, mk != nil
	}
	return nil, false
}
