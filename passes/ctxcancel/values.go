package ctxcancel

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// funcIs reports whether fn (a function or method, generic origin
// included) is pkg.name, or the method name of the named type recv of
// pkg when recv is not empty. Identity comes from the type checker, not
// from spelling.
func funcIs(fn *types.Func, pkg, recv, name string) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	fn = fn.Origin()
	if fn.Pkg().Path() != pkg || fn.Name() != name {
		return false
	}
	r := apis.RecvType(fn)
	if recv == "" {
		return r == nil
	}
	named := apis.NamedOf(r)
	return named != nil && named.Obj().Name() == recv
}

// valuesOnly reports whether handing the context v to call only reads the
// context's values, so that which context it is, and whether it is
// cancelled, is no choice about cancellation: the Value method of a
// context, context.Cause, context.WithoutCancel (which detaches on
// purpose), and the log/slog API, whose handlers receive a context to
// read values such as trace identifiers from.
func valuesOnly(call ssa.CallInstruction, v ssa.Value) bool {
	common := call.Common()
	if common.IsInvoke() && common.Value == v && apis.IsContext(v.Type()) {
		return common.Method.Name() == "Value"
	}
	switch apis.SSACallee(common) {
	case apis.ContextWithoutCancel:
		return true
	}
	fn := apis.SSACalleeFunc(common)
	if funcIs(fn, apis.ContextPath, "", "Cause") {
		return true
	}
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "log/slog"
}

// onceArg reports whether the function literal lit is the argument of
// sync.Once.Do, sync.OnceFunc, sync.OnceValue or sync.OnceValues: it runs
// once for the life of the object or the process, not once per caller,
// so the contexts of the function that happens to run it first do not
// govern what it starts.
func (c *checker) onceArg(call *ast.CallExpr, lit *ast.FuncLit) bool {
	if len(call.Args) != 1 || apis.Unparen(call.Args[0]) != lit {
		return false
	}
	fn := apis.CalleeFunc(c.pass.TypesInfo, call)
	return funcIs(fn, apis.SyncPath, "Once", "Do") ||
		funcIs(fn, apis.SyncPath, "", "OnceFunc") ||
		funcIs(fn, apis.SyncPath, "", "OnceValue") ||
		funcIs(fn, apis.SyncPath, "", "OnceValues")
}
