// Package apis recognises the concurrency APIs fanoutlint reasons about
// (golang.org/x/sync/errgroup, sync.WaitGroup and package context) by the
// identity of their *types.Func: package path, receiver named type and
// name. It never looks at the spelling of an identifier, so a user type
// with a method called Wait is not mistaken for an errgroup.Group.
package apis

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Package paths of the recognised APIs.
const (
	ErrgroupPath = "golang.org/x/sync/errgroup"
	SyncPath     = "sync"
	ContextPath  = "context"
	TimePath     = "time"
)

// API names one recognised function or method.
type API int

// The recognised APIs. None is the zero value: not a recognised API.
const (
	None API = iota

	ErrgroupGo          // (*errgroup.Group).Go
	ErrgroupTryGo       // (*errgroup.Group).TryGo
	ErrgroupSetLimit    // (*errgroup.Group).SetLimit
	ErrgroupWait        // (*errgroup.Group).Wait
	ErrgroupWithContext // errgroup.WithContext

	WaitGroupAdd  // (*sync.WaitGroup).Add
	WaitGroupDone // (*sync.WaitGroup).Done
	WaitGroupWait // (*sync.WaitGroup).Wait
	WaitGroupGo   // (*sync.WaitGroup).Go

	ContextBackground      // context.Background
	ContextTODO            // context.TODO
	ContextWithCancel      // context.WithCancel
	ContextWithCancelCause // context.WithCancelCause
	ContextWithTimeout     // context.WithTimeout
	ContextWithTimeoutCause
	ContextWithDeadline
	ContextWithDeadlineCause
	ContextWithValue
	ContextWithoutCancel
	ContextAfterFunc

	TimeSleep     // time.Sleep
	TimeAfter     // time.After
	TimeNewTicker // time.NewTicker
	TickerStop    // (*time.Ticker).Stop

	OnceDo      // (*sync.Once).Do
	ContextDone // context.Context's Done method

	PathMatch     // path.Match
	FilepathMatch // path/filepath.Match

)

var names = map[API]string{
	ErrgroupGo:               "errgroup.Group.Go",
	ErrgroupTryGo:            "errgroup.Group.TryGo",
	ErrgroupSetLimit:         "errgroup.Group.SetLimit",
	ErrgroupWait:             "errgroup.Group.Wait",
	ErrgroupWithContext:      "errgroup.WithContext",
	WaitGroupAdd:             "sync.WaitGroup.Add",
	WaitGroupDone:            "sync.WaitGroup.Done",
	WaitGroupWait:            "sync.WaitGroup.Wait",
	WaitGroupGo:              "sync.WaitGroup.Go",
	ContextBackground:        "context.Background",
	ContextTODO:              "context.TODO",
	ContextWithCancel:        "context.WithCancel",
	ContextWithCancelCause:   "context.WithCancelCause",
	ContextWithTimeout:       "context.WithTimeout",
	ContextWithTimeoutCause:  "context.WithTimeoutCause",
	ContextWithDeadline:      "context.WithDeadline",
	ContextWithDeadlineCause: "context.WithDeadlineCause",
	ContextWithValue:         "context.WithValue",
	ContextWithoutCancel:     "context.WithoutCancel",
	ContextAfterFunc:         "context.AfterFunc",
	TimeSleep:                "time.Sleep",
	TimeAfter:                "time.After",
	TimeNewTicker:            "time.NewTicker",
	TickerStop:               "time.Ticker.Stop",
	OnceDo:                   "sync.Once.Do",
	ContextDone:              "context.Context.Done",
	PathMatch:                "path.Match",
	FilepathMatch:            "filepath.Match",
}

// String returns the API's name as users write it, e.g. "errgroup.Group.Wait".
func (a API) String() string {
	if s, ok := names[a]; ok {
		return s
	}
	return "none"
}

// key identifies a function by package path, receiver type name ("" for
// package-level functions) and name.
type key struct{ pkg, recv, name string }

