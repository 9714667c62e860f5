// Package fanout is the shared front end of the fanoutlint checks. It
// finds, with a cheap syntactic scan, the functions of a package that can
// hold a fan-out finding, and builds SSA for those functions only, on the
// first request of a check that needs value flow.
//
// Why not buildssa: buildssa requires ctrlflow, whose facts make the driver
// analyse every dependency, and it builds SSA for every function of every
// package. On grpc that is about 4× the cost of loading and type-checking.
// Most functions spawn no goroutine and touch no errgroup or WaitGroup;
// building SSA for them is wasted. Here a package without a candidate costs
// one walk of its syntax, and a package with candidates pays for SSA of the
// candidates alone: every other function declaration is handed to the SSA
// builder without its body, which makes it an external function, exactly
// like an assembly function. Of the imports, only those whose functions
// or variables the candidates name are created: making an SSA package
// makes a member for every object in its scope, which for a package with
// many imports cost more than building the candidates.
//
// The checks share the front end's view of the syntax too: an inspector
// over the candidate declarations only (Result.Inspector), instead of the
// standard inspect pass's index of every node. Once every check of a
// package has run, Release drops the inspector and the SSA program, which
// drivers would otherwise keep reachable from the results until the end
// of the run.
package fanout

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// Analyzer computes the package's fan-out candidates. Its result is a
// *Result. It reports nothing.
//
// It walks the package's syntax itself rather than requiring the
// standard inspect pass: an inspector.Inspector indexes every node of
// every file and, as an analyzer result, stays alive for the whole run,
// which for a large module cost more memory than all the checks together.
// The checks get an Inspector over the declarations that can hold a
// finding only (Result.Inspector).
var Analyzer = &analysis.Analyzer{
	Name:       "fanout",
	Doc:        "find functions that fan out work and build SSA for them on demand",
	URL:        "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/internal/fanout",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// Result lists a package's candidate functions and builds their SSA form
// on demand. It is safe for concurrent use by the passes that require it.
// Once every check of the package has finished, Release drops what it
// built.
type Result struct {
	// Funcs are the candidate function declarations in source order: those
	// that start a goroutine (go statement, errgroup.Group.Go/TryGo,
	// sync.WaitGroup.Go), call another errgroup or WaitGroup method, or are
	// the target of a goroutine started by another candidate in this
	// package (go worker(ch), g.Go(s.run)), so that senders and workers
	// are visible to flow checks; and the same-package functions
	// candidates hand a channel to, the callers of same-package futures
	// and go-helpers (functions given a function literal that start a
	// goroutine), and, with facts on (SetFacts), the callers of other
	// packages' futures.
	Funcs []*ast.FuncDecl

	pass *analysis.Pass
	// inits are the package variable declarations whose initializers
	// start a goroutine or call an errgroup or WaitGroup method. They hold
	// no candidate (package initializers are not built), but syntactic
	// checks look at them.
	inits map[ast.Decl]bool

	inspOnce sync.Once
	insp     *inspector.Inspector

	chansOnce sync.Once
	chans     *chanmodel.Model

	fieldsOnce sync.Once
	fields     *chanmodel.Fields
	// imported are the futures of other packages the candidates call,
	// read from facts (see SetFacts).
	imported map[*types.Func]*chanmodel.FutureFact

	once   sync.Once
	byNode map[ast.Node]*ssa.Function // FuncDecl or FuncLit → its SSA function
	fns    []*ssa.Function            // built functions, candidates first, then their literals
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{pass: pass}

	// Only when sync or errgroup is reachable do calls need resolving;
	// without them, only go statements make candidates.
	resolveCalls := apis.Reaches(pass.Pkg, apis.ErrgroupPath, apis.SyncPath)

	decls := make(map[*types.Func]*ast.FuncDecl)
	isCandidate := make(map[*ast.FuncDecl]bool)
	var targets []*types.Func // same-package functions started as goroutines
	// Static calls of same-package functions, per calling declaration:
	// those given a channel (whose sends the channel model follows) and
	// those returning one (futures, when they start a goroutine).
	var cur *ast.FuncDecl
	chanArgs := make(map[*ast.FuncDecl][]*types.Func)
	chanResults := make(map[*ast.FuncDecl][]*types.Func)
	// Static calls of same-package functions given a function literal,
	// per calling declaration: go-helpers (go func() { f() }()) start it.
	litArgs := make(map[*ast.FuncDecl][]*types.Func)
	// With facts, callers of another package's futures (see SetFacts).
	facts := len(pass.Analyzer.FactTypes) > 0
	futureCallers := make(map[*ast.FuncDecl]bool)

	// fansOut walks n and reports whether it holds a go statement or a
	// call of an errgroup or WaitGroup method that makes a candidate;
	// inside a function declaration it collects the goroutines' targets.
	fansOut := func(n ast.Node, inFunc bool) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				found = true
				if inFunc {
					targets = appendTarget(pass, targets, n.Call.Fun)
				}
			case *ast.CallExpr:
				if inFunc {
					if facts && res.importFuture(n.Fun) {
						futureCallers[cur] = true
					}
					if fn := samePackageFunc(pass, n.Fun); fn != nil {
						if hasChan(fn.Signature().Results()) {
							chanResults[cur] = append(chanResults[cur], fn)
						}
						for _, a := range n.Args {
							if isChan(pass.TypesInfo.TypeOf(a)) {
								chanArgs[cur] = append(chanArgs[cur], fn)
								break
							}
						}
						for _, a := range n.Args {
							if _, ok := apis.Unparen(a).(*ast.FuncLit); ok {
								litArgs[cur] = append(litArgs[cur], fn)
								break
							}
						}
					}
				}
				if !resolveCalls {
					break
				}
				switch api := apis.Callee(pass.TypesInfo, n); {
				case api == apis.None:
				case api.IsGoMethod():
					found = true
					if inFunc && len(n.Args) == 1 {
						targets = appendTarget(pass, targets, n.Args[0])
					}
				case api.Is(apis.ErrgroupWait, apis.ErrgroupSetLimit, apis.ErrgroupWithContext,
					apis.WaitGroupAdd, apis.WaitGroupDone, apis.WaitGroupWait):
					found = true
				}
			case *ast.Ident, *ast.BasicLit:
				return false
			}
			return true
		})
		return found
	}

	for _, f := range pass.Files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
					decls[fn] = d
				}
				cur = d
				if d.Body != nil && fansOut(d, true) {
					isCandidate[d] = true
				}
			case *ast.GenDecl:
				if d.Tok == token.VAR && fansOut(d, false) {
					if res.inits == nil {
						res.inits = make(map[ast.Decl]bool)
					}
					res.inits[d] = true
				}
			}
		}
	}
	for d := range futureCallers {
		isCandidate[d] = true
	}
	if len(isCandidate) == 0 {
		return res, nil
	}
	for _, fn := range targets {
		if d, ok := decls[fn]; ok && d.Body != nil {
			isCandidate[d] = true
		}
	}
	// Callers of futures: functions that call a same-package function
	// returning a channel that starts a goroutine.
	for caller, callees := range chanResults {
		for _, fn := range callees {
			if d, ok := decls[fn.Origin()]; ok && isCandidate[d] && startsGoroutine(d) {
				isCandidate[caller] = true
				break
			}
		}
	}
	// Callers of go-helpers: functions that hand a function literal to a
	// same-package function that starts a goroutine.
	for caller, callees := range litArgs {
		for _, fn := range callees {
			if d, ok := decls[fn.Origin()]; ok && isCandidate[d] && startsGoroutine(d) {
				isCandidate[caller] = true
				break
			}
		}
	}
	// Functions that candidates hand a channel to, transitively.
	var work []*ast.FuncDecl
	for d := range isCandidate {
		work = append(work, d)
	}
	for len(work) > 0 {
		d := work[len(work)-1]
		work = work[:len(work)-1]
		for _, fn := range chanArgs[d] {
			if cd, ok := decls[fn.Origin()]; ok && cd.Body != nil && !isCandidate[cd] {
				isCandidate[cd] = true
				work = append(work, cd)
			}
		}
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if d, ok := d.(*ast.FuncDecl); ok && isCandidate[d] {
				res.Funcs = append(res.Funcs, d)
			}
		}
	}
	if facts {
		res.exportFutures()
	}
	return res, nil
}

