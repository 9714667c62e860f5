package chanmodel

import (
	"go/token"
	"go/types"
	"sync"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A Model holds the memoised summaries of one package's functions. It is
// safe for concurrent use.
type Model struct {
	mu      sync.Mutex
	sends   map[sendKey]*Sends
	futures map[*ssa.Function]*Future
	// imported are the futures of other packages, by their facts.
	imported map[*types.Func]*FutureFact
	fields   map[fieldKey]*Sends

	recvOnce sync.Once
	recvs    *recvMemo // receive-side summaries, see recv.go
}

// New returns an empty model.
func New() *Model {
	return &Model{sends: make(map[sendKey]*Sends), futures: make(map[*ssa.Function]*Future)}
}

type sendKey struct {
	v        ssa.Value
	indirect bool
}

// Sends describes what a function does with one channel it is given (as
// a parameter or a captured variable), counting the same-package
// functions it passes the channel to and the closures it calls or
// defers.
type Sends struct {
	// OK reports whether every use of the channel is understood: sends,
	// selects that send, close, len and cap, and the calls the model
	// follows. A function that receives from the channel, passes it on
	// to code the model cannot follow, or stores it makes OK false, and
	// the other fields are then meaningless.
	OK bool
	// Blocking are the instructions of the function that make a send
	// that can only complete when someone receives: plain sends, selects
	// whose only case is the send, and calls or defers of functions that
	// make such sends.
	Blocking []ssa.Instruction
	// Sites are the blocking send statements themselves, in source
	// order of discovery, possibly in callees: where a report points.
	Sites []ssa.Instruction
	// Max is the largest number of blocking sends on one path through
	// the function, or Many when one of them sits on a cycle. Sends in a
	// deferred closure that recovers (the panic path) count as an
	// alternative to the others, not in addition.
	Max int
	// Closes reports whether the function, or a function it passes the
	// channel to, closes the channel.
	Closes bool

	weights  map[ssa.Instruction]int // Blocking entries that make more than one send
	callees  map[ssa.Instruction]calleeSends
	panicMax int // sends on the panic path (see Max)
}

// Sends summarises the function fn, in which v (a parameter or a free
// variable of fn) holds the channel, or the address of the variable
// holding it when indirect is set.
func (m *Model) Sends(fn *ssa.Function, v ssa.Value, indirect bool) Sends {
	return *m.sendsOf(fn, v, indirect)
}

var notOK = &Sends{}

func (m *Model) sendsOf(fn *ssa.Function, v ssa.Value, indirect bool) *Sends {
	key := sendKey{v, indirect}
	m.mu.Lock()
	s, done := m.sends[key]
	if !done {
		// In progress: a recursive use of the channel is not understood.
		m.sends[key] = notOK
	}
	m.mu.Unlock()
	if done {
		return s
	}
	s = m.summarizeSends(fn, v, indirect)
	m.mu.Lock()
	m.sends[key] = s
	m.mu.Unlock()
	return s
}

func (m *Model) summarizeSends(fn *ssa.Function, v ssa.Value, indirect bool) *Sends {
	if fn == nil || fn.Blocks == nil {
		return notOK // Conservative: body not built (another package or not a candidate)
	}
	s := &Sends{}
	var panicMax int
	weight := make(map[ssa.Instruction]int)
	callees := make(map[ssa.Instruction]calleeSends)
	// inline adds the summary of another value holding the channel in
	// fn (a conversion, the cell it is spilled to).
	inline := func(sub *Sends) {
		panicMax = mergePanic(panicMax, sub.panicMax)
		s.Closes = s.Closes || sub.Closes
		s.Sites = append(s.Sites, sub.Sites...)
		for _, b := range sub.Blocking {
			s.Blocking = append(s.Blocking, b)
			if n, ok := sub.weight(b); ok {
				weight[b] = n
			}
			if c, ok := sub.callees[b]; ok {
				callees[b] = c
			}
		}
	}
	// follow adds the summary of a use that hands the channel to the
	// function callee (a same-package function or a closure), where it
	// is held by cv.
	follow := func(at ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, deferred bool) bool {
		sub := m.sendsOf(callee, cv, cvIndirect)
		if !sub.OK {
			return false
		}
		s.Closes = s.Closes || sub.Closes
		s.Sites = append(s.Sites, sub.Sites...)
		if sub.Max == 0 {
			return true
		}
		if deferred && recovers(callee) {
			// The panic path: its sends replace the others.
			panicMax = mergePanic(panicMax, sub.Max)
			return true
		}
		s.Blocking = append(s.Blocking, at)
		weight[at] = sub.Max
		callees[at] = calleeSends{callee, sub}
		return true
	}

	vals := []ssa.Value{v}
	if indirect {
		vals = nil
		var stored ssa.Value // the one value a local cell is assigned
		for _, ref := range ssautil.Referrers(v) {
			switch ref := ref.(type) {
			case *ssa.Store:
				// A local variable holding the channel (a parameter
				// captured by a closure lives in one): assigned once.
				if _, ok := v.(*ssa.Alloc); !ok || ref.Addr != v || (stored != nil && ref.Val != stored) {
					return notOK
				}
				stored = ref.Val
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return notOK
				}
				vals = append(vals, ref)
			case *ssa.MakeClosure:
				// A nested closure capturing the same variable.
				if !m.followClosure(ref, v, true, follow) {
					return notOK
				}
			case *ssa.DebugRef:
			default:
				// Conservative: the function assigns the variable or
				// takes its address.
				return notOK
			}
		}
	}
	for _, val := range vals {
		for _, ref := range ssautil.Referrers(val) {
			switch ref := ref.(type) {
			case *ssa.Send:
				if ref.Chan != val {
					return notOK // the channel is sent as a value
				}
				s.Blocking = append(s.Blocking, ref)
				s.Sites = append(s.Sites, ref)
			case *ssa.Select:
				for _, st := range ref.States {
					if st.Chan == val && st.Dir == types.RecvOnly {
						return notOK // Conservative: the function also receives
					}
					if st.Send == val {
						return notOK
					}
				}
				// A select with another case or a default has another
				// way out: the sender is not stranded by this channel.
				if ref.Blocking && len(ref.States) == 1 {
					s.Blocking = append(s.Blocking, ref)
					s.Sites = append(s.Sites, ref)
				}
			case *ssa.Call, *ssa.Defer:
				call := ref.(ssa.CallInstruction)
				if isBuiltin(call.Common()) {
					if !HarmlessBuiltin(call.Common(), true) {
						return notOK
					}
					s.Closes = s.Closes || IsClose(call.Common(), val)
					continue
				}
				_, deferred := ref.(*ssa.Defer)
				callee, p := sameFuncParam(fn, call.Common(), val)
				if callee == nil || !follow(call, callee, p, false, deferred) {
					return notOK
				}
			case *ssa.MakeClosure:
				if !m.followClosure(ref, val, false, follow) {
					return notOK
				}
			case *ssa.Store:
				// Spilled to a local cell, as a captured parameter is:
				// followed through the cell when it holds nothing else.
				cell, ok := ref.Addr.(*ssa.Alloc)
				if !ok || ref.Val != val {
					return notOK
				}
				sub := m.sendsOf(fn, cell, true)
				if !sub.OK {
					return notOK
				}
				inline(sub)
			case *ssa.ChangeType:
				// A conversion to a directional channel type.
				sub := m.sendsOf(fn, ref, false)
				if !sub.OK {
					return notOK
				}
				inline(sub)
			case *ssa.DebugRef:
			default:
				// Conservative: received from, stored, converted, passed
				// to code the model cannot follow, or started with it.
				return notOK
			}
		}
	}
	s.OK = true
	s.Max = MaxOnPath(s.Blocking, weight)
	if panicMax == Many || (s.Max != Many && panicMax > s.Max) {
		s.Max = panicMax
	}
	s.weights, s.panicMax, s.callees = weight, panicMax, callees
	return s
}

