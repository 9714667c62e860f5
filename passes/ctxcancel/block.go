package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// checkBlocking reports, in the goroutine's own body (not in function
// literals nested in it, which may run elsewhere), the operations that
// can block forever or keep running after the context in scope is
// cancelled (case 4): a send or receive outside any select, on a channel
// not provably buffered for it, and time.Sleep in a loop that never
// looks at a cancellation signal.
func (c *checker) checkBlocking(s spawn) {
	fn := c.fo.Func(s.lit)
	if fn == nil {
		return
	}
	var stack []ast.Node
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if sel, ok := n.(*ast.SelectStmt); ok {
			// Operations that are cases of a select are the select's
			// business: a select with no cancellation case is not
			// reported (known limitation). Only the bodies of the cases
			// are examined.
			for _, cl := range sel.Body.List {
				stack = append(stack, sel, cl)
				for _, st := range cl.(*ast.CommClause).Body {
					ast.Inspect(st, visit)
				}
				stack = stack[:len(stack)-2]
			}
			return false
		}
		if !c.blockingNode(s, fn, n, stack) {
			return false
		}
		stack = append(stack, n)
		return true
	}
	ast.Inspect(s.lit.Body, visit)
}

// blockingNode examines one node of the goroutine's body under the
// enclosing nodes stack, and reports whether to descend into it.
func (c *checker) blockingNode(s spawn, fn *ssa.Function, n ast.Node, stack []ast.Node) bool {
	switch x := n.(type) {
	case *ast.FuncLit:
		return false
	case *ast.SendStmt:
		send := findSend(fn, x.Arrow)
		if send != nil && c.localChan(send.Chan, false) && !c.buffered(send) {
			c.reportBlock(s, x, "send on "+chanName(x.Chan)+" blocks forever once its receiver has stopped", c.selectSendFix(s, x, stack))
		}
	case *ast.UnaryExpr:
		if x.Op != token.ARROW {
			return true
		}
		if commaOk(stack, x) {
			return true // v, ok := <-ch: the loop ends when the producer closes ch
		}
		if c.signalChannel(fn, x) {
			return true
		}
		recv := findRecv(fn, x.OpPos)
		if recv == nil || !c.localChan(recv.X, true) {
			return true
		}
		c.reportBlock(s, x, "receive from "+chanName(x.X)+" blocks forever once its sender has stopped", nil)
	case *ast.CallExpr:
		if apis.Callee(c.pass.TypesInfo, x) != apis.TimeSleep {
			return true
		}
		loop := innermostLoop(stack)
		if loop == nil || c.checksCancellation(loop) {
			return true
		}
		c.reportBlock(s, x, "time.Sleep in a loop keeps the goroutine running after "+s.ctx.Name()+" is cancelled", c.sleepFix(s, x, stack))
	}
	return true
}

// reportBlock reports an uninterruptible operation of the goroutine.
func (c *checker) reportBlock(s spawn, n ast.Node, what string, fix *analysis.SuggestedFix) {
	d := analysis.Diagnostic{
		Pos:      n.Pos(),
		End:      n.End(),
		Category: catBlocking,
		Message:  fmt.Sprintf("%s: it does not select on %s.Done()", what, s.ctx.Name()),
		Related: []analysis.RelatedInformation{{
			Pos: s.at.Node().Pos(), Message: "the goroutine starts here",
		}},
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.pass.Report(d)
}

// chanName renders a channel expression for a message when it is a
// plain name or selector, else "the channel".
func chanName(e ast.Expr) string {
	switch e := apis.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			return id.Name + "." + e.Sel.Name
		}
	}
	return "the channel"
}

// findSend returns the send instruction of fn at arrow, or nil.
func findSend(fn *ssa.Function, arrow token.Pos) *ssa.Send {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if s, ok := instr.(*ssa.Send); ok && s.Pos() == arrow {
				return s
			}
		}
	}
	return nil
}

