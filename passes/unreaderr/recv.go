package unreaderr

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// Receives from an error channel are sorted, once the walk of the
// channel is over, into three kinds: reads that can see an error, receives
// that throw the value away (for range errc {}, <-errc as a statement:
// case 3), and receives that never run because they are guarded by
// len(errc) > 0 on an unbuffered channel, whose len is always 0 (case 2).

// classify sorts the receives and len calls of a channel holder into
// reads, discards and dead receives. A receive before any goroutine is
// started sees none of their errors and is none of these
// (countsAsRead).
//
// For an unbuffered channel len and cap are always 0 and observe
// nothing; on a buffered one, len(errc) != 0 tells that a failure was
// sent, which counts as reading it.
func (f *flow) classify(pass *analysis.Pass) {
	unbuf := f.unbuffered()
	if !unbuf {
		for _, l := range f.lens {
			f.read(l)
		}
	}
	for _, op := range f.recvs {
		r := op.Instr.(*ssa.UnOp)
		if !f.countsAsRead(r) {
			continue
		}
		switch {
		case unbuf && f.guardedByLen(r) != nil:
			f.dead = append(f.dead, site{r})
		case op.Discarded && !deliberate(pass, r) && !atTeardown(pass, r):
			f.discards = append(f.discards, site{r})
		default:
			f.reads = append(f.reads, site{r})
		}
	}
}

// unbuffered reports whether every make of the channel is known and has
// a constant size of 0.
//
// Conservative: a channel with no make in view (a nil variable, a
// parameter) is not unbuffered.
func (f *flow) unbuffered() bool {
	if len(f.sizes) == 0 {
		return false
	}
	for _, s := range f.sizes {
		c, ok := s.(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Int || constant.Sign(c.Value) != 0 {
			return false
		}
	}
	return true
}

// guardedByLen returns the len call of the channel whose comparison with
// 0 guards r: r runs only on the branch where len(ch) > 0 (or != 0, or
// >= 1), because that branch's block has the comparison's block as its
// only predecessor and dominates r. It returns nil when no such guard
// exists.
func (f *flow) guardedByLen(r *ssa.UnOp) ssa.CallInstruction {
	for _, l := range f.lens {
		v := l.Value()
		if v == nil || !isBuiltin(*l.Common(), "len") {
			continue
		}
		for _, ref := range ssautil.Referrers(v) {
			bin, ok := ref.(*ssa.BinOp)
			if !ok {
				continue
			}
			succ := nonEmptyBranch(bin, v)
			if succ < 0 {
				continue
			}
			for _, br := range ssautil.Referrers(bin) {
				iff, ok := br.(*ssa.If)
				if !ok || len(iff.Block().Succs) != 2 {
					continue
				}
				t := iff.Block().Succs[succ]
				if len(t.Preds) == 1 && t.Dominates(r.Block()) {
					return l
				}
			}
		}
	}
	return nil
}

// nonEmptyBranch returns which successor of an If on bin (0 for true, 1
// for false) is taken when n, a length, is not 0, or -1 when bin is not
// a comparison of n with 0 or 1 that tells.
func nonEmptyBranch(bin *ssa.BinOp, n ssa.Value) int {
	op, other := bin.Op, bin.Y
	if bin.Y == n {
		other = bin.X
		switch op { // mirror: 0 < n is n > 0
		case token.LSS:
			op = token.GTR
		case token.GTR:
			op = token.LSS
		case token.LEQ:
			op = token.GEQ
		case token.GEQ:
			op = token.LEQ
		}
	} else if bin.X != n {
		return -1
	}
	c, ok := other.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return -1
	}
	k, exact := constant.Int64Val(c.Value)
	if !exact {
		return -1
	}
	switch {
	case k == 0 && (op == token.GTR || op == token.NEQ):
		return 0
	case k == 1 && op == token.GEQ:
		return 0
	case k == 0 && (op == token.EQL || op == token.LEQ):
		return 1
	case k == 1 && op == token.LSS:
		return 1
	}
	return -1
}

// deliberate reports whether the code says that the receive r discards
// on purpose: _ = <-errc, which spells the discard out as _ = f() does
// for a call, or a comment on the line above the receive's statement (or
// above the loop whose only statement it is), or on a line of its own
// inside the empty body of the discarding loop, such as
//
//	// Drain: the workers logged their failures.
//	for range errc {
//	}
//
// A comment at the end of the statement's line does not count: it
// usually describes the line, not the discard.
func deliberate(pass *analysis.Pass, r *ssa.UnOp) bool {
	file := analysisutil.FileOf(pass, r.Pos())
	if file == nil {
		return true // no syntax to show: say nothing
	}
	path, _ := astutil.PathEnclosingInterval(file, r.Pos(), r.Pos())
	var stmts []ast.Stmt // the receive's statement, then the loop it is the only statement of
	for i, n := range path {
		s, ok := n.(ast.Stmt)
		if !ok {
			continue
		}
		if _, isBlock := s.(*ast.BlockStmt); isBlock {
			continue
		}
		stmts = append(stmts, s)
		if i+2 < len(path) {
			if b, ok := path[i+1].(*ast.BlockStmt); ok && len(b.List) == 1 {
				switch loop := path[i+2].(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					stmts = append(stmts, loop.(ast.Stmt))
				}
			}
		}
		break
	}
	if len(stmts) == 0 {
		return true
	}
	if as, ok := stmts[0].(*ast.AssignStmt); ok && allBlank(as.Lhs) {
		return true
	}
	line := func(p token.Pos) int { return pass.Fset.Position(p).Line }
	for _, s := range stmts {
		var body *ast.BlockStmt
		switch s := s.(type) {
		case *ast.ForStmt:
			body = s.Body
		case *ast.RangeStmt:
			body = s.Body
		}
		for _, cg := range file.Comments {
			if line(cg.End()) == line(s.Pos())-1 && ownLine(pass, cg) {
				return true
			}
			if body != nil && len(body.List) == 0 && cg.Pos() > body.Lbrace && cg.End() < body.Rbrace && line(cg.Pos()) > line(body.Lbrace) {
				return true
			}
		}
	}
	return false
}

