package stranded

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// many stands for an unbounded number of sends or senders.
const many = chanmodel.Many

// A sendSummary describes what a goroutine function does with one channel
// it receives (as a parameter or a captured variable): the channel
// model's summary of its sends.
type sendSummary = chanmodel.Sends

// signals returns the indices of the inputs of the goroutine function fn
// (its free variables, or parameters) that are other channels the
// goroutine signals on, by a send or a close, only where it has no
// blocking send on the collector's channel left to make: a deferred close,
// or a signal from which no blocking send of sum is reachable. When the
// collector's function receives such a signal, the goroutine is known to
// be past its sends. indirect reports, per input, whether it is the
// address of a captured variable. A channel the goroutine sends on only
// through calls (a closure or a helper of the package, see
// chanmodel.Sends) counts when none of those calls can be followed by a
// blocking send on the collector's channel: if err != nil { fail(err);
// return }; done <- struct{}{} makes one send over both channels.
func signals(model *chanmodel.Model, fn *ssa.Function, inputs []ssa.Value, indirect []bool, skip int, sum sendSummary) []int {
	var out []int
	for i, in := range inputs {
		if i == skip {
			continue
		}
		t := in.Type()
		if indirect[i] {
			p, ok := t.Underlying().(*types.Pointer)
			if !ok {
				continue
			}
			t = p.Elem()
		}
		if _, ok := t.Underlying().(*types.Chan); !ok {
			continue
		}
		vals := []ssa.Value{in}
		if indirect[i] {
			vals = nil
			for _, ref := range ssautil.Referrers(in) {
				if u, ok := ref.(*ssa.UnOp); ok && u.Op == token.MUL {
					vals = append(vals, u)
				}
			}
		}
		n, late := 0, true
		for _, v := range vals {
			for _, ref := range ssautil.Referrers(v) {
				var sig bool
				switch ref := ref.(type) {
				case *ssa.Send:
					sig = ref.Chan == v
				case *ssa.Call:
					sig = chanmodel.IsClose(ref.Common(), v)
				case *ssa.Defer:
					if chanmodel.IsClose(ref.Common(), v) {
						n++ // runs when the goroutine exits, after its sends
						continue
					}
				}
				if !sig {
					continue
				}
				n++
				for _, b := range sum.Blocking {
					if chanmodel.CanRunAfter(ref, b) {
						late = false
					}
				}
			}
		}
		if n == 0 && late {
			// No direct send or close: ask the model for sends made
			// through calls.
			other := model.Sends(fn, in, indirect[i])
			if other.OK && len(other.Blocking) > 0 {
				n = len(other.Blocking)
				for _, ob := range other.Blocking {
					for _, b := range sum.Blocking {
						if chanmodel.CanRunAfter(ob, b) {
							late = false
						}
					}
				}
			}
		}
		if n > 0 && late {
			out = append(out, i)
		}
	}
	return out
}

// sentAfter returns the index of the input of the goroutine function fn
// (see signals) that is another channel on which fn makes a plain send
// before each of its blocking sends on the collector's channel: a send
// that runs once (on no cycle) and dominates every blocking send of sum
// (a <- x; b <- y). Until someone receives that value the goroutine
// cannot reach its sends on the collector's channel. It returns -1 when
// there is none.
func sentAfter(fn *ssa.Function, inputs []ssa.Value, indirect []bool, skip int, sum sendSummary) int {
	if len(sum.Blocking) == 0 {
		return -1
	}
	for i, in := range inputs {
		if i == skip {
			continue
		}
		vals := []ssa.Value{in}
		if indirect[i] {
			vals = nil
			for _, ref := range ssautil.Referrers(in) {
				if u, ok := ref.(*ssa.UnOp); ok && u.Op == token.MUL {
					vals = append(vals, u)
				}
			}
		}
		var sends []ssa.Instruction
		for _, v := range vals {
			if _, ok := v.Type().Underlying().(*types.Chan); !ok {
				continue
			}
			for _, ref := range ssautil.Referrers(v) {
				if s, ok := ref.(*ssa.Send); ok && s.Chan == v && !chanmodel.CanRunAfter(s, s) {
					sends = append(sends, s)
				}
			}
		}
		if len(sends) == 0 {
			continue
		}
		ok := true
		for _, b := range sum.Blocking {
			ok = ok && dominatedBy(b, sends)
		}
		if ok {
			return i
		}
	}
	return -1
}
