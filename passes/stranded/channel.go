package stranded

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A collector is a channel made in one function, with a constant capacity,
// whose every use is understood: the function receives from it (plain
// receives, range loops, select cases) and starts goroutines that send on
// it. Any other use (the function sends, closes, stores, returns or passes
// the channel to a call) puts it out of scope.
type collector struct {
	info  *types.Info
	model *chanmodel.Model
	fn    *ssa.Function
	// src is the value that makes the channel in fn: a make, or the call
	// of a future (a same-package function that returns a channel its
	// goroutines send on, see chanmodel.Future), and origin the same as an
	// instruction. make is the make, nil for a future.
	src    ssa.Value
	origin ssa.Instruction
	make   *ssa.MakeChan
	future *chanmodel.Future
	cap    int64
	// fields gives the package's index of field channels, for a channel
	// stored in a struct field (see findFieldUses); name spells such a
	// channel for messages.
	fields func() *chanmodel.Fields
	name   string
	// blockedWaits are the Waits, in the order the walk met them, that
	// some path reaches with more sends of the goroutines they join
	// pending than the buffer holds (see strandingExits).
	blockedWaits []ssa.Instruction
	blockedWait  map[ssa.Instruction]bool
	joinedAt     map[ssa.Instruction]uint16 // the spawns each Wait joins (see joinWaits)

	recvs     map[ssa.Instruction]bool // plain receives (*ssa.UnOp) in fn
	recvCases map[*ssa.Select]int      // select → index of its case receiving ch
	spawns    []*spawn
	// roots are the values that identify the channel in fn (see
	// chanRoot): the make and the variables holding it.
	roots map[ssa.Value]bool
	// fixed are the package variables set only at initialisation, whose
	// tests correlate (see stable).
	fixed map[*types.Var]bool
	// nilTests compare a variable the loop carries (see carries) with
	// nil: on the branch where it is nil, nothing is in flight.
	nilTests map[*ssa.BinOp]bool
	// errTests compare an error result of a future's call with nil: on
	// the branch where the error is not nil, the caller is not taken to
	// hold a live future (see futureErrTests).
	errTests map[*ssa.BinOp]bool
	// closes reports whether a goroutine closes the channel. When none
	// does, a receive never reports it closed: a range loop over it ends
	// only through break or return.
	closes bool
}

// A spawn is one go instruction of the collector's function whose
// goroutine sends on the channel.
type spawn struct {
	instr ssa.CallInstruction // a go instruction, or a call of Group.Go, TryGo or WaitGroup.Go
	fn    *ssa.Function       // the goroutine's function
	sum   sendSummary
	// signals are the channels, as the collector's function holds them
	// (see chanRoot), on which the goroutine signals that it is past its
	// sends.
	signals []ssa.Value
	// driven reports whether the goroutine sends in a loop whose trip
	// count depends on data the check cannot see (see dataDriven).
	driven bool
	// gate is the channel, as the collector's function holds it, whose
	// receives gate the goroutine's only send (see rangeGate), or nil.
	gate ssa.Value
	// after is another channel, as the collector's function holds it,
	// on which the goroutine sends before its sends on the collector's
	// channel (see sentAfter), or nil: those are pending only once the
	// collector's function has received from after.
	after ssa.Value
}

// assumed returns the number of sends the walk assumes the goroutine of
// sp can make when it starts: a data-driven sender's first send only,
// and none for a gated one, whose sends the spawner's sends on the gate
// add one by one.
func (sp *spawn) assumed() int {
	switch {
	case sp.gate != nil:
		return 0
	case sp.driven:
		return 1
	}
	return sp.sum.Max
}

// chanRoot returns the value that identifies the channel v holds in its
// function (see chanmodel.Root).
func chanRoot(v ssa.Value) ssa.Value { return chanmodel.Root(v) }

