package groupproto

import (
	"fmt"
	"go/constant"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// constInt returns the value of v when it is an integer constant.
func constInt(v ssa.Value) (int64, bool) {
	k, ok := v.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(k.Value)
}

// loopWait reports a WaitGroup's Wait inside the loop that starts the
// goroutines an Add(n) before the loop counted: the first Wait waits for
// Dones that only later iterations can make.
//
// Conservative: the group must not escape anywhere (another function
// could call Done for the missing goroutines), every Add is in the group's
// function, none of them inside the loop, the loop's goroutines are go
// statements that call Done, and the Wait is on every iteration.
func (c *checker) loopWait(g *group) {
	if g.errgroup || len(g.escapes) > 0 {
		return
	}
	var adds, waits []groupCall
	for _, gc := range g.calls {
		switch {
		case gc.api == apis.WaitGroupAdd:
			if gc.fr != g.top || gc.deferred {
				return
			}
			adds = append(adds, gc)
		case gc.api == apis.WaitGroupGo:
			return // wg.Go counts itself; mixing it with Add is another story
		case gc.api == apis.WaitGroupWait && gc.fr == g.top && !gc.deferred:
			waits = append(waits, gc)
		}
	}
	if len(adds) == 0 || len(waits) == 0 {
		return
	}
	// The goroutines the group counts: go statements of the group's
	// function whose goroutine calls Done.
	var starts []ssa.Instruction
	for _, fr := range g.frames {
		if fr.kind != runGoStmt || fr.parent != g.top {
			continue
		}
		for _, gc := range g.calls {
			if gc.api == apis.WaitGroupDone && gc.fr.within(fr) {
				starts = append(starts, fr.runner)
				break
			}
		}
	}
	if len(starts) == 0 {
		return
	}
	loops := loopsOf(g.top.fn)
	for _, w := range waits {
		for _, l := range loops {
			if !l.body[w.instr.Block()] || !l.everyIteration(w.instr.Block()) {
				continue
			}
			var start ssa.Instruction
			for _, s := range starts {
				if l.body[s.Block()] {
					start = s
					break
				}
			}
			if start == nil {
				continue
			}
			var counted *groupCall
			for i, a := range adds {
				if l.body[a.instr.Block()] {
					counted = nil // Conservative: the loop counts its own goroutines too
					break
				}
				if n, isConst := constInt(a.common.Args[1]); isConst && n <= 1 {
					continue
				}
				if a.instr.Block().Dominates(l.header) {
					counted = &adds[i]
				}
			}
			if counted == nil || !noAddInLoop(adds, l) {
				continue
			}
			pos, end := c.callSpan(w.instr)
			arg := "n"
			if call := c.callExpr(counted.instr); call != nil && len(call.Args) == 1 {
				arg = analysisutil.Source(c.pass, call.Args[0])
			}
			c.pass.Report(analysis.Diagnostic{
				Pos:      pos,
				End:      end,
				Category: catLoopWait,
				Message: fmt.Sprintf("sync.WaitGroup.Wait inside the loop that starts the goroutines counted by Add(%s): "+
					"the first Wait waits for Done calls that only later iterations can make, a deadlock once there are two or more", arg),
				Related: []analysis.RelatedInformation{
					{Pos: counted.instr.Pos(), Message: "counted here, before the loop"},
					{Pos: start.Pos(), Message: "goroutine started here, once per iteration"},
				},
			})
			break
		}
	}
}

// noAddInLoop reports whether no Add of adds lies in l.
func noAddInLoop(adds []groupCall, l *loop) bool {
	for _, a := range adds {
		if l.body[a.instr.Block()] {
			return false
		}
	}
	return true
}

// limitedGo reports errgroup.Group.Go called from inside one of the same
// group's goroutines when the group has a limit: once every slot is held
// by a goroutine blocked in Go, none can finish. It reports only when the
// goroutines that call Go can fill the limit: they are started in a loop,
// or at least as many times as a constant limit allows.
func (c *checker) limitedGo(g *group) {
	if !g.errgroup {
		return
	}
	var limit *groupCall
	limitConst := int64(-1)
	outerStarts := 0
	for i, gc := range g.calls {
		switch gc.api {
		case apis.ErrgroupSetLimit:
			if gc.fr.goroutine() != nil || gc.deferred || len(gc.common.Args) != 2 {
				continue
			}
			n, isConst := constInt(gc.common.Args[1])
			if isConst && n < 0 {
				continue // no limit
			}
			limit = &g.calls[i]
			if isConst {
				limitConst = n
			}
		case apis.ErrgroupGo, apis.ErrgroupTryGo:
			if gc.fr.goroutine() == nil {
				outerStarts++
			}
		}
	}
	if limit == nil {
		return
	}
	for _, gc := range g.calls {
		if gc.api != apis.ErrgroupGo || gc.deferred {
			continue // TryGo does not block
		}
		outer, ok := g.ownStart(gc.fr.goroutine())
		if !ok {
			continue
		}
		fills := limitConst >= 0 && int64(outerStarts) >= limitConst
		if !fills && !inAnyLoop(loopsOf(outer.fr.fn), outer.instr.Block()) && outer.fr.goroutine() == nil {
			continue
		}
		pos, end := c.callSpan(gc.instr)
		c.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: catLimitedGo,
			Message: "errgroup.Group.Go called from inside a goroutine of the same group, which SetLimit bounds: " +
				"once every slot is held by a goroutine waiting here to start another, none can finish (use TryGo, or a second group)",
			Related: []analysis.RelatedInformation{
				{Pos: limit.instr.Pos(), Message: "limit set here"},
				{Pos: outer.instr.Pos(), Message: "the calling goroutine is started here"},
			},
		})
	}
}

