package stranded

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// fieldIndex returns the package's index of field channels, built on
// first use.
func (c *checker) fieldIndex() *chanmodel.Fields {
	if c.fields == nil {
		c.fields = c.fo.Fields()
	}
	return c.fields
}

// findFieldUses completes a collector whose channel the function stores
// in a struct field (s.results = make(chan error)) by st, and whose
// goroutines are given the struct (go s.run(x)) and send on the field.
// The function must be the field's only receiver in the package, the
// field must be used nowhere for anything but sends, receives, len and
// cap and assignments, and every use of the struct pointer in the
// function must be understood.
func (col *collector) findFieldUses(st *ssa.Store, fa *ssa.FieldAddr) *collector {
	mk := col.src
	for _, ref := range ssautil.Referrers(mk) {
		if _, ok := ref.(*ssa.DebugRef); !ok && ref != ssa.Instruction(st) {
			return nil // the channel is also used directly
		}
	}
	ptr, ok := types.Unalias(fa.X.Type()).Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	strct, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= strct.NumFields() {
		return nil
	}
	field := strct.Field(fa.Field)
	base := chanmodel.Root(fa.X)
	col.name = field.Name()
	if id := localBaseName(fa.X); id != "" {
		col.name = id + "." + field.Name()
	}

	// The field's uses in the package: receives only here.
	recvOps := 0
	decl := col.fn.Syntax()
	for _, op := range col.fields().Ops(field) {
		switch op.Kind {
		case chanmodel.FieldRecv:
			if op.Decl == nil || ast.Node(op.Decl) != decl {
				return nil // received elsewhere
			}
			recvOps++
		case chanmodel.FieldSend, chanmodel.FieldAssign, chanmodel.FieldLenCap:
		default:
			return nil // closed or handed on somewhere
		}
	}

	// The values of base in the function: base itself, or loads of the
	// cell holding it.
	bases := []ssa.Value{base}
	if cell, ok := base.(*ssa.Alloc); ok {
		bases = nil
		for _, ref := range ssautil.Referrers(cell) {
			switch ref := ref.(type) {
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return nil
				}
				bases = append(bases, ref)
			case *ssa.Store:
				if ref.Addr != cell {
					return nil
				}
			case *ssa.MakeClosure:
				if !col.addFieldClosure(ref, cell, true, fa.Field) {
					return nil
				}
			case *ssa.DebugRef:
			default:
				return nil
			}
		}
	}
	col.roots = map[ssa.Value]bool{mk: true}
	var vals []ssa.Value
	for _, b := range bases {
		for _, ref := range ssautil.Referrers(b) {
			switch ref := ref.(type) {
			case *ssa.FieldAddr:
				if ref.Field != fa.Field {
					continue
				}
				for _, r := range ssautil.Referrers(ref) {
					switch r := r.(type) {
					case *ssa.Store:
						if r != st {
							return nil // assigned again
						}
					case *ssa.UnOp:
						if r.Op != token.MUL {
							return nil
						}
						vals = append(vals, r)
					case *ssa.DebugRef:
					default:
						return nil
					}
				}
			case *ssa.Go:
				if !col.addFieldGoCall(ref, b, fa.Field) {
					return nil
				}
			case *ssa.Call:
				if fn := apis.GoMethodFunc(ref.Common()); fn != nil {
					return nil // handed to a group's Go: not followed
				}
				// Another call given the struct: it must not touch the
				// field but to send (a same-package function the model
				// reads).
				callee, p := chanmodel.Callee(col.fn, ref.Common(), b)
				if callee == nil {
					return nil
				}
				if sum := col.model.FieldSends(callee, p, false, fa.Field); !sum.OK || sum.Max != 0 {
					return nil
				}
			case *ssa.MakeClosure:
				if !col.addFieldClosure(ref, b, false, fa.Field) {
					return nil
				}
			case *ssa.Store, *ssa.DebugRef:
				// the pointer stored in its own cell, seen above
				if s, ok := ref.(*ssa.Store); ok && s.Val == b {
					if _, isCell := s.Addr.(*ssa.Alloc); !isCell {
						return nil
					}
				}
			default:
				return nil // Conservative: the pointer escapes
			}
		}
	}
	for _, v := range vals {
		col.roots[v] = true
		for _, ref := range ssautil.Referrers(v) {
			if !col.addUse(v, ref) {
				return nil
			}
		}
	}
	if len(col.spawns) == 0 || len(col.recvs)+len(col.recvCases) != recvOps {
		return nil
	}
	return col
}

// addFieldGoCall records go s.run(x), a same-package function or method
// given the struct pointer b.
func (col *collector) addFieldGoCall(g *ssa.Go, b ssa.Value, field int) bool {
	callee, p := chanmodel.Callee(col.fn, g.Common(), b)
	if callee == nil {
		return false
	}
	return col.addSummarizedSpawn(g, callee, col.model.FieldSends(callee, p, false, field))
}

// addFieldClosure records a closure capturing the struct pointer: it
// must be started as a goroutine and used for nothing else.
func (col *collector) addFieldClosure(mc *ssa.MakeClosure, captured ssa.Value, indirect bool, field int) bool {
	refs := ssautil.Referrers(mc)
	if len(refs) != 1 {
		return false
	}
	g, ok := refs[0].(*ssa.Go)
	if !ok || g.Call.Value != mc {
		return false
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	for i, bnd := range mc.Bindings {
		if bnd == captured && i < len(fn.FreeVars) {
			return col.addSummarizedSpawn(g, fn, col.model.FieldSends(fn, fn.FreeVars[i], indirect, field))
		}
	}
	return false
}

// localBaseName spells the struct pointer for messages: the receiver or
// variable it is.
func localBaseName(v ssa.Value) string {
	switch v := chanmodel.Root(v).(type) {
	case *ssa.Parameter:
		return v.Name()
	case *ssa.Alloc:
		return v.Comment
	}
	return ""
}
