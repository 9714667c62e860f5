package wrapper

import "sync"

func compute() int { return 1 }

// Silent: the goroutine's last act is the send the caller receives: the
// receive joins it as Wait would.
func resultChan() int {
	p := &Pool{}
	res := make(chan int, 1)
	p.Go(func() error {
		res <- compute()
		return nil
	})
	return <-res
}

// Silent: the goroutines close the channel the caller ranges over.
func closedChan() int {
	p := &Pool{}
	ch := make(chan int)
	p.Go(func() error {
		defer close(ch)
		ch <- compute()
		return nil
	})
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

// Silent: the result is received in a select.
func selectChan(stop <-chan struct{}) int {
	w := &Workers{}
	res := make(chan int, 1)
	w.Start(func() { res <- compute() })
	select {
	case v := <-res:
		return v
	case <-stop:
		return 0
	}
}

// Fetcher hands each result back on the channel it is given.
type Fetcher struct{ wg sync.WaitGroup }

func (f *Fetcher) Fetch(key int, out chan<- int) {
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		out <- key
	}()
}

func (f *Fetcher) Close() { f.wg.Wait() }

// Silent: every Fetch sends on out, and the caller receives one result
// per key.
func fetchAll(keys []int) int {
	f := &Fetcher{}
	out := make(chan int, len(keys))
	for _, k := range keys {
		f.Fetch(k, out)
	}
	n := 0
	for range keys {
		n += <-out
	}
	return n
}

// Job sends its result on a field that Result receives from.
type Job struct {
	wg   sync.WaitGroup
	res  chan int
	name string
}

func (j *Job) Start() {
	j.wg.Add(1)
	go func() {
		defer j.wg.Done()
		j.res <- compute()
	}()
}

func (j *Job) Result() int { return <-j.res }

func (j *Job) Wait() { j.wg.Wait() }

func (j *Job) Name() string { return j.name }

// Silent: Result receives what the goroutine sends last.
func jobResult() int {
	j := &Job{res: make(chan int, 1)}
	j.Start()
	return j.Result()
}

// A path returns before the result is received: the goroutine is still
// running there.
func resultEarly(ok bool) (int, error) {
	p := &Pool{}
	res := make(chan int, 1)
	p.Go(func() error {
		res <- compute()
		return nil
	})
	if !ok {
		return 0, errBad // want `return skips p.Wait`
	}
	return <-res, nil
}

// One of the two goroutines sends nothing: the receive joins only the
// other.
func oneSilentStart() int {
	p := &Pool{}
	res := make(chan int, 1)
	p.Go(func() error { // want `goroutines started through p.Go are never waited for`
		res <- compute()
		return nil
	})
	p.Go(task)
	return <-res
}

// Name receives nothing: the job's goroutine is never joined.
func jobName() string {
	j := &Job{res: make(chan int, 1)}
	j.Start() // want `goroutines started through j.Start are never waited for`
	return j.Name()
}
