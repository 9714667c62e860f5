package apis

import "go/types"

// cancelPackages are the packages whose every function and method that
// takes a context.Context observes its cancellation, by the package's
// documented contract: the call (or, for net/http's request builders,
// the request it prepares) gives up with the context's error once the
// context is done.
var cancelPackages = map[string]bool{
	"net":                 true, // Dialer.DialContext, Resolver.Lookup*, ListenConfig.Listen
	"net/http":            true, // NewRequestWithContext, Request.WithContext/Clone, Server.Shutdown
	"database/sql":        true, // the *Context methods, BeginTx, DB.Conn
	"database/sql/driver": true, // the driver side of the same calls
}

// cancelFuncs are the functions and methods of other packages known to
// observe the cancellation of their context argument, outside the
// packages of cancelPackages. The receiver is the named type, through a
// pointer; an interface type names its methods, which every
// implementation must honour.
var cancelFuncs = map[key]bool{
	{ContextPath, "", "AfterFunc"}:                                 true, // runs its function once the context is done
	{ContextPath, "", "Cause"}:                                     true, // reads why the context ended
	{"os/exec", "", "CommandContext"}:                              true, // kills the process once the context is done
	{"google.golang.org/grpc", "ClientConn", "Invoke"}:             true,
	{"google.golang.org/grpc", "ClientConn", "NewStream"}:          true,
	{"google.golang.org/grpc", "ClientConnInterface", "Invoke"}:    true, // what generated clients call
	{"google.golang.org/grpc", "ClientConnInterface", "NewStream"}: true,
	{"google.golang.org/grpc", "", "Invoke"}:                       true,
	{"google.golang.org/grpc", "", "NewClientStream"}:              true,
	{"google.golang.org/grpc", "", "DialContext"}:                  true,
	{"google.golang.org/grpc", "ClientConn", "WaitForStateChange"}: true,
	{"golang.org/x/sync/semaphore", "Weighted", "Acquire"}:         true,
	{"golang.org/x/time/rate", "Limiter", "Wait"}:                  true,
	{"golang.org/x/time/rate", "Limiter", "WaitN"}:                 true,
}

// ObservesCancel reports whether fn, a function or method of a package
// other than the one under analysis, is known to observe the
// cancellation of the context.Context it is given: by package contract
// (net, net/http, database/sql and its driver interface), or by name in
// a short list (context.AfterFunc and Cause, os/exec.CommandContext,
// grpc's Invoke and NewStream, which generated clients call,
// semaphore.Weighted.Acquire, rate.Limiter.Wait). Any other function of
// another package is unknown: a context handed to it may be read only
// for its values (a logger, a trace span), and checks that must prove a
// cancellation matters treat it as not observing.
func ObservesCancel(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	fn = fn.Origin()
	sig := fn.Type().(*types.Signature)
	recv := ""
	if sig.Recv() != nil {
		named := NamedOf(sig.Recv().Type())
		if named == nil {
			return false
		}
		recv = named.Obj().Name()
	}
	if cancelFuncs[key{fn.Pkg().Path(), recv, fn.Name()}] {
		return true
	}
	if !cancelPackages[fn.Pkg().Path()] {
		return false
	}
	for i := range sig.Params().Len() {
		if IsContext(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// IsContextDerivation reports whether a is a function of package context
// that derives a child context from its first argument, so that the
// child is cancelled when the parent is: WithCancel, WithTimeout,
// WithDeadline (and their Cause forms) and WithValue. WithoutCancel is
// not one: its result is never cancelled.
func (a API) IsContextDerivation() bool {
	return a.Is(ContextWithCancel, ContextWithCancelCause, ContextWithTimeout, ContextWithTimeoutCause,
		ContextWithDeadline, ContextWithDeadlineCause, ContextWithValue)
}

// DerivedContextResult returns the index of the result of fn that is a
// context derived from fn's first argument and cancelled with it: 0 for
// the derivations of package context (IsContextDerivation) and
// os/signal.NotifyContext, 1 for errgroup.WithContext; -1 for any other
// function.
func DerivedContextResult(fn *types.Func) int {
	switch {
	case fn == nil:
		return -1
	case Of(fn).IsContextDerivation():
		return 0
	case Of(fn) == ErrgroupWithContext:
		return 1
	case fn.Pkg() != nil && fn.Pkg().Path() == "os/signal" && fn.Name() == "NotifyContext":
		return 0
	}
	return -1
}
