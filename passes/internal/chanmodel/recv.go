package chanmodel

import (
	"go/token"
	"go/types"
	"sync"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// Holds describes every use a function makes of one channel it is given
// (as a parameter or a captured variable), counting the same-package
// functions it passes the channel to and the closures it calls or
// defers: the receive side of the model, where Sends is the send side.
type Holds struct {
	// OK reports whether every use of the channel is understood: sends,
	// receives, selects, close, len and cap, and the calls the model
	// follows. A function that starts a goroutine with the channel,
	// passes it to code the model cannot follow, or stores it makes OK
	// false, and the other fields are then meaningless.
	OK bool
	// Sends reports whether the function sends on the channel, in a
	// plain send or a select case, itself or in a followed callee.
	Sends bool
	// Closes reports whether the function, or a followed callee, closes
	// the channel on some path.
	Closes bool
	// Recvs are the receives from the channel: receive operations
	// (*ssa.UnOp with Op token.ARROW, range loops included) and selects
	// with a receive case on it, possibly in callees.
	Recvs []ssa.Instruction
}

// recvMemo holds the receive-side summaries of one Model.
type recvMemo struct {
	mu      sync.Mutex
	holds   map[sendKey]*Holds
	closes  map[sendKey]int8 // 0 unknown, 1 in progress or false, 2 true
	signals map[sendKey]int8 // the same for SignalsOnEveryPath
}

func (m *Model) recv() *recvMemo {
	m.recvOnce.Do(func() {
		m.recvs = &recvMemo{holds: make(map[sendKey]*Holds), closes: make(map[sendKey]int8), signals: make(map[sendKey]int8)}
	})
	return m.recvs
}

var holdsNotOK = &Holds{}

// Holds summarises the uses the function fn makes of the channel that v
// (a parameter or a free variable of fn) holds, or the address of the
// variable holding it when indirect is set. A function reached again
// while its own summary is computed is not understood.
func (m *Model) Holds(fn *ssa.Function, v ssa.Value, indirect bool) Holds {
	return *m.holdsOf(fn, v, indirect)
}

func (m *Model) holdsOf(fn *ssa.Function, v ssa.Value, indirect bool) *Holds {
	memo := m.recv()
	key := sendKey{v, indirect}
	memo.mu.Lock()
	h, done := memo.holds[key]
	if !done {
		memo.holds[key] = holdsNotOK
	}
	memo.mu.Unlock()
	if done {
		return h
	}
	h = m.summarizeHolds(fn, v, indirect)
	memo.mu.Lock()
	memo.holds[key] = h
	memo.mu.Unlock()
	return h
}

func (m *Model) summarizeHolds(fn *ssa.Function, v ssa.Value, indirect bool) *Holds {
	if fn == nil || fn.Blocks == nil {
		return holdsNotOK // Conservative: body not built
	}
	h := &Holds{}
	follow := func(_ ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, _ bool) bool {
		sub := m.holdsOf(callee, cv, cvIndirect)
		if !sub.OK {
			return false
		}
		h.merge(sub)
		return true
	}
	vals, ok := m.loads(v, indirect, follow)
	if !ok {
		return holdsNotOK
	}
	for i := 0; i < len(vals); i++ {
		val := vals[i]
		for _, ref := range ssautil.Referrers(val) {
			switch ref := ref.(type) {
			case *ssa.Send:
				if ref.Chan != val {
					return holdsNotOK // the channel is sent as a value
				}
				h.Sends = true
			case *ssa.UnOp:
				if ref.Op != token.ARROW {
					return holdsNotOK
				}
				h.Recvs = append(h.Recvs, ref)
			case *ssa.Select:
				for _, st := range ref.States {
					if st.Send == val {
						return holdsNotOK
					}
					if st.Chan == val {
						if st.Dir == types.RecvOnly {
							h.Recvs = append(h.Recvs, ref)
						} else {
							h.Sends = true
						}
					}
				}
			case *ssa.Call, *ssa.Defer:
				call := ref.(ssa.CallInstruction).Common()
				if isBuiltin(call) {
					if !HarmlessBuiltin(call, true) {
						return holdsNotOK
					}
					h.Closes = h.Closes || IsClose(call, val)
					continue
				}
				callee, p := sameFuncParam(fn, call, val)
				if callee == nil || !follow(ref, callee, p, false, false) {
					return holdsNotOK
				}
			case *ssa.MakeClosure:
				if !m.followClosure(ref, val, false, follow) {
					return holdsNotOK
				}
			case *ssa.ChangeType:
				vals = append(vals, ref) // a conversion to a directional type
			case *ssa.Store:
				cell := spillCell(ref, val)
				if cell == nil {
					return holdsNotOK
				}
				loaded, ok := m.loads(cell, true, follow)
				if !ok {
					return holdsNotOK
				}
				vals = append(vals, loaded...)
			case *ssa.DebugRef:
			default:
				// Conservative: stored, converted, put in an interface,
				// merged in a phi, passed to code the model cannot
				// follow, or started with it.
				return holdsNotOK
			}
		}
	}
	h.OK = true
	return h
}

func (h *Holds) merge(sub *Holds) {
	h.Sends = h.Sends || sub.Sends
	h.Closes = h.Closes || sub.Closes
	h.Recvs = append(h.Recvs, sub.Recvs...)
}

// loads returns the values holding the channel in v's function: v
// itself, or, when indirect, the loads of the variable v points to, whose
// nested closures are handed to follow. ok is false when the variable is
// assigned or its address taken.
func (m *Model) loads(v ssa.Value, indirect bool,
	follow func(at ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, deferred bool) bool) ([]ssa.Value, bool) {
	if !indirect {
		return []ssa.Value{v}, true
	}
	var vals []ssa.Value
	for _, ref := range ssautil.Referrers(v) {
		switch ref := ref.(type) {
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil, false
			}
			vals = append(vals, ref)
		case *ssa.MakeClosure:
			if !m.followClosure(ref, v, true, follow) {
				return nil, false
			}
		case *ssa.Store:
			if ref.Addr != v {
				return nil, false // the variable's address stored
			}
			// The store that fills the variable (spillCell), or an
			// assignment, which Holds and Closers do not see otherwise.
			if _, ok := v.(*ssa.Alloc); !ok {
				return nil, false // through a free variable: an assignment
			}
			if _, ok := Root(ref.Val).(*ssa.Parameter); !ok {
				return nil, false
			}
		case *ssa.DebugRef:
		default:
			return nil, false // Conservative: assigned, or its address taken
		}
	}
	return vals, true
}

