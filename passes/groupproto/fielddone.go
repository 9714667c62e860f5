package groupproto

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A fieldKey names a WaitGroup held in a field of a value a goroutine
// receives: the value inside the goroutine (a free variable or a
// parameter) and the field's index.
type fieldKey struct {
	base  ssa.Value
	field int
}

// fieldGoroutines checks the goroutines that fn starts with go statements
// and that call Done on a WaitGroup in a field of a value they are given
// (s.wg.Add(1); go func() { ...; s.wg.Done() }(), or go s.worker() whose
// body calls s.wg.Done()), for paths that skip that Done.
//
// Conservative: fn must call Add on the same field of the same value; in
// the goroutine, the field's address may only be the receiver of Done,
// the value may not be captured by a closure, and it may not be given to
// a call that could call Done on that field itself: a same-package
// function whose body mentions such a Done, or an unknown callee.
func (c *checker) fieldGoroutines(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			goInstr, ok := instr.(*ssa.Go)
			if !ok || goInstr.Call.IsInvoke() {
				continue
			}
			// The goroutine's function and, for each of its free variables
			// or parameters, the value fn gives it.
			var callee *ssa.Function
			outer := make(map[ssa.Value]ssa.Value)
			switch v := goInstr.Call.Value.(type) {
			case *ssa.MakeClosure:
				callee, _ = v.Fn.(*ssa.Function)
				if callee != nil {
					for i, bnd := range v.Bindings {
						if i < len(callee.FreeVars) {
							outer[callee.FreeVars[i]] = bnd
						}
					}
				}
			case *ssa.Function:
				callee = v
				for i, a := range goInstr.Call.Args {
					if i < len(callee.Params) {
						outer[callee.Params[i]] = a
					}
				}
			}
			if callee == nil || callee.Blocks == nil || callee.Pkg != fn.Pkg || apis.SSACallee(goInstr.Common()) != apis.None {
				continue
			}
			for key, dones := range fieldDones(callee, outer) {
				t := key.base.Type()
				if isCell(key.base) {
					t = t.Underlying().(*types.Pointer).Elem()
				}
				field := fieldVar(t, key.field)
				if field == nil || !addsOn(fn, outer[key.base], key.field) || len(c.fieldCalls(field, apis.WaitGroupWait)) == 0 ||
					!fieldOnlyDone(callee, key, c.fieldCalls(field, apis.WaitGroupDone)) {
					continue
				}
				dg := &doneGoroutine{
					fr:   &frame{fn: callee, kind: runGoStmt, runner: goInstr},
					done: make(map[ssa.Instruction]bool),
				}
				for _, d := range dones {
					dg.done[d.instr] = true
					if d.deferred {
						dg.deferred = true
					} else {
						dg.calls = append(dg.calls, d)
					}
				}
				loops := loopsOf(callee)
				inLoop := false
				for instr := range dg.done {
					inLoop = inLoop || inAnyLoop(loops, instr.Block())
				}
				if !inLoop {
					c.checkDone(dg)
				}
			}
		}
	}
}

// fieldCalls returns, computed once per field and API, the functions of
// the package that call api on field.
func (c *checker) fieldCalls(field *types.Var, api apis.API) map[*types.Func]bool {
	key := fieldAPI{field, api}
	if m, ok := c.fieldFuncs[key]; ok {
		return m
	}
	if c.fieldFuncs == nil {
		c.fieldFuncs = make(map[fieldAPI]map[*types.Func]bool)
	}
	if c.fields == nil {
		c.fields = indexFieldCalls(c.pass.TypesInfo, c.pass.Files)
	}
	m := c.fields.fieldCallers(field, api)
	c.fieldFuncs[key] = m
	return m
}

type fieldAPI struct {
	field *types.Var
	api   apis.API
}

// fieldDones returns the Done calls (and deferred Dones) of fn whose
// receiver is the address of a WaitGroup field of one of the values in
// outer, by value and field.
func fieldDones(fn *ssa.Function, outer map[ssa.Value]ssa.Value) map[fieldKey][]groupCall {
	var out map[fieldKey][]groupCall
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var common *ssa.CallCommon
			deferred := false
			switch instr := instr.(type) {
			case *ssa.Call:
				common = instr.Common()
			case *ssa.Defer:
				common, deferred = instr.Common(), true
			default:
				continue
			}
			if apis.SSACallee(common) != apis.WaitGroupDone || len(common.Args) != 1 {
				continue
			}
			fa, ok := common.Args[0].(*ssa.FieldAddr)
			if !ok {
				continue
			}
			base := fa.X
			if load, ok := base.(*ssa.UnOp); ok && load.Op == token.MUL {
				base = load.X // a captured variable: the closure holds its address
			}
			if outer[base] == nil {
				continue
			}
			if out == nil {
				out = make(map[fieldKey][]groupCall)
			}
			key := fieldKey{base, fa.Field}
			out[key] = append(out[key], groupCall{instr: instr, common: common, api: apis.WaitGroupDone, deferred: deferred})
		}
	}
	return out
}

