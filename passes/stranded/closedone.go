package stranded

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// closedEdges returns, for a group whose only goroutine is started once
// (not in a loop) and closes a channel as its last action, the edges of
// the group's function taken when a receive on that channel reports it
// closed (the exit of for v := range ch, or ok false in v, ok := <-ch):
//
//	wg.Add(1)
//	go func() { defer wg.Done(); defer close(ch); for ... { ch <- x } }()
//	for v := range ch { ... }
//	if bad { return err } // the goroutine has finished: nothing is left running
//
// Past such an edge the goroutine has nothing left to do: a return there
// leaves nothing running that the Wait would have collected. The result
// maps a block to the successor so reached.
func (g *group) closedEdges() map[*ssa.BasicBlock]*ssa.BasicBlock {
	if len(g.starts) != 1 || inLoop(loopsOf(g.fn), g.starts[0].Block(), nil) {
		return nil
	}
	fn, outer, inner := startInputs(g.starts[0])
	if fn == nil || fn.Blocks == nil {
		return nil
	}
	closed := make(map[ssa.Value]bool) // channels of g.fn the goroutine closes last
	for i, in := range inner {
		if closesLast(fn, in) {
			closed[chanRoot(outer[i])] = true
		}
	}
	if len(closed) == 0 {
		return nil
	}
	edges := make(map[*ssa.BasicBlock]*ssa.BasicBlock)
	for _, b := range g.fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		ext, ok := iff.Cond.(*ssa.Extract)
		if !ok || ext.Index != 1 {
			continue
		}
		if u, ok := ext.Tuple.(*ssa.UnOp); ok && u.Op == token.ARROW && u.CommaOk && closed[chanRoot(u.X)] {
			edges[b] = b.Succs[1]
		}
	}
	return edges
}

// startInputs returns the function a start of a group runs and,
// pairwise, the values of the group's function it is given and the free
// variables or parameters that hold them inside (see goInputs).
func startInputs(s ssa.Instruction) (fn *ssa.Function, outer, inner []ssa.Value) {
	switch s := s.(type) {
	case *ssa.Go:
		return goInputs(s)
	case *ssa.Call:
		if mc, ok := apis.GoMethodFunc(s.Common()).(*ssa.MakeClosure); ok {
			f, ok := mc.Fn.(*ssa.Function)
			if !ok {
				return nil, nil, nil
			}
			f = bodyOf(f)
			if len(f.FreeVars) != len(mc.Bindings) {
				return nil, nil, nil
			}
			return f, mc.Bindings, freeVarValues(f)
		}
	}
	return nil, nil, nil
}

// closesLast reports whether fn closes the channel held by in (a
// parameter or free variable, or the cell of a captured variable) as its
// last action, and nowhere else: a deferred close, or a close followed in
// its block by nothing but the return.
func closesLast(fn *ssa.Function, in ssa.Value) bool {
	vals := []ssa.Value{in}
	if _, ok := in.(*ssa.FreeVar); ok && isCellOfChan(in) {
		vals = nil
		for _, ref := range ssautil.Referrers(in) {
			if u, ok := ref.(*ssa.UnOp); ok && u.Op == token.MUL {
				vals = append(vals, u)
			}
		}
	}
	n := 0
	for _, v := range vals {
		for _, ref := range ssautil.Referrers(v) {
			switch ref := ref.(type) {
			case *ssa.Defer:
				if chanmodel.IsClose(ref.Common(), v) {
					n++
				}
			case *ssa.Call:
				if !chanmodel.IsClose(ref.Common(), v) {
					continue
				}
				n++
				if !onlyReturnAfter(ref) {
					return false
				}
			}
		}
	}
	return n == 1
}

// onlyReturnAfter reports whether instr is followed in its block by
// nothing but the running of defers and the return.
func onlyReturnAfter(instr ssa.Instruction) bool {
	b := instr.Block()
	for _, x := range b.Instrs[ssautil.IndexOf(instr)+1:] {
		switch x.(type) {
		case *ssa.RunDefers, *ssa.Return, *ssa.DebugRef:
		default:
			return false
		}
	}
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	return ok
}

// isCellOfChan reports whether v is a pointer to a channel: the free
// variable of a captured channel variable.
func isCellOfChan(v ssa.Value) bool {
	p, ok := v.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	_, ok = p.Elem().Underlying().(*types.Chan)
	return ok
}
