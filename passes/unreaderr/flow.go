package unreaderr

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// holderKind says what holds the goroutines' errors.
type holderKind int

const (
	holdChan  holderKind = iota // chan error, chan of a struct carrying an error
	holdSlice                   // []error, map[K]error, slices and maps of such structs
	holdVar                     // a variable of type error
)

// A site is an instruction that produces (writes, sends) an error into the
// holder, or reads it out.
type site struct {
	instr ssa.Instruction
}

// A flow follows one holder of errors (a channel, slice, map or error
// variable) through the SSA form of the candidate functions: every
// instruction that touches it is a write, a read or an escape. The uses
// of a channel come from the channel model (chanmodel.Uses, see
// chanFlow); slices, maps and error variables are walked here.
type flow struct {
	kind    holderKind
	rep     *summary.Reports
	home    *ssa.Function          // the function that creates the holder
	spawned map[*ssa.Function]bool // functions that run as goroutines

	seen    map[ssa.Value]bool
	writes  []site // writes inside goroutines
	reads   []site // reads that count (see countsAsRead)
	escapes bool

	// For channels, the receives and the len calls are classified once
	// the walk is over (see classify): whether len can see anything
	// depends on every make of the channel, and whether a receive can
	// run depends on the len calls that guard it.
	recvs []chanmodel.Op        // <-ch, v := <-ch, v, ok := <-ch, for range ch
	lens  []ssa.CallInstruction // len(ch), cap(ch)
	sizes []ssa.Value           // the size of every make of the channel

	discards []site // receives whose value is thrown away (case 3)
	dead     []site // receives guarded by len(ch) > 0 on an unbuffered channel (case 2)
}

// checkFlow reports error holders that goroutines write and nothing reads:
// error channels never received from, received from only to discard the
// errors, or drained only under a len guard that an unbuffered channel
// never passes (see classify), slices and maps of errors never read, and
// error variables never read after the goroutines start.
func checkFlow(pass *analysis.Pass, fo *fanout.Result, model *chanmodel.Model, rep *summary.Reports) {
	fns := fo.Functions()
	spawned := spawnedFuncs(fns)
	if len(spawned) == 0 {
		return
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				v, ok := instr.(ssa.Value)
				if !ok {
					continue
				}
				kind, ok := rootKind(v)
				if !ok {
					continue
				}
				f := &flow{kind: kind, rep: rep, home: fn, spawned: spawned, seen: make(map[ssa.Value]bool)}
				switch a, isVar := v.(*ssa.Alloc); {
				case kind == holdChan:
					f.chanFlow(model.Uses(v))
				case isVar:
					f.walkVar(a)
				default:
					f.walkValue(v)
				}
				if f.escapes || len(f.writes) == 0 {
					continue
				}
				f.classify(pass)
				switch {
				case len(f.reads) > 0:
				case len(f.dead) > 0:
					reportDead(pass, f, v)
				case len(f.discards) > 0:
					reportDiscards(pass, f, v)
				default:
					report(pass, f, v)
				}
			}
		}
	}
}

// rootKind reports whether v creates an error holder this check follows,
// and of which kind: a make of a channel, slice or map whose elements
// carry an error and which is not stored in a variable captured by a
// closure, or such a captured variable (a heap Alloc), or a captured
// variable of type error. Values stored in a captured variable are
// followed from the variable, so that they are examined once.
func rootKind(v ssa.Value) (holderKind, bool) {
	switch v := v.(type) {
	case *ssa.MakeChan, *ssa.MakeSlice, *ssa.MakeMap:
		for _, r := range ssautil.Referrers(v) {
			if st, ok := r.(*ssa.Store); ok && st.Val == v {
				if _, ok := st.Addr.(*ssa.Alloc); ok {
					return 0, false
				}
			}
		}
		return holderOf(v.Type())
	case *ssa.Alloc:
		if !v.Heap {
			return 0, false
		}
		t := v.Type().(*types.Pointer).Elem()
		if apis.IsError(t) {
			return holdVar, true
		}
		return holderOf(t)
	}
	return 0, false
}