// selfWait reports Wait called inside one of the group's own goroutines:
// a goroutine started by the group's Go method, or a goroutine the
// WaitGroup counts that waits before its Done. The Wait waits for the
// goroutine that makes it.
func (c *checker) selfWait(g *group) {
	for _, gc := range g.calls {
		if !gc.api.Is(apis.ErrgroupWait, apis.WaitGroupWait) {
			continue
		}
		gr := gc.fr.goroutine()
		if gr == nil {
			continue
		}
		if outer, ok := g.ownStart(gr); ok {
			pos, end := c.callSpan(gc.instr)
			c.pass.Report(analysis.Diagnostic{
				Pos:      pos,
				End:      end,
				Category: catSelfWait,
				Message:  fmt.Sprintf("%s.Wait called inside one of the group's own goroutines: it waits for the goroutine that calls it and blocks forever", g.apiName()),
				Related: []analysis.RelatedInformation{
					{Pos: outer.instr.Pos(), Message: "goroutine started here"},
				},
			})
			continue
		}
		if g.errgroup || gr.kind != runGoStmt || gc.fr != gr || gc.deferred {
			continue
		}
		if c.waitsBeforeDone(g, gr, gc) {
			pos, end := c.callSpan(gc.instr)
			c.pass.Report(analysis.Diagnostic{
				Pos:      pos,
				End:      end,
				Category: catSelfWait,
				Message:  "sync.WaitGroup.Wait called inside a goroutine the group counts, before its Done: it waits for the goroutine that calls it and blocks forever",
				Related: []analysis.RelatedInformation{
					{Pos: gr.runner.Pos(), Message: "goroutine started here"},
				},
			})
		}
	}
}

// waitsBeforeDone reports whether the Wait w in goroutine gr is reached
// while the goroutine's own Done is still to come: after a deferred Done
// was registered, or with a Done call reachable after it. Conservative:
// the goroutine must use the group only for Done and Wait, and make no
// Add (a goroutine that waits for a batch and then counts itself anew).
func (c *checker) waitsBeforeDone(g *group, gr *frame, w groupCall) bool {
	doneAt := make(map[ssa.Instruction]bool)
	deferDone := make(map[ssa.Instruction]bool)
	for fr := range g.escapes {
		if fr.within(gr) {
			return false
		}
	}
	for _, gc := range g.calls {
		if !gc.fr.within(gr) {
			continue
		}
		switch {
		case gc.api == apis.WaitGroupDone && gc.fr == gr && gc.deferred:
			deferDone[gc.instr] = true
		case gc.api == apis.WaitGroupDone && gc.fr == gr:
			doneAt[gc.instr] = true
		case gc.api == apis.WaitGroupWait:
		default:
			return false
		}
	}
	for _, fr := range g.frames {
		if fr.parent == gr && fr.kind == runDeferred && callsOnly(g, fr, apis.WaitGroupDone) {
			deferDone[fr.runner] = true
		}
	}
	if len(doneAt) == 0 && len(deferDone) == 0 {
		return false
	}
	// Is a deferred Done registered on every path to w? Walk from the
	// entry avoiding deferred Dones and Done calls: if w is reachable, some
	// path reaches it without a deferred Done.
	deferredOnEveryPath := len(deferDone) > 0 && !reachesAvoiding(gr.fn, w.instr, func(i ssa.Instruction) bool {
		return deferDone[i] || doneAt[i]
	})
	if deferredOnEveryPath {
		return true
	}
	// A Done call reachable after w.
	b := w.instr.Block()
	for _, instr := range b.Instrs[ssautil.IndexOf(w.instr)+1:] {
		if doneAt[instr] {
			return true
		}
	}
	for x := range ssautil.ReachableFrom(b) {
		for _, instr := range x.Instrs {
			if doneAt[instr] {
				return true
			}
		}
	}
	return false
}

// callsOnly reports whether the group's calls in fr and the frames inside
// it are all of api, and there is at least one.
func callsOnly(g *group, fr *frame, api apis.API) bool {
	n := 0
	for _, gc := range g.calls {
		if gc.fr.within(fr) {
			if gc.api != api {
				return false
			}
			n++
		}
	}
	return n > 0
}

// reachesAvoiding reports whether target is reachable from fn's entry
// along a path that passes no instruction for which stop reports true.
func reachesAvoiding(fn *ssa.Function, target ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		blocked := false
		for _, instr := range b.Instrs {
			if instr == target {
				return true
			}
			if stop(instr) {
				blocked = true
				break
			}
		}
		if !blocked {
			stack = append(stack, b.Succs...)
		}
	}
	return false
}