var table = map[key]API{
	{ErrgroupPath, "Group", "Go"}:          ErrgroupGo,
	{ErrgroupPath, "Group", "TryGo"}:       ErrgroupTryGo,
	{ErrgroupPath, "Group", "SetLimit"}:    ErrgroupSetLimit,
	{ErrgroupPath, "Group", "Wait"}:        ErrgroupWait,
	{ErrgroupPath, "", "WithContext"}:      ErrgroupWithContext,
	{SyncPath, "WaitGroup", "Add"}:         WaitGroupAdd,
	{SyncPath, "WaitGroup", "Done"}:        WaitGroupDone,
	{SyncPath, "WaitGroup", "Wait"}:        WaitGroupWait,
	{SyncPath, "WaitGroup", "Go"}:          WaitGroupGo,
	{ContextPath, "", "Background"}:        ContextBackground,
	{ContextPath, "", "TODO"}:              ContextTODO,
	{ContextPath, "", "WithCancel"}:        ContextWithCancel,
	{ContextPath, "", "WithCancelCause"}:   ContextWithCancelCause,
	{ContextPath, "", "WithTimeout"}:       ContextWithTimeout,
	{ContextPath, "", "WithTimeoutCause"}:  ContextWithTimeoutCause,
	{ContextPath, "", "WithDeadline"}:      ContextWithDeadline,
	{ContextPath, "", "WithDeadlineCause"}: ContextWithDeadlineCause,
	{ContextPath, "", "WithValue"}:         ContextWithValue,
	{ContextPath, "", "WithoutCancel"}:     ContextWithoutCancel,
	{ContextPath, "", "AfterFunc"}:         ContextAfterFunc,
	{TimePath, "", "Sleep"}:                TimeSleep,
	{TimePath, "", "After"}:                TimeAfter,
	{"path", "", "Match"}:                  PathMatch,
	{"path/filepath", "", "Match"}:         FilepathMatch,
	{TimePath, "", "NewTicker"}:            TimeNewTicker,
	{TimePath, "Ticker", "Stop"}:           TickerStop,
	{SyncPath, "Once", "Do"}:               OnceDo,
	{ContextPath, "Context", "Done"}:       ContextDone,
}

// ErrorOnlyOf returns, for a recognised function whose error result is
// documented to depend on one argument only, the index of that argument:
// path.Match and filepath.Match return ErrBadPattern exactly when the
// pattern is malformed, whatever the name. Two calls with the same such
// argument fail alike. It returns -1 for any other API.
func (a API) ErrorOnlyOf() int {
	switch a {
	case PathMatch, FilepathMatch:
		return 0
	}
	return -1
}

// Of reports which recognised API fn is, or None. Methods of generic
// instantiations are mapped to their origin first.
func Of(fn *types.Func) API {
	if fn == nil || fn.Pkg() == nil {
		return None
	}
	fn = fn.Origin()
	recv := ""
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		named := NamedOf(sig.Recv().Type())
		if named == nil {
			return None // interface method or unnamed receiver
		}
		recv = named.Obj().Name()
	}
	return table[key{fn.Pkg().Path(), recv, fn.Name()}]
}

// Callee reports which recognised API the call expression calls, or None.
// Calls through function values and interface methods are None.
func Callee(info *types.Info, call *ast.CallExpr) API {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return Of(fn)
}

// CalleeFunc returns the statically known *types.Func called by call, or
// nil for calls of function values, builtins, conversions and interface
// methods (whose target is not known statically).
func CalleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	return typeutil.StaticCallee(info, call)
}

// SSACallee reports which recognised API the SSA call calls, or None.
// Interface method invocations ("invoke" mode) are None.
func SSACallee(call *ssa.CallCommon) API {
	if call.IsInvoke() {
		return None
	}
	if fn := call.StaticCallee(); fn != nil {
		if obj, ok := fn.Object().(*types.Func); ok {
			return Of(obj)
		}
		if fn.Origin() != nil {
			if obj, ok := fn.Origin().Object().(*types.Func); ok {
				return Of(obj)
			}
		}
	}
	return None
}

// Is reports whether a is one of want.
func (a API) Is(want ...API) bool { return slices.Contains(want, a) }

// IsErrgroupSpawn reports whether a starts a goroutine on an errgroup.Group.
func (a API) IsErrgroupSpawn() bool { return a == ErrgroupGo || a == ErrgroupTryGo }

