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
//     senders. The diagnostic sits at the return; Related points at the
//     send that stays blocked and at the go statement;
//   - return before Wait: a local errgroup.Group or sync.WaitGroup starts
//     goroutines (Group.Go, Group.TryGo, WaitGroup.Go, or go statements
//     whose goroutine uses the group) and a path from a start reaches a
//     return without passing the group's Wait. A deferred Wait registered
//     before the return counts as passed;
//   - group never waited: such a group whose Wait is never reached after
//     a start on any path that returns. The diagnostic sits at the first
//     start.
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
// # Suggested fix
//
// For a collector whose goroutines each make at most one blocking send,
// the fix buffers the channel for every send, which removes every block:
// make(chan T) becomes make(chan T, len(xs)) when the only go statement
// sits directly in a loop ranging over a slice, array or map variable xs
// that is visible at the make and never reassigned, and make(chan T, n)
// for n go statements outside loops. Returns that skip Wait get no fix:
// the message says what to do (defer the Wait, or Wait before returning).
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
//   - paths that panic, exit the process (os.Exit, log.Fatal,
//     runtime.Goexit) or fail or skip a test (t.Error, t.Fatal, t.Skip and
//     their variants): the failure is already visible.
//
// # Known limitations
//
//   - Loop trip counts are unknown. A receive loop that ends through its
//     condition (for range xs, for i < n) is assumed to receive from every
//     sender; a loop without condition (for {}, or a range loop over a
//     channel nobody closes) left in an iteration that received is assumed
//     to have received everything it waits for, so a return on the first
//     error inside such a loop goes unreported. A for {} whose body starts
//     with a test, before it receives, is taken as a loop with that test
//     as its condition.
//   - With a spawn loop, or a goroutine that sends in a loop, a constant
//     capacity above one is taken as sized for the number of sends, and
//     not checked.
//   - Senders declared in another package, calls of function values and
//     interface methods, and goroutines that pass the channel on are not
//     followed: the channel is then out of scope.
//   - A channel remade in each iteration of a loop is checked per
//     iteration; senders stranded by a continue are not reported.
//   - A go statement whose goroutine is given a WaitGroup is taken to call
//     Done; the worker's body is not checked.
package stranded
