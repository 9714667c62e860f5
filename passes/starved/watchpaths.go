package starved

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// This file prunes the watcher's returns that cannot leave the function
// which started it blocked at its wait, for reasons the paths of the two
// functions show together: the function stops before the wait, waits
// first for something the watcher does not do on that path, or the
// watcher's path is the failure of a call on a resource the function
// closes only after the wait.

// stopsBefore reports whether a path from just after start reaches,
// before wait, a call that does not return (t.Fatal, t.FailNow, t.Skip,
// log.Fatal, os.Exit, require's assertions, a helper of the package
// that stops on every path) or a panic. Which of the function's checks
// depend on the goroutine (a handshake read under a deadline, a dial of
// the address it listens on) is not known, so any such exit counts as
// one the goroutine's failure may take, like a return before the wait.
func (c *checker) stopsBefore(start, wait ssa.Instruction) bool {
	found := false
	walkFrom(start, map[ssa.Instruction]bool{wait: true}, func(instr ssa.Instruction) bool {
		switch instr := instr.(type) {
		case *ssa.Panic:
			found = true
		case *ssa.Call:
			if fn := apis.SSACalleeFunc(instr.Common()); fn != nil && (c.testFail.Stops(fn) || apis.NoReturn(fn)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// walkFrom calls visit on the instructions that a path from just after
// start runs before it meets one of barriers, each once, until visit
// returns false.
func walkFrom(start ssa.Instruction, barriers map[ssa.Instruction]bool, visit func(ssa.Instruction) bool) {
	seen := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	scan := func(b *ssa.BasicBlock, from int) bool {
		for _, instr := range b.Instrs[from:] {
			if barriers[instr] {
				return true
			}
			if !visit(instr) {
				return false
			}
		}
		stack = append(stack, b.Succs...)
		return true
	}
	if !scan(start.Block(), ssautil.IndexOf(start)+1) {
		return
	}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		if !scan(x, 0) {
			return
		}
	}
}

// reachesAvoiding reports whether a path from just after start runs to
// without first running an instruction of barriers.
func reachesAvoiding(start, to ssa.Instruction, barriers map[ssa.Instruction]bool) bool {
	found := false
	walkFrom(start, barriers, func(instr ssa.Instruction) bool {
		found = instr == to
		return !found
	})
	return found
}

// firstWaits returns, for each other channel that fn makes and waits for
// the same watcher to answer on (a watch of its own, see watched), with
// a wait that every path from the watcher's start to wt's wait passes,
// the instructions of the watcher that answer that wait: its closes
// when fn ranges over the channel, its sends and closes otherwise. Such
// a wait holds fn until the watcher answers it, so a return of the
// watcher reached without that answer leaves fn blocked there, not at
// wt's wait (for range ch, then <-done, with close(ch) before the send
// on done). ok is false when one of those channels' uses in the watcher
// is not understood: nothing is then known about where fn is held.
func (c *checker) firstWaits(fn *ssa.Function, wt *watch) (answers []map[ssa.Instruction]bool, ok bool) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			mk, isMake := instr.(*ssa.MakeChan)
			if !isMake || mk == wt.mk {
				continue
			}
			other := watched(fn, mk)
			if other == nil || other.w.gostmt != wt.w.gostmt || other.w.fn != wt.w.fn {
				continue
			}
			if reachesAvoiding(wt.w.gostmt, wt.wait, map[ssa.Instruction]bool{other.wait: true}) {
				continue // fn can reach wt's wait without this one
			}
			var sig map[ssa.Instruction]bool
			var sok bool
			if other.ranged {
				sig, sok = c.model.Closers(other.w.fn, other.w.v, other.w.indirect)
			} else {
				sig, sok = c.model.Signalers(other.w.fn, other.w.v, other.w.indirect)
			}
			if !sok {
				return nil, false
			}
			answers = append(answers, sig)
		}
	}
	return answers, true
}

// heldEarlier reports whether the watcher's return r can be reached
// without answering one of the waits that hold fn before its own (see
// firstWaits): barriers are the instructions after which the channel of
// the wait is answered. Such a return is not reported: on the path that
// reaches it fn does not get to the wait the report would name.
func heldEarlier(g *ssa.Function, r *ssa.Return, barriers map[ssa.Instruction]bool, answers []map[ssa.Instruction]bool) bool {
	for _, a := range answers {
		for _, x := range chanmodel.EntryReturnsAvoiding(g, maps(barriers, a)) {
			if x == r {
				return true
			}
		}
	}
	return false
}

// failsByClose reports whether every path of the watcher to its return
// r goes through the failure branch (err != nil) of a call on a
// resource that the function which started it hands it and closes only
// after its wait (defer ln.Close(), or a Close every path to which
// passes the wait): ln.Accept in the watcher, failing once the
// listener is closed. The failure that leads to r is then taken to be
// that close, which comes after the wait, not a failure the wait would
// miss. Conservative: a resource that fails for another reason while
// open (an Accept out of file descriptors) is not told apart.
func failsByClose(fn *ssa.Function, wt *watch, r *ssa.Return) bool {
	g := wt.w.fn
	for _, b := range g.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		call, fail := errorCheck(iff)
		if call == nil || len(fail.Preds) != 1 || !fail.Dominates(r.Block()) {
			continue
		}
		res := resourceOf(call.Common())
		if res == nil {
			continue
		}
		if v, cell := spawnerValue(fn, wt.w, res); v != nil && closedAfter(fn, v, cell, wt.wait) {
			return true
		}
	}
	return false
}

