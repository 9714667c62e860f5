// Package errgroupwait defines an Analyzer that reports errgroup results
// that are thrown away.
//
// # Analyzer errgroupwait
//
// errgroupwait: report errgroup.Group.Wait errors that are discarded and goroutine errors swallowed before they reach Wait
//
// errgroup.Group.Wait returns the first error of the group's goroutines.
// It is the only place that error surfaces: if the caller drops it, the
// failure is lost, just as a Python program loses the exception of an
// awaited asyncio.gather it ignores. The check reports:
//
//   - a Wait whose result is discarded: a bare g.Wait() statement,
//     _ = g.Wait(), defer g.Wait() and go g.Wait(), whether the group is a
//     variable, a pointer or a field (s.g.Wait());
//   - err := g.Wait() (or err = g.Wait()) when that value is overwritten
//     or goes out of use on every path before anything reads it;
//   - inside a function literal passed to Group.Go or TryGo, a call used
//     as a statement whose static callee returns an error: the goroutine
//     swallows that error, so Wait can never report it.
//
// WRONG:
//
//	func fetchAll(ctx context.Context, urls []string) error {
//		g, ctx := errgroup.WithContext(ctx)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) })
//		}
//		g.Wait() // the first fetch error is lost
//		return nil
//	}
//
// RIGHT:
//
//	func fetchAll(ctx context.Context, urls []string) error {
//		g, ctx := errgroup.WithContext(ctx)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) })
//		}
//		return g.Wait()
//	}
//
// # Suggested fix
//
// In a function whose last result is an error, a bare or blank g.Wait()
// statement becomes
//
//	if err := g.Wait(); err != nil {
//		return <zero values>, err
//	}
//
// with the zero value of every other result spelled for its type, and a
// fresh name in place of err when err is already in scope. No fix is
// offered for defer and go statements, for functions without an error
// result, or where a result type cannot be named in the file.
//
// # Deliberate silence
//
// The check stays silent when the Wait error cannot carry a failure or is
// read elsewhere:
//
//   - a group whose goroutines never yield a failure nobody has seen:
//     every function its Go and TryGo receive returns nil, the
//     cancellation of a context (ctx.Err(), context.Cause(ctx)), which
//     the caller knows of, or only errors it has already reported (see
//     below); the group is then used as a join. Every Go site must be in
//     view: the group is a local variable initialised with a new group
//     and used only through its own methods, whose Go and TryGo receive
//     function literals, local variables assigned nothing but literals,
//     or functions of the package; or it is an unexported struct field of
//     a type of the package, used only through errgroup methods and
//     assigned only new groups, with at least one Go site, and every Go
//     and TryGo on that field anywhere in the package is judged (a
//     poller whose goroutines keep their errors in another field and
//     return nil);
//   - defer g.Wait() (or a bare Wait) on a group whose Wait result is
//     also read by another call in the same function, or, for a group in
//     a struct field (named or embedded), by a Wait on that field anywhere
//     in the package:
//     the call is a safety net for early returns or a join in Stop or
//     Close, and Wait returns the same first error to the call that reads
//     it;
//   - inside a Go closure, the Wait of a nested group (judged by the rules
//     above, not as a dropped call);
//   - the value assigned from Wait that is read on some path, stored in a
//     variable captured by a closure, in a field or global, or returned;
//   - inside a Go closure, calls of functions of the package that report
//     every error they return (see below);
//   - calls through interfaces and function values inside Go closures,
//     and the calls whose errors Go code conventionally leaves unchecked:
//     fmt's printers, the writers of bytes.Buffer and strings.Builder
//     (documented never to fail), the writers of bufio.Writer (whose
//     error is sticky and returned again by Flush), and Close on an
//     io.Closer, which is best-effort cleanup of a resource being
//     released; likewise the standard-library calls documented to return
//     a nil error:
//     CloseWithError of io.PipeReader and io.PipeWriter, the writers of
//     maphash.Hash, and Read of math/rand, math/rand/v2's ChaCha8 and
//     crypto/rand.
//
// # Findings that are true but harmless
//
// A bare or blank Wait after which every path of its function fails
// anyway is not reported: the function then returns an error proved
// non-nil (tested non-nil on the way, or made by errors.New or
// fmt.Errorf), panics, or stops the process or the test with a failure
// (os.Exit with a code other than 0, log.Fatal, t.Fatal). Such a Wait
// drains the group on a failure path, typically after cancelling it,
// and the group's own error, most often that cancellation, is not the
// failure that matters. os.Exit(0), runtime.Goexit and t.Skip are not
// failures, and a path that can still end in success keeps the finding.
//
// Other findings that could pass for harmless are kept: a discarded
// Wait in main, or in a command whose caller calls os.Exit or log.Fatal
// on its error, turns a failed run into exit status 0 (the process
// exiting right after does not surface the failure, it hides it). In a
// _test.go file a lost failure lets the test pass, which matters less
// than a broken program: such findings carry their kind's Category as
// note/<kind>-test (note/discarded-test, note/unread-test,
// note/swallowed-test), which the SARIF log writes at level note.
//
// On six of the first ten corpus modules (grpc, sarama, etcd's server,
// pebble, controller-runtime, nats-server) the only findings of this
// check were two calls swallowed in pebble's tests (a flush hint and a
// fresh batch's DeleteRange), both of that kind.
//
// # What is proved before a report
//
//   - a discarded or unread Wait: some goroutine of the group may return
//     an error that is not nil, not a cancellation and not reported on
//     its path, or the group can be given work the package does not show
//     (a parameter, an exported or embedded field, a copy); and no other
//     Wait on the group reads the error;
//   - a call dropped inside Go: its static callee returns an error, is
//     not one of the conventionally unchecked calls, and is not a
//     function of the package that reports every error it returns.
//
// A function reports every error it returns when every return statement
// returns nil, a context's cancellation, the result of another such
// function, or an error that the path to the return has already handed
// to a call made for its effect (log.Printf, slog.Error, t.Error, a
// reporter of the package such as s.fail(err)), sent on a channel the
// package receives from, or stored in a field; fmt.Errorf and
// errors.Join of such errors count too, and so does a named result that
// a deferred function literal reports. The summary is shared with
// unreaderr (passes/internal/summary) and computed once per function,
// from syntax and types.
//
// # Known limitations
//
//   - A package that reaches errgroup only through the types of another
//     package, without importing errgroup or a package that does, is not
//     examined.
//   - Errors swallowed in functions called from a Go closure, rather than
//     in the closure itself, are not reported.
//   - An error assigned from Wait and then only compared, or passed to a
//     function that ignores it, counts as read.
//   - The summary of reported errors reads one function's syntax: an
//     error assigned inside a loop or a branch before the return, a
//     parameter, a variable a closure assigns, and any function with goto
//     count as unreported (the finding stays), while an error handed to
//     any call made for its effect counts as reported.
//   - A group held in an exported field, embedded, or reached through a
//     pointer copied from elsewhere is assumed to be given failing work.
package errgroupwait