// calleeSends is the function a Blocking entry hands the channel to,
// and its summary.
type calleeSends struct {
	fn  *ssa.Function
	sum *Sends
}

// Callee returns, for an entry b of s.Blocking that calls or defers a
// function of the package (or a closure) the channel is handed to, that
// function and its summary: where the sends b stands for are made.
func (s *Sends) Callee(b ssa.Instruction) (*ssa.Function, Sends, bool) {
	c, ok := s.callees[b]
	if !ok || c.sum == nil {
		return nil, Sends{}, false
	}
	return c.fn, *c.sum, true
}

// followClosure follows a closure mc that captures the channel (held by
// captured, a cell when indirect) and is called or deferred, and nothing
// else: follow is handed the closure's function and its free variable.
func (m *Model) followClosure(mc *ssa.MakeClosure, captured ssa.Value, indirect bool,
	follow func(at ssa.Instruction, callee *ssa.Function, cv ssa.Value, cvIndirect, deferred bool) bool) bool {
	fn, fv := ClosureVar(mc, captured)
	if fn == nil {
		return false
	}
	refs := ssautil.Referrers(mc)
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		var call *ssa.CallCommon
		deferred := false
		switch r := r.(type) {
		case *ssa.Call:
			call = r.Common()
		case *ssa.Defer:
			call, deferred = r.Common(), true
		default:
			return false // Conservative: started, stored or passed on
		}
		if call.Value != mc || call.Method != nil {
			return false
		}
		for _, a := range call.Args {
			if a == mc {
				return false
			}
		}
		if !follow(r, fn, fv, indirect, deferred) {
			return false
		}
	}
	return true
}