// Inspector returns an inspector over the declarations that can hold a
// fan-out finding: the candidate functions (Funcs) and the package
// variable declarations whose initializers start a goroutine or call an
// errgroup or WaitGroup method. Each file of the package that has such a
// declaration appears as a shallow copy of its *ast.File holding only
// those declarations, so cursors see the real nodes, their parents up to
// the declaration, and a file in place of the real one; a check must
// not compare that file with pass.Files (analysisutil.FileOf finds the
// real one by position). Nodes outside these declarations, which cannot
// hold a finding, are not indexed. It is built on first use.
func (r *Result) Inspector() *inspector.Inspector {
	r.inspOnce.Do(func() {
		keep := make(map[ast.Decl]bool, len(r.Funcs)+len(r.inits))
		for _, d := range r.Funcs {
			keep[d] = true
		}
		for d := range r.inits {
			keep[d] = true
		}
		var files []*ast.File
		if len(keep) > 0 {
			for _, f := range r.pass.Files {
				var ds []ast.Decl
				for _, d := range f.Decls {
					if keep[d] {
						ds = append(ds, d)
					}
				}
				if ds != nil {
					part := *f
					part.Decls = ds
					files = append(files, &part)
				}
			}
		}
		r.insp = inspector.New(files)
	})
	return r.insp
}