// findCollector returns the collector made by mk, or nil when the channel
// is out of scope.
func findCollector(info *types.Info, model *chanmodel.Model, fields func() *chanmodel.Fields, fn *ssa.Function, mk *ssa.MakeChan) *collector {
	size, ok := mk.Size.(*ssa.Const)
	if !ok || size.Value == nil || size.Value.Kind() != constant.Int {
		return nil // a capacity computed at run time is taken as sized for the senders
	}
	c, ok := constant.Int64Val(size.Value)
	if !ok {
		return nil
	}
	col := &collector{info: info, model: model, fields: fields, fn: fn, src: mk, origin: mk, make: mk, cap: c}
	return col.findUses()
}

// findFutureCollector returns the collector of the channel returned by
// call, a call of a same-package future, or nil when the call is not one
// or the channel is out of scope. The future's goroutines are its
// spawns, started by the call.
func findFutureCollector(info *types.Info, model *chanmodel.Model, fn *ssa.Function, call *ssa.Call) *collector {
	callee := call.Call.StaticCallee()
	if callee != nil && callee.Origin() != nil {
		callee = callee.Origin()
	}
	if callee == nil || call.Call.IsInvoke() {
		return nil
	}
	if _, ok := call.Call.Value.(*ssa.Function); !ok {
		return nil
	}
	fut := model.Future(callee)
	if fut == nil || (callee.Pkg != fn.Pkg && fut.Imported == nil) {
		return nil
	}
	var src ssa.Value = call
	if call.Type() != nil {
		if _, ok := call.Type().(*types.Tuple); ok {
			src = nil
			for _, ref := range ssautil.Referrers(call) {
				if ext, ok := ref.(*ssa.Extract); ok && ext.Index == fut.Result {
					if src != nil {
						return nil
					}
					src = ext
				}
			}
			if src == nil {
				// The channel is discarded: nobody can receive.
				src = call
			}
		}
	}
	col := &collector{info: info, model: model, fn: fn, src: src, origin: call, future: fut, cap: fut.Cap,
		name: futureName(fn, call, callee, fut.Result)}
	col.futureErrTests(call, fut.Result)
	sum := sendSummary{OK: true, Max: fut.Max, Closes: fut.Closes}
	for _, sp := range fut.Spawns {
		sum.Sites = append(sum.Sites, sp.Sends.Sites...)
	}
	if fut.Imported != nil {
		// A future of another package: its sends are out of view, the
		// call stands for them.
		sum.Sites = []ssa.Instruction{call}
	}
	if len(sum.Sites) == 0 {
		return nil
	}
	// The call is the instruction that starts the goroutines; the sends
	// it stands for are the future's.
	sum.Blocking = []ssa.Instruction{sum.Sites[0]}
	driven := false
	if len(fut.Spawns) == 1 && fut.Max == many && !chanmodel.CanRunAfter(fut.Spawns[0].Go, fut.Spawns[0].Go) {
		driven = dataDriven(info, fut.Spawns[0].Fn, fut.Spawns[0].Sends)
	}
	col.closes = fut.Closes
	var spawned *ssa.Function
	if len(fut.Spawns) > 0 {
		spawned = fut.Spawns[0].Fn
	}
	col.spawns = append(col.spawns, &spawn{instr: call, fn: spawned, sum: sum, driven: driven})
	if src == ssa.Value(call) && call.Type() != nil {
		if _, ok := call.Type().(*types.Tuple); ok {
			col.recvs = make(map[ssa.Instruction]bool)
			col.recvCases = make(map[*ssa.Select]int)
			col.roots = map[ssa.Value]bool{call: true}
			return col // the channel result is never used
		}
	}
	return col.findUses()
}

// futureErrTests records the tests of an error result of call, a
// future's call, against nil (ch, err := lib.Start(f); if err != nil {
// return err }). By the convention of Go APIs, a non-nil error says that
// the other results are not to be used: a future that returns an error
// with its channel may have started nothing, or its goroutines may not
// send. The caller's path through that branch is not judged; where the
// future never returns a non-nil error, the branch is never taken.
func (col *collector) futureErrTests(call *ssa.Call, result int) {
	if _, ok := call.Type().(*types.Tuple); !ok {
		return
	}
	for _, ref := range ssautil.Referrers(call) {
		ext, ok := ref.(*ssa.Extract)
		if !ok || ext.Index == result || !apis.IsError(ext.Type()) {
			continue
		}
		for _, r := range ssautil.Referrers(ext) {
			bin, ok := r.(*ssa.BinOp)
			if !ok || (bin.Op != token.EQL && bin.Op != token.NEQ) {
				continue
			}
			other := bin.Y
			if other == ssa.Value(ext) {
				other = bin.X
			}
			if c, ok := other.(*ssa.Const); !ok || !c.IsNil() {
				continue
			}
			if col.errTests == nil {
				col.errTests = make(map[*ssa.BinOp]bool)
			}
			col.errTests[bin] = true
		}
	}
}

