// Package stranded defines an Analyzer that reports early returns that
// leave goroutines blocked on a send or running past the call.
//
// # Analyzer stranded
//
// stranded: report early returns that leave goroutines blocked on a send or running past the call
//
// Python's asyncio.gather propagates the first exception while the other
// tasks keep running. The same shape in Go leaks goroutines: a collector
// that returns on the first error leaves the remaining senders blocked
// forever on an unbuffered channel, and a function that returns before
// its group's Wait leaves its goroutines running, writing into results
// the caller already uses. The check reports three shapes, found on the
// SSA form of the functions that start goroutines:
//
//   - collector exits early: a function makes a channel with a constant
//     capacity, starts goroutines that send on it (function literals, or
//     functions and methods of the same package called with the channel:
//     go worker(ch, x)), and some path reaches a return after fewer
//     receives than there can be pending sends beyond the buffer. Typical
//     paths: a return on the first error inside the receive loop, a return
//     between the go statement and the receive, the time.After or
//     ctx.Done() case of a select, and a single "return <-ch" for several
//     senders. The diagnostic sits at the return, once per return
//     however many channels it strands (the message names them all);
//     Related points at the send that stays blocked and at the go
//     statement of each;
//   - return before Wait: a local errgroup.Group or sync.WaitGroup starts
//     goroutines (Group.Go, Group.TryGo, WaitGroup.Go, or go statements
//     whose goroutine uses the group) and a path from a start reaches a
//     return without passing the group's Wait. A deferred Wait registered
//     before the return counts as passed;
//   - group never waited: such a group whose Wait is never reached after
//     a start on any path that returns. The diagnostic sits at the first
//     start.
//
// The channel is followed across the functions of the package through
// the shared channel model (passes/internal/chanmodel), which adds four
// shapes:
//
//   - an abandoned future: a call of a same-package function that makes
//     a channel, starts goroutines that send on it and returns it
//     (func async(f func() error) <-chan error), whose caller returns,
//     selects away (a time.After case) or drops the result before
//     receiving every send the buffer cannot hold. The caller's path is
//     judged exactly like a collector's, with the future's sends as the
//     pending ones; Related points at the future's send. A future that
//     also returns an error is taken at its word: the branch where the
//     error is not nil (ch, err := start(f); if err != nil { return err
//     }) is not judged. With -facts
//     (see Cross-package futures), futures of other packages too;
//   - a struct-field collector: a function that stores a fresh channel
//     in a field (s.results = make(chan error)), starts goroutines given
//     the struct (go s.run(x), or a closure capturing s) that send on
//     the field, and returns early, when it is the field's only receiver
//     in the package;
//   - a send nobody can receive: a send on an unbuffered channel made in
//     the function before anything else is done with the channel (no
//     goroutine started with it, not stored or passed on): nothing else
//     holds it, so the send blocks forever (category "unreceivable").
//     Sending the channel itself on another channel (reqs <- reply)
//     hands it on, and is no send on it;
//   - a Wait that can block forever: a WaitGroup or errgroup Wait in the
//     collector's function, joining goroutines that send on the channel
//     before they call Done, reached on some path with more of their
//     sends pending than the buffer holds and nothing receiving before
//     it (category "blocked-wait"). Only sends every path of the
//     goroutines makes count here: conditional sends (on failure, or
//     the first failure only) are left alone. After a Wait that joins every
//     goroutine (or the others are known past their sends through a
//     done channel), none is left blocked at a later return;
//   - a send after the loop stopped: a struct-field channel whose only
//     receiver in the package is an event loop (for { select { case e
//     := <-c.events: ...; case <-c.stop: return } }) running as a
//     goroutine of the package, and a plain send on that field in
//     another function: once the loop has returned on its stop case,
//     the send blocks forever (category "stop"). The stop case must be
//     able to fire (the stop field is closed or sent on somewhere, or it
//     is another channel such as ctx.Done()), the field must be
//     unbuffered, and never closed or handed on.
//
// A collector's channel may also be carried by the loop that makes it:
// made in one iteration (often in a select case: case <-tick: ch :=
// make(chan error); go ...; pending = ch), received in a later one (case
// err := <-pending: pending = nil), while another case returns (ctx.Done,
// a stop channel): a result in flight at that return is never received.
// The variable must hold only that channel or nil (var pending chan T),
// be used only to receive and to compare with nil, and a branch where it
// is nil counts as nothing in flight. The nil test must be the loop's
// only record of the result in flight: a function that also branches on
// another value the loop carries, a load or a call (busy = true next to
// pending = ch, then if busy { <-pending }), or that selects on a
// channel it switches off (stopC = nil next to pending = ch, then case
// <-stopC: return), is not judged, since the walk cannot tell that the
// flag and the variable agree.
//
// A goroutine may also be started by a go-helper of the package: a
// function given a function literal that it starts as a goroutine, once,
// on every path (func goSafe(f func()) { go func() { defer logPanic();
// f() }() }, or a pool's Go method). goSafe(func() { errc <- fetch(u) })
// is then a spawn like go func() { errc <- fetch(u) }(). A helper that
// starts its function only on some paths, in a loop, or that calls it
// in its own goroutine is not one (chanmodel.Starts).
//
// Sends are counted through the code the goroutine runs: a same-package
// function or method it passes the channel to (transitively; recursion
// is cut and makes the channel out of scope), a closure it calls, and a
// deferred closure. Sends in a deferred closure that recovers run on the
// panic path instead of the others and count as an alternative, not in
// addition.
//
// WRONG:
//
//	func fetchAll(urls []string) error {
//		errc := make(chan error)
//		for _, u := range urls {
//			go func() { errc <- fetch(u) }()
//		}
//		for range urls {
//			if err := <-errc; err != nil {
//				return err // the other senders block forever
//			}
//		}
//		return nil
//	}
//
// RIGHT:
//
//	func fetchAll(urls []string) error {
//		errc := make(chan error, len(urls)) // every sender can finish
//		for _, u := range urls {
//			go func() { errc <- fetch(u) }()
//		}
//		for range urls {
//			if err := <-errc; err != nil {
//				return err
//			}
//		}
//		return nil
//	}
//
// WRONG (an abandoned future):
//
//	func async(f func() error) <-chan error {
//		ch := make(chan error)
//		go func() { ch <- f() }()
//		return ch
//	}
//
//	func waitTimeout(f func() error, d time.Duration) error {
//		select {
//		case err := <-async(f):
//			return err
//		case <-time.After(d):
//			return ErrTimeout // async's goroutine blocks forever
//		}
//	}
//
// RIGHT:
//
//	func async(f func() error) <-chan error {
//		ch := make(chan error, 1) // the one send completes for every caller
//		go func() { ch <- f() }()
//		return ch
//	}
//
// # Cross-package futures
//
// With -facts (-stranded.facts on the command line, facts: true in
// golangci-lint's settings for the check), the fanout front end exports
// a summary of each future as an analysis fact (chanmodel.FutureFact)
// and reads those of the packages a package calls, so that a caller of
// lib.Async in another package is judged like a caller in lib. Related
// information then names the future's go statement and send by file and
// line. When stranded runs, facts are on by default under go vet
// -vettool, which runs the tool on
// every dependency anyway, so that the facts cost little there
// (bench/vetfacts: on grpc, the suite with facts at 1.20× the CPU and
// 1.07× the memory of a do-nothing tool under go vet, without them
// 1.14× and 1.00×); -stranded.facts=false turns it off. It is off by
// default in the fanoutlint command and in golangci-lint, where a fact
// type makes the driver load and analyse every dependency from source,
// far over the suite's cost budget (see chanmodel's doc); -stranded.facts
// turns it on there, at that cost.
//
// # What is proved before a report
//
// A report claims that a goroutine is left blocked, or running, and the
// check makes it only where the code shows it, never by assuming the
// worst about what it cannot see:
//
//   - every use of the channel or group is seen: made in the function,
//     not stored, returned or passed to code without a body;
//   - every sender counted is a goroutine of the package whose body is
//     read; its sends are counted on one path through it. When its sends
//     sit in a loop whose trip count depends on data (a loop without
//     condition, a condition that calls or receives, a range over a
//     channel or an iterator), only its first send is assumed: how many
//     follow is fixed by a protocol the check does not model. The same
//     holds for a send its loop passes only on some iterations, behind a
//     filter (for _, x := range xs { if x.ID == id { ch <- x } }, or a
//     continue before it): how many elements pass is fixed by the data,
//     such as unique ids. A send followed on every path by leaving its
//     loop (break, return, goto out) is not repeated by it at all. When
//     its only send answers a value it ranges over from a channel the
//     collector sends on (a request/reply worker), each of the
//     collector's sends on that channel adds one pending send;
//   - a spawn loop with a constant trip count (const n = 2; for i := 0;
//     i < n; i++, for range 2, a range over an array: the counter set to
//     a constant, compared with a constant, incremented by one and
//     assigned nowhere else) starts at most that many goroutines, nested
//     counted loops multiplying; any other spawn loop may start any
//     number;
//   - sends are counted per channel: a goroutine that sends on a, then
//     on b (a <- x; b <- y, the send on a running once and before every
//     send on b) is pending on b only once the collector has received
//     from a; before that it is blocked on a, and reported there. A
//     goroutine that sends on one channel or on another, never both (if
//     err != nil { errc <- err; return }; done <- struct{}{}, also when
//     the error goes through a closure or helper), has made its one send
//     once either is received;
//   - the reported path is one the program can take: a path that takes
//     both branches of the same unchanged condition (if concurrent {
//     go ... } ... if concurrent { wg.Wait() }, the same variable, a
//     variable assigned once, a comparison of the same operands) is not
//     followed, and neither is a path that goes round a loop on one
//     branch of a test and later takes the other branch of the same
//     test, when the loop changes none of its operands. An unexported
//     package variable of a basic type that only init functions set or
//     take the address of (a command-line flag registered in init) is
//     such an unchanged operand too (summary.InitOnly): an early return
//     on such a test (if limit < 0, if len(names) > limit, or the error
//     of path.Match or filepath.Match with a fixed pattern, which
//     depends on the pattern only) either happens in the first
//     iteration, before any goroutine of the loop starts, or never. A
//     test whose operands the loop recomputes (a value of the element, a
//     load, a call) is followed as usual;
//   - a goroutine is known to block on a channel the function never
//     receives from (a sink handed to it) only when it makes its sends
//     there on every path (chanmodel.Sends.Certain): a send under a
//     condition (if err == nil { updates <- u }) may never be made. An
//     error channel nobody reads is unreaderr's to report;
//   - the function does not join its goroutines on the way out: a
//     deferred function that receives, on every path, the done signal
//     they give once past their sends (defer func() { cancel(); <-done
//     }()) keeps a goroutine from being left behind. Were it blocked,
//     the function would block in its defer instead: a hang, which the
//     check does not report;
//   - the goroutines are joined, not merely started: a WaitGroup whose
//     every Done is a goroutine's first action (started.Done();
//     io.Copy(dst, src)) is a start barrier, and its goroutines are meant
//     to outlive the call;
//   - the process, or the test, goes on after the path (see Deliberate
//     silence).
//
// # Categories
//
// Each diagnostic has a Category: "collector" (senders left blocked,
// one diagnostic per return for all the channels it strands),
// "return" (a return skips the Wait) and "never-waited" (no Wait after
// the goroutines start). A "return" or "never-waited" finding whose
// goroutines give nothing back (they send on no channel, store nothing
// outside their own locals, return no error but nil and start nothing:
// closing a connection, removing a file) is true but of little
// consequence: the goroutines end by themselves. It is reported with the
// category "note/cleanup" and a message that says so; the SARIF log
// writes such findings at level note. Senders left blocked forever are
// never notes: they leak for the life of the process.
//
// The rule for findings that are true but harmless: where the process
// exits right after the path (main.main returns, or a command's error
// reaches os.Exit or log.Fatal in its caller), nothing is left to leak
// and the check is silent; goroutines that give nothing back still
// outlive the call, which a reader may want to know, so they are
// reported, as notes. On the development corpus modules measured (grpc,
// sarama, etcd server, pebble, controller-runtime, tests included) the
// check made the same 3 findings before these rules and after, all real:
// the unbuffered ready channel of controller-runtime's test process
// starter, whose health poller is never stopped on one path and can
// block on its send on the two others.
//
// # Suggested fix
//
// For a collector whose goroutines each make at most one blocking send,
// the fix buffers the channel for every send, which removes every block:
// make(chan T) becomes make(chan T, len(xs)) when the only go statement
// sits directly in a loop ranging over a slice, array or map variable xs
// that is visible at the make and never reassigned, and make(chan T, n)
// for n go statements outside loops. An abandoned future whose
// goroutine makes one send gets a buffer of one in the future itself
// (make(chan T, 1)), which frees the goroutine for every caller. A send
// after the loop stopped, when the stop channel is a field of the same
// struct, becomes select { case c.events <- e: case <-c.stop: }.
// Returns that skip Wait get no fix: the message says what to do (defer
// the Wait, or Wait before returning).
//
// # Deliberate silence
//
//   - channels buffered for every sender: a capacity computed at run time
//     (make(chan T, len(xs))), or a constant at least the number of sends;
//   - collectors that drain every sender before returning, such as a
//     receive loop that records the first error and goes on;
//   - producers that close the channel, consumed by a range loop or by
//     v, ok := <-ch until closed;
//   - sends in a select with another case (ctx.Done(), a done channel) or
//     a default: the sender has a way out;
//   - a Wait on every path, a deferred Wait, and a Wait delegated to a
//     goroutine (go func() { wg.Wait(); close(ch) }()), whose channel the
//     collector check then follows;
//   - goroutines meant to outlive the function: groups in struct fields or
//     parameters, groups and channels that escape (returned, stored,
//     passed to another function), and functions that never return;
//   - a path after a receive from another channel on which a sender
//     signals that it is past its sends (a deferred close(done), or a
//     close on a path without sends): the sender is known to be done;
//     likewise a channel a goroutine closes or sends on only after
//     waiting for a group every sender finishes on (go func() {
//     wg.Wait(); close(done) }(), with senders that defer wg.Done or are
//     started by the group's Go);
//   - a path after a deferred close(done) of a goroutine that waits for
//     the senders' group before every return (go func() { defer
//     close(done); wg.Wait() }() then <-done): every sender has finished;
//   - start barriers (see above);
//   - a return that skips the Wait of a group whose only goroutine
//     (started once) closes a channel as its last action, on a path past
//     a receive that saw that close (the end of for v := range ch): the
//     goroutine has nothing left to do;
//   - paths that panic, exit the process (os.Exit, log.Fatal,
//     runtime.Goexit) or fail or skip a test (t.Error, t.Fatal, t.Skip and
//     their variants, testify's require.Fail, require.FailNow,
//     assert.FailNow, assert.Fail and their f forms, on functions and on
//     Assertions), or call a helper of the package that does one of these
//     on every path (func fatalf(t *testing.T, ...) { t.Helper();
//     t.Fatalf(...) }), or take the branch of a test on t.Failed() (on T,
//     B, F or TB) where the test has failed (if t.Failed() { return }):
//     the failure is already visible;
//   - returns after which the process exits: returns of main.main, and
//     returns of a non-nil error from a function of package main whose
//     every call is if err := f(); err != nil { ...; os.Exit(1) } (or
//     log.Fatal(f()), or err := f() then that if): every goroutine ends
//     with the process.
//
// # Off by default
//
// stranded runs only with -stranded.enable (enable: true in
// golangci-lint's settings; naming it, -stranded, turns it on too).
//
// On the ten held-out modules of the corpus (see the README) it first
// made 51 findings: 16 real, 18 harmless, 2 deliberate and 15 wrong
// claims (29%). The wrong claims: 13 of the blocked-sender rule, from a
// send inside a loop over a slice that a filter lets fire at most once;
// a spawn loop with a constant trip count (const n = 1; for i := 1; i <=
// n; i++, for range 2) matched by as many receives or a buffer of that
// size; one goroutine that sends on several channels in turn, blamed
// for a channel it can no longer reach; a receive loop that ends only
// when every channel has delivered (for !(aDone && bDone) { select …
// }); a done send on a path exclusive with the error send. 2 of the
// return-skips-Wait rule, from an early error return whose condition
// depends only on values fixed for the whole loop (path.Match with the
// same pattern). Each of these shapes is now proved rather than assumed
// (see What is proved before a report), and the same ten, read again,
// give 34 findings: 13 real, 19 harmless, 2 deliberate and no wrong
// claim. On the development modules it makes 8, none wrong. For a while
// it was on by default on the strength of that second count.
//
// That count is not independent: the fixes were taken from the first
// reading of the same ten. Twenty modules nobody here had looked at
// (kafka-go, franz-go, badger, syncthing; then yamux, go-libp2p-pubsub,
// go-libp2p-kad-dht, go-plugin, kine, clickhouse-go, minio-go,
// rocketmq-client-go, and eight more below) were the honest judge. On
// the first four it made 7 findings, 6 of them wrong: a return-skips-Wait on two tests of the
// same flag variable (if checkSubscriber { go ... } ... if
// checkSubscriber { subWg.Wait() }), a blocked sender on a goroutine
// the function joins in a deferred func() { cancel(); <-done }(), and
// a blocked sender on a channel the function never receives from, fed
// by a goroutine whose sends wait on a success; the seventh was true
// and harmless. Those three shapes were then fixed, generally (see What
// is proved: the flag set only in init, the deferred join, the sink);
// on the next eight, measured after the fixes and not used to tune
// anything, it made 4 findings (besides 32 of the stop rule, below),
// all wrong: a send a goroutine never reaches because the call before
// it panics into a deferred recover once the test closes the queue,
// two returns after an Accept that can fail only once the deferred
// Close has run, and a defensive return on a buffer size that cannot
// differ. On eight more (influxdb-client-go, puddle, mdns, colly,
// natscli, go-memdb, statedb, go-retryablehttp), same code, it made 25,
// all true and harmless: natscli's benchmark commands return on a failed
// connection while the clients already started wait for a trigger, and
// the command then exits. That is 4 wrong of 29 since the fixes (14%),
// over the 5% bar, so stranded stays off until it is measured under it
// on modules it has not seen.
//
// The rule for sends after the event loop stopped is off even when
// stranded runs (-stranded.stop turns it on): of its 34 findings on all
// the modules above (one held-out, one development, 32 in
// go-libp2p-pubsub's tests, which send on the event loop's channel while
// the loop still runs), none was of consequence; each claim holds only
// as a condition (were the loop stopped, the send would block).
//
// # Known limitations
//
//   - Paths that the code allows but the program never takes are
//     followed, and the wrong claims measured on unseen modules are of
//     this kind: a return after an Accept that can fail only once the
//     listener is closed (by a defer, after the return), a defensive
//     return on a condition the rest of the function keeps false (a
//     buffer of the wrong size), and a send that follows a call which,
//     once the test closes what it waits on, panics into a deferred
//     recover instead of returning.
//   - Sends in a loop with a constant trip count (for i := range 3 { ch
//     <- i }) count as any number, even when the receiver takes exactly
//     as many; constant trip counts are evaluated for spawn loops only.
//     A send limited to one in total across goroutines by a shared flag
//     (first failure wins, CompareAndSwap) is counted once per goroutine.
//   - The stop rule stays silent on a send with any return before it in
//     its function (a guard may keep it from running after the stop),
//     so a guard that does not is missed.
//   - A Wait settles only goroutines it provably joins (Done deferred, or
//     called after every blocking send, or started by the group's Go),
//     and at most 16 spawns of one collector are told apart.
//   - Receive loop trip counts are not evaluated, even constant ones. A
//     receive loop that ends through its condition (for range xs, for i
//     < n, for !(aDone && bDone) with flags set in its receive cases,
//     and a pure test followed by a break at the top of its body) is
//     assumed to receive from every sender; a loop without condition
//     (for {}, or a range loop over a channel nobody closes) left in an
//     iteration that received is assumed to have received everything it
//     waits for, so a return on the first error inside such a loop goes
//     unreported. A for {} whose body starts with a test, before it
//     receives, is taken as a loop with that test as its condition.
//   - With a spawn loop whose trip count is not a constant, or a
//     goroutine that sends in a loop, a constant capacity above one is
//     taken as sized for the number of sends, and not checked.
//   - A filtered send (one its loop passes only on some iterations)
//     counts as one send: a filter that lets several elements through
//     (if x.Err != nil { errc <- x.Err }) strands the later ones unseen
//     once the collector has received one. A filter inside a helper the
//     goroutine hands the channel to is recognised up to three calls
//     deep; deeper, the helper's sends count as many.
//   - Sends in turn on two channels are ordered only for a goroutine
//     started once (not in a loop), whose first send is a plain send on
//     no cycle; otherwise both channels' sends are pending from the
//     start. Only the collector's own receives on the first channel are
//     seen: if another goroutine takes that value, the sends on the
//     second channel are missed.
//   - A test is known to keep its outcome across a loop's iterations only
//     when its operands are computed outside every loop holding it, by
//     pure operations of such values inside it (arithmetic, comparisons,
//     conversions, len of a string, slice or array), or are the error of
//     path.Match or filepath.Match on such a pattern. A load from memory
//     (if s.closed) or any other call (ctx.Err()) is taken as changing.
//   - Senders declared in another package, calls of function values and
//     interface methods, and goroutines that pass the channel to them,
//     store it or start another goroutine with it are not followed: the
//     channel is then out of scope. Only futures cross packages, and only
//     with -facts.
//   - A future's error result is trusted: a future that returns its
//     channel with a non-nil error after starting its goroutines leaves
//     them blocked on a caller that returns on that error, unreported.
//   - A future is recognised only when every return of the function
//     returns the same make and the function uses the channel for
//     nothing but starting goroutines with it by go statements (a
//     future whose goroutine a go-helper starts is not recognised); a
//     future whose caller passes the channel on is out of scope.
//     Without -facts only callers in the same package are judged; with
//     it, callers of another
//     package's future whose goroutines make a known number of sends (a
//     future that streams values in a loop is not exported).
//   - A go-helper is recognised only in the package being analysed and
//     only when it starts the literal itself (go f(), or go func() {
//     ...; f() }()); a helper of another package, one that hands the
//     literal to a second helper, a queue or an errgroup, one called
//     through an interface or a method expression ((*Pool).Go(p, f)),
//     or one given its functions as a variadic parameter is not
//     followed, and the channel is then out of scope. Generic helpers
//     and Go methods of generic pools are followed.
//   - A channel carried by a loop is followed only through a variable
//     that holds nothing but that one make or nil; a variable assigned
//     channels of two makes, captured by a closure, or used in any way
//     other than receiving and comparing with nil is out of scope, and
//     so is the channel of a function that branches on anything but
//     that nil test, the case a select takes, values just received,
//     parameters and constants (a flag or counter the loop carries, a
//     field, a call, the counter of a for loop around the select), or
//     selects on a channel variable the loop carries, or on a field the
//     function assigns or whose struct it hands to code of the package
//     (r.pause() may set r.stopC = nil; t.Stop() of a time.Ticker, code
//     that knows nothing of the result in flight, does not count). A
//     result overwritten before it is received (pending = ch while
//     another is in flight) is counted with the rest, not reported on
//     its own.
//   - A field collector needs the field's only receives to be in the
//     function that makes the channel, the struct pointer to be handed
//     only to same-package code the model reads (a goroutine that logs
//     the struct through fmt is out of scope), and the field reached
//     directly (not through an embedded struct's field).
//   - The stop rule reads syntax: an event loop is a select directly in a
//     for statement without condition, in a function started by a go
//     statement of a function that itself fans out, with exactly one
//     receive case that returns. A loop restarted after it returned, or
//     sends that only ever happen before the stop, are not told apart:
//     the claim is that any send after the stop blocks. Functions without
//     a go statement are not read for unreceivable sends.
//   - A channel remade in each iteration of a loop is checked per
//     iteration; senders stranded by a continue are not reported.
//   - A go statement whose goroutine is given a WaitGroup is taken to call
//     Done; the worker's body is not checked (except to recognise a
//     start barrier).
//   - Conditions are correlated only when they are the same SSA value, a
//     variable assigned once, or a comparison of such values and
//     constants: two loads of a field (if s.async) are not, and such a
//     path is still followed.
//   - Conditional testify assertions (require.NoError) return when they
//     hold; a path that passes one is not taken as failing, even where
//     the assertion cannot hold. Likewise a test helper that returns an
//     error its callers pass to require.NoError (or t.Fatal) keeps its
//     findings: the return itself does not fail the test, and telling
//     that every caller fails on it needs a summary of the callers that
//     exists for package main only (see below); the goroutine it leaves
//     also outlives the failing test and runs into the next ones of the
//     binary, so these are not downgraded to notes.
//   - A data-driven sender that makes more sends than the collector
//     receives is not reported once the collector has received one value
//     (or, for a request/reply worker, one per request): the protocol
//     may well send no more. Serialised senders (a new goroutine started
//     only after the previous one's value is received) are handled by
//     the path walk itself; serialisation through other signals (a Wait
//     between starts) is not modelled.
//   - The exit after a return is recognised in package main only, from
//     its callers' syntax; a CLI framework that exits on a command's
//     error (cobra's RunE) is not seen, and those findings stay.
package stranded
