package stranded

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// joinWaits returns the Wait calls in the collector's function on a
// group that goroutines of the collector finish on, each with the set
// of spawns (bit i for col.spawns[i]) that the group joins: when such a
// Wait returns, every joined spawn has called Done (or returned from its
// Go) after its last send, so its sends are all complete.
//
//	for range xs { wg.Add(1); go func() { defer wg.Done(); errc <- f() }() }
//	wg.Wait()
//
// Only the first 16 spawns are tracked; with more, none is.
func (col *collector) joinWaits() map[ssa.Instruction]uint16 {
	if len(col.spawns) == 0 || len(col.spawns) > 16 {
		return nil
	}
	byGroup := make(map[ssa.Value]uint16)
	for i, sp := range col.spawns {
		if g := joinedOn(sp); g != nil {
			byGroup[g] |= 1 << i
		}
	}
	if len(byGroup) == 0 {
		return nil
	}
	out := make(map[ssa.Instruction]uint16)
	for _, b := range col.fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || !apis.SSACallee(c.Common()).Is(apis.WaitGroupWait, apis.ErrgroupWait) || len(c.Call.Args) != 1 {
				continue
			}
			if bits, ok := byGroup[chanRoot(c.Call.Args[0])]; ok {
				out[c] = bits
			}
		}
	}
	return out
}

// joinedOn returns the group, as the collector's function holds it, that
// the goroutine of sp leaves only after its sends: the group of
// finishesOn, or one on which it calls Done (not deferred) at a point
// after which none of its blocking sends can run.
func joinedOn(sp *spawn) ssa.Value {
	if g := finishesOn(sp); g != nil {
		return g
	}
	g, ok := sp.instr.(*ssa.Go)
	if !ok {
		return nil
	}
	fn, outer, inner := goInputs(g)
	if fn == nil {
		return nil
	}
	var group ssa.Value
	for i := range outer {
		for _, d := range callsOn(fn, inner[i], apis.WaitGroupDone) {
			late := true
			for _, b := range sp.sum.Blocking {
				if b.Parent() == d.Parent() && chanmodel.CanRunAfter(d, b) {
					late = false
				}
			}
			if !late {
				return nil // a Done before a send: Wait says nothing of it
			}
			if r := chanRoot(outer[i]); group == nil || group == r {
				group = r
			} else {
				return nil
			}
		}
	}
	return group
}

// certainSends reports whether every goroutine in joined (bit i for
// col.spawns[i]) makes its blocking sends on every path: each send's
// block dominates every return of the goroutine's function. A send
// under a condition (an error, a "first failure wins" flag) may never
// happen, and how many do is fixed by what the check cannot see.
func (col *collector) certainSends(joined uint16) bool {
	for i, sp := range col.spawns {
		if i >= 16 || joined&(1<<i) == 0 {
			continue
		}
		if !certain(sp, col.future) {
			return false
		}
	}
	return true
}

// certain reports whether the goroutine of sp makes its blocking sends
// on every path (chanmodel.Sends.Certain); for a future of another
// package, whether its fact says so.
func certain(sp *spawn, fut *chanmodel.Future) bool {
	if sp.fn == nil {
		return fut != nil && fut.Imported != nil && fut.Imported.Certain
	}
	return sp.sum.Certain(sp.fn)
}

// reportBlockedWaits reports the Waits of col that can block forever:
// the goroutines they join make more sends on the channel than its
// buffer holds, on every path, before they call Done, and nothing but
// the function waiting receives from it.
func (c *checker) reportBlockedWaits(col *collector) {
	for _, w := range col.blockedWaits {
		if !col.certainSends(col.joinedAt[w]) {
			continue
		}
		kind := col.kindName()
		pos, end := c.instrSpan(col.fn, w)
		d := analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: catBlockedWait,
			Message: fmt.Sprintf("Wait can block forever: the goroutines it waits for can send more values on %s than it buffers before they call Done, and nothing receives from it until Wait returns (receive first, or buffer the channel for every sender)",
				kind),
		}
		if first := firstJoined(col, col.joinedAt[w]); first != nil && len(first.sum.Blocking) > 0 {
			d.Related = []analysis.RelatedInformation{
				{Pos: first.sum.Blocking[0].Pos(), Message: "this send blocks once the buffer is full"},
				{Pos: first.instr.Pos(), Message: "goroutine started here"},
			}
		}
		c.pass.Report(d)
	}
}

// firstJoined returns the spawn of col among joined (bit i for
// col.spawns[i]) whose start comes first in the source.
func firstJoined(col *collector, joined uint16) *spawn {
	var first *spawn
	for i, s := range col.spawns {
		if i < 16 && joined&(1<<i) != 0 && (first == nil || s.instr.Pos() < first.instr.Pos()) {
			first = s
		}
	}
	return first
}