// IsGoMethod reports whether a is a method that runs its function argument
// on a new goroutine: errgroup.Group.Go and TryGo, sync.WaitGroup.Go.
func (a API) IsGoMethod() bool { return a.Is(ErrgroupGo, ErrgroupTryGo, WaitGroupGo) }

// GoMethodFunc returns the function an SSA call of a Go method
// (IsGoMethod) runs on a new goroutine, or nil if call is no such call.
func GoMethodFunc(call *ssa.CallCommon) ssa.Value {
	if SSACallee(call).IsGoMethod() && len(call.Args) == 2 {
		return call.Args[1] // Args[0] is the receiver
	}
	return nil
}

// IsDetachedContext reports whether a returns a context no caller can cancel.
func (a API) IsDetachedContext() bool { return a == ContextBackground || a == ContextTODO }

// NamedOf returns the named type behind t, looking through aliases and
// one level of pointer, or nil.
func NamedOf(t types.Type) *types.Named {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, _ := t.(*types.Named)
	return n
}

// IsNamedType reports whether t (through aliases and one pointer) is the
// named type pkgPath.name.
func IsNamedType(t types.Type, pkgPath, name string) bool {
	n := NamedOf(t)
	if n == nil {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == pkgPath && obj.Name() == name
}

// IsErrgroup reports whether t is errgroup.Group or *errgroup.Group.
func IsErrgroup(t types.Type) bool { return IsNamedType(t, ErrgroupPath, "Group") }

// IsWaitGroup reports whether t is sync.WaitGroup or *sync.WaitGroup.
func IsWaitGroup(t types.Type) bool { return IsNamedType(t, SyncPath, "WaitGroup") }

// IsTickerC reports whether field is the C field of time.Ticker, by
// identity with the field of the type's declaration.
func IsTickerC(field *types.Var) bool {
	if field == nil || !field.IsField() || field.Pkg() == nil || field.Pkg().Path() != TimePath {
		return false
	}
	obj, ok := field.Pkg().Scope().Lookup("Ticker").(*types.TypeName)
	if !ok {
		return false
	}
	st, ok := obj.Type().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f == field {
			return f.Name() == "C"
		}
	}
	return false
}

// IsContext reports whether t is exactly context.Context (not a pointer).
func IsContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == ContextPath && n.Obj().Name() == "Context"
}

var errorType = types.Universe.Lookup("error").Type()

// IsError reports whether t is the predeclared error interface.
func IsError(t types.Type) bool { return types.Identical(t, errorType) }

// ErrorResult returns the index of the last result of sig whose type is
// error, or -1.
func ErrorResult(sig *types.Signature) int {
	res := sig.Results()
	for i := res.Len() - 1; i >= 0; i-- {
		if IsError(res.At(i).Type()) {
			return i
		}
	}
	return -1
}

// Imports reports whether pkg imports any of the given paths directly.
// Checks use it as a cheap first exit.
func Imports(pkg *types.Package, paths ...string) bool {
	for _, imp := range pkg.Imports() {
		if slices.Contains(paths, imp.Path()) {
			return true
		}
	}
	return false
}

// Reaches reports whether pkg, or a package it imports directly, imports
// one of the given paths. A package can call errgroup methods through the
// fields of another package's types without importing errgroup itself.
func Reaches(pkg *types.Package, paths ...string) bool {
	if Imports(pkg, paths...) {
		return true
	}
	for _, imp := range pkg.Imports() {
		if Imports(imp, paths...) {
			return true
		}
	}
	return false
}

// Unparen strips parentheses around e.
func Unparen(e ast.Expr) ast.Expr { return astutil.Unparen(e) }

// IsCancellationFunc reports whether fn is context.Context's Err method
// or context.Cause: it returns the error of a cancelled context, nothing
// else, which whoever cancelled the context already knows of.
func IsCancellationFunc(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != ContextPath {
		return false
	}
	isMethod := RecvType(fn) != nil
	return (isMethod && fn.Name() == "Err") || (!isMethod && fn.Name() == "Cause")
}
