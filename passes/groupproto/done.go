package groupproto

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// A doneGoroutine is a goroutine, started by a go statement, that the
// WaitGroup counts and that calls Done itself.
type doneGoroutine struct {
	g  *group
	fr *frame
	// done are the instructions of fr.fn after which the goroutine's Done
	// has run or is sure to run: Done calls, deferred Dones, and calls of
	// closures that only call Done.
	done map[ssa.Instruction]bool
	// calls are the plain wg.Done() calls among done.
	calls []groupCall
	// deferred reports whether some Done is deferred.
	deferred bool
}

// missingDone reports the paths of a counted goroutine that return, or
// leave through runtime.Goexit, without calling Done: the WaitGroup's
// Wait then blocks forever.
func (c *checker) missingDone(g *group) {
	if g.errgroup {
		return
	}
	waited := len(g.escapes) > 0
	for _, gc := range g.calls {
		if gc.api == apis.WaitGroupWait {
			waited = true
		}
	}
	if !waited {
		return // nothing blocks on the count
	}
	for _, fr := range g.frames {
		if fr.kind != runGoStmt {
			continue
		}
		if dg := countedGoroutine(g, fr); dg != nil {
			c.checkDone(dg)
		}
	}
}

// countedGoroutine returns the goroutine fr as a doneGoroutine when the
// group is counted for it by an Add in the function that starts it (or
// further out), and it uses the group only to call Done, directly, in a
// deferred statement or in a closure that only calls Done. Otherwise, and
// when a Done call sits in a loop (a worker that calls Done per item),
// nil: the goroutine's count is not one Done per path.
func countedGoroutine(g *group, fr *frame) *doneGoroutine {
	for e := range g.escapes {
		if e.within(fr) {
			return nil
		}
	}
	dg := &doneGoroutine{g: g, fr: fr, done: make(map[ssa.Instruction]bool)}
	counted := false
	for _, gc := range g.calls {
		if gc.api == apis.WaitGroupAdd && !gc.deferred && fr.parent.within(gc.fr) && gc.fr.goroutine() == fr.parent.goroutine() {
			counted = true
		}
		if !gc.fr.within(fr) {
			continue
		}
		if gc.api != apis.WaitGroupDone {
			return nil // Add, Wait or Go inside the goroutine: another protocol
		}
		if gc.fr == fr {
			dg.done[gc.instr] = true
			if gc.deferred {
				dg.deferred = true
			} else {
				dg.calls = append(dg.calls, gc)
			}
			continue
		}
		// In a nested frame: only closures deferred or called by fr itself
		// that call nothing but Done.
		if gc.fr.parent != fr || !callsOnly(g, gc.fr, apis.WaitGroupDone) {
			return nil
		}
		switch gc.fr.kind {
		case runDeferred:
			dg.done[gc.fr.runner] = true
			dg.deferred = true
		case runCalled:
			dg.done[gc.fr.runner] = true
		default:
			return nil
		}
	}
	if !counted || len(dg.done) == 0 {
		return nil
	}
	loops := loopsOf(fr.fn)
	for instr := range dg.done {
		if inAnyLoop(loops, instr.Block()) {
			return nil
		}
	}
	return dg
}

// An exit is a way out of the goroutine that skips Done.
type exit struct {
	instr  ssa.Instruction // *ssa.Return, or the call of runtime.Goexit
	goexit bool
}

// exitsWithoutDone walks the goroutine from its entry and returns the
// returns and runtime.Goexit calls reached without passing a Done. Paths
// that panic or end the process or the test (os.Exit, log.Fatal, t.Fatal)
// are left alone: the failure is already visible.
//
// A branch whose condition the go statement's constant arguments decide
// (go f(wg, true), if async { defer wg.Done() }) is walked only the way
// it goes. When the walk passes an undecided branch on a parameter that
// guards a Done, no exit is returned: the starter decides whether the
// goroutine is counted.
func (dg *doneGoroutine) exitsWithoutDone() []exit {
	fn := dg.fr.fn
	args := goArgs(dg.fr)
	branches := make(map[*ssa.BasicBlock]bool) // undecided ifs walked both ways
	var exits []exit
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		stop := false
	scan:
		for _, instr := range b.Instrs {
			if dg.done[instr] {
				stop = true
				break
			}
			switch instr := instr.(type) {
			case *ssa.Panic:
				stop = true
				break scan
			case *ssa.Return:
				exits = append(exits, exit{instr: instr})
			case *ssa.Call:
				callee := apis.SSACalleeFunc(instr.Common())
				if isGoexit(callee) {
					exits = append(exits, exit{instr: instr, goexit: true})
					stop = true
					break scan
				}
				if apis.NoReturn(callee) {
					stop = true
					break scan
				}
			}
		}
		if stop {
			continue
		}
		if okOnly(b) {
			stack = append(stack, b.Succs[0]) // the channel never closes
			continue
		}
		if br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			if k, ok := evalCond(br.Cond, args); ok && k.Kind() == constant.Bool {
				if constant.BoolVal(k) {
					stack = append(stack, b.Succs[0])
				} else {
					stack = append(stack, b.Succs[1])
				}
				continue
			}
			branches[b] = true
		}
		stack = append(stack, b.Succs...)
	}
	if len(exits) > 0 && dg.doneUnderParameter(branches) {
		return nil
	}
	slices.SortFunc(exits, func(a, b exit) int { return int(a.instr.Pos() - b.instr.Pos()) })
	return exits
}

