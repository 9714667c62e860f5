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

// quiet selects on stop when it sends: silent.
type quiet struct {
	events chan int
	stop   chan struct{}
}

func startQuiet() *quiet {
	q := &quiet{events: make(chan int), stop: make(chan struct{})}
	go q.run()
	return q
}

func (q *quiet) run() {
	for {
		select {
		case <-q.events:
		case <-q.stop:
			return
		}
	}
}

func (q *quiet) Put(v int) {
	select {
	case q.events <- v:
	case <-q.stop:
	}
}

func (q *quiet) Stop() { close(q.stop) }

// buffered's field is buffered: silent.
type bufferedLoop struct {
	events chan int
	stop   chan struct{}
}

func startBuffered() *bufferedLoop {
	b := &bufferedLoop{events: make(chan int, 8), stop: make(chan struct{})}
	go b.run()
	return b
}

func (b *bufferedLoop) run() {
	for {
		select {
		case <-b.events:
		case <-b.stop:
			return
		}
	}
}

func (b *bufferedLoop) Put(v int) { b.events <- v }
func (b *bufferedLoop) Stop()     { close(b.stop) }
