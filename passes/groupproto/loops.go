package groupproto

import "golang.org/x/tools/go/ssa"

// A loop is a natural loop: a header and the blocks that reach one of its
// back edges without passing through the header.
type loop struct {
	header  *ssa.BasicBlock
	body    map[*ssa.BasicBlock]bool // includes the header
	latches []*ssa.BasicBlock        // sources of the back edges
}

// loopsOf returns the natural loops of fn, one per header.
func loopsOf(fn *ssa.Function) []*loop {
	byHeader := make(map[*ssa.BasicBlock]*loop)
	var loops []*loop
	for _, b := range fn.Blocks {
		for _, h := range b.Succs {
			if !h.Dominates(b) {
				continue
			}
			l := byHeader[h]
			if l == nil {
				l = &loop{header: h, body: map[*ssa.BasicBlock]bool{h: true}}
				byHeader[h] = l
				loops = append(loops, l)
			}
			l.latches = append(l.latches, b)
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
	return loops
}

// inAnyLoop reports whether b lies in one of loops.
func inAnyLoop(loops []*loop, b *ssa.BasicBlock) bool {
	for _, l := range loops {
		if l.body[b] {
			return true
		}
	}
	return false
}

// everyIteration reports whether each iteration of l that goes round to
// the header passes block b: with b removed, no latch is reachable from
// the header inside the loop.
func (l *loop) everyIteration(b *ssa.BasicBlock) bool {
	if b == l.header {
		return true
	}
	seen := map[*ssa.BasicBlock]bool{l.header: true}
	stack := []*ssa.BasicBlock{l.header}
	isLatch := make(map[*ssa.BasicBlock]bool)
	for _, x := range l.latches {
		isLatch[x] = true
	}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if isLatch[x] {
			return false
		}
		for _, s := range x.Succs {
			if s != b && l.body[s] && !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return true
}