// findUses records the uses of the collector's channel in its function
// and returns the collector, or nil when a use puts it out of scope.
func (col *collector) findUses() *collector {
	col.recvs = make(map[ssa.Instruction]bool)
	col.recvCases = make(map[*ssa.Select]int)
	mk := col.src
	// The values that hold the channel in fn: the make itself and loads
	// of local variables it is stored in (captured variables live in
	// such cells). A cell assigned any other value is out of scope.
	vals := []ssa.Value{mk}
	var cells []*ssa.Alloc
	for _, ref := range ssautil.Referrers(mk) {
		if st, ok := ref.(*ssa.Store); ok {
			if fa, ok := st.Addr.(*ssa.FieldAddr); ok && st.Val == mk && col.make != nil && col.fields != nil {
				return col.findFieldUses(st, fa) // s.results = make(chan T)
			}
			cell, ok := st.Addr.(*ssa.Alloc)
			if !ok || st.Val != mk {
				return nil // Conservative: stored in a field, element or global
			}
			cells = append(cells, cell)
		}
	}
	col.roots = map[ssa.Value]bool{mk: true}
	for _, cell := range cells {
		col.roots[cell] = true
		for _, ref := range ssautil.Referrers(cell) {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Val != mk || ref.Addr != cell {
					return nil // Conservative: the variable is reassigned
				}
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return nil
				}
				vals = append(vals, ref)
			case *ssa.MakeClosure:
				if !col.addClosure(ref, cell) {
					return nil
				}
			case *ssa.DebugRef:
			default:
				return nil // Conservative: the variable's address escapes
			}
		}
	}
	held := make(map[ssa.Value]bool, len(vals))
	for _, v := range vals {
		held[v] = true
	}
	carried := false
	for i := 0; i < len(vals); i++ {
		v := vals[i]
		for _, ref := range ssautil.Referrers(v) {
			if p, ok := ref.(*ssa.Phi); ok && col.make != nil {
				// A variable the loop carries (pending = ch), received
				// from in a later iteration.
				if held[p] {
					continue
				}
				if !carries(p, held, make(map[*ssa.Phi]bool)) {
					return nil
				}
				held[p] = true
				vals = append(vals, p)
				carried = true
				continue
			}
			if ct, ok := ref.(*ssa.ChangeType); ok && col.make != nil && !isPhi(v) && !held[ct] {
				// A conversion to a directional type (chan<- T) is the
				// same channel.
				held[ct] = true
				vals = append(vals, ct)
				continue
			}
			if p, ok := v.(*ssa.Phi); ok {
				if !col.addCarriedUse(p, ref) {
					return nil
				}
				continue
			}
			if !col.addUse(v, ref) {
				return nil
			}
		}
	}
	if len(col.spawns) == 0 || (carried && !col.onlyCarriedState(held)) {
		return nil
	}
	return col
}

// onlyCarriedState reports whether every branch of the collector's
// function, whose channel the loop carries, tests values that cannot
// record whether a result is in flight: the nil tests of the carried
// variable, the case a select takes, values just received, parameters,
// constants, and pure operations of those. A test of another value the
// loop carries, a load or a call (if busy, if s.inflight, if r.idle())
// may say that a result is in flight as well as the nil test does
// (busy = true next to pending = ch, if busy { <-pending }); the walk
// cannot correlate it with the channel, so the channel is out of scope.
//
// A select case on a channel the loop reassigns can record it too: the
// loop disables the case by setting its channel to nil while a result
// is in flight (stopC = nil next to pending = ch, then case <-stopC:
// return). A select on a variable the loop carries (other than held, the
// values of the channel itself) or on a field or variable the function
// assigns also puts the channel out of scope.
func (col *collector) onlyCarriedState(held map[ssa.Value]bool) bool {
	for _, b := range col.fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.If:
				if !col.stateless(instr.Cond, 0) {
					return false
				}
			case *ssa.Select:
				for _, st := range instr.States {
					if !fixedChan(col.fn, st.Chan, held) {
						return false
					}
				}
			}
		}
	}
	return true
}