// holderOf reports whether t is a channel, slice or map whose elements
// carry an error, and which kind of holder it is.
func holderOf(t types.Type) (holderKind, bool) {
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return holdChan, carriesError(u.Elem())
	case *types.Slice:
		return holdSlice, carriesError(u.Elem())
	case *types.Map:
		return holdSlice, carriesError(u.Elem())
	}
	return 0, false
}

// carriesError reports whether t is error, or a struct (or pointer to a
// struct) with a field of type error: a result record.
func carriesError(t types.Type) bool {
	if apis.IsError(t) {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range s.Fields() {
		if apis.IsError(f.Type()) {
			return true
		}
	}
	return false
}

// spawnedFuncs returns the functions started as goroutines by a go
// statement or sync.WaitGroup.Go in fns. Closures passed to errgroup's Go
// are not included: their errors reach Wait, which errgroupwait checks.
func spawnedFuncs(fns []*ssa.Function) map[*ssa.Function]bool {
	spawned := make(map[*ssa.Function]bool)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.Go:
					if callee := instr.Call.StaticCallee(); callee != nil {
						spawned[callee] = true
					}
				case *ssa.Call:
					if apis.SSACallee(&instr.Call) == apis.WaitGroupGo && len(instr.Call.Args) == 2 {
						switch f := instr.Call.Args[1].(type) {
						case *ssa.MakeClosure:
							spawned[f.Fn.(*ssa.Function)] = true
						case *ssa.Function:
							spawned[f] = true
						}
					}
				}
			}
		}
	}
	return spawned
}

// reported reports whether the error val, which a goroutine writes into
// a holder, is also handed to a call used as a statement, such as
// t.Error(err) or log.Print(err): the failure is reported there, so the
// holder is not its only way out. The error may reach the call converted
// to another interface and, for a variadic call, through the slice of
// its extra arguments. A call whose result is used, such as
// errors.Is(err, target), inspects the error rather than reporting it
// and does not count.
func reported(val ssa.Value) bool {
	for _, r := range ssautil.Referrers(val) {
		switch r := r.(type) {
		case *ssa.ChangeInterface, *ssa.MakeInterface:
			if reported(r.(ssa.Value)) {
				return true
			}
		case ssa.CallInstruction:
			if statementCall(r) && slices.Contains(r.Common().Args, val) {
				return true
			}
		case *ssa.Store:
			// The variadic form: the error is stored into an element of
			// a fresh array that is sliced and passed to the call.
			ia, ok := r.Addr.(*ssa.IndexAddr)
			if !ok || r.Val != val {
				continue
			}
			arr, ok := ia.X.(*ssa.Alloc)
			if !ok {
				continue
			}
			for _, ar := range ssautil.Referrers(arr) {
				sl, ok := ar.(*ssa.Slice)
				if !ok {
					continue
				}
				for _, sr := range ssautil.Referrers(sl) {
					if c, ok := sr.(ssa.CallInstruction); ok && statementCall(c) && slices.Contains(c.Common().Args, ssa.Value(sl)) {
						return true
					}
				}
			}
		}
	}
	return false
}

// statementCall reports whether c is a call, go or defer whose results
// nothing uses, other than a builtin: a call made for its effect.
func statementCall(c ssa.CallInstruction) bool {
	if _, ok := c.Common().Value.(*ssa.Builtin); ok {
		return false
	}
	v := c.Value()
	return v == nil || !used(v)
}

// inGoroutine reports whether fn runs as a goroutine: it, or a function
// literal it is nested in below the holder's home, was started by go or
// sync.WaitGroup.Go.
func (f *flow) inGoroutine(fn *ssa.Function) bool {
	for ; fn != nil && fn != f.home; fn = fn.Parent() {
		if f.spawned[fn] {
			return true
		}
	}
	return false
}

// write records an instruction that puts val into the holder. Only
// writes made by goroutines make a finding, and only those that can
// carry a failure (see carries).
func (f *flow) write(instr ssa.Instruction, val ssa.Value) {
	if f.inGoroutine(instr.Parent()) && f.carries(val) {
		f.writes = append(f.writes, site{instr})
	}
}

