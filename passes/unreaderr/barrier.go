package unreaderr

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A start barrier (ssautil.IsStartBarrier) is a WaitGroup whose every
// Done is a goroutine's first action: its Wait waits for the goroutines
// to start, and they are long-lived by design. Calling Done on one, or
// being handed one, does not make a goroutine joined fan-out.

// doneOnlyOnBarriers reports whether every sync.WaitGroup.Done that the
// literal lit calls in its own body is on a start barrier, and there is
// at least one: the goroutine signals that it has started, and nobody
// waits for it to finish.
//
// Conservative: a literal whose SSA form is not built, or a Done on a
// group whose creation is not found in the package (a parameter, a
// field), counts as a join.
func doneOnlyOnBarriers(fo *fanout.Result, lit *ast.FuncLit) bool {
	fn := fo.Func(lit)
	if fn == nil {
		return false
	}
	n := 0
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok || apis.SSACallee(c.Common()) != apis.WaitGroupDone || len(c.Common().Args) != 1 {
				continue
			}
			root := waitGroupRoot(c.Common().Args[0], 0)
			if root == nil || !ssautil.IsStartBarrier(root) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// handsOnlyBarriers reports whether every *sync.WaitGroup that the go
// statement at cur hands to the started function (as an argument or as
// the receiver) is a start barrier: the function signals that it has
// started, and nobody waits for it to finish.
//
// Conservative: as for doneOnlyOnBarriers.
func handsOnlyBarriers(fo *fanout.Result, cur inspector.Cursor, stmt *ast.GoStmt) bool {
	g := ssaGo(fo, cur, stmt)
	if g == nil {
		return false
	}
	n := 0
	args := g.Call.Args
	if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
		args = append(args, mc.Bindings...) // a bound method's receiver
	}
	for _, a := range args {
		if !isWaitGroupPtr(a.Type()) {
			continue
		}
		root := waitGroupRoot(a, 0)
		if root == nil || !ssautil.IsStartBarrier(root) {
			return false
		}
		n++
	}
	return n > 0
}

// ssaGo returns the SSA form of the go statement stmt at cur, or nil when
// its function is not built.
func ssaGo(fo *fanout.Result, cur inspector.Cursor, stmt *ast.GoStmt) *ssa.Go {
	var encl ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		encl = c.Node()
		break
	}
	fn := fo.Func(encl)
	if fn == nil {
		return nil
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok && g.Pos() == stmt.Go {
				return g
			}
		}
	}
	return nil
}

// isWaitGroupPtr reports whether t is *sync.WaitGroup.
func isWaitGroupPtr(t types.Type) bool {
	_, isPtr := t.Underlying().(*types.Pointer)
	return isPtr && apis.IsWaitGroup(t)
}

// waitGroupRoot returns the allocation of the sync.WaitGroup that v, a
// *sync.WaitGroup, points to, following captures by closures and local
// variables assigned once, or nil when the group comes from elsewhere
// (a parameter, a field, a call).
func waitGroupRoot(v ssa.Value, depth int) ssa.Value {
	if depth > 16 {
		return nil
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		if p, ok := v.Type().Underlying().(*types.Pointer); ok && apis.IsWaitGroup(p.Elem()) {
			if _, isPtr := p.Elem().Underlying().(*types.Pointer); !isPtr {
				return v // var wg sync.WaitGroup, new(sync.WaitGroup), &sync.WaitGroup{}
			}
		}
	case *ssa.FreeVar:
		return waitGroupRoot(bindingOf(v), depth+1)
	case *ssa.UnOp:
		// A load of a local variable holding the pointer.
		if v.Op != token.MUL {
			return nil
		}
		cell := v.X
		if fv, ok := cell.(*ssa.FreeVar); ok {
			cell = bindingOf(fv)
		}
		a, ok := cell.(*ssa.Alloc)
		if !ok {
			return nil
		}
		var stored ssa.Value
		for _, r := range ssautil.Referrers(a) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == a {
				if stored != nil {
					return nil // assigned more than once
				}
				stored = st.Val
			}
		}
		if stored == nil {
			return nil
		}
		return waitGroupRoot(stored, depth+1)
	}
	return nil
}

// bindingOf returns the value the closure creating fv's function binds
// to fv in the enclosing function, or nil.
func bindingOf(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	parent := fn.Parent()
	if idx < 0 || parent == nil {
		return nil
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && idx < len(mc.Bindings) {
				return mc.Bindings[idx]
			}
		}
	}
	return nil
}