// sameFuncParam returns, for a static call of a function of fn's package
// that is given val as exactly one argument, the callee and the
// parameter holding it; nil otherwise. A generic callee is its origin.
func sameFuncParam(fn *ssa.Function, call *ssa.CallCommon, val ssa.Value) (*ssa.Function, ssa.Value) {
	if call.IsInvoke() || call.Value == val {
		return nil, nil
	}
	callee := call.StaticCallee()
	if callee == nil {
		return nil, nil
	}
	if _, ok := call.Value.(*ssa.Function); !ok {
		return nil, nil // bound methods and closures are followed elsewhere
	}
	if callee.Origin() != nil {
		callee = callee.Origin()
	}
	if callee.Pkg == nil || callee.Pkg != fn.Pkg || len(callee.Params) != len(call.Args) {
		return nil, nil
	}
	idx := -1
	for i, a := range call.Args {
		if a == val {
			if idx >= 0 {
				return nil, nil // the channel passed twice
			}
			idx = i
		}
	}
	if idx < 0 {
		return nil, nil
	}
	return callee, callee.Params[idx]
}

// recovers reports whether fn calls the recover builtin.
func recovers(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				if bi, ok := c.Call.Value.(*ssa.Builtin); ok && bi.Name() == "recover" {
					return true
				}
			}
		}
	}
	return false
}

// mergePanic combines two panic-path send counts.
func mergePanic(a, b int) int {
	if a == Many || b == Many {
		return Many
	}
	return max(a, b)
}

// weight returns the number of sends the instruction b of s.Blocking
// makes, when it is not one.
func (s *Sends) weight(b ssa.Instruction) (int, bool) {
	n, ok := s.weights[b]
	return n, ok
}

// isBuiltin reports whether call calls a builtin function.
func isBuiltin(call *ssa.CallCommon) bool {
	_, ok := call.Value.(*ssa.Builtin)
	return ok
}

// Certain reports whether fn, the function s summarises, makes every
// blocking send of s on every path: each Blocking entry's block
// dominates every return of fn (a panic's recovery excepted), and an
// entry that calls a function the channel is handed to stands for sends
// that function makes on every path in turn. There is at least one. A
// send under a condition (an error, a success, a "first failure wins"
// flag) may never be made.
func (s *Sends) Certain(fn *ssa.Function) bool { return s.certain(fn, 0) }

func (s *Sends) certain(fn *ssa.Function, depth int) bool {
	if !s.OK || len(s.Blocking) == 0 || fn == nil || fn.Blocks == nil || depth > 4 {
		return false
	}
	for _, b := range s.Blocking {
		if b.Parent() != fn || !DominatesReturns(fn, b.Block()) {
			return false
		}
		if callee, sub, ok := s.Callee(b); ok && !sub.certain(callee, depth+1) {
			return false
		}
	}
	return true
}
