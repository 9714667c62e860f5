package chanmodel

import "go/types"

// ByOrigin returns the uses of the package's channel fields pooled by
// the field's origin: the uses of a generic type's field through every
// instance of the type (box[int].ch, box[T].ch) are one field's.
func (x *Fields) ByOrigin() map[*types.Var][]FieldOp {
	out := make(map[*types.Var][]FieldOp, len(x.ops))
	for f, ops := range x.ops {
		o := f.Origin()
		out[o] = append(out[o], ops...)
	}
	return out
}
