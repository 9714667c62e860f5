package stranded

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A loop is a natural loop of an SSA function: a header block and the
// blocks that can reach a back edge to it without passing through it.
type loop struct {
	header *ssa.BasicBlock
	body   map[*ssa.BasicBlock]bool // includes the header
	// latches are the blocks with an edge back to the header.
	latches map[*ssa.BasicBlock]bool
	// headerExit reports whether the loop has a condition (for cond {},
	// for range xs, for range ch): an edge out of the loop from its header
	// or, for loops the builder rotates (for range n), from a latch. Loops
	// written for {} leave only through break or return.
	headerExit bool
	// forever reports whether the loop is known, from the syntax, to be
	// written without a condition (for {}): its header is the first block
	// of its body.
	forever bool
	// noCond reports whether an edge out of the header is a break or a
	// return (for { if err := <-errc; err != nil { return err } }), never
	// the loop's condition failing. See setNoCond.
	noCond bool
	// cond are the blocks, besides the header, that go on testing the
	// loop's condition: the right operands of a condition joined by &&
	// or || (for !(aDone && bDone)). See condBlocks.
	cond map[*ssa.BasicBlock]bool
}

// setNoCond sets l.noCond and recomputes l.headerExit. A loop written
// for {} whose header tests before it receives (for { if n == len(xs)
// { break }; ... <-ch ... }) is left as it is: that test is the loop's
// condition in all but spelling.
func (l *loop) setNoCond(v bool) {
	l.noCond = v
	l.headerExit = false
	for b := range l.body {
		for _, s := range b.Succs {
			if !l.body[s] && l.condExit(b, s) {
				l.headerExit = true
			}
		}
	}
}

// condExit reports whether the edge from b to s, out of the loop, is the
// loop's condition failing: it leaves from the header, or, in a loop the
// builder rotates (for range n tests its condition before the loop and at
// the latch), from a latch to a block also entered from outside the loop.
// A return or break in the body leaves from elsewhere.
func (l *loop) condExit(b, s *ssa.BasicBlock) bool {
	if l.noCond {
		return false
	}
	if l.rotatedExit(b, s) {
		return true
	}
	if b != l.header && !l.cond[b] {
		return false
	}
	// In a rotated loop the header is the first block of the body, and
	// its exits are returns and breaks.
	for latch := range l.latches {
		for _, t := range latch.Succs {
			if !l.body[t] && l.rotatedExit(latch, t) {
				return false
			}
		}
	}
	return true
}

// rotatedExit reports whether the edge from b to s leaves the loop from a
// latch to a block that is also entered from outside the loop: the shape
// of a condition tested both before the loop and at its end.
func (l *loop) rotatedExit(b, s *ssa.BasicBlock) bool {
	if !l.latches[b] || l.body[s] {
		return false
	}
	for _, p := range s.Preds {
		if !l.body[p] {
			return true
		}
	}
	return false
}

// loopsOf returns the natural loops of fn, one per header, with the
// bodies of several back edges to the same header merged.
func loopsOf(fn *ssa.Function) []*loop {
	byHeader := make(map[*ssa.BasicBlock]*loop)
	var order []*loop
	for _, b := range fn.Blocks {
		for _, h := range b.Succs {
			if !h.Dominates(b) {
				continue
			}
			l := byHeader[h]
			if l == nil {
				l = &loop{header: h, body: map[*ssa.BasicBlock]bool{h: true}, latches: make(map[*ssa.BasicBlock]bool)}
				byHeader[h] = l
				order = append(order, l)
			}
			l.latches[b] = true
			// Walk backwards from the latch to the header.
			stack := []*ssa.BasicBlock{b}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.body[x] {
					continue
				}
				l.body[x] = true
				stack = append(stack, x.Preds...)
			}
		}
	}
	var stmts []ast.Stmt
	if syn := fn.Syntax(); syn != nil && len(order) > 0 {
		ast.Inspect(syn, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				stmts = append(stmts, n.(ast.Stmt))
			}
			return true
		})
	}
	for _, l := range order {
		l.forever = condless(l.header, stmts)
		if !l.forever {
			l.cond = condBlocks(l)
		}
		l.setNoCond(false)
	}
	return order
}

