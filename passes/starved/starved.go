package starved

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

//go:embed doc.go
var doc string

// Analyzer reports goroutines left blocked forever on a receive that
// nothing will satisfy.
var Analyzer = &analysis.Analyzer{
	Name:     "starved",
	Doc:      analysisutil.MustExtractDoc(doc, "starved"),
	URL:      "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/starved",
	Requires: []*analysis.Analyzer{fanout.Analyzer},
	Run:      run,
}

func init() {
	Analyzer.Flags.Bool("enable", false,
		"run starved: off by default until its precision is measured on code it was not tuned for (see its doc)")
}

// Diagnostic categories, one per kind of finding.
const (
	catUnclosed  = "unclosed"   // a return leaves range loops over a channel nobody closes
	catTicker    = "ticker"     // a goroutine ranges over a stopped ticker's channel
	catCancel    = "cancel"     // a goroutine waits for a cancel nobody calls
	catFieldRecv = "field-recv" // a receive from a field nothing sends on or closes
)

func run(pass *analysis.Pass) (any, error) {
	fo := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
	if fo.Empty() {
		return nil, nil
	}
	c := &checker{pass: pass, fo: fo, model: fo.Channels(), testFail: summary.NewTestFail(pass.Pkg, pass.Files, pass.TypesInfo)}
	c.checkFieldRecvs()
	for _, fn := range fo.Functions() {
		if fn.Blocks == nil || isGenerated(pass, fn.Pos()) || daemon(fn) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch v := instr.(type) {
				case *ssa.MakeChan:
					c.checkUnclosed(fn, v)
					c.checkWatcher(fn, v)
				case *ssa.Call:
					switch apis.SSACallee(v.Common()) {
					case apis.TimeNewTicker:
						c.checkTicker(fn, v)
					case apis.ContextWithCancel, apis.ContextWithCancelCause:
						c.checkCancel(fn, v)
					}
				}
			}
		}
	}
	return nil, nil
}

// checker holds the state of one pass.
type checker struct {
	pass     *analysis.Pass
	fo       *fanout.Result
	model    *chanmodel.Model
	testFail *summary.TestFail // which calls fail or stop a test

	fieldReads map[*types.Var]bool // the fields read anywhere in the package, made on first use
	reported   map[token.Pos]bool  // watcher returns already reported
}

// daemon reports whether fn runs for the program's life or once per
// program: main.main, an init function, or a function literal inside
// one, or a function literal run by sync.Once.Do. Goroutines it starts
// are meant to outlive whatever they wait for.
func daemon(fn *ssa.Function) bool {
	for f := fn; f != nil; f = f.Parent() {
		if p := f.Parent(); p != nil && runByOnce(p, f) {
			return true
		}
		if f.Parent() == nil {
			obj, ok := f.Object().(*types.Func)
			if !ok || obj.Type().(*types.Signature).Recv() != nil {
				return false
			}
			if obj.Name() == "init" || (obj.Name() == "main" && obj.Pkg() != nil && obj.Pkg().Name() == "main") {
				return true
			}
		}
	}
	return false
}

// runByOnce reports whether parent hands the function literal lit to
// sync.Once.Do.
func runByOnce(parent, lit *ssa.Function) bool {
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || apis.SSACallee(call.Common()) != apis.OnceDo {
				continue
			}
			for _, a := range call.Common().Args {
				if a == lit {
					return true
				}
				if mc, ok := a.(*ssa.MakeClosure); ok && mc.Fn == lit {
					return true
				}
			}
		}
	}
	return false
}

// A worker is a goroutine started with the channel: the go statement or
// the call of a Go method (errgroup.Group.Go, sync.WaitGroup.Go) that
// starts it, the function it runs and the value (a parameter or a free
// variable, a cell when indirect) holding the channel there.
type worker struct {
	gostmt   ssa.Instruction
	fn       *ssa.Function
	v        ssa.Value
	indirect bool
}