// findRecv returns the receive instruction of fn at arrow, or nil.
func findRecv(fn *ssa.Function, arrow token.Pos) *ssa.UnOp {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.ARROW && u.Pos() == arrow {
				return u
			}
		}
	}
	return nil
}

// localChan reports whether every channel ch can be is made by make in
// this package and never leaves the functions that made and share it
// (it is not stored in a field, returned, passed to a call, sent on a
// channel): then all its senders and receivers are in view. A channel
// that comes from elsewhere has its other side elsewhere, and whether
// that side can stop early is not known here. With unclosed, the
// channel must moreover never be closed: a receive from a channel its
// producer closes ends when the producer does.
func (c *checker) localChan(ch ssa.Value, unclosed bool) bool {
	set, ok := c.flow.roots(ch)
	if !ok || len(set) == 0 {
		return false
	}
	for r := range set {
		mk, ok := r.(*ssa.MakeChan)
		if !ok {
			return false
		}
		if ok, closed := chanmodel.Confined(mk); !ok || (unclosed && closed) {
			return false
		}
	}
	return true
}

// buffered reports whether send provably never blocks: every channel it
// can send on is made in this package with a buffer, and either the
// buffer's size is computed at run time (the idiom make(chan T, len(xs))
// sizes it for its senders; Conservative: trusted, not proved) or it is
// a constant at least the number of sends on that channel, none of which
// repeats (in a loop, or in a goroutine started in a loop).
func (c *checker) buffered(send *ssa.Send) bool {
	set, ok := c.flow.roots(send.Chan)
	if !ok || len(set) == 0 {
		return false
	}
	for r := range set {
		mk, ok := r.(*ssa.MakeChan)
		if !ok {
			return false
		}
		if c.drained(mk, send) {
			continue
		}
		k, isConst := mk.Size.(*ssa.Const)
		if !isConst {
			continue
		}
		n, exact := constant.Int64Val(constant.ToInt(k.Value))
		if !exact {
			return false
		}
		n += c.deferredReceives(mk, send)
		if n <= 0 {
			return false
		}
		// The sends of one function that can follow one another on a
		// path add up; sends on exclusive paths (errCh <- nil; return
		// versus errCh <- err) do not.
		perFn := map[*ssa.Function][]ssa.Instruction{}
		for _, fn := range c.fns {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					other, ok := instr.(*ssa.Send)
					if !ok {
						continue
					}
					if ors, ok := c.flow.roots(other.Chan); !ok || ors[mk] {
						if !ok || c.repeats(other, mk) {
							return false
						}
						perFn[fn] = append(perFn[fn], other)
					}
				}
			}
		}
		// This send blocks only when the buffer is full: when the sends
		// that can precede it in its own function, and all the sends of
		// the others, can fill it.
		count := int64(0)
		for fn, sends := range perFn {
			if fn == send.Parent() {
				count += int64(chanmodel.ChainEndingAt(sends, send))
			} else {
				n := chanmodel.MaxOnPath(sends, nil)
				if n == chanmodel.Many {
					return false
				}
				count += int64(n)
			}
		}
		if count > n {
			return false
		}
	}
	return true
}

// repeats reports whether instr can execute more than once per channel
// that mk makes: it is in a loop of its function, or its function is a
// closure created in a loop that does not remake the channel, or one
// that is not run exactly once by a go statement, errgroup.Group.Go or
// sync.WaitGroup.Go (a closure handed to other code can be called any
// number of times).
func (c *checker) repeats(instr ssa.Instruction, mk *ssa.MakeChan) bool {
	fn := instr.Parent()
	if fn == mk.Parent() {
		return reachable(instr, instr, mk)
	}
	if ssautil.Reaches(instr.Block(), instr.Block()) || fn.Parent() == nil {
		return true
	}
	mcs := c.flow.makeClosures(fn)
	if len(mcs) != 1 || !spawnedOnce(mcs[0]) {
		return true
	}
	return c.repeats(mcs[0], mk)
}

