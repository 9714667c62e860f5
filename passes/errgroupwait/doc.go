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
//   - a local group, used only through its own methods, every Go or TryGo
//     of which is passed a function literal (or a local variable assigned
//     nothing but such literals) that returns nil or the cancellation of
//     a context (ctx.Err(), context.Cause(ctx)) on every return: Wait then
//     reports no failure of the goroutines, only a cancellation the caller
//     knows of, and the group is used as a join;
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
// # Known limitations
//
//   - A package that reaches errgroup only through the types of another
//     package, without importing errgroup or a package that does, is not
//     examined.
//   - Errors swallowed in functions called from a Go closure, rather than
//     in the closure itself, are not reported.
//   - An error assigned from Wait and then only compared, or passed to a
//     function that ignores it, counts as read.
package errgroupwait
