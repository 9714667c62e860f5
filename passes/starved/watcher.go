package starved

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// checkWatcher reports the returns of a goroutine that leave the
// function which started it blocked forever: fn makes the channel mk,
// hands it to one goroutine (the watcher) that sends on it or closes it,
// and waits for it with a plain receive; a return of the watcher reached
// without a send or a close leaves that receive unsatisfied, as nothing
// else holds the channel.
func (c *checker) checkWatcher(fn *ssa.Function, mk *ssa.MakeChan) {
	var (
		recvs []*ssa.UnOp
		w     *worker
		cell  *ssa.Alloc
	)
	vals := []ssa.Value{mk}
	for i := 0; i < len(vals); i++ {
		val := vals[i]
		for _, ref := range ssautil.Referrers(val) {
			switch ref := ref.(type) {
			case *ssa.UnOp:
				if ref.Op != token.ARROW {
					return
				}
				recvs = append(recvs, ref)
			case *ssa.Go:
				callee, p := chanmodel.Callee(fn, ref.Common(), val)
				if callee == nil || w != nil {
					return
				}
				w = &worker{ref, callee, p, false}
			case *ssa.MakeClosure:
				start := startedBy(ref)
				if start == nil || w != nil {
					return
				}
				g, v := chanmodel.ClosureVar(ref, val)
				if g == nil {
					return
				}
				w = &worker{start, g, v, false}
			case *ssa.Store:
				a, ok := ref.Addr.(*ssa.Alloc)
				if !ok || ref.Val != val || cell != nil || val != ssa.Value(mk) {
					return
				}
				cell = a
				for _, cr := range ssautil.Referrers(a) {
					switch cr := cr.(type) {
					case *ssa.Store:
						if cr != ref {
							return // reassigned
						}
					case *ssa.UnOp:
						if cr.Op != token.MUL {
							return
						}
						vals = append(vals, cr)
					case *ssa.MakeClosure:
						start := startedBy(cr)
						if start == nil || w != nil {
							return
						}
						g, v := chanmodel.ClosureVar(cr, a)
						if g == nil {
							return
						}
						w = &worker{start, g, v, true}
					case *ssa.DebugRef:
					default:
						return
					}
				}
			case *ssa.ChangeType:
				vals = append(vals, ref)
			case *ssa.DebugRef:
			default:
				return // Conservative: sent, closed, selected on, or out of view
			}
		}
	}
	if w == nil || len(recvs) == 0 || chanmodel.CanRunAfter(w.gostmt, w.gostmt) {
		return
	}
	// The receive that waits for the watcher: after its start, on every
	// path to a return of fn.
	var wait *ssa.UnOp
	set := make(map[ssa.Instruction]bool)
	for _, r := range recvs {
		if ssautil.Reaches(r.Block(), r.Block()) {
			return // Conservative: how many values a loop waits for is not counted
		}
		if chanmodel.CanRunAfter(w.gostmt, r) && (wait == nil || r.Pos() < wait.Pos()) {
			wait = r
		}
		set[r] = true
	}
	if wait == nil || len(recvs) != 1 {
		return // Conservative: one value satisfies one receive
	}
	if len(chanmodel.ReturnsAvoiding(w.gostmt, set)) > 0 {
		return // fn may return without waiting
	}
	h := c.model.Holds(w.fn, w.v, w.indirect)
	if !h.OK || len(h.Recvs) > 0 || (!h.Sends && !h.Closes) {
		return
	}
	sig, ok := c.model.Signalers(w.fn, w.v, w.indirect)
	if !ok {
		return
	}
	barriers := wholeLoops(maps(sig, noReturnCalls(w.fn)))
	name := localName(fn, mk.Pos())
	if cell != nil && cell.Comment != "" {
		name = cell.Comment
	}
	if name == "" {
		name = "ch"
	}
	for _, r := range chanmodel.EntryReturnsAvoiding(w.fn, barriers) {
		pos, end := returnSpan(w.fn, r)
		c.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: catUnclosed,
			Message: fmt.Sprintf("return neither sends on %s nor closes it: the function that started this goroutine waits for it in a receive that nothing else can satisfy, and is left blocked forever",
				name),
			Related: []analysis.RelatedInformation{
				{Pos: wait.Pos(), Message: "this receive waits for the goroutine"},
				{Pos: w.gostmt.Pos(), Message: "goroutine started here"},
			},
		})
	}
}
