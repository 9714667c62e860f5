// Package review16 holds idioms in the shapes of the loop-carried,
// go-helper and future rules: most are correct code on which the check
// must stay silent, a few leave a goroutine blocked.
package review16

import (
	"context"
	"time"
)

func work() error          { return nil }
func load() (int, error)   { return 0, nil }
func fetch(u string) error { return nil }

// Silent: the result in flight is drained by a deferred function (the
// variable is captured, which puts it out of scope).
func drainDeferred(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	defer func() {
		if pending != nil {
			<-pending
		}
	}()
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Silent: the loop breaks out and the result in flight is drained after
// it.
func drainAfterLoop(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
loop:
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				break loop
			}
		case <-ctx.Done():
			break loop
		}
	}
	if pending != nil {
		<-pending
	}
	return ctx.Err()
}

// Silent: pending is reset in several places, and the returning case
// waits for the result first.
func resetMany(ctx context.Context, tick, flush <-chan time.Time) (n int) {
	var pending chan int
	for {
		select {
		case <-tick:
			if pending != nil {
				break
			}
			c := make(chan int)
			go func() {
				v, _ := load()
				c <- v
			}()
			pending = c
		case v := <-pending:
			n += v
			pending = nil
		case <-flush:
			if pending != nil {
				n += <-pending
				pending = nil
			}
		case <-ctx.Done():
			if pending != nil {
				n += <-pending
			}
			return n
		}
	}
}

// Silent: a time.Ticker drives the refresh, and the goroutine selects on
// a done channel closed when the loop returns.
func tickerRefresh(ctx context.Context, every time.Duration, apply func(int)) {
	t := time.NewTicker(every)
	defer t.Stop()
	done := make(chan struct{})
	defer close(done)
	var pending chan int
	for {
		select {
		case <-t.C:
			if pending == nil {
				c := make(chan int)
				go func() {
					v, _ := load()
					select {
					case c <- v:
					case <-done:
					}
				}()
				pending = c
			}
		case v := <-pending:
			apply(v)
			pending = nil
		case <-ctx.Done():
			return
		}
	}
}

// Silent: the goroutine gives up when the context ends, the case the
// loop returns on.
func ctxAware(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() {
					select {
					case ch <- work():
					case <-ctx.Done():
					}
				}()
				pending = ch
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Silent: the returning case waits for the result in flight, with a
// nil test in a switch.
func switchNil(stop <-chan struct{}, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			switch {
			case pending == nil:
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				return err
			}
		case <-stop:
			switch {
			case pending != nil:
				return <-pending
			default:
				return nil
			}
		}
	}
}

// Silent: two results carried at once, each drained before returning.
func twoPending(ctx context.Context, ta, tb <-chan time.Time) error {
	var pa, pb chan error
	for {
		select {
		case <-ta:
			if pa == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pa = ch
			}
		case <-tb:
			if pb == nil {
				ch := make(chan error)
				go func() { ch <- fetch("b") }()
				pb = ch
			}
		case <-pa:
			pa = nil
		case <-pb:
			pb = nil
		case <-ctx.Done():
			if pa != nil {
				<-pa
			}
			if pb != nil {
				<-pb
			}
			return ctx.Err()
		}
	}
}

// Silent: the in-flight state is kept in a flag set with the channel;
// the returning case receives when the flag says a result is in flight.
func busyFlag(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	busy := false
	for {
		select {
		case <-tick:
			if !busy {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
				busy = true
			}
		case <-pending:
			pending, busy = nil, false
		case <-ctx.Done():
			if busy {
				<-pending
			}
			return ctx.Err()
		}
	}
}

// Silent: the loop drains the result in flight until it has arrived
// before returning.
func drainLoop(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case <-pending:
			pending = nil
		case <-ctx.Done():
			for pending != nil {
				select {
				case <-pending:
					pending = nil
				case <-tick:
				}
			}
			return ctx.Err()
		}
	}
}

// Must report: the ticker case overwrites nothing, but stopping leaves
// the result in flight unreceived.
func tickerLeak(stop <-chan struct{}, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	var pending chan int
	for {
		select {
		case <-t.C:
			if pending == nil {
				c := make(chan int)
				go func() {
					v, _ := load()
					c <- v
				}()
				pending = c
			}
		case <-pending:
			pending = nil
		case <-stop:
			return // want `return leaves goroutines blocked forever sending on unbuffered channel`
		}
	}
}

// Must report: breaking out of the loop and returning without draining.
func breakLeak(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
loop:
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case <-pending:
			pending = nil
		case <-ctx.Done():
			break loop
		}
	}
	return ctx.Err() // want `return leaves goroutines blocked forever sending on unbuffered channel`
}

// Silent: the loop returns at once only when the flag says nothing is
// in flight, and otherwise once the result is in.
func busyReturn(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	busy, stopping := false, false
	for {
		select {
		case <-tick:
			if !busy && !stopping {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending, busy = ch, true
			}
		case err := <-pending:
			pending, busy = nil, false
			if stopping {
				return err
			}
		case <-ctx.Done():
			if !busy {
				return ctx.Err()
			}
			stopping = true
		}
	}
}

type poller struct{ inflight int }