// errorCheck returns the call whose error result the If tests against
// nil, and the successor it takes when the error is not nil.
func errorCheck(iff *ssa.If) (*ssa.Call, *ssa.BasicBlock) {
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) {
		return nil, nil
	}
	x, y := cmp.X, cmp.Y
	if c, ok := x.(*ssa.Const); ok && c.IsNil() {
		x, y = y, x
	}
	if c, ok := y.(*ssa.Const); !ok || !c.IsNil() || !apis.IsError(x.Type()) {
		return nil, nil
	}
	var call *ssa.Call
	switch x := x.(type) {
	case *ssa.Call: // err := s.Wait()
		call = x
	case *ssa.Extract: // v, err := ln.Accept()
		c, ok := x.Tuple.(*ssa.Call)
		if !ok {
			return nil, nil
		}
		if t, ok := c.Type().(*types.Tuple); !ok || x.Index != t.Len()-1 {
			return nil, nil
		}
		call = c
	default:
		return nil, nil
	}
	b := iff.Block()
	if cmp.Op == token.NEQ {
		return call, b.Succs[0]
	}
	return call, b.Succs[1]
}

// resourceOf returns the value a method call is made on: the interface
// of an invoke, or the receiver argument of a static method call.
func resourceOf(call *ssa.CallCommon) ssa.Value {
	if call.IsInvoke() {
		return call.Value
	}
	if fn := call.StaticCallee(); fn != nil && fn.Signature.Recv() != nil && len(call.Args) > 0 {
		return call.Args[0]
	}
	return nil
}

// spawnerValue returns the value of fn that the goroutine w holds as v:
// the binding of a captured variable (the cell when cell is true), or
// the argument of the go statement for a parameter.
func spawnerValue(fn *ssa.Function, w *worker, v ssa.Value) (val ssa.Value, cell bool) {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		v, cell = u.X, true
	}
	switch v := v.(type) {
	case *ssa.FreeVar:
		mc := closureOf(fn, w.fn)
		if mc == nil {
			return nil, false
		}
		for i, fv := range w.fn.FreeVars {
			if fv == v {
				b := mc.Bindings[i]
				if _, isCell := b.(*ssa.Alloc); isCell != cell {
					return nil, false
				}
				return b, cell
			}
		}
	case *ssa.Parameter:
		g, ok := w.gostmt.(*ssa.Go)
		if !ok || cell || g.Call.StaticCallee() != w.fn {
			return nil, false
		}
		for i, p := range w.fn.Params {
			if p == v && i < len(g.Call.Args) {
				return g.Call.Args[i], false
			}
		}
	}
	return nil, false
}

// closureOf returns fn's one MakeClosure of the function literal g, or
// nil.
func closureOf(fn, g *ssa.Function) *ssa.MakeClosure {
	var found *ssa.MakeClosure
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == g {
				if found != nil {
					return nil
				}
				found = mc
			}
		}
	}
	return found
}

// closedAfter reports whether fn closes the resource held by v (loaded
// from the cell v when cell is true), by its io.Closer Close method,
// and does so only after wait: in a defer, or in a call every path to
// which passes wait.
func closedAfter(fn *ssa.Function, v ssa.Value, cell bool, wait ssa.Instruction) bool {
	closes := 0
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			res := resourceOf(call.Common())
			if res == nil {
				continue
			}
			if cell {
				u, ok := res.(*ssa.UnOp)
				if !ok || u.Op != token.MUL || u.X != v {
					continue
				}
			} else if res != v {
				continue
			}
			m := call.Common().Method
			if !call.Common().IsInvoke() {
				m, _ = call.Common().StaticCallee().Object().(*types.Func)
			}
			if !apis.IsCloserClose(m) {
				continue
			}
			switch instr.(type) {
			case *ssa.Defer:
			case *ssa.Call:
				if chanmodel.Reached(instr, map[ssa.Instruction]bool{wait: true}) {
					return false // closed before the wait on some path
				}
			default:
				return false // closed by a goroutine
			}
			closes++
		}
	}
	return closes > 0
}
