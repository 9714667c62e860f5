package starved

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// tickerUse gathers what the function that makes a ticker does with it.
type tickerUse struct {
	fn      *ssa.Function
	ticker  *ssa.Call // time.NewTicker(d)
	cell    *ssa.Alloc
	stops   []ssa.Instruction // calls and defers of Stop
	workers []worker
}

// checkTicker reports a ticker that fn makes and stops while a goroutine
// it starts receives from the ticker's channel in a loop with no other
// way out: Stop does not close C, so the goroutine never ends.
func (c *checker) checkTicker(fn *ssa.Function, call *ssa.Call) {
	t := &tickerUse{fn: fn, ticker: call}
	if !t.uses([]ssa.Value{call}) {
		return
	}
	if t.cell != nil {
		loads, ok := t.cellUses()
		if !ok || !t.uses(loads) {
			return
		}
	}
	if len(t.stops) == 0 {
		return // never stopped: the goroutine is meant to tick for ever
	}
	for _, w := range t.workers {
		r := tickerRecv(w)
		if r == nil || !t.stoppedAfter(w.gostmt) {
			continue
		}
		slices.SortFunc(t.stops, func(a, b ssa.Instruction) int { return int(a.Pos() - b.Pos()) })
		name := "ticker"
		if t.cell != nil && t.cell.Comment != "" {
			name = t.cell.Comment
		} else if n := localName(fn, call.Pos()); n != "" {
			name = n
		}
		c.pass.Report(analysis.Diagnostic{
			Pos:      t.stops[0].Pos(),
			Category: catTicker,
			Message: fmt.Sprintf("time.Ticker.Stop does not close %s.C: the goroutine receiving from it in a loop with no other way out is left blocked forever (give it a done channel to select on)",
				name),
			Related: []analysis.RelatedInformation{
				{Pos: r.Pos(), Message: "this receive waits for a tick that never comes once the ticker is stopped"},
				{Pos: w.gostmt.Pos(), Message: "goroutine started here"},
			},
		})
		return
	}
}

// stoppedAfter reports whether a Stop can run after the goroutine is
// started at start: a Stop call reachable from it, or a deferred Stop and
// a return reachable from it. A function that never gets there keeps the
// ticker running; its goroutine is a daemon.
func (t *tickerUse) stoppedAfter(start ssa.Instruction) bool {
	returns := len(chanmodel.ReturnsAvoiding(start, nil)) > 0
	for _, s := range t.stops {
		switch s.(type) {
		case *ssa.Defer:
			if returns {
				return true
			}
		default:
			if chanmodel.CanRunAfter(start, s) {
				return true
			}
		}
	}
	return false
}

// uses records the uses of vals, which hold the ticker in t.fn, and
// reports whether all are understood: Stop and Reset, reads of C,
// goroutines started with it, closures only called or deferred, and one
// local variable.
func (t *tickerUse) uses(vals []ssa.Value) bool {
	for _, val := range vals {
		for _, ref := range ssautil.Referrers(val) {
			switch ref := ref.(type) {
			case *ssa.Call, *ssa.Defer:
				call := ref.(ssa.CallInstruction).Common()
				fn := apis.SSACalleeFunc(call)
				if call.IsInvoke() || fn == nil || len(call.Args) == 0 || call.Args[0] != val {
					return false
				}
				switch {
				case apis.Of(fn) == apis.TickerStop:
					t.stops = append(t.stops, ref)
				case fn.Pkg() == nil || fn.Pkg().Path() != apis.TimePath || apis.RecvType(fn) == nil:
					return false // Conservative: handed to code that may do anything
				}
			case *ssa.FieldAddr:
				if !isTickerC(ref) {
					return false
				}
				for _, fr := range ssautil.Referrers(ref) {
					if _, ok := fr.(*ssa.Store); ok {
						return false // C reassigned
					}
				}
			case *ssa.Go:
				callee, p := chanmodel.Callee(t.fn, ref.Common(), val)
				if callee == nil {
					return false
				}
				t.workers = append(t.workers, worker{ref, callee, p, false})
			case *ssa.MakeClosure:
				if !t.closure(ref, val, false) {
					return false
				}
			case *ssa.Store:
				a, ok := ref.Addr.(*ssa.Alloc)
				if !ok || ref.Val != val || t.cell != nil || val != ssa.Value(t.ticker) {
					return false
				}
				t.cell = a
			case *ssa.DebugRef:
			default:
				return false
			}
		}
	}
	return true
}

// cellUses returns the loads of t.cell after recording the closures
// that capture it, and reports whether its only store is the ticker.
func (t *tickerUse) cellUses() ([]ssa.Value, bool) {
	var loads []ssa.Value
	for _, ref := range ssautil.Referrers(t.cell) {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != t.cell || ref.Val != ssa.Value(t.ticker) {
				return nil, false
			}
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil, false
			}
			loads = append(loads, ref)
		case *ssa.MakeClosure:
			if !t.closure(ref, t.cell, true) {
				return nil, false
			}
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return loads, true
}

// closure records a closure capturing the ticker: a worker when started
// as a goroutine; a closure that is only called or deferred is accepted
// as it is, whatever it does with the ticker, since nothing can close C.
func (t *tickerUse) closure(mc *ssa.MakeClosure, captured ssa.Value, indirect bool) bool {
	if start := startedBy(mc); start != nil {
		fn, v := chanmodel.ClosureVar(mc, captured)
		if fn == nil {
			return false
		}
		t.workers = append(t.workers, worker{start, fn, v, indirect})
		return true
	}
	for _, r := range ssautil.Referrers(mc) {
		switch r := r.(type) {
		case *ssa.Call:
			if r.Call.Value != mc {
				return false
			}
		case *ssa.Defer:
			if r.Call.Value != mc {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// tickerRecv returns the receive from the ticker's C that the worker w
// cannot leave: in a loop whose only way out would be a close of C
// (for range t.C) or that has none (for { <-t.C; ... }), entered on
// every path of the goroutine. Only the worker's own body is read.
func tickerRecv(w worker) ssa.Instruction {
	vals := []ssa.Value{w.v}
	if w.indirect {
		vals = nil
		for _, ref := range ssautil.Referrers(w.v) {
			if u, ok := ref.(*ssa.UnOp); ok && u.Op == token.MUL {
				vals = append(vals, u)
			}
		}
	}
	for _, val := range vals {
		for _, ref := range ssautil.Referrers(val) {
			fa, ok := ref.(*ssa.FieldAddr)
			if !ok || !isTickerC(fa) {
				continue
			}
			for _, fr := range ssautil.Referrers(fa) {
				load, ok := fr.(*ssa.UnOp)
				if !ok || load.Op != token.MUL {
					continue
				}
				for _, lr := range ssautil.Referrers(load) {
					if r, ok := lr.(*ssa.UnOp); ok && r.Op == token.ARROW && onlyWayOut(w.fn, r, false) {
						return r
					}
				}
			}
		}
	}
	return nil
}

// isTickerC reports whether fa addresses the C field of a time.Ticker.
func isTickerC(fa *ssa.FieldAddr) bool {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return false
	}
	return apis.IsTickerC(st.Field(fa.Field))
}
