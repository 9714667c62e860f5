package ticker

import (
	"context"
	"time"
)

func tick() {}
func work() {}

// Reported: Stop does not close t.C.
func poll(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop() // want `time.Ticker.Stop does not close t.C: the goroutine receiving from it in a loop with no other way out is left blocked forever`
	go func() {
		for range t.C {
			tick()
		}
	}()
	<-ctx.Done()
}

// Reported: a bare receive in an endless loop.
func bare() {
	t := time.NewTicker(time.Second)
	go func() {
		for {
			<-t.C
			tick()
		}
	}()
	work()
	t.Stop() // want `does not close t.C`
}

type svc struct{ n int }

func (s *svc) loop(t *time.Ticker) {
	for range t.C {
		s.n++
	}
}

// Reported: a method ranges over the ticker.
func (s *svc) start() {
	tk := time.NewTicker(time.Second)
	defer tk.Stop() // want `does not close tk.C`
	go s.loop(tk)
	work()
}

// Silent: the goroutine also selects on a done channel.
func withDone() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-t.C:
				tick()
			case <-done:
				return
			}
		}
	}()
	work()
}

// Silent: never stopped, the goroutine ticks for the process's life.
func forever() {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
			tick()
		}
	}()
}

// Silent: the loop ends on a condition.
func bounded(n int) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	go func() {
		i := 0
		for range t.C {
			i++
			if i == n {
				return
			}
		}
	}()
	work()
}

// Silent: a Timer, not a Ticker.
func timer() {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	go func() {
		for range t.C {
			tick()
		}
	}()
	work()
}

type holder struct{ t *time.Ticker }

// Silent: the ticker is stored where the function cannot follow it.
func stored(h *holder) {
	t := time.NewTicker(time.Second)
	h.t = t
	defer t.Stop()
	go func() {
		for range t.C {
			tick()
		}
	}()
}

// Silent: one tick only.
func once() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	go func() {
		<-t.C
		tick()
	}()
	work()
}

// Silent: the goroutine stops on a context.
func withCtx(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				tick()
			}
		}
	}()
	work()
}

// Silent: the function never returns, the deferred Stop never runs.
func serve(in <-chan int) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	go func() {
		for range t.C {
			tick()
		}
	}()
	for v := range in {
		_ = v
	}
	select {}
}