// atTeardown reports whether the receive r lies in a function literal
// that is deferred or registered with testing's Cleanup: it waits, once
// the work is over and the goroutine told to stop (srv.Close(); <-errc),
// for the goroutine to end, and the error it receives then is the
// expected one of a stopped server.
//
// Conservative: the literal's other statements are not looked at; a
// deferred drain that discards a real failure is not reported either.
func atTeardown(pass *analysis.Pass, r *ssa.UnOp) bool {
	file := analysisutil.FileOf(pass, r.Pos())
	if file == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, r.Pos(), r.Pos())
	for i, n := range path {
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			continue
		}
		if i+1 >= len(path) {
			return false
		}
		call, ok := path[i+1].(*ast.CallExpr)
		if !ok {
			return false
		}
		if ast.Unparen(call.Fun) == lit {
			if i+2 >= len(path) {
				return false
			}
			_, deferred := path[i+2].(*ast.DeferStmt)
			return deferred
		}
		return apis.IsTestCleanup(calleeObj(pass, call))
	}
	return false
}

// ownLine reports whether the comment cg starts a line of its own: only
// blanks precede it. A comment at the end of a statement's line belongs
// to that statement, not to the one below.
func ownLine(pass *analysis.Pass, cg *ast.CommentGroup) bool {
	tf := pass.Fset.File(cg.Pos())
	if tf == nil {
		return false
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return false
	}
	start, at := tf.Offset(tf.LineStart(tf.Line(cg.Pos()))), tf.Offset(cg.Pos())
	if start < 0 || at > len(src) || start > at {
		return false
	}
	for _, c := range src[start:at] {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// allBlank reports whether every expression of lhs is the blank
// identifier.
func allBlank(lhs []ast.Expr) bool {
	for _, e := range lhs {
		if id, ok := astutil.Unparen(e).(*ast.Ident); !ok || id.Name != "_" {
			return false
		}
	}
	return len(lhs) > 0
}

// reportDiscards reports a channel whose every receive after the
// goroutines start throws the error away, at the first such receive,
// with a goroutine's send as related information.
func reportDiscards(pass *analysis.Pass, f *flow, root ssa.Value) {
	file := analysisutil.FileOf(pass, root.Pos())
	if file == nil {
		return
	}
	_, name := describe(file, root)
	r := f.discards[0].instr
	rfile := analysisutil.FileOf(pass, r.Pos())
	if rfile == nil {
		return
	}
	stmt := enclosingStmt(rfile, r.Pos())
	if stmt == nil {
		return
	}
	end := stmt.End()
	if rs, ok := stmt.(*ast.RangeStmt); ok {
		end = rs.X.End() // the loop's header
	}
	d := analysis.Diagnostic{
		Pos:      stmt.Pos(),
		End:      end,
		Category: analysisutil.CategoryAt(pass, stmt.Pos(), catDiscarded),
		Message:  fmt.Sprintf("errors received from %s are discarded: the goroutines' failures are lost", name),
	}
	d.Related = sendRelated(pass, f, "error sent here by a goroutine")
	pass.Report(d)
}

// reportDead reports a len(ch) > 0 guard on an unbuffered error channel
// whose only receives it guards: len of an unbuffered channel is always
// 0, so the receive never runs, the errors are never read, and the
// goroutines' sends block.
func reportDead(pass *analysis.Pass, f *flow, root ssa.Value) {
	file := analysisutil.FileOf(pass, root.Pos())
	if file == nil {
		return
	}
	_, name := describe(file, root)
	l := f.guardedByLen(f.dead[0].instr.(*ssa.UnOp))
	lfile := analysisutil.FileOf(pass, l.Common().Pos())
	if lfile == nil {
		return
	}
	path, _ := astutil.PathEnclosingInterval(lfile, l.Common().Pos(), l.Common().Pos())
	var call ast.Node
	for _, n := range path {
		if c, ok := n.(*ast.CallExpr); ok {
			call = c
			break
		}
	}
	if call == nil {
		return
	}
	d := analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: analysisutil.CategoryAt(pass, call.Pos(), catLenDrain),
		Message: fmt.Sprintf("len of unbuffered channel %s is always 0: the receive it guards never runs, the goroutines' errors are never read and their sends block",
			name),
	}
	d.Related = sendRelated(pass, f, "error sent here by a goroutine")
	pass.Report(d)
}

// sendRelated returns related information pointing at the statement of
// the first write by a goroutine.
func sendRelated(pass *analysis.Pass, f *flow, what string) []analysis.RelatedInformation {
	w := f.writes[0].instr
	if file := analysisutil.FileOf(pass, w.Pos()); file != nil {
		if stmt := enclosingStmt(file, w.Pos()); stmt != nil {
			return []analysis.RelatedInformation{{Pos: stmt.Pos(), End: stmt.End(), Message: what}}
		}
	}
	if w.Pos().IsValid() {
		return []analysis.RelatedInformation{{Pos: w.Pos(), Message: what}}
	}
	return nil
}
