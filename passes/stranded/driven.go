package stranded

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// dataDriven reports whether every blocking send on a cycle of the
// goroutine function fn sits in a loop whose number of iterations
// depends on data the check cannot see: a loop without condition (for {
// n, err := read(); ...; ch <- n }), a condition that calls a function or
// receives (for sc.Scan()), or a range over a channel or an iterator
// function. How many such sends there are is fixed by a protocol the
// check does not model (a peer's replies, the requests of a
// request/reply worker), so it assumes only the first. The same holds
// for a send that its loop passes only on some iterations, behind a
// filter (see filtered). A loop over a slice, map, string or integer, or
// with a condition over plain values, that sends on every iteration may
// send any number of times and is counted as such.
func dataDriven(info *types.Info, fn *ssa.Function, sum sendSummary) bool {
	return drivenIn(info, fn, sum, 0)
}

// drivenIn is dataDriven, looking depth calls deep into the functions
// the goroutine hands the channel to: a helper that sends behind a
// filter (go func() { find(ch, xs, id) }()) is driven as its caller
// would be.
func drivenIn(info *types.Info, fn *ssa.Function, sum sendSummary, depth int) bool {
	syn := fn.Syntax()
	if syn == nil || len(sum.Blocking) == 0 {
		return false
	}
	var loops []ast.Stmt
	ast.Inspect(syn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == syn // loops of nested literals are theirs
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n.(ast.Stmt))
		}
		return true
	})
	cyclic := 0
	var ssaLoops []*loop
	for _, b := range sum.Blocking {
		if !chanmodel.CanRunAfter(b, b) {
			// Not on a cycle: its own sends, if it calls a helper that
			// may make many, decide.
			if callee, sub, ok := sum.Callee(b); ok && sub.Max == many {
				if depth >= 3 || !drivenIn(info, callee, sub, depth+1) {
					return false
				}
				cyclic++
			}
			continue
		}
		cyclic++
		pos := b.Pos()
		var inner ast.Stmt // the innermost loop holding the send
		for _, l := range loops {
			if l.Pos() <= pos && pos < l.End() && (inner == nil || inner.Pos() <= l.Pos() && l.End() <= inner.End()) {
				inner = l
			}
		}
		if inner != nil && drivenLoop(info, inner) {
			continue
		}
		if ssaLoops == nil {
			ssaLoops = loopsOf(fn)
		}
		if !filtered(ssaLoops, b) {
			return false
		}
	}
	return cyclic > 0
}

// filtered reports whether the send b, on a cycle, is conditional in the
// innermost loop that repeats it: some iteration of that loop can go
// round without passing b (if x.ID == id { ch <- x }, or a continue
// before it). How many iterations pass the test is fixed by the data (an
// id that is unique, a filter that matches once), which the check cannot
// see. A send followed on every path by leaving its loop (a break, a
// return or a goto out) is not repeated by that loop at all: the loop
// that repeats it, if any, is an enclosing one.
func filtered(loops []*loop, b ssa.Instruction) bool {
	var inner *loop
	for _, l := range loops {
		if l.body[b.Block()] && (inner == nil || len(l.body) < len(inner.body)) {
			inner = l
		}
	}
	if inner == nil {
		return false
	}
	for latch := range inner.latches {
		if !b.Block().Dominates(latch) {
			return true
		}
	}
	return false
}

// drivenLoop reports whether the loop statement l iterates a number of
// times that depends on data the check cannot see.
func drivenLoop(info *types.Info, l ast.Stmt) bool {
	switch l := l.(type) {
	case *ast.ForStmt:
		if l.Cond == nil {
			return true
		}
		driven := false
		ast.Inspect(l.Cond, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
					if _, builtin := info.Uses[id].(*types.Builtin); builtin {
						return true // len, cap, min, max: plain values
					}
				}
				if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
					return true // a conversion
				}
				driven = true
			case *ast.UnaryExpr:
				driven = driven || n.Op == token.ARROW
			}
			return !driven
		})
		return driven
	case *ast.RangeStmt:
		t := info.TypeOf(l.X)
		if t == nil {
			return false
		}
		switch t.Underlying().(type) {
		case *types.Chan, *types.Signature:
			return true
		}
	}
	return false
}

// rangeGate returns, for a goroutine function fn whose only blocking
// send is in a range loop over a channel it is given (an input: a
// parameter or free variable, see goInputs), the index of that input:
// each send answers one value received from the channel, so the sends
// are bounded by what the spawner sends on it (a request/reply worker:
// for req := range reqs { replies <- do(req) }). It returns -1 otherwise.
func rangeGate(info *types.Info, fn *ssa.Function, sum sendSummary, inputs []ssa.Value) int {
	if len(sum.Blocking) != 1 || !chanmodel.CanRunAfter(sum.Blocking[0], sum.Blocking[0]) {
		return -1
	}
	send := sum.Blocking[0]
	syn := fn.Syntax()
	if syn == nil {
		return -1
	}
	var rng *ast.RangeStmt
	ast.Inspect(syn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == syn
		case *ast.ForStmt:
			if within(n, send.Pos()) {
				rng = nil // an inner loop of another kind
			}
		case *ast.RangeStmt:
			if within(n, send.Pos()) {
				rng = n
			}
		}
		return true
	})
	if rng == nil {
		return -1
	}
	if _, ok := types.Unalias(info.TypeOf(rng.X)).Underlying().(*types.Chan); !ok {
		return -1
	}
	// The loop's receive: the one SSA receive positioned at the range.
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			u, ok := instr.(*ssa.UnOp)
			if !ok || u.Op != token.ARROW || !within(rng, u.Pos()) || within(rng.Body, u.Pos()) {
				continue
			}
			x := innerRoot(u.X)
			for i, in := range inputs {
				if in == x {
					return i
				}
			}
		}
	}
	return -1
}
