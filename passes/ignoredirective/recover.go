package ignoredirective

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// DebugEnv names the environment variable that, set to 1, adds the
// goroutine's stack to the error an analyzer's panic turns into.
const DebugEnv = "FANOUTLINT_DEBUG"

// guard returns run made safe: a panic inside it, on one package, becomes
// the error of that analyzer on that package, naming both and the panic
// value, instead of ending the process and every other package's and
// check's findings with it. The drivers print the error and exit 1.
func guard(name string, run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				result, err = nil, internalError(name, pass.Pkg.Path(), r)
			}
		}()
		return run(pass)
	}
}

// An InternalError is the error a panic of analyzer Check on package
// Package turns into.
type InternalError struct {
	Check   string // the analyzer's name
	Package string // the package's path
	Value   any    // the panic value
	Stack   []byte // the panicking goroutine's stack, if DebugEnv is 1
}

// Error returns "internal error in <check> analysing <package>: <panic
// value>; please report it", followed by the stack if there is one.
func (e *InternalError) Error() string {
	msg := fmt.Sprintf("internal error in %s analysing %s: %v; please report it", e.Check, e.Package, e.Value)
	if e.Stack == nil {
		return msg + " (" + DebugEnv + "=1 prints the stack)"
	}
	return msg + "\n" + string(e.Stack)
}

// internalError returns the error of analyzer name's panic with value r
// on package path. Called from the deferred recover, debug.Stack still
// holds the frames of the panic.
func internalError(name, path string, r any) error {
	e := &InternalError{Check: name, Package: path, Value: r}
	if os.Getenv(DebugEnv) == "1" {
		e.Stack = debug.Stack()
	}
	return e
}

// guarded holds the analyzers whose Run guard has replaced, so that each
// is guarded once however often Wrap is called.
var guarded struct {
	sync.Mutex
	done map[*analysis.Analyzer]bool
}

// guardAll guards the Run of every analyzer in the graph below roots, in
// place. The analyzers the checks require (the fanout front end, inspect)
// keep their identity: checks look their results up by those pointers.
// Analyzers are changed only before any of them runs, since a driver
// calls Wrap before analysing.
func guardAll(roots []*analysis.Analyzer) {
	guarded.Lock()
	defer guarded.Unlock()
	if guarded.done == nil {
		guarded.done = make(map[*analysis.Analyzer]bool)
	}
	var visit func(as []*analysis.Analyzer)
	visit = func(as []*analysis.Analyzer) {
		for _, a := range as {
			if guarded.done[a] {
				continue
			}
			guarded.done[a] = true
			a.Run = guard(a.Name, a.Run)
			visit(a.Requires)
		}
	}
	visit(roots)
}
