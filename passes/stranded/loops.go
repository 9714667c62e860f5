package stranded

import "golang.org/x/tools/go/ssa"

// A loop is a natural loop of an SSA function: a header block and the
// blocks that can reach a back edge to it without passing through it.
type loop struct {
	header *ssa.BasicBlock
	body   map[*ssa.BasicBlock]bool // includes the header
	// headerExit reports whether the header itself has an edge out of the
	// loop: the loop has a condition (for cond {}, for range xs, for range
	// ch). Loops written for {} leave only through break or return.
	headerExit bool
}

// loopsOf returns the natural loops of fn, one per header, with the
// bodies of several back edges to the same header merged.
func loopsOf(fn *ssa.Function) []*loop {
	byHeader := make(map[*ssa.BasicBlock]*loop)
	var order []*loop
	for _, b := range fn.Blocks {
		for _, h := range b.Succs {
			if !h.Dominates(b) {
				continue
			}
			l := byHeader[h]
			if l == nil {
				l = &loop{header: h, body: map[*ssa.BasicBlock]bool{h: true}}
				byHeader[h] = l
				order = append(order, l)
			}
			// Walk backwards from the latch to the header.
			stack := []*ssa.BasicBlock{b}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.body[x] {
					continue
				}
				l.body[x] = true
				stack = append(stack, x.Preds...)
			}
		}
	}
	for _, l := range order {
		for _, s := range l.header.Succs {
			if !l.body[s] {
				l.headerExit = true
			}
		}
	}
	return order
}

// inLoop reports whether b belongs to a loop of loops that does not
// also contain the block except: an instruction in b can run several
// times for one execution of except.
func inLoop(loops []*loop, b, except *ssa.BasicBlock) bool {
	for _, l := range loops {
		if l.body[b] && (except == nil || !l.body[except]) {
			return true
		}
	}
	return false
}

// reachableFrom returns the blocks reachable from the successors of b
// (b itself only if it lies on a cycle).
func reachableFrom(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
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
