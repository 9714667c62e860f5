package chanmodel

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// Many stands for an unbounded number of sends, receives or senders.
const Many = -1

// Root returns the value that identifies the channel v holds in its
// function: the local variable (cell) v is loaded from, or v itself,
// looking through conversions to directional channel types.
func Root(v ssa.Value) ssa.Value {
	for {
		ct, ok := v.(*ssa.ChangeType)
		if !ok {
			break
		}
		v = ct.X
	}
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if a, ok := u.X.(*ssa.Alloc); ok {
			return a
		}
	}
	return v
}

// IsClose reports whether call is close(v).
func IsClose(call *ssa.CallCommon, v ssa.Value) bool {
	b, ok := call.Value.(*ssa.Builtin)
	return ok && b.Name() == "close" && len(call.Args) == 1 && call.Args[0] == v
}

// HarmlessBuiltin reports whether call is len(v), cap(v), or close(v)
// when closeOK is set: uses that neither block nor let the channel
// escape.
func HarmlessBuiltin(call *ssa.CallCommon, closeOK bool) bool {
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

// CanRunAfter reports whether instruction b can run after instruction a
// in one execution of their function.
func CanRunAfter(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() && ssautil.IndexOf(a) < ssautil.IndexOf(b) {
		return true
	}
	return ssautil.ReachableFrom(a.Block())[b.Block()]
}

// MaxOnPath returns the largest total weight of the instructions instrs
// that one execution of their function can run, where weight gives each
// instruction's weight (1 when weight is nil or has no entry), or Many
// if one of them is on a cycle or weighs Many. Two instructions are on
// one path when one can reach the other.
func MaxOnPath(instrs []ssa.Instruction, weight map[ssa.Instruction]int) int {
	if len(instrs) == 0 {
		return 0
	}
	w := func(a ssa.Instruction) int {
		if n, ok := weight[a]; ok {
			return n
		}
		return 1
	}
	reach := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool)
	after := func(a, b ssa.Instruction) bool { // b can run after a
		ba, bb := a.Block(), b.Block()
		if ba == bb && ssautil.IndexOf(a) < ssautil.IndexOf(b) {
			return true
		}
		if reach[ba] == nil {
			reach[ba] = ssautil.ReachableFrom(ba)
		}
		return reach[ba][bb]
	}
	for _, a := range instrs {
		if w(a) == Many || after(a, a) {
			return Many
		}
	}
	// Heaviest chain in the partial order "can run after"; the graph is
	// acyclic because no instruction reaches itself.
	memo := make(map[ssa.Instruction]int)
	var longest func(a ssa.Instruction) int
	longest = func(a ssa.Instruction) int {
		if n, ok := memo[a]; ok {
			return n
		}
		n := 0
		for _, b := range instrs {
			if b != a && after(a, b) {
				n = max(n, longest(b))
			}
		}
		n += w(a)
		memo[a] = n
		return n
	}
	best := 0
	for _, a := range instrs {
		best = max(best, longest(a))
	}
	return best
}