// carries reports whether the value val, written into the holder, can
// carry a failure that is lost if nobody reads the holder: storing or
// sending the nil constant (a success signal on a channel of errors, the
// reset of an error variable) produces none, and an error reported on
// the way is not lost.
func (f *flow) carries(val ssa.Value) bool {
	if c, ok := val.(*ssa.Const); ok && c.IsNil() {
		return false
	}
	if reported(val) {
		return false // the goroutine reports the failure itself as well
	}
	// The function that produced it reported it.
	return !f.reportedByCallee(val)
}

// chanFlow takes the uses of a channel holder from the channel model:
// the sends that goroutines make (chanmodel.InGoroutine: started by a go
// statement or sync.WaitGroup.Go, or called from one, in the function
// that makes the channel or in the package's functions it is handed to),
// the receives and len calls, to be classified once the walk is over
// (classify), and the select cases and comparisons that read it.
//
// Conservative: a channel the model sees escape reports nothing, and a
// send by a closure started by errgroup.Group.Go or handed to other code
// is not a goroutine's write: its error reaches Wait, which errgroupwait
// checks, or goes where the model cannot see.
func (f *flow) chanFlow(u chanmodel.Uses) {
	if !u.OK() {
		f.escapes = true
		return
	}
	f.sizes = u.Sizes
	for _, op := range u.Ops {
		switch op.Kind {
		case chanmodel.OpSend, chanmodel.OpSelectSend:
			if op.Context == chanmodel.InGoroutine && f.carries(op.Value) {
				f.writes = append(f.writes, site{op.Instr})
			}
		case chanmodel.OpRecv:
			f.recvs = append(f.recvs, op)
		case chanmodel.OpLen:
			f.lens = append(f.lens, op.Instr.(ssa.CallInstruction))
		case chanmodel.OpSelectRecv, chanmodel.OpCompare:
			f.read(op.Instr) // a select case, a comparison with nil
		case chanmodel.OpClose:
		}
	}
}

// reportedByCallee reports whether val is the error result of a call of
// a function of the package that reports every error it returns
// (summary.Reports): errs[i] = fetch(u) where fetch logs its failures.
func (f *flow) reportedByCallee(val ssa.Value) bool {
	if ex, ok := val.(*ssa.Extract); ok {
		val = ex.Tuple
	}
	call, ok := val.(*ssa.Call)
	return ok && f.rep.Func(apis.SSACalleeFunc(&call.Call))
}

// read records an instruction that reads the holder's errors, if it
// counts (see countsAsRead).
func (f *flow) read(instr ssa.Instruction) {
	if f.countsAsRead(instr) {
		f.reads = append(f.reads, site{instr})
	}
}

// countsAsRead reports whether a read can observe the goroutines' errors.
// In the holder's home function a read counts only where it can run after
// a goroutine is started (it is reachable from a go statement or
// WaitGroup.Go call); a read before any goroutine starts, such as checking
// err from a setup step, sees none of their errors.
//
// Conservative: reads in any other function count, and in a home function
// that starts no goroutine itself every read counts.
func (f *flow) countsAsRead(instr ssa.Instruction) bool {
	if instr.Parent() != f.home {
		return true
	}
	var starts []ssa.Instruction
	for _, b := range f.home.Blocks {
		for _, in := range b.Instrs {
			if isSpawn(in) {
				starts = append(starts, in)
			}
		}
	}
	if len(starts) == 0 {
		return true
	}
	for _, s := range starts {
		if reachable(s, instr) {
			return true
		}
	}
	return false
}

// isSpawn reports whether instr starts a goroutine: a go statement or a
// call of sync.WaitGroup.Go.
func isSpawn(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Go:
		return true
	case *ssa.Call:
		return apis.SSACallee(&instr.Call) == apis.WaitGroupGo
	}
	return false
}

// reachable reports whether to can execute after from in their function.
func reachable(from, to ssa.Instruction) bool {
	fb, tb := from.Block(), to.Block()
	if fb == tb && ssautil.IndexOf(from) < ssautil.IndexOf(to) {
		return true
	}
	return ssautil.Reaches(fb, tb)
}

