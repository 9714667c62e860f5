package unreaderr

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
)

// A channel that is never made is nil, and every send on it and every
// receive from it blocks forever: the goroutine that sends its error
// there never ends, and whoever waits for the error waits forever.
//
// Two kinds of variable are proved nil:
//
//   - a local variable declared var errc chan error, with no value, that
//     is never assigned and whose address is never taken;
//   - an unexported struct field of such a type, declared in the package,
//     that no assignment, address-of, range clause or composite literal
//     of the package sets (only the package can set an unexported
//     field), by the channel model's index of field uses.

// A nilChan is a channel variable proved never to be assigned, and the
// operations on it.
type nilChan struct {
	v        *types.Var
	decl     token.Pos
	assigned bool
	ops      []ast.Node // sends, receives and range loops outside select
	sends    int        // sends anywhere (select cases included)
	spawned  int        // sends inside a candidate function: by goroutines
	recvs    int        // receives anywhere (select cases and range included)
}

// checkNilChans reports the sends and receives on error channels that
// are never made.
func checkNilChans(pass *analysis.Pass, fo *fanout.Result) {
	cands := make(map[*types.Var]*nilChan)
	insp := fo.Inspector()

	// Local var declarations without a value, in the candidate functions.
	for cur := range insp.Root().Preorder((*ast.ValueSpec)(nil)) {
		spec := cur.Node().(*ast.ValueSpec)
		if len(spec.Values) > 0 || !inFunc(cur) {
			continue
		}
		for _, id := range spec.Names {
			if v, ok := pass.TypesInfo.Defs[id].(*types.Var); ok && errorChan(v.Type()) {
				cands[v] = &nilChan{v: v, decl: id.Pos()}
			}
		}
	}
	inCandidate := candidateRanges(fo)
	if len(cands) > 0 {
		// A local lives in its function, a candidate.
		inSelect := make(map[ast.Node]bool) // the sends and receives of select cases
		for _, d := range fo.Funcs {
			ast.Inspect(d, func(n ast.Node) bool {
				noteNilChanUse(pass, cands, inCandidate, inSelect, n)
				return true
			})
		}
	}
	// Unexported fields of the package's struct types, from the channel
	// model's index of field uses, which covers every file.
	scope := pass.Pkg.Scope()
	var byField map[*types.Var][]chanmodel.FieldOp
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for f := range st.Fields() {
			if f.Exported() || f.Embedded() || !errorChan(f.Type()) {
				continue
			}
			if byField == nil {
				byField = fo.Fields().ByOrigin()
			}
			c := &nilChan{v: f, decl: f.Pos()}
			cands[f] = c
			for _, op := range byField[f] {
				switch op.Kind {
				case chanmodel.FieldAssign:
					c.assigned = true
				case chanmodel.FieldEscape:
					c.assigned = c.assigned || op.Sets
				case chanmodel.FieldSend:
					c.sends++
					if inCandidate(op.Node.Pos()) {
						c.spawned++
					}
					if op.Select == nil {
						c.ops = append(c.ops, op.Node)
					}
				case chanmodel.FieldRecv:
					c.recvs++
					if _, ok := op.Node.(*ast.RangeStmt); ok || op.Select == nil {
						c.ops = append(c.ops, op.Node)
					}
				}
			}
		}
	}
	if len(cands) == 0 {
		return
	}

	// Report in the order of the declarations, not of the map.
	sorted := slices.SortedFunc(maps.Values(cands), func(a, b *nilChan) int { return cmp.Compare(a.decl, b.decl) })
	for _, c := range sorted {
		if c.assigned || c.sends == 0 || c.spawned == 0 || c.recvs == 0 {
			continue
		}
		for _, op := range c.ops {
			what := "receive from"
			if _, ok := op.(*ast.SendStmt); ok {
				what = "send on"
			}
			pos, end := op.Pos(), op.End()
			if rs, ok := op.(*ast.RangeStmt); ok {
				what, end = "range over", rs.X.End()
			}
			pass.Report(analysis.Diagnostic{
				Pos:      pos,
				End:      end,
				Category: analysisutil.CategoryAt(pass, pos, catNilChan),
				Message: fmt.Sprintf("%s nil channel %s blocks forever: the channel is never made, so the goroutines' errors are never read",
					what, c.v.Name()),
				Related: []analysis.RelatedInformation{{Pos: c.decl, Message: "declared here and never assigned"}},
			})
		}
	}
}