// ClosesOnEveryPath reports whether every return of fn, in which v (a
// parameter or a free variable of fn, or the address of the variable
// holding the channel when indirect is set) holds a channel, comes after
// a close of it: a close call or a deferred close on every path to the
// return, by fn or by a same-package function or a closure it calls or
// defers that itself closes on every path. Paths that end in a panic
// are not returns. A function whose uses of the channel are not all
// understood (Holds.OK) does not count as closing.
func (m *Model) ClosesOnEveryPath(fn *ssa.Function, v ssa.Value, indirect bool) bool {
	memo := m.recv()
	key := sendKey{v, indirect}
	memo.mu.Lock()
	c := memo.closes[key]
	if c == 0 {
		memo.closes[key] = 1 // in progress: a recursive close is not counted
	}
	memo.mu.Unlock()
	if c != 0 {
		return c == 2
	}
	ok := m.closesOnEveryPath(fn, v, indirect)
	memo.mu.Lock()
	if ok {
		memo.closes[key] = 2
	}
	memo.mu.Unlock()
	return ok
}

func (m *Model) closesOnEveryPath(fn *ssa.Function, v ssa.Value, indirect bool) bool {
	if h := m.holdsOf(fn, v, indirect); !h.OK || !h.Closes {
		return false
	}
	closers, ok := m.Closers(fn, v, indirect)
	if !ok {
		return false
	}
	return len(EntryReturnsAvoiding(fn, closers)) == 0
}

// Closers returns the instructions of fn after which the channel held by
// v (as for ClosesOnEveryPath) is closed, or will be when fn returns:
// close(v), defer close(v), and calls and defers of same-package
// functions and closures that close it on every path. ok is false when
// a use of the channel is not understood (Holds.OK).
func (m *Model) Closers(fn *ssa.Function, v ssa.Value, indirect bool) (closers map[ssa.Instruction]bool, ok bool) {
	closers = make(map[ssa.Instruction]bool)
	follow := func(at ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, _ bool) bool {
		if m.ClosesOnEveryPath(callee, cv, cvIndirect) {
			closers[at] = true
		}
		return true
	}
	ok = m.eachUse(v, indirect, follow, func(val ssa.Value, ref ssa.Instruction) {
		switch ref.(type) {
		case *ssa.Call, *ssa.Defer:
			m.AddCloser(closers, fn, ref.(ssa.CallInstruction), val)
		}
	})
	if !ok {
		return nil, false
	}
	return closers, true
}

