package unreaderr

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A goroutine can be joined through a channel rather than a WaitGroup:
// go collect(prefix, results) where collect sends its values on results
// and the function that starts it receives from results. The values come
// back; the error collect returns does not.

// joinedByChannel reports whether the go statement g hands its function,
// a function of the package, a channel of values without an error that
// the function sends on (and does nothing else with: chanmodel.Sends)
// and that the starting function receives from. The channel then brings
// the goroutine's results back, and its error result, which the go
// statement drops, is the only way its failure could travel.
//
// Conservative: a channel whose elements carry an error may carry the
// failure as well and does not count; nor does a chan struct{}, which
// signals (a server telling that it is ready) rather than brings results
// back; nor a channel the callee also receives from or passes to code
// the model cannot follow.
func joinedByChannel(model *chanmodel.Model, g *ssa.Go) bool {
	fn := g.Call.StaticCallee()
	if fn == nil || fn.Blocks == nil || g.Call.IsInvoke() {
		return false
	}
	for i, a := range g.Call.Args {
		ct, ok := a.Type().Underlying().(*types.Chan)
		if !ok || carriesError(ct.Elem()) || isSignal(ct.Elem()) || i >= len(fn.Params) {
			continue
		}
		s := model.Sends(fn, fn.Params[i], false)
		if !s.OK || len(s.Sites) == 0 {
			continue
		}
		if receives(chanmodel.Root(a), 0) {
			return true
		}
	}
	return false
}

// receives reports whether the channel that v holds (or, for a local
// variable, the variable v) is received from in v's function or in a
// closure that captures it: a receive, a range or a select case.
func receives(v ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, r := range ssautil.Referrers(v) {
		switch r := r.(type) {
		case *ssa.UnOp:
			switch {
			case r.Op == token.ARROW && r.X == v:
				return true
			case r.Op == token.MUL && r.X == v && receives(r, depth+1):
				return true // a load of the variable
			}
		case *ssa.ChangeType:
			if receives(r, depth+1) {
				return true
			}
		case *ssa.Select:
			for _, st := range r.States {
				if st.Chan == v && st.Dir == types.RecvOnly {
					return true
				}
			}
		case *ssa.MakeClosure:
			fn, ok := r.Fn.(*ssa.Function)
			if !ok {
				continue
			}
			for i, b := range r.Bindings {
				if b == v && i < len(fn.FreeVars) && receives(fn.FreeVars[i], depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// isSignal reports whether t, a channel's element type, is an empty
// struct: its values carry no result, only the event of their sending.
func isSignal(t types.Type) bool {
	st, ok := t.Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}
