// Package fixes builds the source text of suggested fixes: zero values
// for a function's results, and identifiers that are free at a position.
// Every builder reports failure rather than guess, so that a check offers
// no fix where the rewrite could not be proved to compile.
package fixes

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Renderer renders types and expressions as they must be spelled at one
// position of one file: package qualifiers are the file's import names,
// and every name it emits is checked to still mean what it should there.
type Renderer struct {
	Pkg  *types.Package
	File *ast.File
	Pos  token.Pos // where the text will be inserted

	scope *types.Scope
}

// NewRenderer returns a renderer for text inserted at pos in file.
func NewRenderer(pkg *types.Package, info *types.Info, file *ast.File, pos token.Pos) *Renderer {
	scope := info.Scopes[file]
	if scope != nil {
		scope = scope.Innermost(pos)
	}
	return &Renderer{Pkg: pkg, File: file, Pos: pos, scope: scope}
}

// visible reports whether name resolves to want at the renderer's position;
// want == nil means "to the universe object of that name".
func (r *Renderer) visible(name string, want types.Object) bool {
	if r.scope == nil {
		return false
	}
	_, obj := r.scope.LookupParent(name, r.Pos)
	if want == nil {
		return obj != nil && obj == types.Universe.Lookup(name)
	}
	return obj == want
}

// qualifier returns a types.Qualifier that names other packages by the
// file's import names and records whether some package could not be named.
func (r *Renderer) qualifier(ok *bool) types.Qualifier {
	return func(p *types.Package) string {
		if p == r.Pkg {
			return ""
		}
		for _, spec := range r.File.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil || path != p.Path() {
				continue
			}
			name := p.Name()
			if spec.Name != nil {
				name = spec.Name.Name
			}
			switch name {
			case "_":
				continue
			case ".":
				return ""
			}
			// The import name must not be shadowed where we insert.
			if _, obj := r.scope.LookupParent(name, r.Pos); obj != nil {
				if pn, isPkg := obj.(*types.PkgName); isPkg && pn.Imported() == p {
					return name
				}
			}
		}
		*ok = false
		return p.Name()
	}
}

// Type renders t, or reports false if it cannot be named at the position.
func (r *Renderer) Type(t types.Type) (string, bool) {
	ok := r.scope != nil
	s := types.TypeString(t, r.qualifier(&ok))
	return s, ok
}

// Zero renders the zero value of t: 0, "", false, nil, T{} or *new(T) for
// a type parameter. It reports false if the text could not be made to
// mean the zero value at the position (an unexported foreign type, a
// shadowed nil or import name).
func (r *Renderer) Zero(t types.Type) (string, bool) {
	if tp, isTP := types.Unalias(t).(*types.TypeParam); isTP {
		name, ok := r.Type(tp)
		return "*new(" + name + ")", ok && r.visible("new", nil)
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", r.visible("false", nil)
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Kind() == types.UnsafePointer:
			return "nil", r.visible("nil", nil)
		}
		return "", false
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", r.visible("nil", nil)
	case *types.Struct, *types.Array:
		name, ok := r.Type(t)
		return name + "{}", ok
	}
	return "", false
}

// ReturnValues renders a return statement's operands for the results of
// sig: the zero value for each result but the last, which is last.
func (r *Renderer) ReturnValues(sig *types.Signature, last string) (string, bool) {
	res := sig.Results()
	parts := make([]string, 0, res.Len())
	for i := 0; i < res.Len()-1; i++ {
		z, ok := r.Zero(res.At(i).Type())
		if !ok {
			return "", false
		}
		parts = append(parts, z)
	}
	return strings.Join(append(parts, last), ", "), true
}

// FreeName returns base, or base followed by the smallest number from 1
// that makes it, if base is already declared in a scope visible at the
// position: a name that shadows nothing.
func (r *Renderer) FreeName(base string) string {
	name := base
	for i := 1; r.scope != nil; i++ {
		if _, obj := r.scope.LookupParent(name, r.Pos); obj == nil {
			break
		}
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}