// fixedChan reports whether v, a channel a select of fn waits on, is not
// one the function switches on and off: not a variable the loop carries
// (a phi outside held) nor a load of a variable or field fn assigns.
func fixedChan(fn *ssa.Function, v ssa.Value, held map[ssa.Value]bool) bool {
	switch v := v.(type) {
	case *ssa.Phi:
		return held[v]
	case *ssa.UnOp:
		if v.Op != token.MUL || stable(v, nil) != ssa.Value(v) {
			return true // not a load, or of a variable assigned once
		}
		// The struct whose field holds the channel, or the variable a
		// closure may assign (disable := func() { stopC = nil }).
		var base ssa.Value
		switch a := v.X.(type) {
		case *ssa.FieldAddr:
			base = a.X
		case *ssa.Alloc:
			base = a
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok && sameAddr(st.Addr, v.X) {
					return false
				}
				if base != nil && handsOn(fn, instr, base) {
					return false // code of the package may switch the case off
				}
			}
		}
	}
	return true
}

// handsOn reports whether instr, in fn, passes base, a struct pointer,
// to code of the package that may assign its fields in step with the
// loop: a call, go or defer given it (as an argument or receiver) of a
// function of the package or of a function value or interface method,
// or a closure capturing it. Code of another package (t.Stop() of a
// time.Ticker) does not know the loop's result in flight, so switching
// a case off there says nothing about it.
func handsOn(fn *ssa.Function, instr ssa.Instruction, base ssa.Value) bool {
	var args []ssa.Value
	switch instr := instr.(type) {
	case ssa.CallInstruction:
		call := instr.Common()
		if callee := call.StaticCallee(); callee != nil && bodyOf(callee).Pkg != fn.Pkg {
			return false
		}
		if _, ok := call.Value.(*ssa.Builtin); ok {
			return false
		}
		args = append(args, call.Args...)
		if call.IsInvoke() {
			args = append(args, call.Value)
		}
	case *ssa.MakeClosure:
		args = instr.Bindings
	}
	for _, a := range args {
		if a == base || stable(a, nil) == stable(base, nil) {
			return true
		}
	}
	return false
}

// sameAddr reports whether the addresses a and b are the same variable,
// or the same field of the same value.
func sameAddr(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	fa, ok1 := a.(*ssa.FieldAddr)
	fb, ok2 := b.(*ssa.FieldAddr)
	return ok1 && ok2 && fa.Field == fb.Field && (fa.X == fb.X || stable(fa.X, nil) == stable(fb.X, nil))
}

// stateless reports whether v is computed only from values that hold no
// state across the iterations of a loop (see onlyCarriedState).
func (col *collector) stateless(v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	switch v := v.(type) {
	case *ssa.Const, *ssa.Parameter, *ssa.FreeVar:
		// A free variable captured by value is fixed; one captured by
		// reference is read through a load.
		return true
	case *ssa.BinOp:
		if col.nilTests[v] {
			return true
		}
		if _, _, ok := selectCaseTest(v); ok {
			return true
		}
		return col.stateless(v.X, depth+1) && col.stateless(v.Y, depth+1)
	case *ssa.UnOp:
		switch v.Op {
		case token.ARROW:
			return true // a value just received
		case token.NOT, token.SUB, token.XOR:
			return col.stateless(v.X, depth+1)
		}
		return false // a load
	case *ssa.Extract:
		switch t := v.Tuple.(type) {
		case *ssa.Select:
			return true // the case taken, or a value it received
		case *ssa.UnOp:
			return t.Op == token.ARROW // v, ok := <-ch
		}
		return false
	case *ssa.Field:
		return col.stateless(v.X, depth+1)
	case *ssa.Convert:
		return col.stateless(v.X, depth+1)
	case *ssa.ChangeType:
		return col.stateless(v.X, depth+1)
	}
	return false // a phi the loop carries, a call
}