// spawnedOnce reports whether the closure mc makes is used only to be
// started once as a goroutine.
func spawnedOnce(mc *ssa.MakeClosure) bool {
	rs := ssautil.Referrers(mc)
	if len(rs) != 1 {
		return false
	}
	switch r := rs[0].(type) {
	case *ssa.Go:
		return r.Call.Value == mc
	case *ssa.Call:
		return apis.GoMethodFunc(r.Common()) == mc
	}
	return false
}

// deferredReceives counts the receives from mk that the function making
// it guarantees to the goroutine sending send: receives of its own that
// are not in a loop and lie on every path from the goroutine's start to
// an exit (a return, a panic, t.Fatal and the like), and deferred calls
// of a function that receives from the channel in its entry block,
// registered on every path from the start to a return. The spawner then cannot leave without
// taking the goroutine's value (the done <- true ... <-done idiom, and
// tools' go/packages, which collects its sizes goroutine's error in a
// deferred function).
func (c *checker) deferredReceives(mk *ssa.MakeChan, send *ssa.Send) int64 {
	owner := mk.Parent()
	start := c.startIn(owner, send.Parent())
	if start == nil {
		return 0
	}
	rets, leaves := returns(owner), c.exits(owner)
	// guaranteed reports whether at lies on every path from the start
	// to one of ends.
	guaranteed := func(at ssa.Instruction, ends []ssa.Instruction) bool {
		if !reachable(start, at, nil) {
			return false
		}
		for _, r := range ends {
			if reachableAvoiding(start, r, func(i ssa.Instruction) bool { return i == at || c.stopsTest(i) }) {
				return false
			}
		}
		return true
	}
	count := int64(0)
	for _, b := range owner.Blocks {
		if ssautil.Reaches(b, b) {
			continue
		}
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Defer:
				// Deferred calls run on returns, panics and
				// runtime.Goexit alike.
				if c.receivesFirst(x.Call.Value, mk) && guaranteed(x, rets) {
					count++
				}
			case *ssa.UnOp:
				if x.Op == token.ARROW && c.flow.only(x.X, mk) && guaranteed(x, leaves) {
					count++
				}
			case *ssa.Select:
				if c.receivesOrStops(x, mk, leaves) && guaranteed(x, leaves) {
					count++
				}
			}
		}
	}
	return count
}

// receivesOrStops reports whether sel is a blocking select with one case
// receiving from mk and other cases that all end in a call that stops
// the test or the process (see stopsTest) before any of exits:
//
//	select {
//	case res = <-resCh:
//	case <-ctx.Done():
//		t.Fatal("timed out")
//	}
//
// Past such a select the spawner has received, or the test has stopped,
// so it counts as a receive.
func (c *checker) receivesOrStops(sel *ssa.Select, mk *ssa.MakeChan, exits []ssa.Instruction) bool {
	if !sel.Blocking {
		return false
	}
	recv := -1
	for i, st := range sel.States {
		if st.Dir == types.RecvOnly && c.flow.only(st.Chan, mk) {
			if recv >= 0 {
				return false
			}
			recv = i
		}
	}
	if recv < 0 {
		return false
	}
	// The chosen case is component 0 of the select's tuple; each case
	// body is the true branch of an if on index == i.
	bodies := make(map[int]*ssa.BasicBlock)
	for _, r := range ssautil.Referrers(sel) {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 0 {
			continue
		}
		for _, r := range ssautil.Referrers(ex) {
			eq, ok := r.(*ssa.BinOp)
			if !ok || eq.Op != token.EQL {
				continue
			}
			k, ok := eq.Y.(*ssa.Const)
			if !ok || k.Value == nil {
				continue
			}
			idx, exact := constant.Int64Val(k.Value)
			if !exact {
				continue
			}
			for _, r := range ssautil.Referrers(eq) {
				if iff, ok := r.(*ssa.If); ok && iff.Cond == eq && len(iff.Block().Succs) == 2 {
					bodies[int(idx)] = iff.Block().Succs[0]
				}
			}
		}
	}
	for i := range sel.States {
		if i == recv {
			continue
		}
		body, ok := bodies[i]
		if !ok || len(body.Instrs) == 0 {
			return false
		}
		first := body.Instrs[0]
		if c.stopsTest(first) {
			continue
		}
		for _, e := range exits {
			if e == first || reachableAvoiding(first, e, c.stopsTest) {
				return false
			}
		}
	}
	return true
}

