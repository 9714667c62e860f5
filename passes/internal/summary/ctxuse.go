package summary

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// A CtxUse says what a context handed to a function reaches. The zero
// value says nothing is known to reach anything: the context may be read
// only for its values.
type CtxUse uint8

const (
	// Observes: the context reaches something that observes its
	// cancellation: its Done or Err method (a select on Done included),
	// context.Cause or AfterFunc, a call into another package known to
	// observe it (apis.ObservesCancel), or a parameter of a same-package
	// function that does, through contexts derived from it by package
	// context on the way.
	Observes CtxUse = 1 << iota
	// Spawns: the context is handed to a goroutine that a go statement
	// starts, in a function that calls no Wait of a WaitGroup or errgroup:
	// the goroutine is meant to outlive the call, with the context it was
	// given (a monitor for a resource's lifetime).
	Spawns
)

// CtxUses summarises, for the functions declared in one package, what
// their context.Context parameters reach. It works on syntax and types
// alone, so it covers every function of the package, not only those the
// checks build SSA for, and computes each function's summary once, on
// first request. Recursion is cut: a function met again while its own
// summary is being computed counts as reaching nothing, so the summary
// errs towards "not observed". Not safe for concurrent use.
type CtxUses struct {
	pkg   *types.Package
	info  *types.Info
	files []*ast.File

	decls map[*types.Func]*ast.FuncDecl // built on first request
	funcs map[*types.Func][]CtxUse      // per parameter; nil while being computed
	lits  map[*ast.FuncLit][]CtxUse
	busy  map[ast.Node]bool

	cut      bool // a computation in progress met a cycle
	computed int  // summaries computed, to bound recomputation
}

// NewCtxUses returns the (still empty) summaries of the package.
func NewCtxUses(pkg *types.Package, info *types.Info, files []*ast.File) *CtxUses {
	return &CtxUses{
		pkg:   pkg,
		info:  info,
		files: files,
		funcs: make(map[*types.Func][]CtxUse),
		lits:  make(map[*ast.FuncLit][]CtxUse),
		busy:  make(map[ast.Node]bool),
	}
}

// Param returns what the i-th parameter (receiver excluded) of fn
// reaches, when fn is declared with a body in the package; zero
// otherwise.
func (s *CtxUses) Param(fn *types.Func, i int) CtxUse {
	if fn == nil || fn.Pkg() != s.pkg {
		return 0
	}
	fn = fn.Origin()
	if s.decls == nil {
		s.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range s.files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := s.info.Defs[fd.Name].(*types.Func); ok {
						s.decls[obj] = fd
					}
				}
			}
		}
	}
	decl, ok := s.decls[fn]
	if !ok {
		return 0
	}
	uses, done := s.funcs[fn]
	if !done {
		var keep bool
		uses, keep = s.enter(decl, decl.Type, decl.Body)
		if uses == nil && !keep {
			return 0 // recursion: cut
		}
		if keep {
			s.funcs[fn] = uses
		}
	}
	return at(uses, i)
}

// Lit returns what the i-th parameter of the function literal lit
// reaches.
func (s *CtxUses) Lit(lit *ast.FuncLit, i int) CtxUse {
	uses, done := s.lits[lit]
	if !done {
		var keep bool
		uses, keep = s.enter(lit, lit.Type, lit.Body)
		if keep {
			s.lits[lit] = uses
		}
	}
	return at(uses, i)
}

// maxComputations bounds the summaries computed again because a cycle
// was cut while they were first computed (see enter).
const maxComputations = 10000

// enter computes the summary of the function at node, unless it is being
// computed already (recursion: nil, false). keep reports whether the
// result may be kept: a summary that relied on a cut cycle while an
// enclosing computation is still open may miss what the rest of the
// cycle reaches, so it is computed again when next asked for; the
// outermost one of a cycle is complete.
func (s *CtxUses) enter(node ast.Node, ft *ast.FuncType, body *ast.BlockStmt) (uses []CtxUse, keep bool) {
	if s.busy[node] {
		s.cut = true
		return nil, false
	}
	outer := s.cut
	s.cut = false
	s.busy[node] = true
	s.computed++
	uses = s.compute(ft, body)
	delete(s.busy, node)
	keep = !s.cut || len(s.busy) == 0 || s.computed > maxComputations
	s.cut = outer || s.cut
	return uses, keep
}

// Arg returns what a context passed as the i-th argument (receiver
// excluded) of a call of fn reaches: the summary of a same-package
// function, Observes for a function of another package known to observe
// cancellation, zero for any other.
func (s *CtxUses) Arg(fn *types.Func, i int) CtxUse {
	if fn == nil {
		return 0
	}
	if fn.Pkg() == s.pkg {
		return s.Param(fn, i)
	}
	if apis.ObservesCancel(fn) {
		return Observes
	}
	return 0
}

// at returns uses[i], the last element for the variadic tail, or zero.
func at(uses []CtxUse, i int) CtxUse {
	switch {
	case i < 0 || len(uses) == 0:
		return 0
	case i >= len(uses):
		return uses[len(uses)-1]
	}
	return uses[i]
}

// compute summarises every parameter of a function of type ft and body
// body.
func (s *CtxUses) compute(ft *ast.FuncType, body *ast.BlockStmt) []CtxUse {
	var params []*types.Var
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			params = append(params, nil) // unnamed: unusable
			continue
		}
		for _, name := range field.Names {
			v, _ := s.info.Defs[name].(*types.Var)
			params = append(params, v)
		}
	}
	uses := make([]CtxUse, len(params))
	for i, p := range params {
		if p != nil && p.Name() != "_" && apis.IsContext(p.Type()) {
			uses[i] = s.follow(p, body)
		}
	}
	return uses
}