// Release drops the syntax index and the SSA program built for the
// package, so that they do not stay reachable from the analysis results
// for the rest of the run. It is called once every check of the package
// has finished (see ignoredirective.Wrap); after it the result is empty.
func (r *Result) Release() {
	r.once.Do(func() {})
	r.inspOnce.Do(func() {})
	r.Funcs, r.pass, r.inits = nil, nil, nil
	r.insp, r.byNode, r.fns = noSyntax, nil, nil
	r.chansOnce.Do(func() {})
	r.chans = nil
	r.fieldsOnce.Do(func() {})
	r.fields = nil
}

// noSyntax is the inspector of a released result: it indexes nothing.
var noSyntax = inspector.New(nil)

// appendTarget appends to targets the same-package function or method
// that fun (the operand of a go statement or the argument of a Go method)
// names directly, if any. Function literals are part of their enclosing
// candidate already.
func appendTarget(pass *analysis.Pass, targets []*types.Func, fun ast.Expr) []*types.Func {
	if fn := samePackageFunc(pass, fun); fn != nil {
		targets = append(targets, fn)
	}
	return targets
}

// Empty reports whether the package has no candidate function, in which
// case no check has anything to do.
func (r *Result) Empty() bool { return len(r.Funcs) == 0 }

// Functions returns the SSA form of every candidate function and of the
// function literals nested in them, building it on first use.
func (r *Result) Functions() []*ssa.Function {
	r.once.Do(r.build)
	return r.fns
}

// Func returns the SSA function for a candidate *ast.FuncDecl or a
// *ast.FuncLit nested in one, building SSA on first use; nil for any other
// node.
func (r *Result) Func(n ast.Node) *ssa.Function {
	r.once.Do(r.build)
	return r.byNode[n]
}

// build creates an SSA program holding the package, in which only
// candidate functions keep their bodies, and the imports those bodies
// refer to (from type information only).
func (r *Result) build() {
	r.byNode = make(map[ast.Node]*ssa.Function)
	if r.Empty() {
		return
	}
	pass := r.pass
	keep := make(map[*ast.FuncDecl]bool, len(r.Funcs))
	for _, d := range r.Funcs {
		keep[d] = true
	}

	// A shallow copy of the type information without package variable
	// initializers: the package initializer is not built, so variables
	// exist as globals but their initial values are unknown, which no
	// check relies on. FileVersions is re-keyed to the copied files so
	// that loop variables keep their per-iteration (Go 1.22+) semantics.
	info := *pass.TypesInfo
	info.InitOrder = nil
	info.FileVersions = make(map[*ast.File]string, len(pass.Files))

	files := make([]*ast.File, len(pass.Files))
	for i, f := range pass.Files {
		copyFile := *f
		copyFile.Decls = make([]ast.Decl, len(f.Decls))
		for j, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && !keep[fd] && fd.Body != nil {
				external := *fd
				external.Body = nil
				d = &external
			}
			copyFile.Decls[j] = d
		}
		files[i] = &copyFile
		if v, ok := pass.TypesInfo.FileVersions[f]; ok {
			info.FileVersions[&copyFile] = v
		}
	}

	prog := r.buildProgram(files, &info, r.referencedImports())
	if prog == nil {
		// Defensive: should the builder need an import the syntax did
		// not reveal, build again with every direct import.
		prog = r.buildProgram(files, &info, pass.Pkg.Imports())
	}
	if prog == nil {
		return
	}

	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		r.fns = append(r.fns, fn)
		if syn := fn.Syntax(); syn != nil {
			r.byNode[syn] = fn
		}
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, d := range r.Funcs {
		obj, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok {
			continue
		}
		if fn := prog.FuncValue(obj); fn != nil {
			add(fn)
			// The builder records the original declaration as syntax
			// only when it has a body; map the original node too.
			r.byNode[d] = fn
		}
	}
}