// drained reports whether the function making mk ranges over it, on
// every path from the start of the goroutine sending send to an exit,
// in a loop that only ends when the channel is closed (no break, return
// or goto leaves it). Every value sent is then received: the spawner
// cannot leave before the channel is closed, and a send after the close
// panics rather than blocks. This is the fan-in idiom of goroutines
// sending results to a channel that a WaitGroup-guarded goroutine closes.
func (c *checker) drained(mk *ssa.MakeChan, send *ssa.Send) bool {
	owner := mk.Parent()
	start := c.startIn(owner, send.Parent())
	if start == nil {
		return false
	}
	rets := c.exits(owner)
	for _, b := range owner.Blocks {
		for _, instr := range b.Instrs {
			u, ok := instr.(*ssa.UnOp)
			if !ok || u.Op != token.ARROW || !u.CommaOk || !c.flow.only(u.X, mk) {
				continue
			}
			closed := closedExit(u)
			if closed == nil || len(closed.Instrs) == 0 || !reachable(start, u, nil) {
				continue
			}
			all := true
			for _, r := range rets {
				// A return in the exit block itself is only reached
				// through its entry.
				if r.Block() != closed && reachableAvoiding(start, r, func(i ssa.Instruction) bool { return i == closed.Instrs[0] || c.stopsTest(i) }) {
					all = false
				}
			}
			if all {
				return true
			}
		}
	}
	return false
}

// closedExit returns the block that the comma-ok receive u branches to
// when the channel is closed, if that block is entered from nowhere else
// (a range loop over a channel with no break), or nil.
func closedExit(u *ssa.UnOp) *ssa.BasicBlock {
	for _, r := range ssautil.Referrers(u) {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 1 {
			continue
		}
		for _, r := range ssautil.Referrers(ex) {
			if iff, ok := r.(*ssa.If); ok && iff.Cond == ex && len(iff.Block().Succs) == 2 {
				exit := iff.Block().Succs[1]
				if len(exit.Preds) == 1 {
					return exit
				}
			}
		}
	}
	return nil
}

// startIn returns the instruction of owner that starts the code of fn: the
// MakeClosure of the outermost closure on the way from fn up to owner,
// each created at a single site; nil if fn is owner or that is not known.
func (c *checker) startIn(owner, fn *ssa.Function) *ssa.MakeClosure {
	var mc *ssa.MakeClosure
	for fn != owner {
		if fn == nil || fn.Parent() == nil {
			return nil
		}
		mcs := c.flow.makeClosures(fn)
		if len(mcs) != 1 {
			return nil
		}
		mc = mcs[0]
		fn = fn.Parent()
	}
	return mc
}

// exits returns the instructions at which fn can leave while the
// goroutines it started live on: its returns, its panics, and its calls
// of runtime.Goexit. Calls that end the process (os.Exit, log.Fatal) or
// stop the test (t.Fatal, t.FailNow, t.Skip, testify's require and
// assert.FailNow, and the package's helpers that do so on every path,
// see summary.TestFail) are not exits here, and the paths through them
// are not followed (see stopsTest): a goroutine left blocked behind them
// is harmless, since the process ends or the test has already failed or
// been skipped, and the test binary ends soon after.
func (c *checker) exits(fn *ssa.Function) []ssa.Instruction {
	out := returns(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Panic:
				out = append(out, instr)
			case *ssa.Call:
				callee := apis.SSACalleeFunc(instr.Common())
				if callee != nil && callee.Pkg() != nil && callee.Pkg().Path() == "runtime" && callee.Name() == "Goexit" {
					out = append(out, instr)
				}
			}
		}
	}
	return out
}