func isPhi(v ssa.Value) bool {
	_, ok := v.(*ssa.Phi)
	return ok
}

// carries reports whether the phi p merges only the channel (values in
// held), nil, and phis that do the same: a variable the loop carries,
// assigned the channel in one iteration and nil once it is received
// (var pending chan T; ...; pending = ch; ...; pending = nil). A variable
// also assigned another channel is out of scope.
func carries(p *ssa.Phi, held map[ssa.Value]bool, visiting map[*ssa.Phi]bool) bool {
	visiting[p] = true
	for _, e := range p.Edges {
		switch e := e.(type) {
		case *ssa.Const:
			if !e.IsNil() {
				return false
			}
		case *ssa.Phi:
			if !held[e] && !visiting[e] && !carries(e, held, visiting) {
				return false
			}
		default:
			if !held[e] {
				return false
			}
		}
	}
	return true
}

// addCarriedUse records one use of p, a variable the loop carries that
// holds the channel or nil (see carries): a receive, a select case
// receiving, a comparison with nil, or another such phi (handled by the
// caller). Anything else puts the channel out of scope.
func (col *collector) addCarriedUse(p *ssa.Phi, ref ssa.Instruction) bool {
	switch ref := ref.(type) {
	case *ssa.Phi:
		return true // followed by findUses
	case *ssa.UnOp:
		if ref.Op != token.ARROW {
			return false
		}
		col.recvs[ref] = true
		return true
	case *ssa.Select:
		return col.addUse(p, ref)
	case *ssa.BinOp:
		if ref.Op != token.EQL && ref.Op != token.NEQ {
			return false
		}
		other := ref.Y
		if other == ssa.Value(p) {
			other = ref.X
		}
		if c, ok := other.(*ssa.Const); !ok || !c.IsNil() {
			return false
		}
		if col.nilTests == nil {
			col.nilTests = make(map[*ssa.BinOp]bool)
		}
		col.nilTests[ref] = true
		return true
	case *ssa.DebugRef:
		return true
	}
	return false
}

// addUse records one use of v, a value holding the channel in the
// collector's function, and reports whether the use is understood.
func (col *collector) addUse(v ssa.Value, ref ssa.Instruction) bool {
	switch ref := ref.(type) {
	case *ssa.Store:
		return ref.Val == col.src // the store into a cell, handled by the caller
	case *ssa.UnOp:
		if ref.Op != token.ARROW {
			return false
		}
		col.recvs[ref] = true
		return true
	case *ssa.Select:
		k := -1
		for i, st := range ref.States {
			if st.Send == v || (st.Chan == v && st.Dir == types.SendOnly) {
				return false // Conservative: the function sends too
			}
			if st.Chan == v {
				if k >= 0 {
					return false // two cases on the same channel
				}
				k = i
			}
		}
		col.recvCases[ref] = k
		return true
	case *ssa.Call:
		return chanmodel.HarmlessBuiltin(ref.Common(), false)
	case *ssa.Go:
		return col.addGoCall(ref, v)
	case *ssa.MakeClosure:
		return col.addClosure(ref, v)
	case *ssa.ChangeType:
		// A conversion to a directional channel type (chan<- T) is the
		// same channel.
		for _, r := range ssautil.Referrers(ref) {
			if !col.addUse(ref, r) {
				return false
			}
		}
		return true
	case *ssa.DebugRef:
		return true
	}
	// Conservative: sent, closed, returned, converted, stored elsewhere,
	// merged in a phi or passed to a call.
	return false
}