// fieldVar returns the field of the struct that ptr points to, or nil.
func fieldVar(ptr types.Type, i int) *types.Var {
	p, ok := ptr.Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

// pointers returns the values that hold the pointer v stands for: v
// itself, or, when v is the address of a variable (a captured variable's
// cell: an *ssa.Alloc or a free variable of pointer-to-pointer type), the
// loads of that variable. ok is false when such a variable is also
// assigned: then it may point elsewhere.
func pointers(v ssa.Value) (ptrs []ssa.Value, ok bool) {
	if !isCell(v) {
		return []ssa.Value{v}, true
	}
	stores := 0
	for _, ref := range ssautil.Referrers(v) {
		switch ref := ref.(type) {
		case *ssa.UnOp:
			if ref.Op == token.MUL {
				ptrs = append(ptrs, ref)
			}
		case *ssa.Store:
			if ref.Addr == v {
				stores++
			}
		}
	}
	if _, isAlloc := v.(*ssa.Alloc); isAlloc {
		return ptrs, stores <= 1 // the store of its initial value
	}
	return ptrs, stores == 0
}

// isCell reports whether v is the address of a variable that holds a
// pointer to a struct: the cell of a captured variable.
func isCell(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
	default:
		return false
	}
	p, ok := v.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	_, ok = p.Elem().Underlying().(*types.Pointer)
	return ok
}

// addsOn reports whether fn calls Add on field i of v.
func addsOn(fn *ssa.Function, v ssa.Value, i int) bool {
	if v == nil {
		return false
	}
	ptrs, ok := pointers(v)
	if !ok {
		return false
	}
	for _, ref := range referrersOf(ptrs) {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Field != i || fa.Parent() != fn {
			continue
		}
		for _, r := range ssautil.Referrers(fa) {
			if call, ok := r.(*ssa.Call); ok && apis.SSACallee(call.Common()) == apis.WaitGroupAdd && call.Call.Args[0] == fa {
				return true
			}
		}
	}
	return false
}

// fieldOnlyDone reports whether, in the goroutine fn, the WaitGroup field
// key is used only as the receiver of Done, and the value holding it is
// neither captured by a closure nor given to a call that could call Done
// on the field: a function of doneFns or a callee that is not known.
func fieldOnlyDone(fn *ssa.Function, key fieldKey, doneFns map[*types.Func]bool) bool {
	ptrs, ok := pointers(key.base)
	if !ok {
		return false
	}
	if isCell(key.base) {
		for _, ref := range ssautil.Referrers(key.base) {
			if _, isClosure := ref.(*ssa.MakeClosure); isClosure {
				return false
			}
		}
	}
	for _, ref := range referrersOf(ptrs) {
		switch ref := ref.(type) {
		case *ssa.FieldAddr:
			if ref.Field != key.field {
				continue
			}
			for _, r := range ssautil.Referrers(ref) {
				var common *ssa.CallCommon
				switch r := r.(type) {
				case *ssa.Call:
					common = r.Common()
				case *ssa.Defer:
					common = r.Common()
				case *ssa.DebugRef:
					continue
				default:
					return false
				}
				if apis.SSACallee(common) != apis.WaitGroupDone {
					return false
				}
			}
		case *ssa.MakeClosure:
			return false
		case ssa.CallInstruction:
			common := ref.Common()
			if common.IsInvoke() || common.StaticCallee() == nil {
				return false
			}
			if obj := apis.SSACalleeFunc(common); obj == nil || doneFns[obj] {
				return false
			}
		}
	}
	return true
}

// referrersOf returns the instructions that use any of vs.
func referrersOf(vs []ssa.Value) []ssa.Instruction {
	var out []ssa.Instruction
	for _, v := range vs {
		out = append(out, ssautil.Referrers(v)...)
	}
	return out
}

// A fieldIndex records, from one walk of a package's function bodies,
// which functions call an errgroup or WaitGroup method on a selection of
// a field (x.wg.Done()), and which same-package functions call each
// function.
type fieldIndex struct {
	direct  map[fieldAPI]map[*types.Func]bool
	callers map[*types.Func][]*types.Func // callee → same-package callers
}

// indexFieldCalls walks the bodies of files once and returns their
// fieldIndex.
func indexFieldCalls(info *types.Info, files []*ast.File) *fieldIndex {
	idx := &fieldIndex{
		direct:  make(map[fieldAPI]map[*types.Func]bool),
		callers: make(map[*types.Func][]*types.Func),
	}
	for _, f := range files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Body == nil {
				continue
			}
			fn, _ := info.Defs[decl.Name].(*types.Func)
			if fn == nil {
				continue
			}
			ast.Inspect(decl.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				callee := apis.CalleeFunc(info, call)
				if callee != nil && callee.Pkg() == fn.Pkg() {
					idx.callers[callee.Origin()] = append(idx.callers[callee.Origin()], fn)
				}
				api := apis.Callee(info, call)
				if api == apis.None {
					return true
				}
				sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if inner, ok := apis.Unparen(sel.X).(*ast.SelectorExpr); ok {
					if s, ok := info.Selections[inner]; ok {
						if field, ok := s.Obj().(*types.Var); ok {
							key := fieldAPI{field, api}
							if idx.direct[key] == nil {
								idx.direct[key] = make(map[*types.Func]bool)
							}
							idx.direct[key][fn] = true
						}
					}
				}
				return true
			})
		}
	}
	return idx
}

// fieldCallers returns the functions and methods of the package whose
// bodies call api on a selection of field (x.wg.Done()), or call such a
// function of the package, transitively.
func (idx *fieldIndex) fieldCallers(field *types.Var, api apis.API) map[*types.Func]bool {
	out := make(map[*types.Func]bool)
	var stack []*types.Func
	for fn := range idx.direct[fieldAPI{field, api}] {
		out[fn] = true
		stack = append(stack, fn)
	}
	for len(stack) > 0 {
		fn := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, caller := range idx.callers[fn] {
			if !out[caller] {
				out[caller] = true
				stack = append(stack, caller)
			}
		}
	}
	return out
}
