package starved

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// derived is a context that fn derives with WithCancel from a root it
// makes, and whose cancel function it stores in a field.
type derived struct {
	fn       *ssa.Function
	call     *ssa.Call  // context.WithCancel(context.Background())
	ctx      ssa.Value  // the derived context, Extract #0
	cell     *ssa.Alloc // the local variable holding ctx, when captured
	ctxField *types.Var // the field ctx is stored in, if any
	cancel   *types.Var // the field the cancel function is stored in
	store    ssa.Instruction
	local    *types.Var // the local variable of a cancel function never used (see blankCancel)
}

// checkCancel reports goroutines started by fn whose only way out is the
// Done channel of a context fn derives with WithCancel from
// context.Background or TODO, when the cancel function is stored in an
// unexported field that nothing in the package ever reads: the context
// is never cancelled, so the goroutines never end.
func (c *checker) checkCancel(fn *ssa.Function, call *ssa.Call) {
	d := &derived{fn: fn, call: call}
	if len(call.Call.Args) == 0 {
		return
	}
	root, ok := call.Call.Args[0].(*ssa.Call)
	if !ok || !apis.SSACallee(root.Common()).IsDetachedContext() {
		return // Conservative: a parent the caller may cancel
	}
	for _, ref := range ssautil.Referrers(call) {
		ext, ok := ref.(*ssa.Extract)
		if !ok {
			continue
		}
		switch ext.Index {
		case 0:
			d.ctx = ext
		case 1:
			if unused(ext) {
				d.local = c.blankCancel(call)
				if d.local == nil {
					return // lostcancel's report, or out of view
				}
			} else if !d.cancelStore(ext) {
				return
			}
		}
	}
	if d.ctx == nil || (d.cancel == nil && d.local == nil) || !d.ctxUses() {
		return
	}
	if d.cancel != nil && c.fieldRead(d.cancel) {
		return // the cancel function may be called
	}
	if d.local != nil && !returns(fn) {
		return // fn runs as long as the goroutine
	}
	if d.ctxField != nil && !c.onlyWrittenBy(d.ctxField, call) {
		d.ctxField = nil
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			w, ok := d.goroutine(instr)
			if !ok {
				continue
			}
			done := d.doneRecvs(w)
			if len(done) == 0 || !onlyThrough(w.fn, done) {
				continue
			}
			var first ssa.Instruction
			for r := range done {
				if first == nil || r.Pos() < first.Pos() {
					first = r
				}
			}
			msg := ""
			if d.local != nil {
				msg = fmt.Sprintf("goroutine is left blocked forever: its only way out is the cancellation of a context whose cancel function %s is only assigned to the blank identifier and never called (call it when the goroutine should stop)",
					d.local.Name())
			} else {
				msg = fmt.Sprintf("goroutine is left blocked forever: its only way out is the cancellation of a context whose cancel function is stored in field %s and never called in the package (call it when the owner is closed)",
					d.cancel.Name())
			}
			c.pass.Report(analysis.Diagnostic{
				Pos:      w.gostmt.Pos(),
				Category: catCancel,
				Message:  msg,
				Related: []analysis.RelatedInformation{
					{Pos: first.Pos(), Message: "the goroutine waits here for ctx.Done()"},
					{Pos: call.Pos(), Message: "context derived here; its cancel function is stored and never called"},
				},
			})
		}
	}
}

// cancelStore records the field the cancel function v is stored in, and
// reports whether that store is its only use.
func (d *derived) cancelStore(v ssa.Value) bool {
	for _, ref := range ssautil.Referrers(v) {
		switch ref := ref.(type) {
		case *ssa.Store:
			f := storedField(ref, v)
			if f == nil || f.Exported() || d.cancel != nil {
				return false // Conservative: code elsewhere may call it
			}
			d.cancel, d.store = f, ref
		case *ssa.DebugRef:
		default:
			return false // called, deferred, passed on, captured
		}
	}
	return d.cancel != nil
}

// storedField returns the struct field that the store st writes v to,
// or nil.
func storedField(st *ssa.Store, v ssa.Value) *types.Var {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok || st.Val != v {
		return nil
	}
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	s, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= s.NumFields() {
		return nil
	}
	return s.Field(fa.Field).Origin()
}

// ctxUses records where fn keeps the derived context: in a local
// variable captured by closures, in a field, both or neither; its other
// uses do not matter, as nothing but the cancel function ends it.
func (d *derived) ctxUses() bool {
	for _, ref := range ssautil.Referrers(d.ctx) {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Val != d.ctx {
			continue
		}
		switch addr := st.Addr.(type) {
		case *ssa.Alloc:
			if d.cell != nil {
				return false
			}
			d.cell = addr
		case *ssa.FieldAddr:
			if f := storedField(st, d.ctx); f != nil && d.ctxField == nil {
				d.ctxField = f
			} else {
				d.ctxField = nil
			}
		}
	}
	if d.cell != nil {
		for _, ref := range ssautil.Referrers(d.cell) {
			if st, ok := ref.(*ssa.Store); ok && st.Val != d.ctx {
				return false // reassigned
			}
		}
	}
	return true
}