// unclosed gathers what the function that makes a channel does with it.
type unclosed struct {
	fn         *ssa.Function
	mk         *ssa.MakeChan
	cell       *ssa.Alloc // the local variable holding it, when captured
	closers    map[ssa.Instruction]bool
	closesSome bool                     // a close on some path, by fn or a callee
	senders    map[ssa.Instruction]bool // sends of fn, calls and defers of helpers that send
	workers    []worker
}

// checkUnclosed reports the returns of fn that leave goroutines blocked
// forever receiving from the channel mk: fn makes the channel, is the
// only one to send on it or close it, starts goroutines whose only way
// out of their range loop is the close (or that end only after one
// receive from it), and reaches a return after starting one without
// closing the channel (or, for one receive, without sending on it).
func (c *checker) checkUnclosed(fn *ssa.Function, mk *ssa.MakeChan) {
	u := &unclosed{fn: fn, mk: mk, closers: make(map[ssa.Instruction]bool), senders: make(map[ssa.Instruction]bool)}
	if !c.gatherUses(u) || len(u.workers) == 0 {
		return
	}
	var recvs []ssa.Instruction
	ranged, single := true, true
	for _, w := range u.workers {
		h := c.model.Holds(w.fn, w.v, w.indirect)
		if !h.OK || h.Sends || h.Closes || len(h.Recvs) == 0 {
			return // Conservative: a worker that sends, closes, or passes the channel on
		}
		for _, r := range h.Recvs {
			if !rangedIn(w.fn, r) {
				ranged = false // the worker has another way out, or may skip the loop
			}
		}
		single = single && singleRecv(w.fn, h.Recvs)
		recvs = append(recvs, h.Recvs...)
	}
	if !ranged && !single {
		return
	}
	barriers := maps(u.closers, c.endsPath(fn))
	if !ranged {
		// One receive each: a send satisfies it as well as a close.
		barriers = maps(barriers, u.senders)
		for s := range u.senders {
			for _, w := range u.workers {
				if chanmodel.CanRunAfter(s, w.gostmt) {
					return // Conservative: a value already buffered (a semaphore's token)
				}
			}
		}
	}
	barriers = wholeLoops(barriers)
	seen := make(map[*ssa.Return]bool)
	var rets []*ssa.Return
	var from = make(map[*ssa.Return]ssa.Instruction)
	for _, w := range u.workers {
		if !chanmodel.Reached(w.gostmt, barriers) {
			continue
		}
		for _, r := range chanmodel.ReturnsAvoiding(w.gostmt, barriers) {
			if !seen[r] {
				seen[r] = true
				rets = append(rets, r)
				from[r] = w.gostmt
			}
		}
	}
	if len(rets) == 0 {
		return
	}
	slices.SortFunc(rets, func(a, b *ssa.Return) int { return int(a.Pos() - b.Pos()) })
	name, stmt := c.makeStmt(fn, mk, u.cell)
	if !ranged {
		c.reportSingle(u, name, rets, from, recvs)
		return
	}
	var fix *analysis.SuggestedFix
	if !u.closesSome && len(u.closers) == 0 {
		fix = c.deferCloseFix(fn, mk, name, stmt)
	}
	advice := fmt.Sprintf("close %s once the sends are done, on every path (defer close(%s) after the make)", name, name)
	if u.closesSome {
		advice = fmt.Sprintf("close %s on every path, not only on some (a deferred close)", name)
	}
	for _, r := range rets {
		pos, end := returnSpan(fn, r)
		d := analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: catUnclosed,
			Message: fmt.Sprintf("return leaves goroutines blocked forever ranging over %s: nothing closes it on this path and nothing else sends on it; %s",
				name, advice),
			Related: []analysis.RelatedInformation{
				{Pos: recvs[0].Pos(), Message: "this range loop ends only when " + name + " is closed"},
				{Pos: from[r].Pos(), Message: "goroutine started here"},
			},
		}
		if fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
		c.pass.Report(d)
	}
}