// addClosure records a closure that captures the channel (or the variable
// holding it, the cell). The closure must be started as a goroutine, by
// a go statement or by errgroup.Group.Go/TryGo or sync.WaitGroup.Go, and
// used for nothing else.
func (col *collector) addClosure(mc *ssa.MakeClosure, captured ssa.Value) bool {
	refs := ssautil.Referrers(mc)
	if len(refs) != 1 {
		return false
	}
	var g ssa.CallInstruction
	switch r := refs[0].(type) {
	case *ssa.Go:
		if r.Call.Value != mc || r.Call.Method != nil || slices.Contains(r.Call.Args, ssa.Value(mc)) {
			return false
		}
		g = r
	case *ssa.Call:
		if apis.GoMethodFunc(r.Common()) != mc && !startedBy(col.fn, r.Common(), mc) {
			return false
		}
		g = r
	default:
		return false // Conservative: called, deferred, stored or passed on
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	fn = bodyOf(fn)
	for i, b := range mc.Bindings {
		if b != captured {
			continue
		}
		if i >= len(fn.FreeVars) {
			return false
		}
		_, indirect := captured.(*ssa.Alloc)
		if !col.addSpawn(g, fn, fn.FreeVars[i], indirect) {
			return false
		}
		col.addSignals(g, fn, i, mc.Bindings, freeVarValues(fn))
		return true
	}
	return false
}

// startedBy reports whether call, a static call of a function of fn's
// package given the closure mc once, starts mc as a goroutine, once, on
// every path (a go-helper: chanmodel.Starts).
func startedBy(fn *ssa.Function, call *ssa.CallCommon, mc *ssa.MakeClosure) bool {
	callee, ok := call.Value.(*ssa.Function)
	if !ok || call.IsInvoke() {
		return false
	}
	// An instance of a generic helper has no package of its own: its
	// generic function has (goWith[T any](v T, f func(T)), a generic
	// pool's Go method).
	callee = bodyOf(callee)
	if callee.Pkg == nil || callee.Pkg != fn.Pkg {
		return false
	}
	idx := -1
	for i, a := range call.Args {
		if a == ssa.Value(mc) {
			if idx >= 0 {
				return false
			}
			idx = i
		}
	}
	return idx >= 0 && chanmodel.Starts(callee, idx)
}

// freeVarValues returns the free variables of fn as values.
func freeVarValues(fn *ssa.Function) []ssa.Value {
	out := make([]ssa.Value, len(fn.FreeVars))
	for i, fv := range fn.FreeVars {
		out[i] = fv
	}
	return out
}

// addSignals records, for the spawn of g most recently added, the
// channels its goroutine fn signals on when past its sends, and the
// channel that gates its sends. inputs are
// fn's free variables or parameters, outer the values the collector's
// function passes for them, and skip the index of the collector's channel.
func (col *collector) addSignals(g ssa.CallInstruction, fn *ssa.Function, skip int, outer, inputs []ssa.Value) {
	if len(col.spawns) == 0 || col.spawns[len(col.spawns)-1].instr != g || len(outer) != len(inputs) {
		return
	}
	sp := col.spawns[len(col.spawns)-1]
	indirect := make([]bool, len(inputs))
	for i, o := range outer {
		_, isCell := o.(*ssa.Alloc)
		_, isFree := inputs[i].(*ssa.FreeVar)
		indirect[i] = isCell && isFree
	}
	for _, i := range signals(col.model, fn, inputs, indirect, skip, sp.sum) {
		sp.signals = append(sp.signals, chanRoot(outer[i]))
	}
	if i := sentAfter(fn, inputs, indirect, skip, sp.sum); i >= 0 {
		if a := chanRoot(outer[i]); !col.roots[a] {
			sp.after = a
		}
	}
	if sp.driven {
		if i := rangeGate(col.info, fn, sp.sum, inputs); i >= 0 && i != skip {
			if gate := chanRoot(outer[i]); !col.roots[gate] {
				sp.gate = gate
			}
		}
	}
}

// addGoCall records go f(..., ch, ...) where f is a function or method of
// this package with a body (go s.worker(ch), go worker[T](ch)).
func (col *collector) addGoCall(g *ssa.Go, v ssa.Value) bool {
	if g.Call.IsInvoke() || g.Call.Value == v {
		return false
	}
	callee := g.Call.StaticCallee()
	if callee == nil {
		return false // Conservative: a function value or interface method
	}
	offset := 0
	if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
		// A method value started as a goroutine (f := s.send; go f(ch))
		// runs a bound-method wrapper; look through it to the method,
		// whose receiver is the wrapper's binding.
		for _, b := range mc.Bindings {
			if b == v {
				return false
			}
		}
		if obj, ok := callee.Object().(*types.Func); ok && callee.Synthetic != "" && len(mc.Bindings) == 1 {
			m := callee.Prog.FuncValue(obj)
			if m == nil {
				return false
			}
			callee, offset = m, 1
		} else {
			return false
		}
	}
	callee = bodyOf(callee)
	found := false
	for i, a := range g.Call.Args {
		if a != v {
			continue
		}
		if found || i+offset >= len(callee.Params) {
			return false // the channel passed twice
		}
		found = true
		if !col.addSpawn(g, callee, callee.Params[i+offset], false) {
			return false
		}
		if offset == 0 {
			params := make([]ssa.Value, len(callee.Params))
			for j, p := range callee.Params {
				params[j] = p
			}
			col.addSignals(g, callee, i, g.Call.Args, params)
		}
	}
	return found
}