// condBlocks returns the blocks of l, other than its header, that only
// go on testing the loop's condition: entered only from the header or
// from such blocks, with nothing but pure computations (no call, no
// receive, no store) ending in a branch. The SSA builder splits a
// condition joined by && or || into such blocks, and a loop such as
//
//	for !(aDone && bDone) { select { case <-a: aDone = true; case <-b: bDone = true } }
//
// leaves from the second one. A body that starts with a pure test and
// a break (for !done { if stop { break }; ... }) is the same loop with
// the test spelled in its body, and is taken as such.
func condBlocks(l *loop) map[*ssa.BasicBlock]bool {
	for latch := range l.latches {
		for _, t := range latch.Succs {
			if !l.body[t] && l.rotatedExit(latch, t) {
				return nil // a rotated loop: its header is its body
			}
		}
	}
	var out map[*ssa.BasicBlock]bool
	in := func(b *ssa.BasicBlock) bool { return b == l.header || out[b] }
	for changed := true; changed; {
		changed = false
		for b := range l.body {
			if in(b) || len(b.Preds) == 0 || !pureTest(b) {
				continue
			}
			ok := true
			for _, p := range b.Preds {
				ok = ok && in(p)
			}
			if ok {
				if out == nil {
					out = make(map[*ssa.BasicBlock]bool)
				}
				out[b], changed = true, true
			}
		}
	}
	return out
}

// pureTest reports whether b holds only computations without effects and
// ends in a branch on a condition.
func pureTest(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); !ok {
		return false
	}
	for _, instr := range b.Instrs[:len(b.Instrs)-1] {
		switch instr := instr.(type) {
		case *ssa.UnOp:
			if instr.Op == token.ARROW {
				return false
			}
		case *ssa.BinOp, *ssa.Convert, *ssa.ChangeType, *ssa.Field, *ssa.FieldAddr, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// condless reports whether header, the header of a natural loop, is the
// first block of the body of a for statement without a condition, among
// the loop statements stmts of the function: an instruction of the block
// lies in that statement's body and in no loop statement nested in it.
// The SSA builder makes such a loop's header the body itself, while a
// loop with a condition (or a range loop) has a header that only tests
// it, outside the body. A header with no positioned instruction (a body
// that starts with a nested loop) is not classified.
func condless(header *ssa.BasicBlock, stmts []ast.Stmt) bool {
	for _, instr := range header.Instrs {
		pos := instr.Pos()
		if !pos.IsValid() {
			continue
		}
		var inner ast.Stmt // the innermost loop statement holding pos
		for _, st := range stmts {
			if st.Pos() <= pos && pos < st.End() && (inner == nil || inner.Pos() <= st.Pos() && st.End() <= inner.End()) {
				inner = st
			}
		}
		if inner == nil {
			continue
		}
		switch st := inner.(type) {
		case *ast.ForStmt:
			if within(st.Body, pos) {
				return st.Cond == nil
			}
		case *ast.RangeStmt:
			if within(st.Body, pos) {
				return false
			}
		}
	}
	return false
}

// within reports whether pos lies in n.
func within(n ast.Node, pos token.Pos) bool {
	return n != nil && n.Pos() <= pos && pos < n.End()
}

// skipped reports whether the edge from b to s, outside a rotated loop,
// is the test before the loop failing: b branches both to the loop's
// header and to s, and s is where the loop's condition exits to.
func (l *loop) skipped(b, s *ssa.BasicBlock) bool {
	if l.body[b] || l.body[s] || !slices.Contains(b.Succs, l.header) {
		return false
	}
	for latch := range l.latches {
		if slices.Contains(latch.Succs, s) {
			return true
		}
	}
	return false
}

// inLoop reports whether b belongs to a loop of loops that does not
// also contain the block except: an instruction in b can run several
// times for one execution of except.
func inLoop(loops []*loop, b, except *ssa.BasicBlock) bool {
	for _, l := range loops {
		if l.body[b] && (except == nil || !l.body[except]) {
			return true
		}
	}
	return false
}

// constTrips returns the largest number of iterations of each loop of
// loops that is a simple counted loop with constant bounds:
//
//	const n = 2
//	for i := 0; i < n; i++ { ... } // 2
//	for i := 1; i <= n; i++ { ... } // 2
//	for range 2 { ... }            // 2
//
// A for statement counts when its init sets the counter to a constant,
// its condition compares the counter with a constant (< or <=), its post
// statement adds one, and nothing else in the loop assigns the counter
// or takes its address; a range statement counts when it ranges over a
// constant integer or an array. A break or return only makes fewer
// iterations: the count is an upper bound. A loop of loops matches a
// statement when the statement is the innermost one holding every
// positioned instruction of the loop's body.
func constTrips(info *types.Info, fn *ssa.Function, loops []*loop) map[*loop]int {
	syn := fn.Syntax()
	if syn == nil || len(loops) == 0 {
		return nil
	}
	var stmts []ast.Stmt
	ast.Inspect(syn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == syn // loops of nested literals are theirs
		case *ast.ForStmt, *ast.RangeStmt:
			stmts = append(stmts, n.(ast.Stmt))
		}
		return true
	})
	var out map[*loop]int
	for _, l := range loops {
		var st ast.Stmt // innermost statement holding the whole body
		for _, s := range stmts {
			if holdsBody(s, l) && (st == nil || st.Pos() <= s.Pos() && s.End() <= st.End()) {
				st = s
			}
		}
		if st == nil {
			continue
		}
		if n, ok := tripCount(info, st); ok {
			if out == nil {
				out = make(map[*loop]int)
			}
			out[l] = n
		}
	}
	return out
}