// okOnly reports whether b ends by branching on the ok result of a
// receive from a channel that is never closed: the C field of a
// time.Ticker or time.Timer, or time.Tick's channel. Only the ok branch
// (the first successor) is taken: for range ticker.C does not end.
func okOnly(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return false
	}
	br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	ext, ok := br.Cond.(*ssa.Extract)
	if !ok || ext.Index != 1 {
		return false
	}
	recv, ok := ext.Tuple.(*ssa.UnOp)
	if !ok || recv.Op != token.ARROW || !recv.CommaOk {
		return false
	}
	switch ch := recv.X.(type) {
	case *ssa.UnOp: // *(&t.C)
		fa, ok := ch.X.(*ssa.FieldAddr)
		if !ok {
			return false
		}
		f := fieldVar(fa.X.Type(), fa.Field)
		return f != nil && f.Name() == "C" &&
			(apis.IsNamedType(fa.X.Type(), apis.TimePath, "Ticker") || apis.IsNamedType(fa.X.Type(), apis.TimePath, "Timer"))
	case *ssa.Call:
		fn := apis.SSACalleeFunc(ch.Common())
		return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == apis.TimePath && fn.Name() == "Tick" && apis.RecvType(fn) == nil
	}
	return false
}

// isGoexit reports whether fn is runtime.Goexit.
func isGoexit(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "runtime" && fn.Name() == "Goexit" && apis.RecvType(fn) == nil
}

// checkDone reports the first exit of dg that skips Done, with the others
// as related information, and offers the deferred-Done fix when it is
// equivalent on every path that calls Done.
func (c *checker) checkDone(dg *doneGoroutine) {
	exits := dg.exitsWithoutDone()
	if len(exits) == 0 {
		return
	}
	first := exits[0]
	var pos, end token.Pos
	what := "return"
	if first.goexit {
		what = "runtime.Goexit"
		pos, end = c.callSpan(first.instr)
	} else {
		pos, end = c.returnSpan(dg.fr.fn, first.instr.(*ssa.Return))
	}
	if c.reported[pos] {
		return // a function started by several go statements
	}
	c.reported[pos] = true
	name := "the WaitGroup"
	if len(dg.calls) > 0 {
		if s := c.recvText(dg.calls[0].instr); s != "" {
			name = s
		}
	}
	d := analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: catMissingDone,
		Message: fmt.Sprintf("%s without sync.WaitGroup.Done on %s: the goroutine is counted by Add, so Wait blocks forever once this path is taken (defer the Done)",
			what, name),
		Related: []analysis.RelatedInformation{{Pos: dg.fr.runner.Pos(), Message: "goroutine started here"}},
	}
	for _, e := range exits[1:] {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: e.instr.Pos(), Message: "this path skips Done too"})
	}
	if fix, ok := c.deferDoneFix(dg); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
}