// inFunc reports whether cur lies inside a function body.
func inFunc(cur inspector.Cursor) bool {
	for range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return true
	}
	return false
}

// errorChan reports whether t is a channel whose elements carry an error.
func errorChan(t types.Type) bool {
	c, ok := t.Underlying().(*types.Chan)
	return ok && carriesError(c.Elem())
}

// candidateRanges returns a test of whether a position lies in one of
// the candidate functions: the functions that start goroutines and the
// functions they start.
func candidateRanges(fo *fanout.Result) func(token.Pos) bool {
	return func(p token.Pos) bool {
		for _, d := range fo.Funcs {
			if d.Pos() <= p && p < d.End() {
				return true
			}
		}
		return false
	}
}

// varOf returns the candidate that e (an identifier, or a selector of a
// field) names, or nil.
func varOf(info *types.Info, cands map[*types.Var]*nilChan, e ast.Expr) *nilChan {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	default:
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	return cands[v.Origin()]
}

// noteNilChanUse records what node n does with a candidate: an
// assignment, address-of or composite literal that may set it, or a
// send, receive or range on it. inSelect collects the communications of
// select cases, which the walk reaches after their clause.
//
// Conservative: any composite literal of a struct type with a candidate
// field that lists its values without keys sets the field.
func noteNilChanUse(pass *analysis.Pass, cands map[*types.Var]*nilChan, inCandidate func(token.Pos) bool, inSelect map[ast.Node]bool, n ast.Node) {
	info := pass.TypesInfo
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, lhs := range n.Lhs {
			if c := varOf(info, cands, lhs); c != nil {
				c.assigned = true
			}
		}
	case *ast.UnaryExpr:
		switch n.Op {
		case token.AND:
			if c := varOf(info, cands, n.X); c != nil {
				c.assigned = true
			}
		case token.ARROW:
			if c := varOf(info, cands, n.X); c != nil {
				c.recvs++
				if !inSelect[n] {
					c.ops = append(c.ops, n)
				}
			}
		}
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{n.Key, n.Value} {
			if e != nil && n.Tok == token.ASSIGN {
				if c := varOf(info, cands, e); c != nil {
					c.assigned = true
				}
			}
		}
		if c := varOf(info, cands, n.X); c != nil {
			c.recvs++
			c.ops = append(c.ops, n)
		}
	case *ast.SendStmt:
		if c := varOf(info, cands, n.Chan); c != nil {
			c.sends++
			if inCandidate(n.Pos()) {
				c.spawned++
			}
			if !inSelect[n] {
				c.ops = append(c.ops, n)
			}
		}
	case *ast.CommClause:
		// A select case on a nil channel never fires; the select goes on
		// with its other cases, so the case is counted but not reported.
		switch comm := n.Comm.(type) {
		case *ast.SendStmt:
			inSelect[comm] = true
		case *ast.ExprStmt:
			inSelect[ast.Unparen(comm.X)] = true
		case *ast.AssignStmt:
			if len(comm.Rhs) == 1 {
				inSelect[ast.Unparen(comm.Rhs[0])] = true
			}
		}
	case *ast.CompositeLit:
		t := info.TypeOf(n)
		if t == nil {
			return
		}
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return
		}
		for i, elt := range n.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok {
						if c := cands[v.Origin()]; c != nil {
							c.assigned = true
						}
					}
				}
				continue
			}
			if i < st.NumFields() {
				if c := cands[st.Field(i).Origin()]; c != nil {
					c.assigned = true
				}
			}
		}
	}
}
