// Package groupproto defines an Analyzer that reports sync.WaitGroup and
// errgroup.Group protocol slips: joins that block forever, and groups
// behind wrapper types that are never joined.
//
// # Analyzer groupproto
//
// groupproto: report WaitGroup and errgroup misuse that blocks a join forever or leaves a group unjoined
//
// A WaitGroup's Wait returns when its counter drops to zero; an errgroup's
// Wait when every goroutine started by Go has returned. A handful of slips
// make that moment never come, and the program hangs instead of failing.
// The check follows a local group through the function that creates it,
// the closures that capture it and the same-package functions go
// statements hand it to, and reports:
//
//   - Wait inside the spawn loop: wg.Add(n) before a loop, with n not a
//     constant of at most one (len(xs), a count), and a loop that starts
//     a goroutine calling Done and calls wg.Wait on every iteration. The
//     first Wait waits for Dones that only later iterations can make: a
//     certain deadlock for two or more items;
//   - Go under a limit from inside the group: g.SetLimit(n) and g.Go
//     called inside one of the same group's goroutines, when those
//     goroutines can fill the limit (started in a loop, recursively, or at
//     least n times). Once every slot is held by a goroutine waiting in Go
//     to start another, none can finish. The group may also be a field:
//     a method that calls r.g.Go with a literal calling a method of the
//     same receiver r that, in turn, calls r.g.Go, while the package sets
//     a limit on that field (the recursive walk), when the called method
//     leads back to the caller or the outer Go is in a loop;
//   - a Wait inside one of the group's own goroutines: g.Wait() or
//     wg.Wait() in a function started by the group's Go method, or in a
//     goroutine counted by the WaitGroup before its Done (after a deferred
//     Done, or with a Done call still ahead). The goroutine waits for
//     itself;
//   - a path without Done: a goroutine started by a go statement, counted
//     by an Add in the function that starts it, which calls Done itself
//     but can return (or call runtime.Goexit) on some path without it.
//     Wait then blocks forever once that path is taken. The group may be
//     local, or a WaitGroup field of a value the goroutine is given
//     (s.wg.Add(1); go func() { ...; s.wg.Done() }(), or go s.handle()),
//     when the spawner calls Add on that field and the package waits on
//     it. The diagnostic sits at the first such return, with the others
//     as related information. A branch that the go statement's constant
//     arguments decide (go serve(wg, c, true) with if async { defer
//     wg.Done() }) is followed only the way it goes. A worker that
//     ranges over a channel and calls Done once per item is reported
//     at a continue or return in its loop with no Done before it, when
//     the count is provably one per item: every Add of the group is
//     Add(1) followed, in the same block, by a send on that channel,
//     every send is such a pair, the channel is made in the function and
//     used only by sends, receives, close and the goroutines it is handed
//     to, and every Done sits in the worker's range loop (for j := range
//     jobs { if bad(j) { continue }; handle(j); wg.Done() } fed by
//     wg.Add(1); jobs <- x);
//   - groups behind a wrapper type: a type of the package holding an
//     errgroup.Group or sync.WaitGroup in a field (or embedded), with
//     methods that start goroutines on it (p.g.Go, or wg.Add with a go
//     statement) and methods that wait for it (p.g.Wait). A function that
//     creates such a value (a composite literal, new, a var declaration,
//     or a call of a constructor of the package that makes the value
//     itself on every path: p := NewPool(4), p, err := newPool()),
//     starts work through it and reaches a return without a waiting method
//     (and without a deferred one) leaves the goroutines running; a
//     function that never waits is reported at its first start. A call of
//     a waiting method that returns errgroup.Group.Wait's error (return
//     p.g.Wait()) used as a statement or assigned to _ loses the first
//     failure, as a bare g.Wait() does. When every start on the value
//     hands its goroutine's result back on a channel (a function literal
//     given to the start sends on or closes a channel of the caller's, the
//     starting method sends on or closes a channel parameter or a field
//     of the receiver), a receive from that channel (<-res, a range over
//     it, a method that receives from the field) joins as the waiting
//     method does;
//   - with -groupproto.cancel, the group that cannot cancel: a plain
//     errgroup.Group (var g errgroup.Group, new(errgroup.Group)) whose
//     goroutines, function literals given to Go or TryGo, take a context
//     of the function (pass it to a call, or wait on ctx.Done()) while
//     one of them can fail. The first failure stops none of the others,
//     and Wait waits for all of them before returning the one error it
//     keeps, as Python's asyncio.gather leaves the other tasks running.
//     errgroup.WithContext(ctx), with its context in the goroutines, makes
//     the first failure cancel the rest.
//
// WRONG:
//
//	func process(items []Item) {
//		var wg sync.WaitGroup
//		for _, it := range items {
//			wg.Add(1)
//			go func() {
//				if !it.Valid() {
//					return // Wait below blocks forever
//				}
//				handle(it)
//				wg.Done()
//			}()
//		}
//		wg.Wait()
//	}
//
// RIGHT:
//
//	func process(items []Item) {
//		var wg sync.WaitGroup
//		for _, it := range items {
//			wg.Add(1)
//			go func() {
//				defer wg.Done()
//				if !it.Valid() {
//					return
//				}
//				handle(it)
//			}()
//		}
//		wg.Wait()
//	}
//
// # Suggested fix
//
// For a path without Done, the fix makes defer wg.Done() the goroutine's
// first statement and deletes its Done calls. It is offered only when
// that is equivalent on every path that did call Done: each Done call is
// a statement followed by nothing but the goroutine's end, the goroutine
// defers nothing else (a deferred send or close would then run before the
// Done rather than after it), and the receiver is spelled the same in
// every call and names a variable declared outside the goroutine and not
// assigned in it.
//
// For the group that cannot cancel, the fix replaces the group's
// declaration (var g errgroup.Group, g := new(errgroup.Group) or g :=
// &errgroup.Group{}) with g, gctx := errgroup.WithContext(ctx) and the
// goroutines' uses of ctx with gctx (a fresh name when gctx is taken). It
// is offered when the goroutines name exactly one context variable,
// declared before the group and visible at its declaration.
//
// # Flags
//
// -groupproto.cancel (default off) turns on the group-that-cannot-cancel
// rule. It stays off: a plain group is as often a deliberate choice
// (each goroutine's work must complete whatever the others do, or must
// keep the caller's context because it outlives the group) as a missed
// WithContext, the code does not say which, and the corpus gives no
// findings to decide on. On all ten development modules (grpc, sarama,
// etcd server, pebble, controller-runtime, caddy, raft, pgx, x/tools,
// nats-server) it reports nothing: 0 real, 0 harmless, 0 deliberate, 0
// wrong claims. Their eight plain groups outside testdata are left
// alone for the reasons listed under Deliberate silence: seven take no
// context (a pebble test's and x/tools' parallel loops), and
// controller-runtime's
// event sources keep the root context in goroutines they start, which
// must outlive Wait (once a finding, now silenced as deliberate). With
// no finding, nothing shows that the rule's findings would be mostly
// real, the bar for running by default.
//
// # Deliberate silence
//
//   - serial fan-out: Add(1), go and Wait in the same iteration; Add(1)
//     (or any constant of at most one) before a loop that waits in it;
//     a Wait on some iterations only (if i == len(xs)-1 { wg.Wait() });
//   - a Done under an if on a parameter or captured variable that the
//     go statement does not give a constant (if async { defer wg.Done()
//     } started as go serve(wg, c, async)): the starter decides whether
//     the goroutine is counted. An early return on a parameter (if x < 0
//     { return } before the Done) is still reported;
//   - defer wg.Done(), Done on every path, workers that call Done once
//     per item in a loop when the count is not provably one Add(1) per
//     item sent (wg.Add(len(xs)), a send in a select, a channel handed
//     to another function), a continue with a Done before it anywhere in
//     the loop body or belonging to an inner loop, and
//     goroutines that hand the group to another function;
//   - TryGo under a limit, which never blocks; Go from a goroutine of the
//     group without SetLimit, or with SetLimit(-1); a nested group (a new
//     group inside the goroutine) is a group of its own;
//   - go func() { wg.Wait(); close(ch) }(): a goroutine that waits without
//     being counted is the usual closer, not one of the group's own;
//   - a wrapper value that is returned, stored, passed to a function,
//     captured by a closure or whose fields are read: its ownership moves
//     on, and it may be waited for elsewhere; wrapper values that are
//     parameters or come from a function that may return a shared value
//     (a global, a field, a parameter, a value it stored, captured or
//     handed to a method or a call); a type whose one
//     method both starts and waits (it joins what it starts); a wrapper
//     whose goroutines send on or close a channel the caller receives
//     from, anywhere in a loop or on the path (return <-res);
//   - for the cancel rule: groups made by WithContext; goroutines that do
//     not take the context, or hand it only to context.WithoutCancel;
//     groups whose goroutines all return nil; goroutines that call a
//     captured function value (a cancel func of the caller: they cancel
//     by hand); goroutines that are not function literals; goroutines
//     that hand the context on to work that can outlive them (a goroutine
//     they start, a closure, a store): WithContext's context is cancelled
//     when Wait returns, and would stop that work;
//   - groups that escape (stored in a field, passed to or returned from
//     another function): for the spawn-loop rule every Add and Done must
//     be visible; the other rules look only at the goroutines they follow;
//   - the end of a range over a channel that never closes (a
//     time.Ticker's or time.Timer's C, time.Tick): the loop does not end;
//   - paths that panic, exit the process (os.Exit, log.Fatal) or stop a
//     test (t.Fatal, t.Skip: go vet's testinggoroutine reports those in a
//     goroutine); go vet's own reports (Add inside the goroutine, a copied
//     WaitGroup) are not repeated.
//
// # Off by default
//
// groupproto runs only with -groupproto.enable (enable: true in
// golangci-lint's settings). On ten modules it was not tuned for (see
// the README) it made two findings, both wrong claims: a goroutine whose
// Done is deferred under a parameter (if async { defer wg.Done() })
// started as go f(…, true), where the constant argument decides the path;
// and a wrapper whose goroutine ends by sending on a result channel the
// caller receives from, which is as good a join as the waiting method.
// Both shapes are now handled (constant go arguments are evaluated and a
// Done under an undecided parameter is left alone; a receive from the
// goroutines' result channel joins them). Measured again, it makes one
// finding there, a wrong claim: a wrapper's goroutine that ends by
// sending on a channel held in a field of a result struct the test
// receives from (result.BackoffCh), which the result-channel join does
// not follow. The check stays off.
//
// # Known limitations
//
//   - Groups in struct fields and groups reached through parameters of the
//     function that starts the goroutines are followed only for the
//     path-without-Done rule and for Go under a limit through methods of
//     the receiver; for the latter, the limit is matched by field, not by
//     value (any SetLimit on the field in the package counts), and a
//     method that starts one goroutine, outside loops and recursion, is
//     not reported even when its callers call it in a loop.
//   - For a WaitGroup field, a goroutine that gives the value holding it
//     to an interface method, a function value or a function of the
//     package that reaches Done on the field, or that captures it in a
//     closure, is skipped: that code could call Done. Functions of other
//     packages are taken not to call Done on the field.
//   - Wrapper types are summarised within their package only, and a
//     method call on a wrapper value is taken not to hand the receiver on.
//     A constructor is followed only when every return gives nil, a
//     composite literal, new(T), another such constructor's result, or a
//     local variable made so and used only to set its fields or call
//     sync, errgroup or context methods on them (summary.Fresh); a
//     constructor that calls a method of the value, or reads its fields,
//     is not followed. A send or close anywhere in
//     a goroutine counts as its hand-back of the result, and a receive in
//     a loop as a join at the loop's head, so a receive that waits for
//     one goroutine of several, or a goroutine that sends on some paths
//     only, is taken as a join.
//   - A worker that skips Done with continue, in a loop that calls Done
//     once per item, is reported only with the one-Add(1)-per-send count
//     above; a count of len(xs), items sent from a select or from another
//     function, and loop bodies with labels or goto are left alone. A
//     Done anywhere earlier in the loop body's text, even in another
//     branch, is taken to run before the continue.
//   - The spawn-loop rule needs every Add in the group's function, outside
//     the loop, and goroutines started by go statements; wg.Go is not
//     mixed with Add.
//   - A Done reached only through a call of another function is not seen:
//     such a goroutine is skipped, not reported.
package groupproto