// reportSingle reports the returns rets of u.fn that leave goroutines
// blocked on their one receive from the channel: no send and no close
// on the path.
func (c *checker) reportSingle(u *unclosed, name string, rets []*ssa.Return, from map[*ssa.Return]ssa.Instruction, recvs []ssa.Instruction) {
	for _, r := range rets {
		pos, end := returnSpan(u.fn, r)
		c.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: catUnclosed,
			Message: fmt.Sprintf("return leaves goroutines blocked forever receiving from %s: nothing sends on it or closes it on this path, and nothing else holds it; close %s on every path (a deferred close)",
				name, name),
			Related: []analysis.RelatedInformation{
				{Pos: recvs[0].Pos(), Message: "this receive waits for a send or a close that never comes"},
				{Pos: from[r].Pos(), Message: "goroutine started here"},
			},
		})
	}
}

// singleRecv reports whether the receives recvs, all in fn, are plain
// receive operations outside loops, and every path of fn from its entry
// to a return runs one: the goroutine cannot end before a value or a
// close arrives.
func singleRecv(fn *ssa.Function, recvs []ssa.Instruction) bool {
	set := make(map[ssa.Instruction]bool)
	for _, r := range recvs {
		u, ok := r.(*ssa.UnOp)
		if !ok || u.Op != token.ARROW || u.Parent() != fn || ssautil.Reaches(u.Block(), u.Block()) {
			return false
		}
		set[r] = true
	}
	return onlyThrough(fn, set)
}

// gatherUses records every use fn makes of u.mk, and reports whether
// all are understood: sends, closes, len and cap, calls and defers of
// same-package functions and closures that do no more than send and
// close, goroutines started with it (the workers), and one local
// variable it is stored in. Any other use (returned, stored elsewhere,
// put in an interface, passed to code the model cannot follow,
// received from by fn) lets the channel out of view.
func (c *checker) gatherUses(u *unclosed) bool {
	if !c.valueUses(u, []ssa.Value{u.mk}) {
		return false
	}
	if u.cell == nil {
		return true
	}
	loads, ok := c.cellUses(u)
	return ok && c.valueUses(u, loads)
}

// valueUses records the uses of the values vals holding the channel.
func (c *checker) valueUses(u *unclosed, vals []ssa.Value) bool {
	for i := 0; i < len(vals); i++ {
		val := vals[i]
		for _, ref := range ssautil.Referrers(val) {
			switch ref := ref.(type) {
			case *ssa.Send:
				if ref.Chan != val {
					return false
				}
				u.senders[ref] = true
			case *ssa.Call, *ssa.Defer:
				call := ref.(ssa.CallInstruction)
				if b, ok := call.Common().Value.(*ssa.Builtin); ok {
					if !chanmodel.HarmlessBuiltin(call.Common(), true) {
						return false
					}
					if b.Name() == "close" {
						u.closesSome = true
						u.closers[ref] = true
					}
					continue
				}
				callee, p := chanmodel.Callee(u.fn, call.Common(), val)
				if callee == nil {
					return false
				}
				h := c.model.Holds(callee, p, false)
				if !h.OK || len(h.Recvs) > 0 {
					return false
				}
				u.closesSome = u.closesSome || h.Closes
				if h.Sends {
					u.senders[ref] = true
				}
				c.model.AddCloser(u.closers, u.fn, call, val)
			case *ssa.Go:
				callee, p := chanmodel.Callee(u.fn, ref.Common(), val)
				if callee == nil {
					return false
				}
				u.workers = append(u.workers, worker{ref, callee, p, false})
			case *ssa.MakeClosure:
				if !c.closureUse(u, ref, val, false) {
					return false
				}
			case *ssa.Store:
				a, ok := ref.Addr.(*ssa.Alloc)
				if !ok || ref.Val != val || u.cell != nil || val != ssa.Value(u.mk) {
					return false
				}
				u.cell = a
			case *ssa.ChangeType:
				vals = append(vals, ref)
			case *ssa.DebugRef:
			default:
				return false
			}
		}
	}
	return true
}

// cellUses returns the loads of u.cell, after walking its captures by
// closures, and reports whether every use of the cell is understood:
// its one store of the make, loads, and closures.
func (c *checker) cellUses(u *unclosed) ([]ssa.Value, bool) {
	var loads []ssa.Value
	for _, ref := range ssautil.Referrers(u.cell) {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != u.cell || chanmodel.Root(ref.Val) != u.mk {
				return nil, false // reassigned
			}
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil, false
			}
			loads = append(loads, ref)
		case *ssa.MakeClosure:
			if !c.closureUse(u, ref, u.cell, true) {
				return nil, false
			}
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return loads, true
}

