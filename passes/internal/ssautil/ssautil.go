// Package ssautil holds small helpers over the SSA form that several
// fanoutlint checks need: the uses of a value, an instruction's place in
// its block, reachability between blocks, and the recognition of a
// WaitGroup used as a start barrier rather than a join (IsStartBarrier).
package ssautil

import "golang.org/x/tools/go/ssa"

// Referrers returns the instructions that use v, or nil for a value that
// records no uses (such as a function or a constant).
func Referrers(v ssa.Value) []ssa.Instruction {
	if refs := v.Referrers(); refs != nil {
		return *refs
	}
	return nil
}

// IndexOf returns the position of instr in its block, or -1.
func IndexOf(instr ssa.Instruction) int {
	for i, x := range instr.Block().Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// ReachableFrom returns the blocks reachable from the successors of b:
// b itself is among them only if it lies on a cycle.
func ReachableFrom(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return seen
}

// Reaches reports whether block to is reachable from the successors of
// from; Reaches(b, b) reports whether b lies on a cycle. It stops at the
// first path found.
func Reaches(from, to *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), from.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == to {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}