// eachUse calls visit for every use of the channel that v holds in its
// function (the address of the variable holding it, when indirect),
// through the loads of that variable, conversions and the cell a
// captured parameter is spilled to; closures capturing it are handed to
// follow (see followClosure) instead. It reports false when the
// variable's uses are not understood (loads).
func (m *Model) eachUse(v ssa.Value, indirect bool,
	follow func(at ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, deferred bool) bool,
	visit func(val ssa.Value, ref ssa.Instruction)) bool {
	vals, ok := m.loads(v, indirect, follow)
	if !ok {
		return false
	}
	for i := 0; i < len(vals); i++ {
		val := vals[i]
		for _, ref := range ssautil.Referrers(val) {
			switch ref := ref.(type) {
			case *ssa.MakeClosure:
				m.followClosure(ref, val, false, follow)
			case *ssa.ChangeType:
				vals = append(vals, ref)
			case *ssa.Store:
				if cell := spillCell(ref, val); cell != nil {
					if loaded, ok := m.loads(cell, true, follow); ok {
						vals = append(vals, loaded...)
					}
				}
			default:
				visit(val, ref)
			}
		}
	}
	return true
}

// spillCell returns the local variable that st stores val in, when that
// is the variable's only store: a parameter captured by a closure, which
// the SSA builder spills into a cell. nil otherwise.
func spillCell(st *ssa.Store, val ssa.Value) *ssa.Alloc {
	cell, ok := st.Addr.(*ssa.Alloc)
	if !ok || st.Val != val {
		return nil
	}
	for _, ref := range ssautil.Referrers(cell) {
		if other, ok := ref.(*ssa.Store); ok && other != st {
			return nil
		}
	}
	return cell
}

// AddCloser adds instr, a call or defer of fn that uses the channel val,
// to closers when it closes the channel: close(val), or a call of a
// same-package function given val that closes it on every path.
func (m *Model) AddCloser(closers map[ssa.Instruction]bool, fn *ssa.Function, instr ssa.CallInstruction, val ssa.Value) {
	call := instr.Common()
	if isBuiltin(call) {
		if IsClose(call, val) {
			closers[instr] = true
		}
		return
	}
	if callee, p := sameFuncParam(fn, call, val); callee != nil && m.ClosesOnEveryPath(callee, p, false) {
		closers[instr] = true
	}
}

// AddClosureCloser adds the calls and defers of the closure mc, which
// captures the channel as captured (a cell when indirect), to closers
// when the closure closes the channel on every path. It reports whether
// mc is only called or deferred.
func (m *Model) AddClosureCloser(closers map[ssa.Instruction]bool, mc *ssa.MakeClosure, captured ssa.Value, indirect bool) bool {
	return m.followClosure(mc, captured, indirect, func(at ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, _ bool) bool {
		if m.ClosesOnEveryPath(callee, cv, cvIndirect) {
			closers[at] = true
		}
		return true
	})
}

// HoldsClosure summarises a closure mc that captures the channel as
// captured (a cell when indirect) and is only called or deferred, as
// Holds does for a callee; OK is false for a closure used otherwise.
func (m *Model) HoldsClosure(mc *ssa.MakeClosure, captured ssa.Value, indirect bool) Holds {
	h := &Holds{}
	ok := m.followClosure(mc, captured, indirect, func(_ ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, _ bool) bool {
		sub := m.holdsOf(callee, cv, cvIndirect)
		if sub.OK {
			h.merge(sub)
		}
		return sub.OK
	})
	if !ok {
		return Holds{}
	}
	h.OK = true
	return *h
}

// Callee returns, for a static call of a function of fn's package given
// val as exactly one argument, the callee (a generic one's origin) and
// the parameter holding val; nil otherwise.
func Callee(fn *ssa.Function, call *ssa.CallCommon, val ssa.Value) (*ssa.Function, ssa.Value) {
	return sameFuncParam(fn, call, val)
}

// ClosureVar returns the function of the closure mc and its free
// variable bound to captured, when captured is bound exactly once; nil
// otherwise.
func ClosureVar(mc *ssa.MakeClosure, captured ssa.Value) (*ssa.Function, ssa.Value) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil, nil
	}
	idx := -1
	for i, b := range mc.Bindings {
		if b == captured {
			if idx >= 0 {
				return nil, nil
			}
			idx = i
		}
	}
	if idx < 0 || idx >= len(fn.FreeVars) {
		return nil, nil
	}
	return fn, fn.FreeVars[idx]
}

