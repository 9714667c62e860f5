package chanmodel

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// Confined reports whether the channel value v (typically a make) is
// only sent on, received from, selected on, closed, measured, or held in
// local variables, phis and the closures capturing them that are
// themselves confined: then every sender and receiver of the channel is
// in view. closed reports whether some use closes it.
func Confined(v ssa.Value) (ok, closed bool) {
	seen := make(map[ssa.Value]bool)
	ok = confined(v, seen, &closed)
	return ok, closed
}

func confined(v ssa.Value, seen map[ssa.Value]bool, closed *bool) bool {
	if seen[v] {
		return true
	}
	seen[v] = true
	for _, r := range ssautil.Referrers(v) {
		switch r := r.(type) {
		case *ssa.Send:
			if r.X == v {
				return false // the channel itself is sent away
			}
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				return false
			}
		case *ssa.Select:
			for _, st := range r.States {
				if st.Send == v {
					return false
				}
			}
		case *ssa.Phi, *ssa.ChangeType:
			if !confined(r.(ssa.Value), seen, closed) {
				return false
			}
		case *ssa.Store:
			cell, ok := r.Addr.(*ssa.Alloc)
			if !ok || r.Val != v || !confinedCell(cell, seen, closed) {
				return false
			}
		case ssa.CallInstruction:
			b, ok := r.Common().Value.(*ssa.Builtin)
			if !ok {
				return false
			}
			switch b.Name() {
			case "close":
				*closed = true
			case "len", "cap":
			default:
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// confinedCell reports whether every value loaded from the local cell
// ptr (in its function or in the closures that capture it) is confined,
// and the cell's address goes nowhere else.
func confinedCell(ptr ssa.Value, seen map[ssa.Value]bool, closed *bool) bool {
	if seen[ptr] {
		return true
	}
	seen[ptr] = true
	for _, r := range ssautil.Referrers(ptr) {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL || !confined(r, seen, closed) {
				return false
			}
		case *ssa.Store:
			if r.Addr != ptr {
				return false
			}
		case *ssa.MakeClosure:
			anon, ok := r.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range r.Bindings {
				if b == ptr && (i >= len(anon.FreeVars) || !confinedCell(anon.FreeVars[i], seen, closed)) {
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

// ChainEndingAt returns the largest number of the instructions instrs
// of one function, last among them, that can run one after another in
// one execution of it and end with last. None of them may be on a cycle
// (see MaxOnPath, which counts chains ending anywhere).
func ChainEndingAt(instrs []ssa.Instruction, last ssa.Instruction) int {
	memo := make(map[ssa.Instruction]int)
	var chain func(x ssa.Instruction) int
	chain = func(x ssa.Instruction) int {
		if n, ok := memo[x]; ok {
			return n
		}
		best := 0
		for _, y := range instrs {
			if y != x && CanRunAfter(y, x) {
				best = max(best, chain(y))
			}
		}
		memo[x] = best + 1
		return best + 1
	}
	return chain(last)
}