// holdsBody reports whether every positioned instruction of l's body
// lies in the statement s, and some instruction does.
func holdsBody(s ast.Stmt, l *loop) bool {
	n := 0
	for b := range l.body {
		for _, instr := range b.Instrs {
			pos := instr.Pos()
			if !pos.IsValid() {
				continue
			}
			if !within(s, pos) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// tripCount returns the constant upper bound on the iterations of the
// loop statement s, if it is a simple counted loop (see constTrips).
func tripCount(info *types.Info, s ast.Stmt) (int, bool) {
	intConst := func(e ast.Expr) (int64, bool) {
		tv, ok := info.Types[e]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
			return 0, false
		}
		return constant.Int64Val(tv.Value)
	}
	bound := func(n int64) (int, bool) {
		if n < 0 {
			n = 0
		}
		if n > 1<<16 {
			return 0, false
		}
		return int(n), true
	}
	switch s := s.(type) {
	case *ast.RangeStmt:
		if n, ok := intConst(s.X); ok {
			return bound(n)
		}
		if t := info.TypeOf(s.X); t != nil {
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			if a, ok := t.Underlying().(*types.Array); ok {
				return bound(a.Len())
			}
		}
		return 0, false
	case *ast.ForStmt:
		init, ok := s.Init.(*ast.AssignStmt)
		if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
			return 0, false
		}
		id, ok := init.Lhs[0].(*ast.Ident)
		if !ok {
			return 0, false
		}
		ctr := info.ObjectOf(id)
		from, ok := intConst(init.Rhs[0])
		if ctr == nil || !ok {
			return 0, false
		}
		isCtr := func(e ast.Expr) bool {
			id, ok := ast.Unparen(e).(*ast.Ident)
			return ok && info.ObjectOf(id) == ctr
		}
		cond, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
		if !ok {
			return 0, false
		}
		op, lim := cond.Op, cond.Y
		switch {
		case isCtr(cond.X):
		case isCtr(cond.Y):
			lim = cond.X
			switch op { // n > i is i < n
			case token.GTR:
				op = token.LSS
			case token.GEQ:
				op = token.LEQ
			default:
				return 0, false
			}
		default:
			return 0, false
		}
		to, ok := intConst(lim)
		if !ok {
			return 0, false
		}
		if !incrementsByOne(info, s.Post, isCtr) || assigns(info, s.Body, ctr) {
			return 0, false
		}
		switch op {
		case token.LSS:
			return bound(to - from)
		case token.LEQ:
			return bound(to - from + 1)
		}
	}
	return 0, false
}

// incrementsByOne reports whether post is i++ or i += 1 on the counter.
func incrementsByOne(info *types.Info, post ast.Stmt, isCtr func(ast.Expr) bool) bool {
	switch p := post.(type) {
	case *ast.IncDecStmt:
		return p.Tok == token.INC && isCtr(p.X)
	case *ast.AssignStmt:
		if p.Tok != token.ADD_ASSIGN || len(p.Lhs) != 1 || len(p.Rhs) != 1 || !isCtr(p.Lhs[0]) {
			return false
		}
		tv, ok := info.Types[p.Rhs[0]]
		return ok && tv.Value != nil && constant.Compare(tv.Value, token.EQL, constant.MakeInt64(1))
	}
	return false
}

// assigns reports whether body assigns the variable v or takes its
// address.
func assigns(info *types.Info, body ast.Node, v types.Object) bool {
	found := false
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.ObjectOf(id) == v
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || is(l)
			}
		case *ast.IncDecStmt:
			found = found || is(n.X)
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && is(n.X))
		case *ast.RangeStmt:
			found = found || (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value))
		}
		return !found
	})
	return found
}
