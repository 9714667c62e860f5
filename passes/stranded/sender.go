package stranded

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// many stands for an unbounded number of sends or senders.
const many = -1

// A sendSummary describes what a goroutine function does with one channel
// it receives (as a parameter or a captured variable). It depends only on
// that function, so a later version can export it as an analysis fact for
// senders declared in other packages.
type sendSummary struct {
	// ok reports whether every use of the channel is understood: sends,
	// selects, close, len and cap. A goroutine that receives from the
	// channel, passes it on or stores it makes the channel out of scope.
	ok bool
	// blocking are the sends that can only complete when someone
	// receives: plain sends, and selects whose only case is the send.
	blocking []ssa.Instruction
	// max is the largest number of blocking sends on one path through the
	// function, or many when one of them sits on a cycle.
	max int
	// closes reports whether the function closes the channel.
	closes bool
}

// summarizeSender summarises the goroutine function fn, in which v (a
// parameter, or a free variable) holds the channel, or the address of the
// variable holding it when indirect is set.
func summarizeSender(fn *ssa.Function, v ssa.Value, indirect bool) sendSummary {
	if fn.Blocks == nil {
		return sendSummary{} // Conservative: body not built (another package or not a candidate)
	}
	vals := []ssa.Value{v}
	if indirect {
		vals = nil
		for _, ref := range ssautil.Referrers(v) {
			switch ref := ref.(type) {
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return sendSummary{}
				}
				vals = append(vals, ref)
			case *ssa.DebugRef:
			default:
				// Conservative: the goroutine assigns the variable, takes
				// its address or captures it in a nested closure.
				return sendSummary{}
			}
		}
	}
	var s sendSummary
	for _, val := range vals {
		for _, ref := range ssautil.Referrers(val) {
			switch ref := ref.(type) {
			case *ssa.Send:
				if ref.Chan != val {
					return sendSummary{} // the channel is sent as a value
				}
				s.blocking = append(s.blocking, ref)
			case *ssa.Select:
				for _, st := range ref.States {
					if st.Chan == val && st.Dir == types.RecvOnly {
						return sendSummary{} // Conservative: the goroutine also receives
					}
					if st.Send == val {
						return sendSummary{}
					}
				}
				// A select with another case or a default has another
				// way out: the sender is not stranded by this channel.
				if ref.Blocking && len(ref.States) == 1 {
					s.blocking = append(s.blocking, ref)
				}
			case *ssa.Call:
				if !harmlessBuiltin(ref.Common(), val, true) {
					return sendSummary{}
				}
				s.closes = s.closes || isClose(ref.Common(), val)
			case *ssa.Defer:
				if !harmlessBuiltin(ref.Common(), val, true) {
					return sendSummary{}
				}
				s.closes = s.closes || isClose(ref.Common(), val)
			case *ssa.DebugRef:
			default:
				// Conservative: received from, stored, converted, passed
				// on or captured by a nested closure.
				return sendSummary{}
			}
		}
	}
	s.ok = true
	s.max = maxOnPath(s.blocking)
	return s
}

// harmlessBuiltin reports whether call is len(v), cap(v), or close(v)
// when closeOK is set: uses that neither block nor let the channel escape.
func harmlessBuiltin(call *ssa.CallCommon, v ssa.Value, closeOK bool) bool {
	b, ok := call.Value.(*ssa.Builtin)
	if !ok {
		return false
	}
	switch b.Name() {
	case "len", "cap":
		return true
	case "close":
		return closeOK
	}
	return false
}

// maxOnPath returns the largest number of the instructions instrs that one
// execution of their function can run, or many if one of them is on a
// cycle. Two instructions are on one path when one can reach the other.
func maxOnPath(instrs []ssa.Instruction) int {
	if len(instrs) == 0 {
		return 0
	}
	reach := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool)
	after := func(a, b ssa.Instruction) bool { // b can run after a
		ba, bb := a.Block(), b.Block()
		if reach[ba] == nil {
			reach[ba] = ssautil.ReachableFrom(ba)
		}
		if ba == bb && ssautil.IndexOf(a) < ssautil.IndexOf(b) {
			return true
		}
		return reach[ba][bb]
	}
	for _, a := range instrs {
		if after(a, a) {
			return many
		}
	}
	// Longest chain in the partial order "can run after"; the graph is
	// acyclic because no instruction reaches itself.
	memo := make(map[ssa.Instruction]int)
	var longest func(a ssa.Instruction) int
	longest = func(a ssa.Instruction) int {
		if n, ok := memo[a]; ok {
			return n
		}
		n := 1
		for _, b := range instrs {
			if b != a && after(a, b) {
				n = max(n, 1+longest(b))
			}
		}
		memo[a] = n
		return n
	}
	best := 0
	for _, a := range instrs {
		best = max(best, longest(a))
	}
	return best
}

// signals returns the indices of the inputs of the goroutine function fn
// (its free variables, or parameters) that are other channels the
// goroutine signals on, by a send or a close, only where it has no
// blocking send on the collector's channel left to make: a deferred close,
// or a signal from which no blocking send of sum is reachable. When the
// collector's function receives such a signal, the goroutine is known to
// be past its sends. indirect reports, per input, whether it is the
// address of a captured variable.
func signals(fn *ssa.Function, inputs []ssa.Value, indirect []bool, skip int, sum sendSummary) []int {
	var out []int
	for i, in := range inputs {
		if i == skip {
			continue
		}
		t := in.Type()
		if indirect[i] {
			p, ok := t.Underlying().(*types.Pointer)
			if !ok {
				continue
			}
			t = p.Elem()
		}
		if _, ok := t.Underlying().(*types.Chan); !ok {
			continue
		}
		vals := []ssa.Value{in}
		if indirect[i] {
			vals = nil
			for _, ref := range ssautil.Referrers(in) {
				if u, ok := ref.(*ssa.UnOp); ok && u.Op == token.MUL {
					vals = append(vals, u)
				}
			}
		}
		n, late := 0, true
		for _, v := range vals {
			for _, ref := range ssautil.Referrers(v) {
				var sig bool
				switch ref := ref.(type) {
				case *ssa.Send:
					sig = ref.Chan == v
				case *ssa.Call:
					sig = isClose(ref.Common(), v)
				case *ssa.Defer:
					if isClose(ref.Common(), v) {
						n++ // runs when the goroutine exits, after its sends
						continue
					}
				}
				if !sig {
					continue
				}
				n++
				for _, b := range sum.blocking {
					if canRunAfter(ref, b) {
						late = false
					}
				}
			}
		}
		if n > 0 && late {
			out = append(out, i)
		}
	}
	return out
}

// isClose reports whether call is close(v).
func isClose(call *ssa.CallCommon, v ssa.Value) bool {
	b, ok := call.Value.(*ssa.Builtin)
	return ok && b.Name() == "close" && len(call.Args) == 1 && call.Args[0] == v
}

// canRunAfter reports whether instruction b can run after instruction a
// in one execution of their function.
func canRunAfter(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() && ssautil.IndexOf(a) < ssautil.IndexOf(b) {
		return true
	}
	return ssautil.ReachableFrom(a.Block())[b.Block()]
}
