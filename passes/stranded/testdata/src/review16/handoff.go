package review16

// Silent: a goroutine receives the send.
func recvGoroutine() {
	ch := make(chan int)
	go func() { ch <- 1 }()
	go func() { <-ch }()
}

// Silent: the future's value is received by a goroutine.
func recvGoroutineFuture(f func() int) {
	ch := value(f)
	go func() { println(<-ch) }()
}

// Silent: a worker of the package receives.
func recvGoroutineWorker(out chan<- int) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	go relay(ch, out)
}

func relay(in <-chan int, out chan<- int) { out <- <-in }

// Silent: a range over a function iterator puts the carried variable
// in a cell the loop body's closure shares: out of scope.
func iterCarried(seq func(func(int) bool), stop <-chan struct{}) {
	var pending chan error
	for range seq {
		if pending == nil {
			ch := make(chan error)
			go func() { ch <- work() }()
			pending = ch
		}
		select {
		case <-pending:
			pending = nil
		case <-stop:
			return
		default:
		}
	}
}

// Silent: the goroutine sends a fresh channel (the value sent, not a
// channel sent on), and the result in flight is drained.
func chanOfChan(tick <-chan int, stop <-chan struct{}) {
	var pending chan chan int
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan chan int)
				go func() { ch <- make(chan int) }()
				pending = ch
			}
		case c := <-pending:
			pending = nil
			close(c)
		case <-stop:
			if pending != nil {
				<-pending
			}
			return
		}
	}
}

// Silent: a loop written with goto, drained before returning.
func gotoLoop(tick <-chan int, stop <-chan struct{}) {
	var pending chan int
again:
	select {
	case <-tick:
		if pending == nil {
			ch := make(chan int)
			go func() { ch <- 1 }()
			pending = ch
		}
	case <-pending:
		pending = nil
	case <-stop:
		if pending == nil {
			return
		}
		<-pending
		return
	}
	goto again
}

// Silent: a request carries a fresh reply channel to a server
// goroutine, which answers on it.
func ask(reqs chan chan int) int {
	reply := make(chan int)
	go func() { reqs <- reply }()
	return <-reply
}

// Silent: the reply channel is handed to the server by a send on
// another channel; the server answers it.
func askDirect(reqs chan chan int, done chan struct{}) int {
	go func() { <-done }()
	reply := make(chan int)
	reqs <- reply
	return <-reply
}

// Silent: the same through a select with one case.
func askSelect(reqs chan chan int, done chan struct{}) int {
	go func() { <-done }()
	reply := make(chan int)
	select {
	case reqs <- reply:
	}
	return <-reply
}

// serve answers requests.
func serve(reqs chan chan int) {
	for r := range reqs {
		r <- 1
	}
}

// Must report: the send on the fresh channel itself has no receiver.
func sendFirst(reqs chan chan int) int {
	go serve(reqs)
	reply := make(chan int)
	reply <- 1 // want `send on unbuffered channel reply blocks forever`
	reqs <- reply
	return <-reply
}
