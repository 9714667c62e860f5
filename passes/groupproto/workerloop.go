package groupproto

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
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// A worker that ranges over a channel and calls Done once per item is
// counted per item, not per goroutine: for j := range jobs { ...;
// wg.Done() }, fed by wg.Add(1); jobs <- x. A continue (or a return) in
// the loop that skips the Done leaves the item counted, and Wait blocks
// forever. The rule reports it only when the count is provably one per
// item: every Add of the group is an Add(1) followed, in the same block,
// by a send on the worker's channel, every send on that channel is such
// a pair, the channel is used only by sends, receives, close and the
// goroutines it is handed to, and every Done of the group sits in the
// worker's range loop.

// A chanUses is every use of a channel made by make in the group's
// function, followed through local variables, closures and go
// statements.
type chanUses struct {
	sends   []*ssa.Send
	recvs   map[*ssa.UnOp]bool
	escapes bool
	seen    map[ssa.Value]bool
}

// walkChan follows v, the channel or (indirect) the address of a local
// variable holding it.
func (u *chanUses) walkChan(v ssa.Value, indirect bool) {
	if u.seen[v] || u.escapes {
		return
	}
	u.seen[v] = true
	for _, ref := range ssautil.Referrers(v) {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			switch {
			case indirect && ref.Op == token.MUL:
				u.walkChan(ref, false)
			case !indirect && ref.Op == token.ARROW:
				u.recvs[ref] = true
			default:
				u.escapes = true
			}
		case *ssa.Store:
			if indirect && ref.Addr == v && u.seen[ref.Val] {
				continue // the variable's one assignment, of the channel
			}
			cell, ok := ref.Addr.(*ssa.Alloc)
			if indirect || !ok || ref.Val != v {
				u.escapes = true // Conservative: stored in a field, or reassigned
				continue
			}
			u.walkChan(cell, true)
		case *ssa.Send:
			if indirect || ref.Chan != v || ref.X == v {
				u.escapes = true
				continue
			}
			u.sends = append(u.sends, ref)
		case *ssa.ChangeType:
			if indirect {
				u.escapes = true
				continue
			}
			u.walkChan(ref, false) // chan T to <-chan T
		case *ssa.MakeClosure:
			fn, _ := ref.Fn.(*ssa.Function)
			if fn == nil {
				u.escapes = true
				continue
			}
			for i, b := range ref.Bindings {
				if b == v && i < len(fn.FreeVars) {
					u.walkChan(fn.FreeVars[i], indirect)
				}
			}
		case *ssa.Go:
			callee := ref.Call.StaticCallee()
			if indirect || ref.Call.IsInvoke() || callee == nil || callee.Blocks == nil || ref.Call.Value == v {
				u.escapes = true
				continue
			}
			for i, a := range ref.Call.Args {
				if a == v && i < len(callee.Params) {
					u.walkChan(callee.Params[i], false)
				}
			}
		case *ssa.Call:
			// close(ch), len(ch), cap(ch); any other call may send.
			b, ok := ref.Call.Value.(*ssa.Builtin)
			if indirect || !ok || (b.Name() != "close" && b.Name() != "len" && b.Name() != "cap") {
				u.escapes = true
			}
		default:
			u.escapes = true // Conservative: select, phi, returned, passed on
		}
	}
}