// used reports whether v has a referrer other than debug information:
// the load of _ = err produces a value nothing uses.
func used(v ssa.Value) bool {
	for _, r := range ssautil.Referrers(v) {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

// walkVar follows p, a pointer to a variable holding the holder (a
// captured local, or the free variable through which a closure sees it).
//
// Conservative: any use of the pointer other than loads, stores into it
// and capture by a closure (its address passed to a call, stored, ...)
// is an escape.
func (f *flow) walkVar(p ssa.Value) {
	if f.seen[p] {
		return
	}
	f.seen[p] = true
	for _, r := range ssautil.Referrers(p) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != p {
				f.escapes = true
				continue
			}
			if f.kind == holdVar {
				f.write(r, r.Val)
				continue
			}
			switch val := r.Val.(type) {
			case *ssa.Const, *ssa.MakeSlice, *ssa.MakeMap:
				// A fresh holder (or nil) assigned to the variable.
			case *ssa.Call:
				if isBuiltin(val.Call, "append") {
					f.write(r, r.Val) // errs = append(errs, err)
					continue
				}
				f.escapes = true // a holder made elsewhere may be read elsewhere
			default:
				f.escapes = true
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				f.escapes = true
				continue
			}
			if f.kind == holdVar {
				if used(r) {
					f.read(r)
				}
				continue
			}
			f.walkValue(r)
		case *ssa.MakeClosure:
			f.walkBindings(r, p)
		default:
			f.escapes = true
		}
	}
}

// walkBindings follows v into the free variables of the closure mc that
// capture it.
func (f *flow) walkBindings(mc *ssa.MakeClosure, v ssa.Value) {
	fn := mc.Fn.(*ssa.Function)
	for i, b := range mc.Bindings {
		if b != v {
			continue
		}
		fv := fn.FreeVars[i]
		if _, ok := fv.Type().Underlying().(*types.Pointer); ok {
			f.walkVar(fv)
		} else {
			f.walkValue(fv)
		}
	}
}

// isBuiltin reports whether call calls the builtin name.
func isBuiltin(call ssa.CallCommon, name string) bool {
	b, ok := call.Value.(*ssa.Builtin)
	return ok && b.Name() == name
}

// walkValue follows v, a reference to the holder itself (the slice or
// map), through its uses.
//
// Conservative: the holder escapes, and the flow reports nothing, when it
// is returned, converted to an interface, stored in a field, element or
// global, sent on a channel, or passed to a function whose body is not
// built (another package, a function the fanout front end left external,
// an interface method or function value).
func (f *flow) walkValue(v ssa.Value) {
	if f.seen[v] {
		return
	}
	f.seen[v] = true
	for _, r := range ssautil.Referrers(v) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Phi, *ssa.ChangeType:
			f.walkValue(r.(ssa.Value))
		case *ssa.Slice:
			f.walkValue(r)
		case *ssa.Store:
			if a, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v {
				f.walkVar(a)
				continue
			}
			f.escapes = true
		case *ssa.IndexAddr:
			f.walkElem(r)
		case *ssa.Index, *ssa.Lookup, *ssa.Range, *ssa.BinOp:
			f.read(r) // element read, range, comparison with nil
		case *ssa.MapUpdate:
			if r.Map == v {
				f.write(r, r.Value)
				continue
			}
			f.escapes = true
		case *ssa.MakeClosure:
			f.walkBindings(r, v)
		case ssa.CallInstruction:
			f.walkCall(r, v)
		default:
			f.escapes = true
		}
	}
}

// walkElem classifies the uses of the address of an element of a slice
// holder: stores into it, or into its error field, are writes; stores
// into its other fields put no error in and are neither; anything else
// is a read.
func (f *flow) walkElem(addr *ssa.IndexAddr) {
	for _, r := range ssautil.Referrers(addr) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr == addr {
				f.write(r, r.Val)
				continue
			}
			f.escapes = true
		case *ssa.FieldAddr:
			for _, rr := range ssautil.Referrers(r) {
				if st, ok := rr.(*ssa.Store); ok && st.Addr == r {
					if apis.IsError(st.Val.Type()) {
						f.write(st, st.Val)
					}
				} else if _, ok := rr.(*ssa.DebugRef); !ok {
					f.read(rr)
				}
			}
		case *ssa.UnOp:
			if used(r) {
				f.read(r)
			}
		default:
			f.read(r)
		}
	}
}