// ReturnsAvoiding returns the returns of start's function that a path
// from just after start reaches without running an instruction of
// barriers (a close, a call that does not return). A cycle back to
// start's block is followed from the block's first instruction.
func ReturnsAvoiding(start ssa.Instruction, barriers map[ssa.Instruction]bool) []*ssa.Return {
	return returnsAvoiding(start.Block(), ssautil.IndexOf(start)+1, barriers)
}

// EntryReturnsAvoiding returns the returns of fn that a path from its
// entry reaches without running an instruction of barriers.
func EntryReturnsAvoiding(fn *ssa.Function, barriers map[ssa.Instruction]bool) []*ssa.Return {
	if len(fn.Blocks) == 0 {
		return nil
	}
	return returnsAvoiding(fn.Blocks[0], 0, barriers)
}

func returnsAvoiding(b *ssa.BasicBlock, from int, barriers map[ssa.Instruction]bool) []*ssa.Return {
	var rets []*ssa.Return
	seen := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	scan := func(b *ssa.BasicBlock, from int) {
		for _, instr := range b.Instrs[from:] {
			if barriers[instr] {
				return
			}
			if r, ok := instr.(*ssa.Return); ok {
				rets = append(rets, r)
			}
		}
		stack = append(stack, b.Succs...)
	}
	scan(b, from)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		scan(x, 0)
	}
	return rets
}

// Reached reports whether a path from the entry of to's function reaches
// the instruction to without running an instruction of barriers.
func Reached(to ssa.Instruction, barriers map[ssa.Instruction]bool) bool {
	fn := to.Parent()
	if fn == nil || len(fn.Blocks) == 0 {
		return false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		blocked := false
		for _, instr := range x.Instrs {
			if instr == to {
				return true
			}
			if barriers[instr] {
				blocked = true
				break
			}
		}
		if !blocked {
			stack = append(stack, x.Succs...)
		}
	}
	return false
}

// SignalsOnEveryPath reports whether every return of fn comes after a
// send on the channel held by v (as for ClosesOnEveryPath) or a close of
// it: what a receiver waiting for one value from fn needs. A select that
// sends on the channel counts as sending, whatever its other cases.
func (m *Model) SignalsOnEveryPath(fn *ssa.Function, v ssa.Value, indirect bool) bool {
	memo := m.recv()
	key := sendKey{v, indirect}
	memo.mu.Lock()
	c := memo.signals[key]
	if c == 0 {
		memo.signals[key] = 1
	}
	memo.mu.Unlock()
	if c != 0 {
		return c == 2
	}
	ok := false
	if h := m.holdsOf(fn, v, indirect); h.OK && (h.Sends || h.Closes) {
		if sig, sok := m.Signalers(fn, v, indirect); sok {
			ok = len(EntryReturnsAvoiding(fn, sig)) == 0
		}
	}
	memo.mu.Lock()
	if ok {
		memo.signals[key] = 2
	}
	memo.mu.Unlock()
	return ok
}

// Signalers returns the instructions of fn after which the channel held
// by v (as for ClosesOnEveryPath) has been sent on or closed, or will be
// when fn returns: sends, selects with a send case on it, the closers
// (Closers), and calls and defers of same-package functions and
// closures that signal on every path. ok is false when a use of the
// channel is not understood.
func (m *Model) Signalers(fn *ssa.Function, v ssa.Value, indirect bool) (signalers map[ssa.Instruction]bool, ok bool) {
	signalers, ok = m.Closers(fn, v, indirect)
	if !ok {
		return nil, false
	}
	follow := func(at ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, _ bool) bool {
		if m.SignalsOnEveryPath(callee, cv, cvIndirect) {
			signalers[at] = true
		}
		return true
	}
	ok = m.eachUse(v, indirect, follow, func(val ssa.Value, ref ssa.Instruction) {
		switch ref := ref.(type) {
		case *ssa.Send:
			signalers[ref] = true
		case *ssa.Select:
			for _, st := range ref.States {
				if st.Chan == val && st.Dir == types.SendOnly {
					signalers[ref] = true
				}
			}
		case *ssa.Call, *ssa.Defer:
			call := ref.(ssa.CallInstruction)
			if callee, p := sameFuncParam(fn, call.Common(), val); callee != nil && m.SignalsOnEveryPath(callee, p, false) {
				signalers[ref] = true
			}
		}
	})
	if !ok {
		return nil, false
	}
	return signalers, true
}
