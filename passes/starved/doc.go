// Package starved defines an Analyzer that reports goroutines left
// blocked forever on a receive that nothing will satisfy.
//
// # Analyzer starved
//
// starved: report goroutines left blocked forever on a receive nothing will satisfy
//
// The other fanoutlint checks look at senders left blocked. The other
// half of the goroutine leaks that runtime leak detectors report are
// receivers: a goroutine parked in <-ch or for v := range ch that no send
// and no close will ever wake. The check reports, on the SSA form of the
// functions that start goroutines, the shapes where the code proves it:
//
//   - a channel nobody closes: a function makes a channel, is the only
//     one to send on it (itself, or through same-package functions and
//     closures it calls or defers), starts goroutines whose only way out
//     of a for v := range ch loop is the close, and reaches a return after
//     starting one without closing the channel: always, or on an early
//     return between the sends and the close. The diagnostic sits at the
//     return, or at the closing brace for the implicit return at the end;
//     Related points at the range loop and at the go statement;
//   - a receive nobody satisfies: the same, for goroutines that end only
//     after one receive from the channel (<-done; cleanup()), outside any
//     loop and on every path of the goroutine: a return reached without a
//     send on the channel or a close of it leaves them blocked. A send,
//     by the function or a helper it calls or defers, counts as well as
//     a close here, and a send that can run before the goroutine starts
//     (a semaphore's token in the buffer) makes the check silent;
//   - a watcher that does not answer: a function makes a channel, hands
//     it to one goroutine (a function literal or a same-package function,
//     started once) that sends on it or closes it, and waits for it with
//     one plain receive on every path after the start; a return of the
//     goroutine reached without a send or a close (on that path) leaves
//     the function blocked forever. Likewise a producer that closes only
//     on its success path, when the function ranges over the channel and
//     that range loop is its only way on: a return of the producer without
//     a close leaves the loop waiting. The diagnostic sits at that return;
//     Related points at the receive and at the go statement. A path of
//     the goroutine that fails the test (t.Errorf) does not count, nor
//     does a wait that comes after a call given the test's *testing.T (a
//     helper that may stop the test when the goroutine does not answer).
//     The wait must also be where the function is held when the
//     goroutine takes that return (see "Paths that do not reach the
//     wait" below);
//   - a stopped ticker: a function makes a time.Ticker, calls or defers
//     its Stop, and starts a goroutine that receives from its C in a loop
//     with no other way out (for range t.C, or for { <-t.C; ... }). Stop
//     does not close C, so the goroutine never ends. The diagnostic sits
//     at the Stop;
//   - a cancellation that never comes: a function derives a context with
//     context.WithCancel (or WithCancelCause) from context.Background or
//     TODO, stores the cancel function in an unexported struct field that
//     nothing in the package ever reads (so never calls), or keeps it in
//     a local variable whose only uses are blank assignments (_ =
//     cancel), and starts a goroutine whose only way to end is to
//     receive from that context's Done channel. The diagnostic sits at
//     the go statement; Related points at the receive and at the
//     derivation. go vet's lostcancel reports a cancel function that is
//     discarded (ctx, _ :=) or that some path from the derivation to a
//     return does not use, and counts any mention of the variable as a
//     use; a local that is never called on any path is therefore
//     lostcancel's report unless every path mentions it without calling
//     it. starved reports only that case, in the one shape it reads: a
//     _ = cancel following the derivation in the same block with only
//     straight-line statements between, the variable mentioned nowhere
//     else in the package, and a return of the function reachable (a
//     function that never returns keeps the goroutine company). Every
//     other never-called local is left to lostcancel, so no finding is
//     made twice;
//   - a field nothing answers: a receive, outside a select, from an
//     unexported struct field of channel type that the package only
//     ever receives from: no send on it and no close of it anywhere in
//     the package's files, no use that lets the channel leave the field
//     (an argument, a copy into a variable, a return, its address), and
//     every assignment to the field a make (or none: a nil channel). The
//     field's uses are pooled over every value of the struct type,
//     through embedding and over the instances of a generic type, and no
//     other package can name an unexported field, so no goroutine
//     reaching the receive is ever woken. The diagnostic sits at the
//     receive; Related points at the makes.
//
// WRONG:
//
//	func process(items []Item) error {
//		jobs := make(chan Item)
//		for range 4 {
//			go func() {
//				for it := range jobs {
//					handle(it)
//				}
//			}()
//		}
//		for _, it := range items {
//			if !it.Valid() {
//				return errInvalid // the workers wait forever
//			}
//			jobs <- it
//		}
//		close(jobs)
//		return nil
//	}
//
// RIGHT:
//
//	func process(items []Item) error {
//		jobs := make(chan Item)
//		defer close(jobs) // on every path
//		for range 4 {
//			go func() {
//				for it := range jobs {
//					handle(it)
//				}
//			}()
//		}
//		for _, it := range items {
//			if !it.Valid() {
//				return errInvalid
//			}
//			jobs <- it
//		}
//		return nil
//	}
//
// # What is proved before a report
//
//   - every use of the channel is seen: made in the function, held in
//     one local variable at most, never returned, stored elsewhere, put
//     in an interface, merged in a phi or passed to code without a body
//     in the package; goroutines are started with it only as function
//     literals or same-package functions and methods (generic ones
//     included) whose every use of it is read;
//   - nothing else can wake the workers: no goroutine sends on it or
//     closes it, and the function does not receive from it;
//   - every worker receives from it only in the header of a range loop
//     (or an if on the ok of v, ok := <-ch), in its own body or in a
//     same-package function it calls on every path, entered on every
//     path of the goroutine, and the loop has no other way out: no
//     return, break, or select case leaving it, no runtime.Goexit;
//   - the reported return is reached, after a go statement that started
//     a worker, by a path that passes no close (a call or a deferred call
//     of close, or of a same-package function or closure that closes the
//     channel on every path) and no call that does not return (os.Exit,
//     log.Fatal, t.Fatal) or marks the test failed (t.Error, assert.Fail,
//     a helper of the package that does on every path). A path that enters a loop holding a close (or,
//     for a single receive, a send) counts as passing it: trip counts and
//     conditions (if i == 222 { start <- true }) are not known.
//
// For a ticker: the ticker is made by time.NewTicker in the function,
// used there only by its own methods, reads of C and goroutines or
// closures it starts or calls, and never stored elsewhere; the goroutine
// reads C in its own body, in a loop entered on every path and left by
// no return, break or other select case.
//
// For a cancellation: the parent is a call of context.Background or TODO
// in the function; the cancel function's only use is its store in one
// field, and no selector anywhere in the package's files reads that
// field (a read as a value, a method value or a call counts); the
// goroutine is a function literal or a same-package function given the
// context, or reads it from a field whose every assignment in the
// package is this derivation; every path of the goroutine from its entry
// to a return receives from Done (a <-ctx.Done(), or a select case on it
// with a body of its own), and none calls runtime.Goexit or the like.
//
// # Paths that do not reach the wait
//
// A watcher's return is reported only when the function that started
// it is then held at the receive the report names. Three shapes of code
// show that it is not, and the return is not reported:
//
//   - the function can stop before the wait: a path from the go
//     statement reaches, before the receive, a call that does not return
//     (t.Fatal, t.FailNow, t.Skip, log.Fatal, os.Exit, require's
//     assertions, a helper of the package that stops on every path) or a
//     panic. Such a stop is usually the failure branch of a step that
//     needs the goroutine's progress (a handshake read under a deadline,
//     a dial of the address it listens on, a select with a timeout), and
//     which steps depend on the goroutine is not known, so any stop
//     counts as a way out, like a return before the wait (which already
//     made the check silent). The rule is simple and errs on silence: a
//     stop that has nothing to do with the goroutine hides a real leak;
//   - the function first waits on another channel that it makes and
//     hands to the same goroutine, a watch of its own (the goroutine is
//     the only other holder): a receive, or a range loop whose only way
//     out is the close, that every path from the go statement to the
//     reported receive passes. A return of the goroutine that can be
//     reached without answering that first wait (a close for a range, a
//     send or a close for a receive, by the channel model's Closers and
//     Signalers) leaves the function held there, not at the later wait:
//     for v := range ch, then <-done, with the goroutine closing ch
//     before it sends on done. The first channel's own report, if its
//     shape is judged, names the right wait;
//   - the goroutine's return is on the failure branch (err != nil, on
//     every path to the return) of a method call on a resource the
//     function hands it (a captured variable or an argument of the go
//     statement) and closes with its io.Closer Close only after the wait:
//     in a defer, or in a call every path to which passes the wait. The
//     failure is then taken to be that close (an Accept on a listener
//     the test closes with defer ln.Close()), which comes after the
//     wait. A resource that fails while open (an Accept out of file
//     descriptors, a read whose peer hangs up) is not told apart, and
//     such a leak is missed; a Close that can run before the wait keeps
//     the report.
//
// # Suggested fix
//
// For an unclosed channel that nothing closes on any path, made once per
// call in a statement of its own (jobs := make(...), var jobs =
// make(...)): defer close(jobs) right after the make. The function is
// then proved the only sender, every send is made by it before it
// returns, and nothing else closes the channel, so the close cannot run
// twice or under a sender. Where a close exists on some paths, no fix is
// offered (moving it to a defer can deadlock a Wait that follows it); the
// message says to close on every path.
//
// # Deliberate silence
//
//   - channels closed on every path, by a close, a deferred close, or a
//     same-package function or closure, called or deferred, that closes
//     on every path;
//   - channels another goroutine sends on or closes (a producer
//     goroutine, a close after a Wait in a goroutine): the function is
//     not the only sender, and the check does not follow that
//     goroutine's lifetime;
//   - workers with another way out: a select with ctx.Done, a done
//     channel, a timer or a default; a break or return inside the loop;
//   - channels that escape (returned, stored, passed to unknown code, put
//     in an interface): their owner may close them;
//   - daemons meant to run for the program's life: goroutines started
//     from main.main, an init function, a function literal inside them,
//     or a function literal run by sync.Once.Do;
//   - tickers never stopped (the goroutine is meant to tick for ever),
//     timers, and tickers stored where the function cannot follow them;
//   - cancel functions called, deferred or passed on where they are made,
//     stored in an exported field (another package may call it), or
//     whose field is read anywhere in the package; contexts with a
//     timeout or a deadline, which end by themselves; contexts derived
//     from a parent the function is given; goroutines with another way
//     out (a select case on a done channel that leads to a return).
//
// # Off by default
//
// starved runs only with -starved.enable (enable: true in golangci-lint's
// settings). Measured on the ten modules it was not developed against
// (see the README), it first made 6 findings: 2 real (a webrtc test that
// hangs instead of failing when its accepting goroutine meets an error),
// 1 harmless and 3 wrong claims (50%), far over the project's 5% bar.
// The wrong claims were test paths on which the receive is never
// reached, for reasons the code did not show to the check: a step
// before the receive that needs the goroutine's progress and stops the
// test otherwise (a handshake under a deadline; a done channel the
// goroutine sends only after the close the range waits for), and an
// Accept that can fail only once the listener is closed, after the test
// has returned. Those three shapes are now pruned by the analysis (see
// "Paths that do not reach the wait"), each with synthetic cases in the
// testdata, and the same ten measured again give 2 findings, the 2 real
// ones, and no wrong claim. On twenty modules nobody here had looked at
// (see the README) it made 3 findings, all true and harmless: natscli's
// benchmark commands return on a failed connection while the clients
// already started wait on a trigger the command never closes, and the
// command then exits. It stays off all the same: the held-out
// measurement is no longer independent (the pruned shapes were taken
// from its wrong claims), and 5 findings without a wrong claim are too
// few to show the 5% bar on code the check has never seen.
//
// On the ten development modules (tests included) it makes 2 findings:
// a benchmark of grpc whose ticker goroutine outlives each run (real),
// and a method of a test fake in etcd's mvcc package
// (fakeIndex.RangeSince) receiving from a field no test ever sends on
// (true, harmless: nothing calls the method). Two wrong claims met
// there were fixed in the analysis: a send at one iteration of a
// constant loop (if i == 222) taken as skippable, and a receive reached
// only after a test helper that stops the test with t.Fatal when the
// goroutine does not answer. A third finding, once counted real, is
// now silent: a grpc test whose accepting goroutine returns on an
// Accept error without answering the receive; it is the Accept shape
// above (the listener is closed by a defer, after the receive), and the
// test's Dial, checked with t.Fatalf before the receive, is a stop
// before the wait. The test would hang only if Accept failed on an open
// listener.
//
// # Known limitations
//
//   - Only range loops (and if ok tests of v, ok := <-ch) in the worker's
//     own body, or in a same-package function the worker calls directly
//     on every path, are recognised; deeper helpers are not followed.
//   - A worker that might skip its loop (a return before it on some path)
//     is not reported, even on paths where it does enter it.
//   - A watcher is judged only when it is the one goroutine given the
//     channel and the function's one receive waits for it on every path;
//     a select in the watcher that sends on the channel counts as sending
//     even when another of its cases (ctx.Done) returns without it, and a
//     function that waits in a select is not judged. A
//     goroutine receiving several times outside a loop, or in a loop
//     that is not a range, is not reported either: how many sends it
//     needs is not counted; and a send releases only one of several
//     receivers, which the check does not count, so it stays silent
//     there.
//   - Goroutines started in another package, and senders or closers
//     there, are out of view: the channel then escapes.
//   - A return after a deadlock (the function Waits for the workers
//     without closing the channel) is reported as a leak although the
//     function never gets there.
//   - Only main.main and init count as the program's life: a function of
//     package main that main calls, after which the process exits, is
//     judged like any other.
//   - A ticker's goroutine is read in its own body only; a loop in a
//     helper it calls is not seen.
//   - A cancel function kept in a local variable that is never called is
//     reported only in the blank-assignment shape above (the rest is
//     lostcancel's); one assigned in a closure to a variable of the
//     enclosing function, which lostcancel does not analyse either, is
//     not reported. A cancel function stored in a field of another
//     package's type, or derived from a root held in a package variable,
//     is not reported; nor is a
//     goroutine started elsewhere than the function that derives the
//     context. The search for reads of the cancel field covers the
//     package's files as analysed: a field read only by the package's
//     tests makes the non-test package's finding stand.
//   - A select case on Done with an empty body shares its block with the
//     other cases and is not told apart: such a goroutine is not
//     reported.
//   - A field nothing answers is reported only for a plain receive or a
//     range: a select case on such a field (a nil channel disables a
//     case on purpose) is not, nor is a field whose channel is received
//     from in main.main, init or a package variable's initializer.
//     Reflection and unsafe are not followed. The package's files are
//     those analysed: a field sent on only by the package's tests makes
//     the non-test package's finding stand, which is what production
//     code does.
//   - A done channel handed to a same-package function is followed as
//     the watcher and unclosed shapes follow it (a goroutine started on
//     it, a helper that closes or sends on every path); a function that
//     stores the channel, or hands it on further, is out of view.
package starved