// closureUse records a closure mc capturing the channel: a worker when
// it is started as a goroutine, a helper when it is only called or
// deferred and does no more than send and close.
func (c *checker) closureUse(u *unclosed, mc *ssa.MakeClosure, captured ssa.Value, indirect bool) bool {
	if start := startedBy(mc); start != nil {
		fn, v := chanmodel.ClosureVar(mc, captured)
		if fn == nil {
			return false
		}
		u.workers = append(u.workers, worker{start, fn, v, indirect})
		return true
	}
	h := c.model.HoldsClosure(mc, captured, indirect)
	if !h.OK || len(h.Recvs) > 0 {
		return false
	}
	u.closesSome = u.closesSome || h.Closes
	if h.Sends {
		for _, r := range ssautil.Referrers(mc) {
			u.senders[r] = true
		}
	}
	return c.model.AddClosureCloser(u.closers, mc, captured, indirect)
}

// startedBy returns the go statement, or the call of a Go method
// (errgroup.Group.Go and TryGo, sync.WaitGroup.Go), that starts the
// closure mc as a goroutine, when that is its only use; nil otherwise.
func startedBy(mc *ssa.MakeClosure) ssa.Instruction {
	refs := ssautil.Referrers(mc)
	if len(refs) != 1 {
		return nil
	}
	switch r := refs[0].(type) {
	case *ssa.Go:
		if r.Call.Value == mc && !slices.Contains(r.Call.Args, ssa.Value(mc)) {
			return r
		}
	case *ssa.Call:
		if apis.GoMethodFunc(r.Common()) == mc {
			return r
		}
	}
	return nil
}

// onlyWayOut reports whether the receive r of fn sits in a loop that fn
// cannot leave but through the receive itself and that every path of
// fn to a return enters. With closeExit, r must be the receive of a
// range loop (or v, ok := <-ch tested by if ok), and the loop's one way
// out is the branch taken once the channel is closed; without it, a
// plain receive or a range receive whose close never comes (a ticker's
// channel) is accepted too, and the close branch counts as no way out.
// Exits to blocks that only panic do not count; a call that does not
// return (runtime.Goexit) inside the loop does.
func onlyWayOut(fn *ssa.Function, r ssa.Instruction, closeExit bool) bool {
	u, ok := r.(*ssa.UnOp)
	if !ok || u.Op != token.ARROW || u.Parent() != fn {
		return false
	}
	header := u.Block()
	var closeEdge *ssa.BasicBlock // the block the closed channel leads to
	if u.CommaOk {
		for _, ref := range ssautil.Referrers(u) {
			ext, ok := ref.(*ssa.Extract)
			if !ok || ext.Index != 1 {
				continue
			}
			for _, er := range ssautil.Referrers(ext) {
				if iff, ok := er.(*ssa.If); ok && iff.Block() == header {
					closeEdge = header.Succs[1]
				}
			}
		}
	}
	if closeExit && closeEdge == nil {
		return false
	}
	if !ssautil.Reaches(header, header) {
		return false // not in a loop
	}
	fromHeader := ssautil.ReachableFrom(header)
	for b := range fromHeader {
		if !ssautil.Reaches(b, header) {
			continue // not in the loop
		}
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && apis.NoReturn(apis.SSACalleeFunc(call.Common())) {
				return false // Conservative: Goexit or the like ends the goroutine
			}
		}
		for _, s := range b.Succs {
			if s == header || ssautil.Reaches(s, header) {
				continue
			}
			if b == header && s == closeEdge {
				continue
			}
			if reachesReturn(s) {
				return false // another way out: a return, a break, a select case
			}
		}
	}
	// Every path of fn to a return goes through the loop.
	return !returnBypasses(fn, header)
}