// stopsTest reports whether instr is a call that ends the process or
// stops the test (see exits): apis.NoReturn but runtime.Goexit, and the
// package's helpers that stop the test on every path. The paths through
// it lead nowhere that matters.
func (c *checker) stopsTest(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	fn := apis.SSACalleeFunc(call.Common())
	if fn == nil || (fn.Pkg() != nil && fn.Pkg().Path() == "runtime" && fn.Name() == "Goexit") {
		return false
	}
	return c.testFail.Stops(fn)
}

// returns returns the return instructions of fn.
func returns(fn *ssa.Function) []ssa.Instruction {
	var rets []ssa.Instruction
	for _, b := range fn.Blocks {
		if n := len(b.Instrs); n > 0 {
			if r, ok := b.Instrs[n-1].(*ssa.Return); ok {
				rets = append(rets, r)
			}
		}
	}
	return rets
}

// receivesFirst reports whether the function value f (a function or a
// closure) receives from mk in its entry block, which every call runs.
func (c *checker) receivesFirst(f ssa.Value, mk *ssa.MakeChan) bool {
	var fn *ssa.Function
	switch f := f.(type) {
	case *ssa.Function:
		fn = f
	case *ssa.MakeClosure:
		fn, _ = f.Fn.(*ssa.Function)
	}
	if fn == nil || len(fn.Blocks) == 0 {
		return false
	}
	for _, instr := range fn.Blocks[0].Instrs {
		if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.ARROW {
			if set, ok := c.flow.roots(u.X); ok && len(set) == 1 && set[mk] {
				return true
			}
		}
	}
	return false
}

// commaOk reports whether the receive is the right-hand side of a
// two-value assignment (v, ok := <-ch), the form that handles a closed
// channel.
func commaOk(stack []ast.Node, recv *ast.UnaryExpr) bool {
	if len(stack) == 0 {
		return false
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.AssignStmt:
		return len(p.Lhs) == 2 && len(p.Rhs) == 1 && p.Rhs[0] == recv
	case *ast.ValueSpec:
		return len(p.Names) == 2 && len(p.Values) == 1 && p.Values[0] == recv
	}
	return false
}

// signalChannel reports whether the receive waits for a signal rather
// than for data: a channel of struct{} (a done or ready channel, which
// is how code without a context offers cancellation), the Done channel
// of a context, or a timer's channel, which fires by itself.
func (c *checker) signalChannel(fn *ssa.Function, recv *ast.UnaryExpr) bool {
	t := c.pass.TypesInfo.TypeOf(recv.X)
	if ch, ok := t.Underlying().(*types.Chan); ok {
		if st, ok := ch.Elem().Underlying().(*types.Struct); ok && st.NumFields() == 0 {
			return true
		}
	}
	if call, ok := apis.Unparen(recv.X).(*ast.CallExpr); ok {
		if sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" && apis.IsContext(c.pass.TypesInfo.TypeOf(sel.X)) {
			return true
		}
		if fn := apis.CalleeFunc(c.pass.TypesInfo, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == apis.TimePath {
			return true // time.After, time.Tick
		}
	}
	if sel, ok := apis.Unparen(recv.X).(*ast.SelectorExpr); ok {
		if apis.IsNamedType(c.pass.TypesInfo.TypeOf(sel.X), apis.TimePath, "Timer") || apis.IsNamedType(c.pass.TypesInfo.TypeOf(sel.X), apis.TimePath, "Ticker") {
			return true
		}
	}
	return false
}

