package stranded

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A condKey identifies a branch condition up to negation: an SSA value,
// or a comparison of two SSA values (x == nil and x != nil share a key).
// Two tests with the same key on the same operands see the same outcome
// as long as the operands are not recomputed.
type condKey struct {
	v    ssa.Value // the condition, when it is no comparison
	op   token.Token
	x, y any // the operands: ssa.Value, or constKey for constants
}

// constKey identifies a constant by its type and value: the SSA builder
// makes a new *ssa.Const at each use.
type constKey struct{ typ, val string }

// errOnlyKey identifies the error of a call of a function whose error
// depends on one argument only (apis.API.ErrorOnlyOf): path.Match with
// the same pattern fails alike whatever the name.
type errOnlyKey struct {
	api apis.API
	arg any // the key of that argument
}

// operand returns the key of a comparison operand.
func operand(v ssa.Value, fixed map[*types.Var]bool) any {
	if c, ok := v.(*ssa.Const); ok {
		return constKey{c.Type().String(), c.String()}
	}
	if ext, ok := v.(*ssa.Extract); ok {
		if call, ok := ext.Tuple.(*ssa.Call); ok {
			api := apis.SSACallee(call.Common())
			if i := api.ErrorOnlyOf(); i >= 0 && i < len(call.Call.Args) && apis.IsError(ext.Type()) {
				return errOnlyKey{api, operand(call.Call.Args[i], fixed)}
			}
		}
	}
	return stable(v, fixed)
}

// stable returns, for a load of a local variable assigned once (a
// captured parameter or variable lives in such a cell), or of a package
// variable in fixed (set only where the package is initialised:
// summary.InitOnly), the variable, which every load of it reads
// unchanged; otherwise v.
func stable(v ssa.Value, fixed map[*types.Var]bool) ssa.Value {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return v
	}
	if g, ok := u.X.(*ssa.Global); ok {
		if obj, ok := g.Object().(*types.Var); ok && fixed[obj] {
			return g
		}
		return v
	}
	cell, ok := u.X.(*ssa.Alloc)
	if !ok {
		return v
	}
	var store *ssa.Store
	for _, ref := range ssautil.Referrers(cell) {
		if st, ok := ref.(*ssa.Store); ok {
			if store != nil {
				return v // assigned twice
			}
			store = st
		}
	}
	if store == nil {
		return v
	}
	for _, ref := range ssautil.Referrers(cell) {
		if ref != store && !dominatedBy(ref, []ssa.Instruction{store}) {
			return v // read, or captured, before it is assigned
		}
		switch ref := ref.(type) {
		case *ssa.Store:
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return v
			}
		case *ssa.MakeClosure:
			if !loadsOnly(ref, cell) {
				return v
			}
		case *ssa.DebugRef:
		default:
			return v // its address is taken
		}
	}
	return cell
}

// loadsOnly reports whether the closure made by mc only reads the
// variable cell it captures.
func loadsOnly(mc *ssa.MakeClosure, cell *ssa.Alloc) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	for i, b := range mc.Bindings {
		if b != cell {
			continue
		}
		if i >= len(fn.FreeVars) {
			return false
		}
		for _, ref := range ssautil.Referrers(fn.FreeVars[i]) {
			switch ref := ref.(type) {
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return false
				}
			case *ssa.DebugRef:
			default:
				return false
			}
		}
	}
	return true
}

// conds tracks, for the path walks, the outcomes of the conditions a
// function tests more than once (if concurrent { go ... } ... if
// concurrent { wg.Wait() }), so that a walk does not follow a path that
// takes both branches of the same unchanged condition.
type conds struct {
	test map[*ssa.BasicBlock]condTest // block ending in a tracked If → its test
	defs map[*ssa.BasicBlock]uint32   // block → keys whose operands it recomputes
}

// condTest is one If on a tracked key: the key's bit, and whether the If
// tests its negation.
type condTest struct {
	bit uint32
	neg bool
}

// facts are the outcomes known on a path: known bits, and their values.
type facts struct{ known, val uint32 }

// maxConds bounds the conditions tracked per function, and so the states
// of a walk: each tracked condition can triple them (unknown, true,
// false). Conditions beyond it are not correlated, as before.
const maxConds = 4

// newConds returns the tracked conditions of fn.
func newConds(fn *ssa.Function, fixed map[*types.Var]bool) *conds {
	type test struct {
		b   *ssa.BasicBlock
		k   condKey
		neg bool
	}
	var tests []test
	count := make(map[condKey]int)
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		k, neg := keyOf(iff.Cond, fixed)
		tests = append(tests, test{b, k, neg})
		count[k]++
	}
	c := &conds{test: make(map[*ssa.BasicBlock]condTest), defs: make(map[*ssa.BasicBlock]uint32)}
	bits := make(map[condKey]uint32)
	// track tracks the test t, whose outcome is forgotten where one of
	// the instructions defs is computed again.
	track := func(t test, defs []ssa.Instruction) {
		bit, ok := bits[t.k]
		if !ok {
			if len(bits) == maxConds {
				return
			}
			bit = 1 << len(bits)
			bits[t.k] = bit
			for _, instr := range defs {
				// A variable's cell is remade where it is declared.
				if instr.Block() != nil {
					c.defs[instr.Block()] |= bit
				}
			}
		}
		c.test[t.b] = condTest{bit, t.neg}
	}
	for _, t := range tests {
		if count[t.k] >= 2 {
			var defs []ssa.Instruction
			for _, v := range t.k.operands() {
				if instr, ok := v.(ssa.Instruction); ok {
					defs = append(defs, instr)
				}
			}
			track(t, defs)
		}
	}
	// A test in a loop on values the loop does not change sees the same
	// outcome on every iteration: a path that took one branch in an
	// earlier iteration takes it again (for _, n := range names { if
	// err := check(pattern); ... { return err }; go ... }).
	for _, t := range tests {
		if count[t.k] >= 2 {
			continue
		}
		if defs, ok := invariantIn(t.b, t.k); ok {
			track(t, defs)
		}
	}
	return c
}