// A tracker follows one context through a function body: the variables
// that hold it or a context derived from it.
type tracker struct {
	s    *CtxUses
	vars map[*types.Var]bool
}

// follow returns what the context in variable v reaches in body,
// function literals nested in it included.
func (s *CtxUses) follow(v *types.Var, body *ast.BlockStmt) CtxUse {
	t := &tracker{s: s, vars: map[*types.Var]bool{v: true}}
	// Variables that receive the context: to a fixed point, since an
	// assignment may come before (in a loop) the one it depends on.
	for changed := true; changed; {
		changed = false
		ast.Inspect(body, func(n ast.Node) bool {
			if t.assign(n) {
				changed = true
			}
			return true
		})
	}
	var use CtxUse
	waits := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			if t.handedTo(n.Call) {
				use |= Spawns
			}
		case *ast.CallExpr:
			use |= t.call(n)
			if api := apis.Callee(s.info, n); api == apis.WaitGroupWait || api == apis.ErrgroupWait {
				waits = true
			}
		}
		return true
	})
	if waits {
		use &^= Spawns // the goroutines are joined before the call returns
	}
	return use
}

// carries reports whether e evaluates to the tracked context or one
// derived from it by package context.
func (t *tracker) carries(e ast.Expr) bool {
	switch e := apis.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := t.s.info.Uses[e].(*types.Var)
		return ok && t.vars[v]
	case *ast.CallExpr:
		return apis.Callee(t.s.info, e).IsContextDerivation() && len(e.Args) > 0 && t.carries(e.Args[0])
	}
	return false
}

// derivedResult returns the index of the result of the call e that is a
// context derived from the tracked one (see apis.DerivedContextResult),
// or -1.
func (t *tracker) derivedResult(e ast.Expr) int {
	call, ok := apis.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || !t.carries(call.Args[0]) {
		return -1
	}
	return apis.DerivedContextResult(apis.CalleeFunc(t.s.info, call))
}

// mark adds the variable that id declares or denotes to the tracked
// ones, and reports whether it is new.
func (t *tracker) mark(id ast.Expr) bool {
	x, ok := apis.Unparen(id).(*ast.Ident)
	if !ok || x.Name == "_" {
		return false
	}
	v, ok := t.s.info.ObjectOf(x).(*types.Var)
	if !ok || t.vars[v] || v.IsField() {
		return false
	}
	t.vars[v] = true
	return true
}

// assign marks the variables that n gives the tracked context: plain
// assignments and definitions, the context result of a derivation
// (ctx, cancel := context.WithTimeout(ctx, d), errgroup.WithContext,
// signal.NotifyContext), and the parameters of a function literal called
// or started with it.
func (t *tracker) assign(n ast.Node) bool {
	changed := false
	switch n := n.(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) == len(n.Rhs) {
			for i, r := range n.Rhs {
				if t.carries(r) && t.mark(n.Lhs[i]) {
					changed = true
				}
			}
		} else if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
			// ctx, cancel := context.WithCancel(ctx); g, ctx := errgroup.WithContext(ctx)
			if r := t.derivedResult(n.Rhs[0]); r >= 0 && r < len(n.Lhs) {
				changed = t.mark(n.Lhs[r])
			}
		}
	case *ast.ValueSpec:
		if len(n.Names) == len(n.Values) {
			for i, r := range n.Values {
				if t.carries(r) && t.mark(n.Names[i]) {
					changed = true
				}
			}
		} else if len(n.Values) == 1 && len(n.Names) > 1 {
			if r := t.derivedResult(n.Values[0]); r >= 0 && r < len(n.Names) {
				changed = t.mark(n.Names[r])
			}
		}
	case *ast.CallExpr:
		lit, ok := apis.Unparen(n.Fun).(*ast.FuncLit)
		if !ok {
			break
		}
		params := litParams(t.s.info, lit)
		for i, a := range n.Args {
			if i < len(params) && params[i] != nil && t.carries(a) && !t.vars[params[i]] {
				t.vars[params[i]] = true
				changed = true
			}
		}
	}
	return changed
}

// litParams returns the parameter variables of lit, nil for unnamed ones.
func litParams(info *types.Info, lit *ast.FuncLit) []*types.Var {
	var params []*types.Var
	for _, field := range lit.Type.Params.List {
		if len(field.Names) == 0 {
			params = append(params, nil)
			continue
		}
		for _, name := range field.Names {
			v, _ := info.Defs[name].(*types.Var)
			params = append(params, v)
		}
	}
	return params
}

// call returns what the call n does with the tracked context.
func (t *tracker) call(n *ast.CallExpr) CtxUse {
	info := t.s.info
	if sel, ok := apis.Unparen(n.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Done" || sel.Sel.Name == "Err") {
		if fn, ok := info.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == apis.ContextPath && t.carries(sel.X) {
			return Observes // the methods of context.Context itself
		}
	}
	if _, ok := apis.Unparen(n.Fun).(*ast.FuncLit); ok {
		return 0 // its parameters are tracked and its body is walked
	}
	fn, _ := typeutil.Callee(info, n).(*types.Func)
	if fn == nil || apis.Of(fn).IsContextDerivation() {
		return 0 // a function value, or a derivation whose result is tracked
	}
	var use CtxUse
	for i, a := range n.Args {
		if t.carries(a) {
			use |= t.s.Arg(fn, i)
		}
	}
	return use
}

// handedTo reports whether the goroutine started by the call of a go
// statement receives the tracked context: as an argument, or, for a
// function literal, through a variable it captures.
func (t *tracker) handedTo(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if t.carries(a) {
			return true
		}
	}
	lit, ok := apis.Unparen(call.Fun).(*ast.FuncLit)
	if !ok {
		return false
	}
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && t.carries(id) {
			found = true
		}
		return !found
	})
	return found
}
