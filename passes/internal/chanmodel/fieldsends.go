package chanmodel

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

type fieldKey struct {
	base     ssa.Value
	indirect bool
	field    int
}

// FieldSends summarises what the function fn does with the channel held
// in field number field of the struct that base points to, where base
// is a parameter or a free variable of fn (the address of the variable
// holding the pointer when indirect is set): its sends, counted like
// Sends, following the pointer into same-package functions it is passed
// to. Any other use of the pointer that could reach the field (passed
// to code the model cannot follow, stored, converted to an interface)
// makes the summary not OK. Uses of the struct's other fields are
// ignored.
func (m *Model) FieldSends(fn *ssa.Function, base ssa.Value, indirect bool, field int) Sends {
	return *m.fieldSendsOf(fn, base, indirect, field)
}

func (m *Model) fieldSendsOf(fn *ssa.Function, base ssa.Value, indirect bool, field int) *Sends {
	key := fieldKey{base, indirect, field}
	m.mu.Lock()
	if m.fields == nil {
		m.fields = make(map[fieldKey]*Sends)
	}
	s, done := m.fields[key]
	if !done {
		m.fields[key] = notOK
	}
	m.mu.Unlock()
	if done {
		return s
	}
	s = m.summarizeFieldSends(fn, base, indirect, field)
	m.mu.Lock()
	m.fields[key] = s
	m.mu.Unlock()
	return s
}

func (m *Model) summarizeFieldSends(fn *ssa.Function, base ssa.Value, indirect bool, field int) *Sends {
	if fn == nil || fn.Blocks == nil {
		return notOK
	}
	ptrs := []ssa.Value{base}
	s := &Sends{}
	panicMax := 0
	weight := make(map[ssa.Instruction]int)
	add := func(at ssa.Instruction, sub *Sends) {
		s.Closes = s.Closes || sub.Closes
		s.Sites = append(s.Sites, sub.Sites...)
		if sub.Max != 0 {
			s.Blocking = append(s.Blocking, at)
			weight[at] = sub.Max
		}
	}
	if indirect {
		ptrs = nil
		for _, ref := range ssautil.Referrers(base) {
			switch ref := ref.(type) {
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					return notOK
				}
				ptrs = append(ptrs, ref)
			case *ssa.MakeClosure:
				sub, ok := m.fieldClosure(ref, base, true, field)
				if !ok {
					return notOK
				}
				for _, r := range ssautil.Referrers(ref) {
					add(r, sub)
				}
			case *ssa.DebugRef:
			default:
				return notOK
			}
		}
	}
	for _, p := range ptrs {
		for _, ref := range ssautil.Referrers(p) {
			switch ref := ref.(type) {
			case *ssa.FieldAddr:
				if ref.Field != field {
					continue // another field
				}
				for _, r := range ssautil.Referrers(ref) {
					u, ok := r.(*ssa.UnOp)
					if !ok || u.Op != token.MUL {
						return notOK // the field is assigned or its address taken
					}
					sub := m.sendsOf(fn, u, false)
					if !sub.OK {
						return notOK
					}
					panicMax = mergePanic(panicMax, sub.panicMax)
					s.Closes = s.Closes || sub.Closes
					s.Sites = append(s.Sites, sub.Sites...)
					for _, b := range sub.Blocking {
						s.Blocking = append(s.Blocking, b)
						if n, ok := sub.weight(b); ok {
							weight[b] = n
						}
					}
				}
			case *ssa.Call:
				callee, cp := sameFuncParam(fn, ref.Common(), p)
				if callee == nil {
					return notOK
				}
				sub := m.fieldSendsOf(callee, cp, false, field)
				if !sub.OK {
					return notOK
				}
				add(ref, sub)
			case *ssa.MakeClosure:
				sub, ok := m.fieldClosure(ref, p, false, field)
				if !ok {
					return notOK
				}
				for _, r := range ssautil.Referrers(ref) {
					add(r, sub)
				}
			case *ssa.DebugRef:
			default:
				return notOK // Conservative: the pointer goes where the model cannot follow
			}
		}
	}
	s.OK = true
	s.Max = MaxOnPath(s.Blocking, weight)
	if panicMax == Many || (s.Max != Many && panicMax > s.Max) {
		s.Max = panicMax
	}
	s.weights, s.panicMax = weight, panicMax
	return s
}

// fieldClosure summarises a closure capturing the struct pointer that is
// only called or deferred.
func (m *Model) fieldClosure(mc *ssa.MakeClosure, captured ssa.Value, indirect bool, field int) (*Sends, bool) {
	fn, fv := ClosureVar(mc, captured)
	if fn == nil {
		return nil, false
	}
	for _, r := range ssautil.Referrers(mc) {
		var call *ssa.CallCommon
		switch r := r.(type) {
		case *ssa.Call:
			call = r.Common()
		case *ssa.Defer:
			call = r.Common()
		default:
			return nil, false
		}
		if call.Value != mc {
			return nil, false
		}
	}
	sub := m.fieldSendsOf(fn, fv, indirect, field)
	return sub, sub.OK
}