// deferDoneFix offers to make "defer wg.Done()" the goroutine's first
// statement and delete its Done calls. That is equivalent on every path
// that calls Done when nothing happens between each Done call and the
// goroutine's end, and the goroutine defers nothing else (a deferred call
// would then run before the Done instead of after it). The receiver must
// be spelled the same in every call, and mean the same group at the start
// of the body: a variable declared outside it and never assigned in it.
func (c *checker) deferDoneFix(dg *doneGoroutine) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if dg.deferred || len(dg.calls) == 0 || len(dg.calls) != len(dg.done) {
		return none, false
	}
	fn := dg.fr.fn
	_, body := analysisutil.FuncBody(fn.Syntax())
	if body == nil || len(body.List) == 0 {
		return none, false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Defer); ok {
				return none, false
			}
		}
	}
	file := analysisutil.FileOf(c.pass, body.Pos())
	if file == nil {
		return none, false
	}
	src, err := c.pass.ReadFile(c.pass.Fset.File(body.Pos()).Name())
	if err != nil {
		return none, false
	}
	tf := c.pass.Fset.File(body.Pos())
	if tf.Line(body.Lbrace) == tf.Line(body.List[0].Pos()) {
		return none, false // a one-line body: leave the layout to its author
	}
	recv := ""
	var root *types.Var
	var edits []analysis.TextEdit
	for _, gc := range dg.calls {
		if !endsAfter(gc.instr) {
			return none, false
		}
		call := c.callExpr(gc.instr)
		if call == nil {
			return none, false
		}
		path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.End())
		if len(path) < 2 {
			return none, false
		}
		stmt, ok := path[1].(*ast.ExprStmt)
		if !ok || path[0] != call {
			return none, false
		}
		sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return none, false
		}
		v := rootVar(c.pass.TypesInfo, sel.X)
		if v == nil || (body.Lbrace <= v.Pos() && v.Pos() <= body.Rbrace) {
			return none, false
		}
		text := analysisutil.Source(c.pass, sel.X)
		if text == "" || (recv != "" && text != recv) || (root != nil && root != v) {
			return none, false
		}
		recv, root = text, v
		edits = append(edits, deleteLine(tf, src, stmt))
	}
	if assignedIn(c.pass.TypesInfo, body, root) {
		return none, false
	}
	first := body.List[0].Pos()
	off := tf.Offset(first)
	lineStart := off
	for lineStart > 0 && (src[lineStart-1] == ' ' || src[lineStart-1] == '\t') {
		lineStart--
	}
	indent := string(src[lineStart:off])
	edits = append([]analysis.TextEdit{{
		Pos:     first,
		End:     first,
		NewText: []byte("defer " + recv + ".Done()\n" + indent),
	}}, edits...)
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Defer %s.Done() at the start of the goroutine", recv),
		TextEdits: edits,
	}, true
}

// endsAfter reports whether nothing but jumps leads from instr to a
// return of its function: the rest of instr's block and the blocks it
// jumps to hold no other instruction.
func endsAfter(instr ssa.Instruction) bool {
	b := instr.Block()
	rest := b.Instrs[slices.Index(b.Instrs, instr)+1:]
	seen := map[*ssa.BasicBlock]bool{b: true}
	for {
		var jump bool
		for _, x := range rest {
			switch x.(type) {
			case *ssa.DebugRef, *ssa.Phi:
			case *ssa.Return:
				return true
			case *ssa.Jump:
				jump = true
			default:
				return false
			}
		}
		if !jump || len(b.Succs) != 1 || seen[b.Succs[0]] {
			return false
		}
		b = b.Succs[0]
		seen[b] = true
		rest = b.Instrs
	}
}

// rootVar returns the variable at the root of a receiver expression made
// of identifiers and field selections (wg, s.wg), or nil.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	switch e := apis.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := info.Uses[e].(*types.Var)
		return v
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; !ok || sel.Kind() != types.FieldVal {
			return nil
		}
		return rootVar(info, e.X)
	}
	return nil
}

// assignedIn reports whether v is assigned, or has its address taken,
// anywhere in body.
func assignedIn(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	found := false
	isV := func(e ast.Expr) bool {
		id, ok := apis.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if isV(l) {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && isV(n.X) {
				if _, isPtr := v.Type().Underlying().(*types.Pointer); isPtr {
					found = true // assignable through the pointer
				}
			}
		}
		return !found
	})
	return found
}

// deleteLine returns the edit that deletes stmt, with its line when the
// statement stands alone on it.
func deleteLine(tf *token.File, src []byte, stmt ast.Stmt) analysis.TextEdit {
	start, end := tf.Offset(stmt.Pos()), tf.Offset(stmt.End())
	s := start
	for s > 0 && (src[s-1] == ' ' || src[s-1] == '\t') {
		s--
	}
	e := end
	for e < len(src) && (src[e] == ' ' || src[e] == '\t' || src[e] == '\r') {
		e++
	}
	if (s == 0 || src[s-1] == '\n') && (e == len(src) || src[e] == '\n') {
		if e < len(src) {
			e++
		}
		return analysis.TextEdit{Pos: tf.Pos(s), End: tf.Pos(e)}
	}
	return analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End()}
}
