// Package unreaderr defines an Analyzer that reports errors produced by
// goroutines that nothing ever reads.
//
// # Analyzer unreaderr
//
// unreaderr: report errors produced by goroutines that nobody ever reads
//
// A goroutine cannot return an error to the function that started it.
// Unless the error travels back through a channel, a shared slice or a
// variable that someone reads after the join, the failure goes nowhere:
// the Go twin of asyncio's "Task exception was never retrieved". The
// check reports:
//
//   - go func() error { ... }(): a function literal declared to return
//     an error, started by a go statement that throws the error away;
//   - go f(args) whose function returns an error, when f is handed a
//     *sync.WaitGroup (as an argument or as the receiver of a method) by
//     a function that itself returns an error or lies outside a _test.go
//     file (see What counts as fan-out);
//   - go f(args) whose function, declared in the package, returns an
//     error and sends values on a channel argument that the starting
//     function receives from: the goroutine is joined through the
//     channel, its results come back and its failure does not (the
//     channel model, passes/internal/chanmodel, tells that f only sends
//     on the channel, and that the spawner receives from it in its own
//     goroutine: itself, or a closure or function of the package it
//     hands the channel to); the same rule on the spawner's signature
//     applies;
//   - inside a goroutine that is waited for (a function literal passed to
//     sync.WaitGroup.Go, or a go literal that calls sync.WaitGroup.Done)
//     and started by a function that returns an error or lies outside a
//     _test.go file, a call used as a statement whose static callee
//     returns an error;
//   - an error channel (chan error, or a channel of a struct with an error
//     field) made in the function and sent on by goroutines, that is never
//     received from: no receive, range or select case anywhere;
//   - a local []error, map of errors, or slice or map of result structs
//     with an error field, that goroutines write into and that nothing
//     reads: no index read, range, len, errors.Join or other call;
//   - a local error variable that goroutines assign and that is never read
//     where the goroutines may have run: every read (if any) comes before
//     the first go statement or WaitGroup.Go call, or is _ = err;
//   - an error channel whose every receive after the goroutines start
//     throws the value away: for range errc {}, <-errc as a statement,
//     _, ok := <-errc (category discarded);
//   - a drain of an unbuffered error channel guarded by len(errc) > 0 (or
//     != 0, >= 1), when the channel has no other receive: len of an
//     unbuffered channel is always 0, the receive never runs, the errors
//     are never read and the senders block (category lendrain);
//   - a send, receive or range on an error channel that is never made: a
//     local var errc chan error that is never assigned and whose address
//     is never taken, or an unexported field of one of the package's
//     struct types that no assignment, address-of or composite literal of
//     the package sets, when goroutines send on it and something receives
//     from it: every operation on a nil channel blocks forever (category
//     nilchan).
//
// The channel rules (never received from, discarded, len drain) ask the
// channel model for the channel's uses (chanmodel.Uses): it follows the
// channel from its make into the goroutines started with it, the
// closures capturing it and the functions of the package it is handed
// to, and says in which goroutine each send and receive runs. A send
// that a function of the package makes when a goroutine calls it
// (go func() { sendErr(errc, err) }()) is a goroutine's send; a receive
// in a function of the package is a receive. The nil-channel rule reads
// a struct field's sends, receives and assignments from the model's
// package-wide index of channel fields (chanmodel.Fields, shared with
// stranded and starved); a local channel variable is read in the
// function that declares it. Slices, maps and error variables are
// followed by the check's own walk.
//
// For the holders the diagnostic sits on the holder (the make call or
// the variable) and its related information points at a statement where
// a goroutine produces an error into it; a discarding receive and a len
// drain are reported where they are, with the goroutine's send as
// related information; an operation on a nil channel is reported where
// it is, with the declaration as related information.
//
// WRONG:
//
//	func fetchAll(urls []string) error {
//		var wg sync.WaitGroup
//		errs := make([]error, len(urls))
//		for i, u := range urls {
//			wg.Go(func() { errs[i] = fetch(u) })
//		}
//		wg.Wait()
//		return nil // every fetch error is lost
//	}
//
// RIGHT:
//
//	func fetchAll(urls []string) error {
//		var wg sync.WaitGroup
//		errs := make([]error, len(urls))
//		for i, u := range urls {
//			wg.Go(func() { errs[i] = fetch(u) })
//		}
//		wg.Wait()
//		return errors.Join(errs...)
//	}
//
// WRONG (received and thrown away; a drain that never runs):
//
//	for range urls {
//		<-errc // which fetch failed, and why, is never known
//	}
//
//	errc := make(chan error) // unbuffered: len(errc) is always 0
//	...
//	for len(errc) > 0 {
//		if err := <-errc; err != nil {
//			return err
//		}
//	}
//
// RIGHT:
//
//	for range urls {
//		if err := <-errc; err != nil {
//			return err
//		}
//	}
//
// A discard that is meant says so: _ = <-errc, or a comment on the line
// above the discarding statement (or above the loop whose only statement
// it is), or on a line of its own inside a discarding loop's empty body:
//
//	// Drain so that no worker blocks: each one logged its failure.
//	for range errc {
//	}
//
// The comment above must stand on a line of its own. A comment at the
// end of the receive's line (or of the line above) does not count: it
// describes that line rather than the discard.
//
// A receive inside a deferred function literal, or one registered with
// testing's Cleanup, waits at teardown for a goroutine that was told to
// stop (srv.Close(); <-errc): the error it receives then is the expected
// one of a stopped server, and it is not reported. That is how a test's
// own helpers supervise the servers it starts.
//
// # What counts as fan-out
//
// A goroutine that nobody waits for, such as go srv.Serve(lis) in a test
// or go s.handle(conn) in an accept loop, is fire-and-forget by design:
// its function may return an error, but the code states no intention of
// collecting results from it, and such statements are far more often
// deliberate than not. The check therefore reports go f(args) and bare
// calls inside goroutines only when the goroutine is joined through a
// sync.WaitGroup. The holders state the intention by themselves: someone
// made a place for the errors, whatever the function returns.
//
// In a _test.go file it reports them only when the function that starts
// the goroutines returns an error: that function has a way to pass the
// goroutines' failures on, and a dropped one makes it report success for
// failed work. A test, a benchmark or a stress test that calls an API
// from many goroutines for the races alone has no error result and runs
// its goroutines for their effects: what they drop is best effort by its
// contract. Outside test files the spawner's signature does not matter: a
// notify-everyone helper with no error result could still log or count
// its goroutines' failures, and drops them. On the ten development
// corpus modules (grpc, sarama, etcd's server, pebble,
// controller-runtime, caddy, raft, pgx, tools, nats-server) dropping the
// signature rule everywhere added 63 findings in test files (stress
// tests publishing, acking and inserting from many goroutines, all in
// nats-server and grpc) against 1 elsewhere (a grpc benchmark client
// dropping the error of stats.Histogram.Add, true and harmless), so the
// line is drawn at test files. In the standard library the rule outside
// tests finds net/http/httptest's goServe, whose goroutine drops
// Server.Serve's error (true and harmless: the error of a closed test
// server).
//
// # Fire-and-forget goroutines (-unreaderr.detached)
//
// With -unreaderr.detached (off by default), go f(args) outside _test.go
// files whose function returns an error and is handed no WaitGroup is
// reported too, as category detached:
//
//	go srv.ListenAndServe() // a server that fails to bind is never known to have failed
//
// RIGHT:
//
//	go func() {
//		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
//			log.Printf("serve: %v", err)
//		}
//	}()
//
// Functions of the package that report every error they return, and the
// functions whose errors are conventionally unchecked (Close), are not
// reported; a literal that checks the error (against http.ErrServerClosed
// or otherwise) or logs it drops nothing. On the same ten modules the
// rule found 63 go statements in test files (servers the test's own
// requests supervise) and 18 elsewhere, all true and none that matters:
// 14 harmless (test-helper packages starting fake servers, proxy pumps
// go io.Copy, a benchmark server) and 4 deliberate (two marked
// //nolint:errcheck, two best-effort background directory removals). Test
// files are therefore never examined, and the rule is off by default.
//
// A start barrier is not a join. A WaitGroup whose every Done is the
// first action of a goroutine
//
//	started.Add(1)
//	go func() { started.Done(); io.Copy(dst, src) }()
//	started.Wait()
//
// waits for its goroutines to start; they are long-lived by design, and
// nothing waits for their end (ssautil.IsStartBarrier, shared with
// stranded). A go literal whose every Done is on such a group, and go
// f(&started) whose every WaitGroup argument is one, are not examined.
//
// # What is proved before a report
//
//   - go func() error { ... }(): the literal has a return whose error is
//     not nil, not a context's cancellation, and not already reported on
//     its path (see below);
//   - go f(args) and bare calls in joined goroutines: the goroutine is
//     joined by a WaitGroup that is not a start barrier, the function that
//     starts it returns an error or lies outside a _test.go file, and the
//     callee is not a function of the package that reports every error it
//     returns;
//   - holders: a goroutine puts into the holder an error that is not nil,
//     not reported by the goroutine itself, and not the result of a call
//     of a package function that reports every error it returns; and no
//     read of the holder can run after the goroutines start.
//
// A function of the package reports every error it returns when every
// return statement returns nil, a context's cancellation (ctx.Err(),
// context.Cause(ctx)), the result of another such function, or an error
// that the path to the return has already handed to a call made for its
// effect (log.Printf, slog.Error, t.Error, a reporter of the package such
// as s.fail(err), zap.Error(err) nested in such a call), sent on a
// channel the package receives from, or stored in a field; fmt.Errorf
// and errors.Join of such errors count too, and so does a named result
// that a deferred function literal reports. The summary is computed once
// per function, from syntax and types (passes/internal/summary), and the
// same rule silences every kind of finding above: a caller that drops
// such an error loses no failure.
//
// # Findings that are true but harmless
//
// A failure lost in a _test.go file lets the test pass, which matters
// less than a broken program: such findings carry their kind's Category
// as note/<kind>-test (note/gostmt-test, note/dropped-test,
// note/channel-test, note/slice-test, note/variable-test,
// note/discarded-test, note/lendrain-test, note/nilchan-test), which the
// SARIF log writes at level note.
//
// Findings in main, or in a command whose caller calls os.Exit or
// log.Fatal on its error, are kept at full severity: a lost goroutine
// error there turns a failed run into exit status 0, and the process
// exiting right after hides the failure rather than surfacing it.
//
// On six of the first ten corpus modules (grpc, sarama, etcd's server,
// pebble, controller-runtime, nats-server) the only finding of this
// check was of the test kind: an error channel in a nats-server test
// that the publishing goroutine sends on and nothing receives from, so
// the test cannot see a publish failure.
//
// The discarded-receive, len-drain, nil-channel and channel-join
// findings found nothing on the ten development modules. Their only
// candidates there and in the standard library's tests were waits at
// teardown (a caddy test's deferred ln.Close(); <-done, two net/http
// tests' Cleanup functions), which led to the teardown rule above.
//
// # Deliberate silence
//
//   - errgroup.Group.Go and TryGo closures: their errors reach Wait, and
//     errgroupwait checks Wait; holders written only by such closures;
//   - go statements, and calls inside joined goroutines, whose function
//     (a literal, or a function declared in the package) reports every
//     error it returns (see above): a worker that logs its failure before
//     returning it, one that returns only nil, one that returns only a
//     context's cancellation;
//   - goroutines joined only by start barriers;
//   - go f(ch) where ch carries errors (the failure may travel on it), is
//     a chan struct{} (a readiness signal, not results), is also received
//     from by f, or is received from only by another goroutine;
//   - holders into which goroutines put only the nil constant (a success
//     signal on a channel of errors, the reset of an error variable), or,
//     for result structs, only fields other than the error;
//   - writes of an error that the goroutine also hands to a call made for
//     its effect, such as t.Error(err) or log.Print(err): the failure is
//     reported there (a call whose result is used, such as errors.Is,
//     only inspects it);
//   - errors returned, logged, compared, joined, passed to a call, sent on
//     a channel someone receives from, or stored where they escape;
//   - holders that escape: returned, stored in a field or global, put in
//     an interface, sent on a channel, or passed to a function whose body
//     is not examined (another package, an interface method, a function
//     value);
//   - channels drained by a receive that uses the value, a range with a
//     value, or a select case anywhere; on a buffered channel, len(errc)
//     also counts as reading (len(errc) != 0 tells that a failure was
//     sent), and a len drain of a buffered channel is not reported;
//   - a select case that receives from an error channel and drops the
//     value (case <-errc: next to case <-ctx.Done():), which waits for a
//     goroutine's end with a way out;
//   - select cases on a nil channel: a case disabled on purpose;
//   - channels that are assigned anywhere, even to nil, or whose address
//     is taken, and exported fields, which other packages may set;
//   - inside joined goroutines: calls through interfaces and function
//     values, fmt's printers, bytes.Buffer and strings.Builder writers,
//     bufio.Writer's writers (their error is sticky and returned again by
//     Flush), the Close method of an io.Closer (best-effort release of a
//     resource), and the standard-library calls documented to return a
//     nil error (io.PipeWriter.CloseWithError, maphash.Hash's writers,
//     math/rand and crypto/rand Read).
//
// # Known limitations
//
//   - Goroutines nobody waits for are not examined for dropped errors
//     unless -unreaderr.detached is set, and then only go f(args) outside
//     test files; a go literal nobody waits for that drops an error in its
//     body is never reported. In _test.go files, goroutines started by a
//     function with no error result are not examined.
//   - go f(args) on a method whose receiver holds a WaitGroup in a field
//     is not recognised as joined, nor go f(ch) when f is a function of
//     another package, a function value or an interface method (the
//     channel model summarises the package's own functions only), or when
//     the spawner receives from ch only in another goroutine, in a
//     closure it hands to other code, or through a function the model
//     does not follow.
//   - Errors dropped in functions called from a goroutine, rather than in
//     the goroutine's own body, are not reported.
//   - The summary of reported errors reads one function's syntax: an
//     error assigned inside a loop or a branch before the return, a
//     parameter, a variable a closure assigns, and any function with goto
//     count as unreported (so the finding stays), while an error handed
//     to any call made for its effect counts as reported, whatever that
//     call does with it. Functions of other packages are never summarised.
//   - A WaitGroup handed in by a caller or held in a field is taken as a
//     join even when it is used as a start barrier.
//   - A read of a holder anywhere outside the function that creates it,
//     or any read of a slice or map (even of another field of a result
//     struct), counts as reading the errors.
//   - Arrays of errors, and error fields of captured struct variables,
//     are not followed.
//   - Holders passed to functions outside the functions the fanout front
//     end builds count as escaping.
//   - A send on an error channel by a function of the package that the
//     channel's maker calls in its own goroutine is not a goroutine's
//     send, even when that function is started as a goroutine elsewhere;
//     a send in a closure handed to other code (a callback) is not one
//     either. A phi merging the channel with another value is followed
//     as the channel.
//   - A len drain is reported only on an unbuffered channel; on a
//     buffered one, a drain that runs before the senders are done (no
//     Wait or close before it) also misses later errors but is not
//     reported. A select with a default case that receives from an
//     unbuffered channel in a loop is not examined either.
//   - A receive whose value is used only by _ = v, and select cases that
//     drop the value, count as reads; so does a discarding receive in a
//     deferred literal or a Cleanup function, even when it drains real
//     failures rather than waiting for a stopped goroutine.
//   - Nil channels: channels held in variables of a non-channel type, in
//     struct types declared inside functions, in maps or slices, and a
//     struct converted from another struct type that sets the field, are
//     not followed; a field is proved nil only from the package's own
//     syntax (reflection and unsafe are not considered).
package unreaderr