// rangedIn reports whether the goroutine running fn is held by the
// range receive r (see onlyWayOut): r is in fn itself, or in a
// same-package function that fn calls directly on every path (go func()
// { defer wg.Done(); process(jobs) }()).
func rangedIn(fn *ssa.Function, r ssa.Instruction) bool {
	if r.Parent() == fn {
		return onlyWayOut(fn, r, true)
	}
	callee := r.Parent()
	if callee == nil || callee.Parent() != nil || !onlyWayOut(callee, r, true) {
		return false
	}
	calls := make(map[ssa.Instruction]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if sc := call.Call.StaticCallee(); sc != nil && (sc == callee || sc.Origin() == callee) {
				calls[instr] = true
			}
		}
	}
	if len(calls) == 0 {
		return false
	}
	for call := range calls {
		if ssautil.Reaches(call.Block(), call.Block()) {
			return false
		}
	}
	return len(chanmodel.EntryReturnsAvoiding(fn, calls)) == 0
}

// returnBypasses reports whether a return of fn is reachable from its
// entry without passing through block header.
func returnBypasses(fn *ssa.Function, header *ssa.BasicBlock) bool {
	if fn.Blocks[0] == header {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{header: true}
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		if _, ok := x.Instrs[len(x.Instrs)-1].(*ssa.Return); ok {
			return true
		}
		stack = append(stack, x.Succs...)
	}
	return false
}

// reachesReturn reports whether a return is reachable from block b,
// b included.
func reachesReturn(b *ssa.BasicBlock) bool {
	if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
		return true
	}
	for x := range ssautil.ReachableFrom(b) {
		if _, ok := x.Instrs[len(x.Instrs)-1].(*ssa.Return); ok {
			return true
		}
	}
	return false
}

// wholeLoops returns barriers with, for each barrier inside a loop, the
// first instruction of every block of that loop: a path that enters a
// loop which sends or closes on some iteration is not taken to skip it,
// as the loop's trip count and its conditions (if i == 222) are not
// known.
func wholeLoops(barriers map[ssa.Instruction]bool) map[ssa.Instruction]bool {
	out := maps(barriers, nil)
	for instr := range barriers {
		b := instr.Block()
		if !ssautil.Reaches(b, b) {
			continue
		}
		for x := range ssautil.ReachableFrom(b) {
			if ssautil.Reaches(x, b) && len(x.Instrs) > 0 {
				out[x.Instrs[0]] = true
			}
		}
	}
	return out
}

// endsPath returns the calls of fn after which a path is not worth a
// report: a call that does not return (os.Exit, log.Fatal, t.Fatal), or
// one that marks the test as failed or skipped (t.Error, t.Skip,
// assert.Fail, and helpers of the package that do one of these on every
// path). A goroutine left behind where the test has already failed, or
// the process is exiting, adds nothing to what is visible.
func (c *checker) endsPath(fn *ssa.Function) map[ssa.Instruction]bool {
	calls := make(map[ssa.Instruction]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && c.testFail.Fails(apis.SSACalleeFunc(call.Common())) {
				calls[instr] = true
			}
		}
	}
	return calls
}

