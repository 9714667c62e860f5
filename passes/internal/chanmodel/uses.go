package chanmodel

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// An OpKind says what one use of a channel does (see Uses).
type OpKind uint8

const (
	OpSend       OpKind = iota // ch <- v: an *ssa.Send
	OpSelectSend               // case ch <- v: an *ssa.Select
	OpRecv                     // <-ch, v := <-ch, v, ok := <-ch, for range ch: an *ssa.UnOp
	OpSelectRecv               // case <-ch, case v := <-ch: an *ssa.Select
	OpLen                      // len(ch) or cap(ch): an *ssa.Call
	OpClose                    // close(ch), defer close(ch): an *ssa.Call or *ssa.Defer
	OpCompare                  // ch == nil, ch != other: an *ssa.BinOp
)

// A Context says in which goroutine a use of a channel runs, relative to
// the function that holds the channel (see Uses). The constants are
// ordered: a use reached through several edges has the largest context
// among them, and a path's context is the largest of its edges'.
type Context uint8

const (
	// InHolder: the holding function itself, or a function or closure it
	// calls or defers: the holder's own goroutine.
	InHolder Context = iota
	// Handed: inside a closure handed to code the model does not follow
	// (a callback, a closure stored in a variable of another function):
	// it runs when, and in the goroutine, that code decides.
	Handed
	// InGroup: inside a closure started by errgroup.Group.Go or TryGo,
	// another goroutine whose error result reaches Wait.
	InGroup
	// InGoroutine: inside a function started by a go statement or by
	// sync.WaitGroup.Go, or called, deferred or handed on from one.
	InGoroutine
)

// An Op is one use of a channel.
type Op struct {
	Kind  OpKind
	Instr ssa.Instruction
	// Value is the value sent, for OpSend and OpSelectSend.
	Value ssa.Value
	// Context says which goroutine runs the use.
	Context Context
	// Discarded reports, for OpRecv, that the received value is thrown
	// away: <-ch as a statement, for range ch, _, ok := <-ch.
	Discarded bool
}

// Uses describes every use of one channel that the model can see from
// the function holding it: the uses of the value itself, of the local
// variables it is stored in, of the closures capturing it (whatever runs
// them) and of the functions it is passed to that have SSA bodies
// (same-package functions the fanout front end builds), including those
// started as goroutines.
type Uses struct {
	// Ops are the uses, in the order the walk found them.
	Ops []Op
	// Sizes are the sizes of the makes of the channel: the root's, when
	// it is a make, and those of the makes assigned to the variable when
	// the root is one. A root with neither (a parameter, a nil variable)
	// has none.
	Sizes []ssa.Value
	// Escapes are the instructions through which the channel goes where
	// the model cannot follow: stored in a field, an element or a global,
	// put in an interface, sent on a channel, returned, passed to a
	// function without a body (another package, a function value, an
	// interface method), or a variable holding it assigned another
	// channel or having its address taken. Ops then lists only what is
	// in view.
	Escapes []ssa.Instruction
}

// OK reports whether every use of the channel is in view: it escapes
// nowhere.
func (u *Uses) OK() bool { return len(u.Escapes) == 0 }

// Uses walks the uses of the channel that root holds in its function:
// a make (or any other channel value, such as a parameter), or a local
// variable (an *ssa.Alloc, or a free variable pointing to one) holding
// the channel. Unlike Holds and Sends, which summarise a function given a
// channel, it follows the channel into the goroutines that are started
// with it, and records where each use runs (Op.Context).
//
// A local variable holding the channel is followed through its loads,
// the closures capturing it, and the stores into it of fresh makes
// (recorded in Sizes) and of nil; any other store into it is an escape.
// A phi merging the channel with other values is followed as the
// channel: the uses after it may be of another channel. The walk is not
// memoised: each call walks the uses again.
func (m *Model) Uses(root ssa.Value) Uses {
	w := &usesWalk{seen: make(map[usesKey]bool), index: make(map[opKey]int)}
	if mk, ok := root.(*ssa.MakeChan); ok {
		w.u.Sizes = append(w.u.Sizes, mk.Size)
	}
	if isCell(root) {
		w.cell(root, InHolder)
	} else {
		w.value(root, InHolder)
	}
	return w.u
}

type usesKey struct {
	v   ssa.Value
	ctx Context
}

type usesWalk struct {
	u     Uses
	seen  map[usesKey]bool
	index map[opKey]int // an op → its index in u.Ops
}

// opKey identifies an op found through more than one path.
type opKey struct {
	kind  OpKind
	instr ssa.Instruction
	value ssa.Value
}

// isCell reports whether v is the address of a local variable holding a
// channel: an Alloc, or the free variable through which a closure sees
// one.
func isCell(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
		p, ok := v.Type().Underlying().(*types.Pointer)
		if !ok {
			return false
		}
		_, ok = p.Elem().Underlying().(*types.Chan)
		return ok
	}
	return false
}

func (w *usesWalk) escape(at ssa.Instruction) { w.u.Escapes = append(w.u.Escapes, at) }

// op records a use; a use found again through another path keeps the
// largest context.
func (w *usesWalk) op(o Op) {
	k := opKey{o.Kind, o.Instr, o.Value}
	if i, ok := w.index[k]; ok {
		w.u.Ops[i].Context = max(w.u.Ops[i].Context, o.Context)
		return
	}
	w.index[k] = len(w.u.Ops)
	w.u.Ops = append(w.u.Ops, o)
}

// visit reports whether v is yet to be walked in ctx, and marks it.
func (w *usesWalk) visit(v ssa.Value, ctx Context) bool {
	k := usesKey{v, ctx}
	if w.seen[k] {
		return false
	}
	w.seen[k] = true
	return true
}

