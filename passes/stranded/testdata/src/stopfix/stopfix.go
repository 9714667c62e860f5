package stopfix

type loop struct {
	events chan int
	stop   chan struct{}
}

func start() *loop {
	l := &loop{events: make(chan int), stop: make(chan struct{})}
	go l.run()
	return l
}

func (l *loop) run() {
	for {
		select {
		case <-l.events:
		case <-l.stop:
			return
		}
	}
}

func (l *loop) Put(v int) {
	l.events <- v * 2 // want `send on l.events blocks forever`
}

func (l *loop) Stop() { close(l.stop) }