// Silent: the in-flight state is a field.
func (p *poller) run(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if p.inflight == 0 {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
				p.inflight++
			}
		case <-pending:
			pending = nil
			p.inflight--
		case <-ctx.Done():
			if p.inflight > 0 {
				<-pending
			}
			return ctx.Err()
		}
	}
}

// Must report: a range loop over a ticker, polling the result without
// blocking, returns on stop with the result in flight.
func rangeTicker(stop <-chan struct{}, tick <-chan time.Time) error {
	var pending chan error
	for range tick {
		if pending == nil {
			ch := make(chan error)
			go func() { ch <- work() }()
			pending = ch
		}
		select {
		case <-pending:
			pending = nil
		case <-stop:
			return nil // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		default:
		}
	}
	return nil
}

// Silent: the goroutine closes the channel after its send; the loop
// forgets the channel once closed and drains it before returning.
func untilClosed(ctx context.Context, tick <-chan time.Time) (n int) {
	var pending chan int
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan int)
				go func() {
					defer close(ch)
					v, _ := load()
					ch <- v
				}()
				pending = ch
			}
		case v, ok := <-pending:
			if !ok {
				pending = nil
				break
			}
			n += v
		case <-ctx.Done():
			if pending != nil {
				for v := range pending {
					n += v
				}
			}
			return n
		}
	}
}

// Silent: two goroutines per round, counted by a variable the loop
// carries (out of scope), both received.
func twoPerRound(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	left := 0
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				go func() { ch <- fetch("b") }()
				pending, left = ch, 2
			}
		case <-pending:
			left--
			if left == 0 {
				pending = nil
			}
		case <-ctx.Done():
			for ; left > 0; left-- {
				<-pending
			}
			return ctx.Err()
		}
	}
}

// Silent: the stop case is disabled (its channel set to nil) while a
// result is in flight, so the loop returns only with nothing pending.
func disabledStop(stop <-chan struct{}, tick <-chan time.Time) error {
	var pending chan error
	stopC := stop
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending, stopC = ch, nil
			}
		case <-pending:
			pending, stopC = nil, stop
		case <-stopC:
			return nil
		}
	}
}

// Silent: the same with the tick case disabled while in flight.
func disabledTick(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	tickC := tick
	for {
		select {
		case <-tickC:
			ch := make(chan error)
			go func() { ch <- work() }()
			pending, tickC = ch, nil
		case <-pending:
			pending, tickC = nil, tick
		case <-ctx.Done():
			if tickC == nil {
				<-pending
			}
			return ctx.Err()
		}
	}
}

type gate struct {
	stop, stopC <-chan struct{}
}

// Silent: the stop case is disabled through a field while a result is
// in flight.
func (g *gate) run(tick <-chan time.Time) error {
	var pending chan error
	g.stopC = g.stop
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending, g.stopC = ch, nil
			}
		case <-pending:
			pending, g.stopC = nil, g.stop
		case <-g.stopC:
			return nil
		}
	}
}

func (g *gate) pause()  { g.stopC = nil }
func (g *gate) resume() { g.stopC = g.stop }

// Silent: the stop case is switched off by a method while a result is
// in flight.
func (g *gate) runMethods(tick <-chan time.Time) error {
	var pending chan error
	g.resume()
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
				g.pause()
			}
		case <-pending:
			pending = nil
			g.resume()
		case <-g.stopC:
			return nil
		}
	}
}

// Must report: a carried channel whose goroutine a go-helper starts.
func carriedHelper(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				goRecover(func() { ch <- work() })
				pending = ch
			}
		case <-pending:
			pending = nil
		case <-ctx.Done():
			return ctx.Err() // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
	}
}

// Silent: the same, drained before returning.
func carriedHelperDrained(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				goRecover(func() { ch <- work() })
				pending = ch
			}
		case <-pending:
			pending = nil
		case <-ctx.Done():
			if pending != nil {
				<-pending
			}
			return ctx.Err()
		}
	}
}

// Silent: the result is received with a timeout, and the goroutine
// gives up through the done channel closed on return.
func carriedTimeout(ctx context.Context, tick <-chan time.Time, d time.Duration) error {
	done := make(chan struct{})
	defer close(done)
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() {
					err := work()
					select {
					case ch <- err:
					case <-done:
					}
				}()
				pending = ch
			}
		case <-pending:
			pending = nil
		case <-ctx.Done():
			if pending != nil {
				select {
				case <-pending:
				case <-time.After(d):
				}
			}
			return ctx.Err()
		}
	}
}

// Silent: closures of the function switch the stop case off and on.
func disabledByClosure(stop <-chan struct{}, tick <-chan time.Time) error {
	var pending chan error
	stopC := stop
	pause := func() { stopC = nil }
	resume := func() { stopC = stop }
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
				pause()
			}
		case <-pending:
			pending = nil
			resume()
		case <-stopC:
			return nil
		}
	}
}

// Must report: the stop channel, captured by the goroutine, is a
// variable assigned once; stopping leaves the result in flight.
func capturedStop(stop <-chan struct{}, tick <-chan time.Time) {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() {
					select {
					case <-stop:
						return
					default:
					}
					ch <- work()
				}()
				pending = ch
			}
		case <-pending:
			pending = nil
		case <-stop:
			return // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
	}
}
