package starved

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A watch is what a function that makes a channel does with it when it
// waits for one goroutine to answer on it: the goroutine (the watcher)
// it hands the channel to, the local variable holding it when captured,
// and the receive that waits, which runs after the start on every path
// to a return and is the function's only receive from it.
type watch struct {
	mk     *ssa.MakeChan
	w      *worker
	cell   *ssa.Alloc
	wait   *ssa.UnOp
	ranged bool // the function ranges over the channel until it is closed
}

// watched returns the watch of the channel mk made by fn, or nil when
// some use of the channel is not the watcher's or the wait's.
func watched(fn *ssa.Function, mk *ssa.MakeChan) *watch {
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
					return nil
				}
				recvs = append(recvs, ref)
			case *ssa.Go:
				callee, p := chanmodel.Callee(fn, ref.Common(), val)
				if callee == nil || w != nil {
					return nil
				}
				w = &worker{ref, callee, p, false}
			case *ssa.MakeClosure:
				start := startedBy(ref)
				if start == nil || w != nil {
					return nil
				}
				g, v := chanmodel.ClosureVar(ref, val)
				if g == nil {
					return nil
				}
				w = &worker{start, g, v, false}
			case *ssa.Store:
				a, ok := ref.Addr.(*ssa.Alloc)
				if !ok || ref.Val != val || cell != nil || val != ssa.Value(mk) {
					return nil
				}
				cell = a
				for _, cr := range ssautil.Referrers(a) {
					switch cr := cr.(type) {
					case *ssa.Store:
						if cr != ref {
							return nil // reassigned
						}
					case *ssa.UnOp:
						if cr.Op != token.MUL {
							return nil
						}
						vals = append(vals, cr)
					case *ssa.MakeClosure:
						start := startedBy(cr)
						if start == nil || w != nil {
							return nil
						}
						g, v := chanmodel.ClosureVar(cr, a)
						if g == nil {
							return nil
						}
						w = &worker{start, g, v, true}
					case *ssa.DebugRef:
					default:
						return nil
					}
				}
			case *ssa.ChangeType:
				vals = append(vals, ref)
			case *ssa.DebugRef:
			default:
				return nil // Conservative: sent, closed, selected on, or out of view
			}
		}
	}
	if w == nil || len(recvs) != 1 || chanmodel.CanRunAfter(w.gostmt, w.gostmt) {
		return nil // Conservative: one value satisfies one receive
	}
	r := recvs[0]
	ranged := false
	if ssautil.Reaches(r.Block(), r.Block()) {
		if !onlyWayOut(fn, r, true) {
			return nil // Conservative: how many values a loop waits for is not counted
		}
		ranged = true
	}
	if !chanmodel.CanRunAfter(w.gostmt, r) {
		return nil
	}
	if len(chanmodel.ReturnsAvoiding(w.gostmt, map[ssa.Instruction]bool{r: true})) > 0 {
		return nil // fn may return without waiting
	}
	return &watch{mk: mk, w: w, cell: cell, wait: r, ranged: ranged}
}

// checkWatcher reports the returns of a goroutine that leave the
// function which started it blocked forever: fn makes the channel mk,
// hands it to one goroutine (the watcher) that sends on it or closes it,
// and waits for it with a plain receive; a return of the watcher reached
// without a send or a close leaves that receive unsatisfied, as nothing
// else holds the channel.
func (c *checker) checkWatcher(fn *ssa.Function, mk *ssa.MakeChan) {
	wt := watched(fn, mk)
	if wt == nil {
		return
	}
	w, wait, cell, ranged := wt.w, wt.wait, wt.cell, wt.ranged
	if testHelperBetween(w.gostmt, wait) || c.stopsBefore(w.gostmt, wait) {
		return
	}
	h := c.model.Holds(w.fn, w.v, w.indirect)
	if !h.OK || len(h.Recvs) > 0 || (!h.Sends && !h.Closes) {
		return
	}
	var sig map[ssa.Instruction]bool
	var ok bool
	if ranged {
		sig, ok = c.model.Closers(w.fn, w.v, w.indirect) // a send does not end the range
	} else {
		sig, ok = c.model.Signalers(w.fn, w.v, w.indirect)
	}
	if !ok {
		return
	}
	barriers := wholeLoops(maps(sig, c.endsPath(w.fn)))
	name := localName(fn, mk.Pos())
	if cell != nil && cell.Comment != "" {
		name = cell.Comment
	}
	if name == "" {
		name = "ch"
	}
	msg := fmt.Sprintf("return neither sends on %s nor closes it: the function that started this goroutine waits for it in a receive that nothing else can satisfy, and is left blocked forever",
		name)
	if ranged {
		msg = fmt.Sprintf("return does not close %s: the function that started this goroutine ranges over it, nothing else can close it, and it is left blocked forever",
			name)
	}
	answers, ok := c.firstWaits(fn, wt)
	if !ok {
		return
	}
	for _, r := range chanmodel.EntryReturnsAvoiding(w.fn, barriers) {
		if heldEarlier(w.fn, r, barriers, answers) || failsByClose(fn, wt, r) {
			continue
		}
		pos, end := returnSpan(w.fn, r)
		if c.reported[pos] {
			continue // a watcher started by several functions
		}
		if c.reported == nil {
			c.reported = make(map[token.Pos]bool)
		}
		c.reported[pos] = true
		c.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: catUnclosed,
			Message:  msg,
			Related: []analysis.RelatedInformation{
				{Pos: wait.Pos(), Message: "this receive waits for the goroutine"},
				{Pos: w.gostmt.Pos(), Message: "goroutine started here"},
			},
		})
	}
}

// testHelperBetween reports whether a call that can run after start and
// before wait is given a *testing.T, B or F or a testing.TB and is not
// one of package testing's own methods: a helper that may stop the test
// (a wait with a timeout that calls t.Fatal), which it would do when
// the goroutine does not answer, so that wait is never reached.
func testHelperBetween(start, wait ssa.Instruction) bool {
	for _, b := range start.Parent().Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !chanmodel.CanRunAfter(start, instr) || !chanmodel.CanRunAfter(instr, wait) {
				continue
			}
			if fn := apis.SSACalleeFunc(call.Common()); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "testing" {
				continue
			}
			for _, a := range call.Call.Args {
				if isTestingType(a.Type()) {
					return true
				}
			}
		}
	}
	return false
}

// isTestingType reports whether t is *testing.T, *testing.B, *testing.F
// or testing.TB.
func isTestingType(t types.Type) bool {
	for _, name := range []string{"T", "B", "F", "TB"} {
		if apis.IsNamedType(t, "testing", name) {
			return true
		}
	}
	return false
}