// workerContinue reports the continue and return statements of a
// worker's range loop that skip its per-item Done.
func (c *checker) workerContinue(g *group) {
	if g.errgroup || len(g.escapes) > 0 {
		return
	}
	var worker *frame
	var dones []groupCall
	var adds []groupCall
	waited := false
	for _, gc := range g.calls {
		switch gc.api {
		case apis.WaitGroupDone:
			if gc.deferred || gc.fr.kind != runGoStmt || (worker != nil && gc.fr != worker) {
				return
			}
			worker = gc.fr
			dones = append(dones, gc)
		case apis.WaitGroupAdd:
			if gc.deferred || len(gc.common.Args) != 2 || !isOne(gc.common.Args[1]) {
				return
			}
			adds = append(adds, gc)
		case apis.WaitGroupWait:
			waited = true
		default:
			return // wg.Go: another protocol
		}
	}
	if worker == nil || len(adds) == 0 || !waited {
		return
	}
	// The loop over a channel that holds every Done.
	var head *ssa.BasicBlock
	var recv *ssa.UnOp
	loops := loopsOf(worker.fn)
	for _, l := range loops {
		r := rangeRecv(l.header)
		if r == nil {
			continue
		}
		all := true
		for _, d := range dones {
			all = all && l.body[d.instr.Block()] && d.instr.Block() != l.header
		}
		if all && (head == nil || loopOf(loops, head).body[l.header]) {
			head, recv = l.header, r // the innermost such loop
		}
	}
	if recv == nil {
		return
	}
	// A Done in a loop nested in the range loop counts something else.
	for _, l := range loops {
		for _, d := range dones {
			if l.header != head && loopOf(loops, head).body[l.header] && l.body[d.instr.Block()] {
				return
			}
		}
	}
	mc := makeChanOf(recv.X, worker)
	if mc == nil {
		return
	}
	u := &chanUses{recvs: make(map[*ssa.UnOp]bool), seen: make(map[ssa.Value]bool)}
	u.walkChan(mc, false)
	if u.escapes || !u.recvs[recv] || len(u.sends) == 0 || !addPerSend(adds, u.sends) {
		return
	}
	rng := rangeStmtOf(c.pass.TypesInfo, worker.fn, dones)
	if rng == nil {
		return
	}
	for _, s := range skipsDone(rng, dones) {
		pos := s.Pos()
		if c.reported[pos] {
			continue
		}
		c.reported[pos] = true
		what := "continue"
		if _, isRet := s.(*ast.ReturnStmt); isRet {
			what = "return"
		}
		name := c.recvText(dones[0].instr)
		if name == "" {
			name = "the WaitGroup"
		}
		c.pass.Report(analysis.Diagnostic{
			Pos:      s.Pos(),
			End:      s.End(),
			Category: catMissingDone,
			Message: fmt.Sprintf("%s without sync.WaitGroup.Done on %s: each item the worker receives is counted by an Add, so Wait blocks forever once this path is taken",
				what, name),
			Related: []analysis.RelatedInformation{
				{Pos: adds[0].instr.Pos(), Message: "counted here, one per item sent"},
				{Pos: dones[0].instr.Pos(), Message: "the item's Done"},
			},
		})
	}
}

// isOne reports whether v is the constant 1.
func isOne(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Compare(k.Value, token.EQL, constant.MakeInt64(1))
}

// loopOf returns the loop headed by h.
func loopOf(loops []*loop, h *ssa.BasicBlock) *loop {
	for _, l := range loops {
		if l.header == h {
			return l
		}
	}
	return nil
}

// rangeRecv returns the receive of a range over a channel whose loop
// header is b: b branches on the ok result of a comma-ok receive.
func rangeRecv(b *ssa.BasicBlock) *ssa.UnOp {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return nil
	}
	br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	ext, ok := br.Cond.(*ssa.Extract)
	if !ok || ext.Index != 1 {
		return nil
	}
	recv, ok := ext.Tuple.(*ssa.UnOp)
	if !ok || recv.Op != token.ARROW || !recv.CommaOk || recv.Block() != b {
		return nil
	}
	return recv
}

// makeChanOf returns the make(chan) that v, a channel in the worker,
// comes from: through the worker's parameters and free variables to the
// function that starts it, and local variables stored once.
func makeChanOf(v ssa.Value, fr *frame) *ssa.MakeChan {
	for range 8 {
		switch x := v.(type) {
		case *ssa.MakeChan:
			return x
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil
			}
			v = x.X
		case *ssa.Alloc:
			var val ssa.Value
			for _, ref := range ssautil.Referrers(x) {
				if st, ok := ref.(*ssa.Store); ok && st.Addr == x {
					if val != nil {
						return nil // assigned twice
					}
					val = st.Val
				}
			}
			if val == nil {
				return nil
			}
			v = val
		case *ssa.Parameter, *ssa.FreeVar:
			if fr == nil || fr.runner == nil {
				return nil
			}
			outer := outerValue(x, fr)
			if outer == nil {
				return nil
			}
			v, fr = outer, fr.parent
		default:
			return nil
		}
	}
	return nil
}