// goroutine returns the worker instr starts when it is a go statement of
// a closure or a same-package function given the context (or its
// variable), or started on a receiver from which it may read the
// context's field.
func (d *derived) goroutine(instr ssa.Instruction) (worker, bool) {
	var call *ssa.CallCommon
	switch instr := instr.(type) {
	case *ssa.Go:
		call = instr.Common()
	case *ssa.Call:
		if f := apis.GoMethodFunc(instr.Common()); f != nil {
			if mc, ok := f.(*ssa.MakeClosure); ok {
				return d.closureWorker(instr, mc)
			}
		}
		return worker{}, false
	default:
		return worker{}, false
	}
	if mc, ok := call.Value.(*ssa.MakeClosure); ok {
		return d.closureWorker(instr, mc)
	}
	callee := call.StaticCallee()
	if callee == nil || call.IsInvoke() {
		return worker{}, false
	}
	if callee.Origin() != nil {
		callee = callee.Origin()
	}
	if callee.Pkg != d.fn.Pkg || callee.Blocks == nil {
		return worker{}, false
	}
	for _, a := range call.Args {
		if p, q := chanmodel.Callee(d.fn, call, a); p != nil && (a == d.ctx || d.loadOfCell(a)) {
			return worker{instr, p, q, false}, true
		}
	}
	if d.ctxField != nil {
		return worker{instr, callee, nil, false}, true
	}
	return worker{}, false
}

// closureWorker returns the worker of a closure mc started by instr.
func (d *derived) closureWorker(instr ssa.Instruction, mc *ssa.MakeClosure) (worker, bool) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return worker{}, false
	}
	if d.cell != nil {
		if g, v := chanmodel.ClosureVar(mc, d.cell); g != nil {
			return worker{instr, g, v, true}, true
		}
	}
	if d.ctxField != nil {
		return worker{instr, fn, nil, false}, true
	}
	return worker{}, false
}

// loadOfCell reports whether v loads the variable holding the context.
func (d *derived) loadOfCell(v ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	return ok && d.cell != nil && u.Op == token.MUL && u.X == d.cell
}

// doneRecvs returns, for the worker w, the instructions from which on
// it has received from the context's Done channel: receives <-ctx.Done()
// and the first instruction of a select case on it. The context is the
// worker's parameter or free variable (w.v), or a load of the context's
// field.
func (d *derived) doneRecvs(w worker) map[ssa.Instruction]bool {
	barriers := make(map[ssa.Instruction]bool)
	for _, b := range w.fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !call.Call.IsInvoke() || apis.Of(call.Call.Method) != apis.ContextDone || !d.isCtx(w, call.Call.Value) {
				continue
			}
			for _, ref := range ssautil.Referrers(call) {
				switch ref := ref.(type) {
				case *ssa.UnOp:
					if ref.Op == token.ARROW {
						barriers[ref] = true
					}
				case *ssa.Select:
					if first := selectCase(ref, call); first != nil {
						barriers[first] = true
					}
				}
			}
		}
	}
	return barriers
}

// isCtx reports whether v, in the worker's function, is the context.
func (d *derived) isCtx(w worker, v ssa.Value) bool {
	if w.v != nil {
		if v == w.v {
			return true
		}
		if u, ok := v.(*ssa.UnOp); ok && w.indirect && u.Op == token.MUL && u.X == w.v {
			return true
		}
	}
	if d.ctxField != nil {
		if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
			if fa, ok := u.X.(*ssa.FieldAddr); ok {
				return fieldOf(fa) == d.ctxField
			}
		}
	}
	return false
}

// fieldOf returns the struct field fa addresses, or nil.
func fieldOf(fa *ssa.FieldAddr) *types.Var {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	s, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= s.NumFields() {
		return nil
	}
	return s.Field(fa.Field).Origin()
}

// selectCase returns the first instruction of the block the select sel
// runs when its receive from ch is chosen: the true branch of the if
// comparing the select's index with that case's, or nil when the shape
// is not that one or the block is not the case's own (an empty case).
func selectCase(sel *ssa.Select, ch ssa.Value) ssa.Instruction {
	idx := -1
	for i, st := range sel.States {
		if st.Chan == ch && st.Dir == types.RecvOnly {
			idx = i
		}
	}
	if idx < 0 {
		return nil
	}
	for _, ref := range ssautil.Referrers(sel) {
		ext, ok := ref.(*ssa.Extract)
		if !ok || ext.Index != 0 {
			continue
		}
		for _, er := range ssautil.Referrers(ext) {
			cmp, ok := er.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL || cmp.X != ext {
				continue
			}
			k, ok := cmp.Y.(*ssa.Const)
			if !ok || k.Int64() != int64(idx) {
				continue
			}
			for _, cr := range ssautil.Referrers(cmp) {
				if iff, ok := cr.(*ssa.If); ok {
					body := iff.Block().Succs[0]
					if len(body.Preds) != 1 {
						// An empty case jumps to the block after the
						// select, which other cases reach too.
						return nil
					}
					return body.Instrs[0]
				}
			}
		}
	}
	return nil
}