// addSpawn records the goroutine started by g running fn, in which v
// holds the channel, and reports whether its uses are understood.
func (col *collector) addSpawn(g ssa.CallInstruction, fn *ssa.Function, v ssa.Value, indirect bool) bool {
	if fn.Pkg != col.fn.Pkg {
		// Conservative: a sender of another package; a fact could one
		// day carry its sendSummary.
		return false
	}
	return col.addSummarizedSpawn(g, fn, col.model.Sends(fn, v, indirect))
}

// addSummarizedSpawn records the goroutine started by g running fn, whose
// sends on the channel sum summarises, and reports whether its uses are
// understood.
func (col *collector) addSummarizedSpawn(g ssa.CallInstruction, fn *ssa.Function, sum sendSummary) bool {
	if !sum.OK {
		return false
	}
	col.closes = col.closes || sum.Closes
	if len(sum.Blocking) > 0 {
		driven := sum.Max == many && dataDriven(col.info, fn, sum)
		col.spawns = append(col.spawns, &spawn{instr: g, fn: fn, sum: sum, driven: driven})
	}
	return true
}

// kindName spells the channel and its buffer for messages.
func (col *collector) kindName() string {
	name := col.name
	if name == "" {
		name = chanName(col)
	}
	if col.cap > 0 {
		return fmt.Sprintf("channel %s (capacity %d)", name, col.cap)
	}
	return "unbuffered channel " + name
}

// bodyOf returns the function whose body a call of fn runs: fn itself, or
// for an instantiation of a generic function, the generic function, which
// belongs to the package and whose parameters are the instance's.
func bodyOf(fn *ssa.Function) *ssa.Function {
	if fn.Origin() != nil {
		return fn.Origin()
	}
	return fn
}

// futureName spells the channel a future's call returns: the variable
// the call is assigned to, or "returned by f".
func futureName(fn *ssa.Function, call *ssa.Call, callee *ssa.Function, result int) string {
	name := "returned by " + callee.Name()
	syn := fn.Syntax()
	if syn == nil {
		return name
	}
	ast.Inspect(syn, func(n ast.Node) bool {
		a, ok := n.(*ast.AssignStmt)
		if ok && len(a.Rhs) == 1 && len(a.Lhs) > 1 && result < len(a.Lhs) {
			// ch, err := start(f)
			if c, ok := ast.Unparen(a.Rhs[0]).(*ast.CallExpr); ok && c.Lparen == call.Pos() {
				if id, ok := a.Lhs[result].(*ast.Ident); ok && id.Name != "_" {
					name = id.Name
				}
				return false
			}
		}
		if !ok || len(a.Lhs) != len(a.Rhs) {
			return true
		}
		for i, r := range a.Rhs {
			if c, ok := ast.Unparen(r).(*ast.CallExpr); ok && c.Lparen == call.Pos() {
				if id, ok := a.Lhs[i].(*ast.Ident); ok && id.Name != "_" {
					name = id.Name
				}
				return false
			}
		}
		return true
	})
	return name
}
