package stranded

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// checkUnreceivable reports the sends on the unbuffered channel made by
// mk that run before anything else is done with the channel: nobody
// else holds it yet, so nobody can receive, and the send blocks its
// goroutine forever.
func (c *checker) checkUnreceivable(fn *ssa.Function, mk *ssa.MakeChan) {
	size, ok := mk.Size.(*ssa.Const)
	if !ok || size.Value == nil || size.Value.Kind() != constant.Int {
		return
	}
	if n, ok := constant.Int64Val(size.Value); !ok || n != 0 {
		return
	}
	uses, ok := chanUses(mk)
	if !ok {
		return
	}
	for _, u := range uses {
		var pos token.Pos
		switch u := u.(type) {
		case *ssa.Send:
			if !holds(u.Chan, mk) {
				continue // the channel is the value sent, handed on
			}
			pos = u.Pos()
		case *ssa.Select:
			if !u.Blocking || len(u.States) != 1 || u.States[0].Dir != types.SendOnly || !holds(u.States[0].Chan, mk) {
				continue
			}
			pos = u.States[0].Pos
		default:
			continue
		}
		if !chanmodel.CanRunAfter(mk, u) {
			continue
		}
		first := true
		for _, o := range uses {
			if o != u && chanmodel.CanRunAfter(o, u) {
				first = false // the channel may be handed on before the send
				break
			}
		}
		if !first {
			continue
		}
		c.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			Category: catUnreceivable,
			Message: fmt.Sprintf("send on unbuffered channel %s blocks forever: nothing else holds the channel yet, so nobody can receive (start the receiver first, or give the channel a buffer)",
				nameOfMake(fn, mk)),
			Related: []analysis.RelatedInformation{{Pos: mk.Pos(), Message: "channel made here"}},
		})
	}
}

// chanUses returns the instructions that use the channel made by mk in
// its function: the uses of the make and of the loads of the local
// variables assigned only that make, including closures capturing them.
// It reports false when a variable holding it is assigned anything else
// or has its address taken.
func chanUses(mk *ssa.MakeChan) ([]ssa.Instruction, bool) {
	var uses []ssa.Instruction
	for _, ref := range ssautil.Referrers(mk) {
		if _, ok := ref.(*ssa.DebugRef); ok {
			continue
		}
		st, ok := ref.(*ssa.Store)
		if !ok {
			uses = append(uses, ref)
			continue
		}
		cell, ok := st.Addr.(*ssa.Alloc)
		if !ok || st.Val != mk {
			uses = append(uses, ref) // stored elsewhere: a use
			continue
		}
		for _, cr := range ssautil.Referrers(cell) {
			switch cr := cr.(type) {
			case *ssa.Store:
				if cr.Val != mk {
					return nil, false
				}
			case *ssa.UnOp:
				if cr.Op != token.MUL {
					return nil, false
				}
				for _, r := range ssautil.Referrers(cr) {
					if _, ok := r.(*ssa.DebugRef); !ok {
						uses = append(uses, r)
					}
				}
			case *ssa.DebugRef:
			default:
				uses = append(uses, cr) // a closure or another use of the variable
			}
		}
	}
	return uses, true
}

// holds reports whether v is the channel made by mk: the make, or a
// load of a local variable chanUses found assigned only that make.
func holds(v ssa.Value, mk *ssa.MakeChan) bool {
	if v == ssa.Value(mk) {
		return true
	}
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return false
	}
	cell, ok := u.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, ref := range ssautil.Referrers(cell) {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == ssa.Value(cell) && st.Val == ssa.Value(mk) {
			return true
		}
	}
	return false
}

// nameOfMake spells the channel made by mk for messages.
func nameOfMake(fn *ssa.Function, mk *ssa.MakeChan) string {
	return chanName(&collector{fn: fn, src: mk, origin: mk})
}