// operands returns the values a key's outcome depends on: SSA values,
// or keys of constants.
func (k condKey) operands() []any {
	var out []any
	var add func(v any)
	add = func(v any) {
		switch v := v.(type) {
		case nil:
		case errOnlyKey:
			add(v.arg)
		default:
			out = append(out, v)
		}
	}
	add(k.v)
	add(k.x)
	add(k.y)
	return out
}

// invariantIn reports whether b, a block ending in a test on key k, lies
// on a cycle whose every computation of k's operands gives the same
// value each time round: an operand is computed outside the cycle, or in
// it by a pure operation (arithmetic, comparison, conversion, len of a
// string, slice or array) of such values. The test is then repeated on
// the same values. It returns the instructions outside the cycle the
// operands depend on, where the outcome is to be forgotten.
func invariantIn(b *ssa.BasicBlock, k condKey) ([]ssa.Instruction, bool) {
	from := ssautil.ReachableFrom(b)
	if !from[b] {
		return nil, false // not in a loop
	}
	ops := k.operands()
	if len(ops) == 0 {
		return nil, false
	}
	var defs []ssa.Instruction
	var inv func(v ssa.Value, depth int) bool
	inv = func(v ssa.Value, depth int) bool {
		instr, ok := v.(ssa.Instruction)
		if !ok {
			return true // a constant, parameter, free variable or global
		}
		d := instr.Block()
		if d == nil {
			return false
		}
		if !from[d] || !ssautil.Reaches(d, b) {
			defs = append(defs, instr)
			return true // computed outside the loop
		}
		if depth > 4 {
			return false
		}
		switch x := v.(type) {
		case *ssa.BinOp:
			return inv(x.X, depth+1) && inv(x.Y, depth+1)
		case *ssa.UnOp:
			if x.Op == token.ARROW || x.Op == token.MUL {
				return false // a receive, or a load of memory others may write
			}
			return inv(x.X, depth+1)
		case *ssa.Convert:
			return inv(x.X, depth+1)
		case *ssa.ChangeType:
			return inv(x.X, depth+1)
		case *ssa.Field:
			return inv(x.X, depth+1)
		case *ssa.Call:
			bi, ok := x.Call.Value.(*ssa.Builtin)
			if !ok || bi.Name() != "len" || len(x.Call.Args) != 1 {
				return false
			}
			switch x.Call.Args[0].Type().Underlying().(type) {
			case *types.Basic, *types.Slice, *types.Array:
				return inv(x.Call.Args[0], depth+1)
			}
		}
		return false // computed again in the loop
	}
	for _, v := range ops {
		switch v := v.(type) {
		case constKey:
		case ssa.Value:
			if !inv(v, 0) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return defs, true
}

// keyOf returns the key of a branch condition and whether the condition
// is the key's negation.
func keyOf(v ssa.Value, fixed map[*types.Var]bool) (condKey, bool) {
	neg := false
	for {
		u, ok := v.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		v, neg = u.X, !neg
	}
	if b, ok := v.(*ssa.BinOp); ok {
		op := b.Op
		switch op {
		case token.NEQ:
			op, neg = token.EQL, !neg
		case token.GEQ:
			op, neg = token.LSS, !neg
		case token.LEQ:
			op, neg = token.GTR, !neg
		}
		switch op {
		case token.EQL, token.LSS, token.GTR:
			return condKey{op: op, x: operand(b.X, fixed), y: operand(b.Y, fixed)}, neg
		}
	}
	return condKey{v: stable(v, fixed)}, neg
}

// enter returns the facts that still hold on entering b: those whose
// operands b recomputes (an iteration of a loop) are forgotten.
func (c *conds) enter(b *ssa.BasicBlock, f facts) facts {
	if d := c.defs[b]; d != 0 {
		f.known &^= d
		f.val &^= d
	}
	return f
}

// follow returns the facts on the edge from b to its i-th successor, and
// false when the edge contradicts a known outcome of b's condition.
func (c *conds) follow(b *ssa.BasicBlock, f facts, i int) (facts, bool) {
	t, ok := c.test[b]
	if !ok || len(b.Succs) != 2 {
		return f, true
	}
	truth := (i == 0) != t.neg
	if f.known&t.bit != 0 {
		return f, (f.val&t.bit != 0) == truth
	}
	f.known |= t.bit
	if truth {
		f.val |= t.bit
	}
	return f, true
}