// walkCall classifies a call, go or defer that uses v.
func (f *flow) walkCall(instr ssa.CallInstruction, v ssa.Value) {
	call := instr.Common()
	if b, ok := call.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "append":
			// errs = append(errs, err): the result goes back into a
			// variable, which walkVar sees as a write. Any other use of
			// the result, or v spread into another slice, passes the
			// errors on.
			if len(call.Args) > 0 && call.Args[0] == v && storedOnly(instr.Value()) {
				return
			}
			f.escapes = true
		default: // len, cap, copy, ...
			f.read(instr)
		}
		return
	}
	callee := call.StaticCallee()
	if call.IsInvoke() || callee == nil || callee.Blocks == nil || call.Value == v {
		f.escapes = true
		return
	}
	for i, a := range call.Args {
		if a == v && i < len(callee.Params) {
			f.walkValue(callee.Params[i])
		}
	}
}

// storedOnly reports whether every use of v is a store into a variable.
func storedOnly(v ssa.Value) bool {
	if v == nil {
		return false
	}
	for _, r := range ssautil.Referrers(v) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Val != v {
				return false
			}
			if _, ok := r.Addr.(*ssa.Alloc); !ok {
				if _, ok := r.Addr.(*ssa.FreeVar); !ok {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// report emits the finding for a holder that goroutines write and
// nothing reads, at the holder's creation, with the first write by a
// goroutine as related information.
func report(pass *analysis.Pass, f *flow, root ssa.Value) {
	file := analysisutil.FileOf(pass, root.Pos())
	if file == nil {
		return
	}
	node, name := describe(file, root)
	if node == nil {
		return
	}
	var msg, cat, what string
	switch f.kind {
	case holdChan:
		cat, what = catChannel, "error sent here by a goroutine"
		msg = fmt.Sprintf("error channel %s is sent on by goroutines but never received from: their failures are lost", name)
	case holdSlice:
		cat, what = catSlice, "error stored here by a goroutine"
		msg = fmt.Sprintf("errors that goroutines store in %s are never read: their failures are lost", name)
	case holdVar:
		cat, what = catVariable, "error assigned here by a goroutine"
		msg = fmt.Sprintf("error variable %s assigned by goroutines is never read after they start: their failures are lost", name)
	}
	d := analysis.Diagnostic{
		Pos:      node.Pos(),
		End:      node.End(),
		Category: analysisutil.CategoryAt(pass, node.Pos(), cat),
		Message:  msg,
	}
	w := f.writes[0].instr
	if stmt := enclosingStmt(file, w.Pos()); stmt != nil {
		d.Related = []analysis.RelatedInformation{{Pos: stmt.Pos(), End: stmt.End(), Message: what}}
	} else if w.Pos().IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: w.Pos(), Message: what}}
	}
	pass.Report(d)
}

// describe returns the syntax that creates root (the make call, or the
// declared variable's identifier) and the name of the variable that holds
// it, or "" when the holder is not assigned to a named variable.
func describe(file *ast.File, root ssa.Value) (ast.Node, string) {
	if a, ok := root.(*ssa.Alloc); ok {
		path, _ := astutil.PathEnclosingInterval(file, a.Pos(), a.Pos())
		if len(path) > 0 {
			if id, ok := path[0].(*ast.Ident); ok {
				return id, id.Name
			}
		}
		return nil, ""
	}
	path, _ := astutil.PathEnclosingInterval(file, root.Pos(), root.Pos())
	for i, n := range path {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			continue
		}
		if i+1 < len(path) {
			switch p := path[i+1].(type) {
			case *ast.AssignStmt:
				for j, rhs := range p.Rhs {
					if rhs == call && j < len(p.Lhs) {
						return call, types.ExprString(p.Lhs[j])
					}
				}
			case *ast.ValueSpec:
				for j, val := range p.Values {
					if val == call && j < len(p.Names) {
						return call, p.Names[j].Name
					}
				}
			}
		}
		return call, types.ExprString(call)
	}
	return nil, ""
}

// enclosingStmt returns the innermost statement of file that holds pos.
func enclosingStmt(file *ast.File, pos token.Pos) ast.Stmt {
	if !pos.IsValid() {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		if s, ok := n.(ast.Stmt); ok {
			if _, isBlock := n.(*ast.BlockStmt); !isBlock {
				return s
			}
		}
	}
	return nil
}
