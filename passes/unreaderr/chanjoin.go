package unreaderr

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// A goroutine can be joined through a channel rather than a WaitGroup:
// go collect(prefix, results) where collect sends its values on results
// and the function that starts it receives from results. The values come
// back; the error collect returns does not.

// joinedByChannel reports whether the go statement g hands its function,
// a function of the package, a channel of values without an error that
// the function sends on (and does nothing else with: chanmodel.Sends)
// and that the starting function receives from (chanmodel.Uses), itself
// or through a closure or a function of the package it passes the
// channel to. The channel then brings
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
		if receivedByHolder(model.Uses(chanmodel.Root(a))) {
			return true
		}
	}
	return false
}

// receivedByHolder reports whether u, the uses of a channel seen from
// the function that starts the goroutine, holds a receive (a receive, a
// range, a select case) that runs in that function's own goroutine:
// itself, a closure it calls or defers, or a function of the package it
// passes the channel to.
//
// Conservative: receives by another goroutine (go consume(ch)) or by a
// closure handed to other code do not count: the spawner then collects
// nothing itself.
func receivedByHolder(u chanmodel.Uses) bool {
	for _, op := range u.Ops {
		if (op.Kind == chanmodel.OpRecv || op.Kind == chanmodel.OpSelectRecv) && op.Context == chanmodel.InHolder {
			return true
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