// onlyThrough reports whether every path of fn from its entry to a
// return runs an instruction of done, and fn has a return after one:
// the goroutine's only way to end is to have received from Done. Calls
// that do not return (runtime.Goexit) are another way out.
func onlyThrough(fn *ssa.Function, done map[ssa.Instruction]bool) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && apis.NoReturn(apis.SSACalleeFunc(call.Common())) {
				return false
			}
		}
	}
	if len(chanmodel.EntryReturnsAvoiding(fn, done)) > 0 {
		return false
	}
	for r := range done {
		if _, ok := r.(*ssa.Return); ok || len(chanmodel.ReturnsAvoiding(r, nil)) > 0 {
			return true
		}
	}
	return false
}

// fieldRead reports whether the field f is read anywhere in the package:
// any selector naming it that is not the left-hand side of an assignment.
func (c *checker) fieldRead(f *types.Var) bool {
	if c.fieldReads == nil {
		c.fieldReads = make(map[*types.Var]bool)
		lhs := make(map[ast.Expr]bool)
		for _, file := range c.pass.Files {
			ast.Inspect(file, func(n ast.Node) bool {
				if as, ok := n.(*ast.AssignStmt); ok && (as.Tok == token.ASSIGN || as.Tok == token.DEFINE) {
					for _, l := range as.Lhs {
						lhs[apis.Unparen(l)] = true
					}
				}
				return true
			})
		}
		for _, file := range c.pass.Files {
			ast.Inspect(file, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || lhs[sel] {
					return true
				}
				if s := c.pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
					if v, ok := s.Obj().(*types.Var); ok {
						c.fieldReads[v.Origin()] = true
					}
				}
				return true
			})
		}
	}
	return c.fieldReads[f]
}

// sameField reports whether obj is the field f, or an instance of it.
func sameField(obj types.Object, f *types.Var) bool {
	v, ok := obj.(*types.Var)
	return ok && v.Origin() == f
}

// onlyWrittenBy reports whether every assignment to the field f in the
// package is part of fn's derivation call: x.f, x.cancel =
// context.WithCancel(...), or x.f = ctx where ctx was defined by that
// call, and no composite literal sets it.
func (c *checker) onlyWrittenBy(f *types.Var, call *ssa.Call) bool {
	isCall := func(e ast.Expr) bool {
		ce, ok := apis.Unparen(e).(*ast.CallExpr)
		return ok && ce.Lparen == call.Pos()
	}
	// The variables the derivation defines: ctx, cancel := WithCancel(...).
	defined := make(map[types.Object]bool)
	ok := true
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if as, isAs := n.(*ast.AssignStmt); isAs && len(as.Rhs) == 1 && isCall(as.Rhs[0]) {
				for _, l := range as.Lhs {
					if id, isID := l.(*ast.Ident); isID {
						if obj := c.pass.TypesInfo.ObjectOf(id); obj != nil {
							defined[obj] = true
						}
					}
				}
			}
			return true
		})
	}
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if !(len(n.Rhs) == 1 && isCall(n.Rhs[0])) {
					for _, l := range n.Lhs {
						if id, isID := l.(*ast.Ident); isID && defined[c.pass.TypesInfo.ObjectOf(id)] {
							ok = false // the derivation's variable reassigned
						}
					}
				}
				for i, l := range n.Lhs {
					sel, isSel := apis.Unparen(l).(*ast.SelectorExpr)
					if !isSel {
						continue
					}
					s := c.pass.TypesInfo.Selections[sel]
					if s == nil || !sameField(s.Obj(), f) {
						continue
					}
					switch {
					case len(n.Rhs) == 1 && isCall(n.Rhs[0]):
					case len(n.Rhs) == len(n.Lhs):
						id, isID := apis.Unparen(n.Rhs[i]).(*ast.Ident)
						if !isID || !defined[c.pass.TypesInfo.ObjectOf(id)] {
							ok = false
						}
					default:
						ok = false
					}
				}
			case *ast.KeyValueExpr:
				if id, isID := n.Key.(*ast.Ident); isID && sameField(c.pass.TypesInfo.Uses[id], f) {
					ok = false
				}
			case *ast.UnaryExpr:
				if sel, isSel := apis.Unparen(n.X).(*ast.SelectorExpr); isSel && n.Op == token.AND {
					if s := c.pass.TypesInfo.Selections[sel]; s != nil && sameField(s.Obj(), f) {
						ok = false // its address taken
					}
				}
			}
			return ok
		})
	}
	return ok
}