// innermostLoop returns the innermost for or range statement of stack.
func innermostLoop(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return stack[i]
		}
	}
	return nil
}

// checksCancellation reports whether the loop looks at a cancellation
// signal on each iteration: it calls Done or Err on a context, or
// receives from a signal channel (in a select or not).
func (c *checker) checksCancellation(loop ast.Node) bool {
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if sel, ok := apis.Unparen(x.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Done" || sel.Sel.Name == "Err") && apis.IsContext(c.pass.TypesInfo.TypeOf(sel.X)) {
				found = true
			}
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				if ch, ok := c.pass.TypesInfo.TypeOf(x.X).Underlying().(*types.Chan); ok {
					if st, ok := ch.Elem().Underlying().(*types.Struct); ok && st.NumFields() == 0 {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// stmtInList reports whether the statement whose parent is stack's top
// is an element of a statement list, so that it can be replaced by
// another statement (not, say, the post statement of a for loop).
func stmtInList(stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	switch stack[len(stack)-1].(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		return true
	}
	return false
}

// canReturn reports whether a bare return in the goroutine's body ends
// the goroutine correctly: its function has no results.
func (c *checker) canReturn(s spawn) bool {
	sig, ok := c.pass.TypesInfo.TypeOf(s.lit).(*types.Signature)
	return ok && sig.Results().Len() == 0
}

// selectSendFix wraps the send statement in a select that also returns
// when the context in scope is done.
func (c *checker) selectSendFix(s spawn, send *ast.SendStmt, stack []ast.Node) *analysis.SuggestedFix {
	if !c.canReturn(s) || !stmtInList(stack) || !c.resolvesTo(s.ctx.Name(), send.Pos(), s.ctx) {
		return nil
	}
	return sendOrDoneFix(c.pass, send, s.ctx.Name())
}

// sendOrDoneFix replaces the send statement by a select that makes the
// send or returns once the context named ctx is done; nil when the
// source cannot be read. The caller proves that the return is right.
func sendOrDoneFix(pass *analysis.Pass, send *ast.SendStmt, ctx string) *analysis.SuggestedFix {
	text := analysisutil.Source(pass, send)
	if text == "" {
		return nil
	}
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Select on %s.Done() as well", ctx),
		TextEdits: []analysis.TextEdit{{
			Pos:     send.Pos(),
			End:     send.End(),
			NewText: fmt.Appendf(nil, "select {\ncase %s:\ncase <-%s.Done():\n\treturn\n}", text, ctx),
		}},
	}
}

// sleepFix replaces a time.Sleep(d) statement by a select on
// time.After(d) and the context's Done channel.
func (c *checker) sleepFix(s spawn, call *ast.CallExpr, stack []ast.Node) *analysis.SuggestedFix {
	if len(stack) == 0 || len(call.Args) != 1 {
		return nil
	}
	stmt, ok := stack[len(stack)-1].(*ast.ExprStmt)
	if !ok || !c.canReturn(s) || !stmtInList(stack[:len(stack)-1]) || !c.resolvesTo(s.ctx.Name(), call.Pos(), s.ctx) {
		return nil
	}
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	if pn, ok := c.pass.TypesInfo.Uses[pkg].(*types.PkgName); !ok || pn.Imported().Path() != apis.TimePath {
		return nil
	}
	arg := analysisutil.Source(c.pass, call.Args[0])
	if arg == "" {
		return nil
	}
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Select on %s.After and %s.Done()", pkg.Name, s.ctx.Name()),
		TextEdits: []analysis.TextEdit{{
			Pos:     stmt.Pos(),
			End:     stmt.End(),
			NewText: fmt.Appendf(nil, "select {\ncase <-%s.After(%s):\ncase <-%s.Done():\n\treturn\n}", pkg.Name, arg, s.ctx.Name()),
		}},
	}
}