// cell follows p, the address of a variable holding the channel.
func (w *usesWalk) cell(p ssa.Value, ctx Context) {
	if !w.visit(p, ctx) {
		return
	}
	for _, r := range ssautil.Referrers(p) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != p {
				w.escape(r) // the variable's address stored
				continue
			}
			switch val := r.Val.(type) {
			case *ssa.MakeChan:
				w.u.Sizes = appendOnce(w.u.Sizes, val.Size)
			case *ssa.Const:
				// nil assigned
			default:
				w.escape(r) // a channel from elsewhere, used elsewhere
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				w.escape(r)
				continue
			}
			w.value(r, ctx)
		case *ssa.MakeClosure:
			w.closure(r, p, ctx)
		default:
			w.escape(r) // Conservative: the address goes elsewhere
		}
	}
}

// appendOnce appends v to vs unless it is there already: a variable
// walked in more than one context has its makes once.
func appendOnce(vs []ssa.Value, v ssa.Value) []ssa.Value {
	for _, x := range vs {
		if x == v {
			return vs
		}
	}
	return append(vs, v)
}

// value follows v, a value of the channel.
func (w *usesWalk) value(v ssa.Value, ctx Context) {
	if !w.visit(v, ctx) {
		return
	}
	for _, r := range ssautil.Referrers(v) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Phi, *ssa.ChangeType:
			w.value(r.(ssa.Value), ctx)
		case *ssa.Store:
			if a, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v {
				w.cell(a, ctx)
				continue
			}
			w.escape(r)
		case *ssa.Send:
			if r.Chan != v {
				w.escape(r) // the channel sent as a value
				continue
			}
			w.op(Op{Kind: OpSend, Instr: r, Value: r.X, Context: ctx})
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				w.escape(r)
				continue
			}
			w.op(Op{Kind: OpRecv, Instr: r, Context: ctx, Discarded: discarded(r)})
		case *ssa.Select:
			for _, st := range r.States {
				if st.Send == v {
					w.escape(r)
				}
				if st.Chan != v {
					continue
				}
				if st.Dir == types.RecvOnly {
					w.op(Op{Kind: OpSelectRecv, Instr: r, Context: ctx})
				} else {
					w.op(Op{Kind: OpSelectSend, Instr: r, Value: st.Send, Context: ctx})
				}
			}
		case *ssa.BinOp:
			w.op(Op{Kind: OpCompare, Instr: r, Context: ctx})
		case *ssa.MakeClosure:
			w.closure(r, v, ctx)
		case ssa.CallInstruction:
			w.call(r, v, ctx)
		default:
			// Conservative: returned, put in an interface, stored in a
			// field, an element or a global.
			w.escape(r)
		}
	}
}

// call follows a call, go or defer that uses v.
func (w *usesWalk) call(instr ssa.CallInstruction, v ssa.Value, ctx Context) {
	call := instr.Common()
	if b, ok := call.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			w.op(Op{Kind: OpClose, Instr: instr, Context: ctx})
		case "len", "cap":
			w.op(Op{Kind: OpLen, Instr: instr, Context: ctx})
		default:
			w.escape(instr)
		}
		return
	}
	callee := call.StaticCallee()
	if call.IsInvoke() || callee == nil || call.Value == v {
		w.escape(instr)
		return
	}
	if callee.Origin() != nil {
		callee = callee.Origin()
	}
	if callee.Blocks == nil || len(callee.Params) != len(call.Args) {
		w.escape(instr) // Conservative: no body to follow
		return
	}
	sub := ctx
	if _, ok := instr.(*ssa.Go); ok {
		sub = InGoroutine
	}
	for i, a := range call.Args {
		if a == v {
			w.value(callee.Params[i], sub)
		}
	}
}

// closure follows v, captured by the closure mc, into the closure's free
// variables, in the context of whatever runs the closure.
func (w *usesWalk) closure(mc *ssa.MakeClosure, v ssa.Value, ctx Context) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		w.escape(mc)
		return
	}
	sub := max(ctx, closureContext(mc))
	for i, b := range mc.Bindings {
		if b != v || i >= len(fn.FreeVars) {
			continue
		}
		fv := fn.FreeVars[i]
		if isCell(fv) {
			w.cell(fv, sub)
		} else {
			w.value(fv, sub)
		}
	}
}

// closureContext says in which goroutine the closure mc runs: the
// largest context among its uses, Handed when one of them is neither a
// call, a defer, nor a start as a goroutine.
func closureContext(mc *ssa.MakeClosure) Context {
	ctx := InHolder
	for _, r := range ssautil.Referrers(mc) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Go:
			if r.Call.Value == mc {
				ctx = max(ctx, InGoroutine)
			} else {
				ctx = max(ctx, Handed)
			}
		case *ssa.Call, *ssa.Defer:
			call := r.(ssa.CallInstruction).Common()
			switch {
			case call.Value == mc:
			case apis.GoMethodFunc(call) == ssa.Value(mc):
				if apis.SSACallee(call) == apis.WaitGroupGo {
					ctx = max(ctx, InGoroutine)
				} else {
					ctx = max(ctx, InGroup)
				}
			default:
				ctx = max(ctx, Handed)
			}
		default:
			ctx = max(ctx, Handed)
		}
	}
	return ctx
}

// discarded reports whether the receive r throws the received value
// away: <-ch as a statement, for range ch, or _, ok := <-ch.
func discarded(r *ssa.UnOp) bool {
	if !r.CommaOk {
		return !used(r)
	}
	for _, ref := range ssautil.Referrers(r) {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Extract:
			if ref.Index == 0 && used(ref) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// used reports whether v has a referrer other than debug information.
func used(v ssa.Value) bool {
	for _, r := range ssautil.Referrers(v) {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}