// referencedImports returns the imported packages whose package-level
// functions or variables the candidate functions name. The SSA builder
// resolves those through the imported package's SSA members; everything
// else it needs from another package (methods, constants, types) it makes
// from type information on demand. Creating an SSA package makes a member
// for every object in its scope, so creating all direct imports, as
// buildssa does, costs more than building the candidates themselves.
func (r *Result) referencedImports() []*types.Package {
	pass := r.pass
	seen := make(map[*types.Package]bool)
	var pkgs []*types.Package
	for _, d := range r.Funcs {
		ast.Inspect(d, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := pass.TypesInfo.Uses[id]
			if obj == nil || obj.Pkg() == nil || obj.Pkg() == pass.Pkg || seen[obj.Pkg()] {
				return true
			}
			switch obj := obj.(type) {
			case *types.Func:
				if obj.Type().(*types.Signature).Recv() != nil {
					return true // methods are made on demand
				}
			case *types.Var:
				if obj.Parent() != obj.Pkg().Scope() {
					return true // fields
				}
			default:
				return true
			}
			seen[obj.Pkg()] = true
			pkgs = append(pkgs, obj.Pkg())
			return true
		})
	}
	return pkgs
}

// buildProgram builds an SSA program of the package from files and info,
// with imports created from type information. It uses BareInits: the
// package initializer, which is not analysed, then does not need every
// import. It returns nil if the builder panics, which it does when a
// reference cannot be resolved.
func (r *Result) buildProgram(files []*ast.File, info *types.Info, imports []*types.Package) (prog *ssa.Program) {
	defer func() {
		if recover() != nil {
			prog = nil
		}
	}()
	prog = ssa.NewProgram(r.pass.Fset, ssa.BareInits)
	for _, imp := range imports {
		prog.CreatePackage(imp, nil, nil, true)
	}
	prog.CreatePackage(r.pass.Pkg, files, info, false).Build()
	return prog
}

// samePackageFunc returns the function or method of the package that fun,
// the callee expression of a call, names directly, or nil.
func samePackageFunc(pass *analysis.Pass, fun ast.Expr) *types.Func {
	if fn := namedFunc(pass.TypesInfo, fun); fn != nil && fn.Pkg() == pass.Pkg {
		return fn.Origin()
	}
	return nil
}

// isChan reports whether t is a channel type.
func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// hasChan reports whether a tuple holds a channel.
func hasChan(t *types.Tuple) bool {
	for v := range t.Variables() {
		if isChan(v.Type()) {
			return true
		}
	}
	return false
}

// startsGoroutine reports whether d holds a go statement.
func startsGoroutine(d *ast.FuncDecl) bool {
	found := false
	ast.Inspect(d, func(n ast.Node) bool {
		if _, ok := n.(*ast.GoStmt); ok {
			found = true
		}
		return !found
	})
	return found
}

// Channels returns the package's channel model, made on first use.
func (r *Result) Channels() *chanmodel.Model {
	r.chansOnce.Do(func() {
		r.chans = chanmodel.New()
		if r.imported != nil {
			r.chans.Import(r.imported)
		}
	})
	return r.chans
}

// Fields returns the package's index of channel struct fields
// (chanmodel.IndexFields over every file of the package, not only the
// candidates: a field can be set or received from anywhere), made on
// first use.
func (r *Result) Fields() *chanmodel.Fields {
	r.fieldsOnce.Do(func() {
		if r.pass != nil {
			r.fields = chanmodel.IndexFields(r.pass.Pkg, r.pass.TypesInfo, r.pass.Files)
		}
	})
	if r.fields == nil {
		return chanmodel.IndexFields(nil, nil, nil)
	}
	return r.fields
}