// outerValue returns the value the function fr.runner runs gives its
// parameter or free variable v.
func outerValue(v ssa.Value, fr *frame) ssa.Value {
	var common *ssa.CallCommon
	switch r := fr.runner.(type) {
	case *ssa.Go:
		common = r.Common()
	case *ssa.Call:
		common = r.Common()
	case *ssa.Defer:
		common = r.Common()
	default:
		return nil
	}
	switch v := v.(type) {
	case *ssa.Parameter:
		for i, p := range fr.fn.Params {
			if p == v && i < len(common.Args) {
				return common.Args[i]
			}
		}
	case *ssa.FreeVar:
		mc, ok := common.Value.(*ssa.MakeClosure)
		if !ok {
			return nil
		}
		for i, fv := range fr.fn.FreeVars {
			if fv == v && i < len(mc.Bindings) {
				return mc.Bindings[i]
			}
		}
	}
	return nil
}

// addPerSend reports whether the Adds and the sends pair up: in each
// block, every Add(1) is followed by one send before the next Add, and
// every send follows its own Add.
func addPerSend(adds []groupCall, sends []*ssa.Send) bool {
	isAdd := make(map[ssa.Instruction]bool)
	blocks := make(map[*ssa.BasicBlock]bool)
	for _, a := range adds {
		isAdd[a.instr] = true
		blocks[a.instr.Block()] = true
	}
	isSend := make(map[ssa.Instruction]bool)
	for _, s := range sends {
		isSend[s] = true
		blocks[s.Block()] = true
	}
	for b := range blocks {
		pending := false
		for _, instr := range b.Instrs {
			switch {
			case isAdd[instr]:
				if pending {
					return false
				}
				pending = true
			case isSend[instr]:
				if !pending {
					return false
				}
				pending = false
			}
		}
		if pending {
			return false
		}
	}
	return true
}

// rangeStmtOf returns the innermost range statement over a channel of
// fn's body that holds every Done call, or nil.
func rangeStmtOf(info *types.Info, fn *ssa.Function, dones []groupCall) *ast.RangeStmt {
	_, body := analysisutil.FuncBody(fn.Syntax())
	if body == nil {
		return nil
	}
	var found *ast.RangeStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.RangeStmt:
			if !isChanType(info, n.X) {
				return true
			}
			for _, d := range dones {
				if p := d.instr.Pos(); p < n.Body.Pos() || p >= n.Body.End() {
					return true
				}
			}
			found = n // inner ones are visited later
		}
		return true
	})
	return found
}

// skipsDone returns the continue and return statements of the range
// loop's body that are reached with no Done call of the group before
// them: none among the statements that precede them in each enclosing
// block, nor in the enclosing statements' other parts. Conservative: a
// Done in another branch that precedes the statement in the source
// counts as before it, and a body with labels or goto is left alone.
func skipsDone(rng *ast.RangeStmt, dones []groupCall) []ast.Stmt {
	donePos := make(map[token.Pos]bool)
	for _, d := range dones {
		donePos[d.instr.Pos()] = true
	}
	hasDone := func(lo, hi token.Pos) bool {
		for p := range donePos {
			if lo <= p && p < hi {
				return true
			}
		}
		return false
	}
	labels := false
	ast.Inspect(rng.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.LabeledStmt:
			labels = true
		case *ast.BranchStmt:
			if n.Tok == token.GOTO || n.Label != nil {
				labels = true
			}
		}
		return !labels
	})
	if labels {
		return nil
	}
	var out []ast.Stmt
	var visit func(n ast.Node, inLoop bool)
	visit = func(n ast.Node, inLoop bool) {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				if x != ast.Node(rng) {
					var body *ast.BlockStmt
					if f, ok := x.(*ast.ForStmt); ok {
						body = f.Body
					} else {
						body = x.(*ast.RangeStmt).Body
					}
					visit(body, true) // continue there targets the inner loop
					return false
				}
			case *ast.BranchStmt:
				if x.Tok == token.CONTINUE && !inLoop && !hasDone(rng.Body.Pos(), x.Pos()) {
					out = append(out, x)
				}
			case *ast.ReturnStmt:
				if !hasDone(rng.Body.Pos(), x.Pos()) {
					out = append(out, x)
				}
			}
			return true
		})
	}
	visit(rng.Body, false)
	return out
}