// maps returns the union of a and b.
func maps(a, b map[ssa.Instruction]bool) map[ssa.Instruction]bool {
	u := make(map[ssa.Instruction]bool, len(a)+len(b))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// makeStmt returns the name of the variable the make mk is assigned to
// and the statement assigning it, when that statement is one of a
// block's statements: name := make(...), name = make(...) or var name =
// make(...). The statement is nil otherwise, and the name "ch" when
// there is none.
func (c *checker) makeStmt(fn *ssa.Function, mk *ssa.MakeChan, cell *ssa.Alloc) (string, ast.Stmt) {
	name := ""
	if cell != nil && cell.Comment != "" {
		name = cell.Comment
	}
	var stmt ast.Stmt
	isMake := func(e ast.Expr) bool {
		call, ok := apis.Unparen(e).(*ast.CallExpr)
		return ok && call.Lparen == mk.Pos()
	}
	if syn := fn.Syntax(); syn != nil {
		ast.Inspect(syn, func(n ast.Node) bool {
			blk, ok := n.(*ast.BlockStmt)
			if !ok || stmt != nil {
				return stmt == nil
			}
			for _, s := range blk.List {
				switch s := s.(type) {
				case *ast.AssignStmt:
					if len(s.Lhs) == 1 && len(s.Rhs) == 1 && isMake(s.Rhs[0]) {
						if id, ok := s.Lhs[0].(*ast.Ident); ok {
							name, stmt = id.Name, s
						}
					}
				case *ast.DeclStmt:
					gd, ok := s.Decl.(*ast.GenDecl)
					if !ok || len(gd.Specs) != 1 {
						continue
					}
					if vs, ok := gd.Specs[0].(*ast.ValueSpec); ok && len(vs.Names) == 1 && len(vs.Values) == 1 && isMake(vs.Values[0]) {
						name, stmt = vs.Names[0].Name, s
					}
				}
			}
			return stmt == nil
		})
	}
	if name == "" || name == "_" {
		return "ch", nil
	}
	return name, stmt
}

// deferCloseFix returns the fix that inserts defer close(name) right
// after stmt, the statement that makes the channel mk, or nil where it
// is not provably right: the make runs more than once per call (a defer
// per iteration), close is not the builtin there, or no statement was
// found. The caller has proved that fn is the only sender, that every
// send is made by fn or a function it calls or defers before it
// returns, and that nothing closes the channel: closing it when fn
// returns cannot close it twice or under a sender.
func (c *checker) deferCloseFix(fn *ssa.Function, mk *ssa.MakeChan, name string, stmt ast.Stmt) *analysis.SuggestedFix {
	if stmt == nil || chanmodel.CanRunAfter(mk, mk) {
		return nil
	}
	if scope := c.pass.Pkg.Scope().Innermost(stmt.End()); scope != nil {
		if _, obj := scope.LookupParent("close", stmt.End()); obj != types.Universe.Lookup("close") {
			return nil
		}
	}
	col := c.pass.Fset.Position(stmt.Pos()).Column
	indent := strings.Repeat("\t", max(col-1, 0))
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("defer close(%s) after the make", name),
		TextEdits: []analysis.TextEdit{{
			Pos:     stmt.End(),
			End:     stmt.End(),
			NewText: []byte("\n" + indent + "defer close(" + name + ")"),
		}},
	}
}

// localName returns the name of the variable defined by the assignment
// or declaration whose value expression holds pos, or "".
func localName(fn *ssa.Function, pos token.Pos) string {
	syn := fn.Syntax()
	if syn == nil || !pos.IsValid() {
		return ""
	}
	name := ""
	ast.Inspect(syn, func(n ast.Node) bool {
		if name != "" || n == nil || n.Pos() > pos || n.End() <= pos {
			return name == "" && n == nil
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, r := range n.Rhs {
				if r.Pos() <= pos && pos < r.End() && len(n.Lhs) == len(n.Rhs) {
					if id, ok := n.Lhs[i].(*ast.Ident); ok && id.Name != "_" {
						name = id.Name
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, v := range n.Values {
					if v.Pos() <= pos && pos < v.End() {
						name = n.Names[i].Name
					}
				}
			}
		}
		return name == ""
	})
	return name
}

// returnSpan returns the span of the return statement of r, or of the
// closing brace of the function for the implicit return at its end.
func returnSpan(fn *ssa.Function, r *ssa.Return) (token.Pos, token.Pos) {
	if r.Pos().IsValid() {
		var found ast.Node
		if syn := fn.Syntax(); syn != nil {
			ast.Inspect(syn, func(n ast.Node) bool {
				if rs, ok := n.(*ast.ReturnStmt); ok && rs.Return == r.Pos() {
					found = rs
				}
				return found == nil
			})
		}
		if found != nil {
			return found.Pos(), found.End()
		}
		return r.Pos(), token.NoPos
	}
	if _, body := analysisutil.FuncBody(fn.Syntax()); body != nil {
		return body.Rbrace, body.Rbrace + 1
	}
	return fn.Pos(), token.NoPos
}

// isGenerated reports whether pos lies in a generated file.
func isGenerated(pass *analysis.Pass, pos token.Pos) bool {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return ast.IsGenerated(f)
		}
	}
	return false
}
