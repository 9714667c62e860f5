// Package ctxcancel defines an Analyzer that reports goroutines that the
// cancellation of their caller's context cannot reach.
//
// # Analyzer ctxcancel
//
// ctxcancel: report goroutines that ignore the context their caller was given
//
// In Go the context is the cancellation channel: a goroutine that does
// not listen to it runs on, or blocks forever, after its caller has given
// up, just as an asyncio task that is never cancelled. Fan-out code often
// drops the context on the way into its goroutines. The check reports:
//
//   - Group context ignored: a function passed to errgroup.Group.Go or
//     TryGo that hands the parent context of errgroup.WithContext to a
//     call that observes cancellation (see below), and never uses the
//     group's context, so that the first failure does not cancel it.
//     The decision follows the values: which context value the
//     goroutine's calls receive, through the variables the goroutine
//     captures, whatever their names.
//   - Group context used after Wait: the context returned by
//     errgroup.WithContext is cancelled when Wait returns; a call after
//     Wait that receives it, or a context derived from it, and observes
//     cancellation (typically because g, ctx := errgroup.WithContext(ctx)
//     shadowed the parent) sees "context canceled".
//   - Detached goroutine: inside a goroutine (go statement, Group.Go,
//     WaitGroup.Go on a function literal) started where a context
//     variable is in scope, a context.Background() or context.TODO()
//     made in the goroutine and passed, directly or through
//     context.WithTimeout and the like, to a call that observes
//     cancellation, so that cancelling the context in scope would have
//     stopped that work.
//   - Uninterruptible block, only with -ctxcancel.blocking (see below):
//     inside such a goroutine, a send or receive that is not a case of
//     a select, on a channel not provably buffered for it, or time.Sleep
//     in a loop that never looks at a cancellation signal.
//   - Uncancellable pipeline stage: a function given a context (a
//     context.Context parameter) that returns a channel it makes, fed by
//     a goroutine it starts, where a send of that goroutine can only
//     complete when someone receives (a plain send, or a select with no
//     other case) although the goroutine sees that context, or one
//     derived from it, at the send. Once the caller stops receiving
//     (it returned on its own ctx.Done(), or took the first result of
//     several), the goroutine blocks on the send for ever, although a
//     cancellation was on offer ("Go Concurrency Patterns: Pipelines
//     and cancellation"). The function is judged from its own body,
//     whoever its callers are. Reported at the send, with the context
//     parameter and the go statement as related positions.
//
// Each message names the context that should have been used. In the
// examples, fetch is a function of the package that sends an HTTP
// request with the context it receives.
//
// # What is proved before a report
//
// A context matters only where something looks at its cancellation. A
// report needs the context (or one derived from it by package context)
// to reach, in the code the check can read:
//
//   - its Done or Err method, a select on Done included;
//   - a function of the package whose context parameter reaches one of
//     these, transitively through the package's functions, read from
//     syntax and types (passes/internal/summary, CtxUses): recursion
//     is cut, and a function met again counts as reaching nothing;
//     in such a summary context.Cause and context.AfterFunc observe too;
//   - a function of another package known to observe cancellation
//     (apis.ObservesCancel): by package contract every function and
//     method of net, net/http and database/sql (and its driver
//     interfaces) that takes a context; by identity os/exec.CommandContext,
//     grpc's ClientConn and ClientConnInterface Invoke and NewStream
//     (what generated clients call), grpc.Invoke, NewClientStream and
//     DialContext, semaphore.Weighted.Acquire and rate.Limiter.Wait;
//   - a function literal called with it, judged by its body.
//
// Everything else proves nothing and is not reported: a function of
// another package not in the list (a logging wrapper, a trace-span or
// stats lookup, or a client library that does observe cancellation but
// that the check cannot see into), an interface method of any other
// interface, a function value, a context stored in a field or returned.
// After Wait, context.Cause(gctx) is how the group's first error is read
// and is not reported.
//
// WRONG:
//
//	func fetchAll(ctx context.Context, urls []string) error {
//		g, _ := errgroup.WithContext(ctx)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) }) // a failure does not stop the others
//		}
//		return g.Wait()
//	}
//
//	func fetchAndSave(ctx context.Context, db *sql.DB, urls []string) error {
//		g, ctx := errgroup.WithContext(ctx)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) })
//		}
//		if err := g.Wait(); err != nil {
//			return err
//		}
//		_, err := db.ExecContext(ctx, "UPDATE jobs SET done = true") // ctx is cancelled by Wait
//		return err
//	}
//
// RIGHT:
//
//	func fetchAll(ctx context.Context, db *sql.DB, urls []string) error {
//		g, gctx := errgroup.WithContext(ctx)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(gctx, u) })
//		}
//		if err := g.Wait(); err != nil {
//			return err
//		}
//		_, err := db.ExecContext(ctx, "UPDATE jobs SET done = true")
//		return err
//	}
//
// WRONG (case 5):
//
//	func gen(ctx context.Context, nums ...int) <-chan int {
//		out := make(chan int)
//		go func() {
//			defer close(out)
//			for _, n := range nums {
//				out <- n // blocks for ever once the caller stops receiving
//			}
//		}()
//		return out
//	}
//
// RIGHT:
//
//	func gen(ctx context.Context, nums ...int) <-chan int {
//		out := make(chan int)
//		go func() {
//			defer close(out)
//			for _, n := range nums {
//				select {
//				case out <- n:
//				case <-ctx.Done():
//					return
//				}
//			}
//		}()
//		return out
//	}
//
// # Suggested fixes
//
//   - Group context ignored: in a g, _ := errgroup.WithContext(ctx)
//     definition the blank is given a name free in scope (gctx), and the
//     parent variable is replaced by the group's context inside the
//     group's function literals only (never after Wait). No fix when the
//     parent is not a plain variable, when a goroutine assigns it or
//     takes its address, or when the name would mean something else at a
//     replaced use.
//   - Detached goroutine: context.Background() or context.TODO() is
//     replaced by the context in scope, when its name denotes that
//     variable at the call.
//   - Uninterruptible block: in a goroutine whose function has no
//     results (so that a bare return ends it), a send statement ch <- v
//     becomes select { case ch <- v: case <-ctx.Done(): return }, and a
//     time.Sleep(d) statement becomes a select on time.After(d) and
//     ctx.Done(). Receives get no fix: where the received value goes
//     after cancellation is the author's decision.
//   - Uncancellable pipeline stage: the send statement out <- v becomes
//     select { case out <- v: case <-ctx.Done(): return }, only when a
//     return there is provably right: the send is a statement of the
//     goroutine's own function (not of a literal it defers or calls),
//     directly in its body or in the bodies of its loops (not in a
//     branch, a case or a defer); the function has no results; the
//     context's name denotes it at the send; and nothing after the send
//     in the function must run. Only further sends on the same channel,
//     break, continue, bare returns and assignments of the goroutine's
//     own variables (that no literal reads) computed without calls may
//     follow, in the loop body, a for loop's post statement and after
//     the loops. Deferred calls still run, so a deferred close(out) or
//     wg.Done() is kept; a close(out), a wg.Done() or an unlock after the
//     loop is not a defer, would be skipped, and means no fix (a caller
//     ranging over the channel would wait for the close for ever).
//
// # The blocking flag
//
// Case 4 is off by default; enable it with -ctxcancel.blocking. Whether a
// channel operation can block for ever depends on the other side of the
// channel. The check therefore only judges channels whose every use is in
// view: made by make in the function that starts the goroutine (or one
// enclosing it) and never stored in a field, returned, passed to a call
// or sent on a channel. Even so, what it finds on real code is mostly a
// test goroutine left blocked after t.Fatal, and a closure handed to
// other code (a handler) is assumed to run any number of times, which
// the author may know better. It is a review aid, not a CI gate.
//
// It stays off by default because no part of it is precise enough to
// gate on. On the corpus modules the check was developed against (grpc,
// sarama, etcd server, pebble, controller-runtime, caddy, raft, pgx,
// x/tools and nats-server), it made three findings, none real. Two are
// in one grpc test (internal/transport/readyreader): a goroutine left
// blocked on its send when the test fails first, behind t.Fatalf or
// behind a select whose other case calls t.Fatal. True, and harmless:
// the test has failed. Sends blocked only behind a test failure or a
// process exit are now silent (see "True but harmless"), and with them
// both. The third (x/tools internal/jsonrpc2_v2 serve_test) is wrong:
// a handler closure is assumed to run any number of times, but the test
// sends one request, and the channel's buffer of one holds the one
// reply. That assumption, and a channel's other side judged from the
// one function that makes it, are the kind that make false claims on
// code nobody tuned for.
//
// Measured again with case 5 on by default (a returned channel is case
// 5's, not case 4's), on the same ten modules: case 4 makes one finding,
// the jsonrpc2_v2 send above, a wrong claim: one wrong of one. Its
// sleep-poll part makes none. The ten modules hold 51 loops that call
// time.Sleep in a goroutine literal; two are in functions that have a
// context in view at all (both grpc tests): one is the test's own root
// (context.WithTimeout(context.Background(), ...)), which no caller
// offered, and the other loop checks ctx.Err() on each iteration. Both
// silences are right, and no sleep loop was reported, so there is no
// finding to measure the rule's precision on. One wrong claim out of one
// finding, and a rule never seen to be right, is no basis for a CI gate:
// the flag stays off by default, all of it.
//
// # Pipeline stages on the corpus
//
// Case 5 is on by default. On the ten development modules it makes one
// finding, and no wrong claim: etcd's v3discovery test fake of
// clientv3.Watcher.Watch sends a slice of events on a channel buffered
// for one, without a select on the context it is given. The claim
// holds (a caller that stops receiving with two events left leaves the
// goroutine blocked), and is harmless there: the one caller, waitPeers,
// ranges until it has found its cluster size, which in the test leaves
// one event, and the buffer takes it. The modules hold only four
// functions given a context that return a channel their goroutine
// feeds; the other three send nothing that blocks (a done channel
// closed by the goroutine, a send in a select with another case), and
// are silent.
//
// # Deliberate silence
//
//   - Goroutines started where no context variable is in scope (the
//     stranded check covers leaks there), or where the innermost context
//     in scope is one the function made from its own root: every
//     assignment gives it context.Background(), TODO(), WithoutCancel,
//     or a context derived from those by the context package (the usual
//     ctx, cancel := context.WithTimeout(context.Background(), d) of
//     tests and main functions). No caller offered such a function a
//     cancellation. A context cancelled from outside the function
//     (t.Context(), which ends with the test, or
//     signal.NotifyContext(context.Background(), ...)) is not its own.
//   - Goroutines started in a function literal run by sync.Once.Do,
//     sync.OnceFunc, OnceValue or OnceValues, when the context is
//     declared outside that literal: the goroutine is started once for
//     every caller to come (a lazily started daemon), and tying it to
//     the first caller's context would be the bug.
//   - Calls that only read a context's values: its Value method,
//     context.Cause, context.WithoutCancel, and the log/slog API. A
//     group goroutine that reads the parent's values, or a goroutine
//     that logs with context.Background(), makes no choice about
//     cancellation.
//   - Calls not shown to observe cancellation (see "What is proved
//     before a report"): the project's logging wrappers (logger.From(ctx),
//     errorf(ctx, ...)), trace and stats lookups, functions of other
//     packages outside the known list, interface methods, function
//     values. The default is inverted: a context is assumed to be read
//     for its values until the code shows otherwise.
//   - Lifetime goroutines: context.Background() or TODO() handed to a go
//     statement, or to a function of the package that starts a goroutine
//     with the context it receives and returns without waiting (no
//     WaitGroup or errgroup Wait in it), directly or through other
//     functions of the package: a monitor meant to live as long as the
//     resource it watches, which the context in scope would end when the
//     goroutine that opened it finishes. A group's context handed to
//     such a function after Wait is still reported: it is already
//     cancelled, and the monitor stops at once. The same holds for a
//     group goroutine that hands the parent to such a function, or to a
//     go statement: the group's context would end the monitor with the
//     group.
//   - A goroutine function that uses the group's context anywhere: it
//     chose which context to use where (for instance a cleanup with the
//     parent after the work with the group's context).
//   - context.Background() or TODO() made after the goroutine has
//     received from a context's Done channel (a preceding <-ctx.Done()
//     statement, a preceding select without default whose case on it
//     can fall out of the select, the body of a select case on it, or
//     the body of an if ctx.Err() != nil statement),
//     or in a deferred call of a goroutine that calls Done or Err on a
//     context: the graceful shutdown idiom, where the context in scope
//     is already cancelled and srv.Shutdown or a final flush needs a
//     fresh one.
//   - context.Background() or TODO() made outside the goroutine and
//     handed to it by its spawner, and contexts passed to
//     context.WithoutCancel, which detach on purpose.
//   - With -ctxcancel.blocking: operations that are cases of a select;
//     channels from parameters, fields or calls, or that leave the
//     function; sends on channels made with a run-time buffer size (the
//     make(chan T, len(items)) idiom) or a constant size at least the
//     number of sends that can follow one another on a path (sends on
//     exclusive paths count once), plus the receives (of the spawner
//     itself, or of deferred functions) on every path after the
//     goroutine starts; sends on a channel that the spawner ranges over,
//     on every path after the goroutine starts, in a loop that only the
//     channel's close ends (the fan-in idiom: a send after the close
//     panics, it does not block);
//     v, ok := <-ch receives, for range loops, and receives from
//     channels that are closed somewhere, which end when the producer
//     closes the channel;
//     receives from a context's Done channel, a chan struct{} (a done
//     or ready signal), or a timer's channel; time.Sleep in a loop that
//     also calls Done or Err on a context or receives from a signal
//     channel; and a send that can block only once the spawner has left
//     through a call that ends the process or stops the test (see
//     below), a select whose other cases all do so counting as a
//     receive.
//   - Pipeline stages (case 5): futures whose buffer holds every send
//     (make(chan T, 1) and one send; a constant buffer at least the
//     number of sends on any path), and buffered ones whose sends repeat
//     only in loops bounded by a constant (for i := 0; i < 3; i++, a
//     range over an array or a constant), which the buffer may hold;
//     sends that are cases of a select with another case (ctx.Done(), a
//     stop or done channel, a timer, a default); functions given no
//     context parameter (the stranded check judges their callers), and
//     contexts the function took from a field or made from its own
//     root; goroutines that cannot see the context at the send (a
//     declared function not handed it, a literal that shadows it with
//     context.Background() or whose context parameter is bound to
//     another context); sends made once the context is done (after
//     <-ctx.Done(), in a case on it, behind ctx.Err() != nil), which
//     report the cancellation itself and which a select on Done would
//     drop at random; channels that escape (stored in a field, handed to
//     other code, received from in the function), since their other side
//     is elsewhere; and channels made, fed and drained in the same
//     function (a bounded generator consumed where it is made), which are
//     no stage of anyone else's.
//
// # True but harmless
//
// Some findings would be literally true and have no consequence. They
// are silent, not reported at a lower severity: a user gains nothing
// from a note about them, and a category nobody reads is noise.
//
//   - Cleanup after cancellation: a fresh context made once the context
//     in scope is done (see above) is the shutdown idiom, not a leak.
//   - Behind a test failure or a process exit (with -ctxcancel.blocking):
//     a goroutine that blocks only because the spawner left through
//     os.Exit, log.Fatal, t.Fatal, t.FailNow, t.Skip, testify's
//     require.Fail/FailNow and assert.FailNow, or a helper of the package
//     that does one of these on every path (passes/internal/summary,
//     TestFail). The process ends, or the test has failed (or been
//     skipped) and the test binary ends soon after; the leak changes
//     nothing the user sees. Paths through such calls are not followed,
//     and they are not counted as ways for the spawner to leave;
//     runtime.Goexit still is.
//
// The findings that remain are kept at the one severity of the check:
// a group context used after Wait fails the call it reaches even in a
// command that exits right after (its last step sees "context
// canceled"), and a detached context in a goroutine outlives the
// cancellation it was offered whatever the caller does next.
//
// # Known limitations
//
//   - Goroutines whose function is not a literal (go s.worker(ctx),
//     g.Go(s.run)) are not examined for cases 3 and 4, and a group
//     goroutine that is a named function or a function value is not
//     examined for case 1.
//   - A variable whose address escapes (passed to a function, stored in
//     a field), or a closure created at several sites, makes the values
//     it holds unknown, and the check stays silent about them.
//   - The group's context is followed after Wait only in the function
//     that made the group, not into closures created after Wait.
//   - A select without a cancellation case and without a default is not
//     reported, nor is a block in a function called from the goroutine.
//   - A context held in a field (s.ctx) is not "in scope"; a local
//     context reassigned from a call the check does not know
//     (ctx = metadata.NewIncomingContext(ctx, md)) counts as offered by
//     the caller even when its root is context.Background().
//   - Summaries stop at the package boundary: a context handed to a
//     function of another package of the same module, which observes
//     it, is not reported unless that function is in the known list
//     (no facts are exported, which would make every dependency be
//     analysed). Inside a summary, a context is followed through plain
//     assignments, derivations by package context and literals called
//     with it, not through fields, returns, channels, or functions of
//     the project that wrap it (ctx = withLogger(ctx)); recursion is cut
//     as "reaches nothing".
//   - Case 5 judges the function that returns the channel, not its
//     callers: an unexported stage whose every caller ranges over the
//     channel to its close is reported too (it leaks as soon as a caller
//     returns early). It follows the goroutine's sends into literals it
//     calls or defers, but a send in another function of the package
//     that the goroutine calls is not reported (which context that
//     function sees is not followed), nor is a goroutine started through
//     a method value or a function value, nor a channel handed back in a
//     struct or through a parameter rather than as a result. With a
//     constant buffer and a bounded number of sends above it (a buffer of
//     one and two sends in a row) it is silent: which send fills the
//     buffer is not worked out. Summaries stop at the package boundary.
//   - "Starts a goroutine and returns" means a go statement that
//     receives the context, in a function that calls no Wait; a function
//     that joins its goroutine some other way (a done channel), or that
//     starts a watcher living as long as what it returns (grpc's
//     newClientStream watches the stream's context), is taken for a
//     lifetime goroutine and a fresh context handed to it is not
//     reported.
package ctxcancel
