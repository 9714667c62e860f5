package done

import "sync"

type server struct {
	wg    sync.WaitGroup
	other sync.WaitGroup
	conns chan int
}

func (s *server) serve(x int) {
	s.wg.Add(1)
	go func() {
		if x < 0 {
			return // want `return without sync.WaitGroup.Done on s.wg`
		}
		use(x)
		s.wg.Done()
	}()
}

func (s *server) accept(x int) {
	s.wg.Add(1)
	go s.handle(x)
}

func (s *server) handle(x int) {
	if _, err := fetch(x); err != nil {
		return // want `return without sync.WaitGroup.Done on s.wg`
	}
	s.wg.Done()
}

func (s *server) Close() { s.wg.Wait(); s.other.Wait() }

func (s *server) cleanup() { s.wg.Done() }

// Silent: the early return calls a method that calls Done.
func (s *server) viaMethod(x int) {
	s.wg.Add(1)
	go func() {
		if x < 0 {
			s.cleanup()
			return
		}
		s.wg.Done()
	}()
}

// Silent: Done deferred.
func (s *server) deferred(x int) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if x < 0 {
			return
		}
		use(x)
	}()
}

// Silent: Done per item.
func (s *server) perItem() {
	s.wg.Add(1)
	go func() {
		for c := range s.conns {
			use(c)
			s.wg.Done()
		}
	}()
}

// Silent: no Add on that field here.
func (s *server) noAdd(x int) {
	go func() {
		if x < 0 {
			return
		}
		s.other.Done()
	}()
}

// Silent: Done on every path.
func (s *server) everyPath(x int) {
	s.wg.Add(1)
	go func() {
		if x < 0 {
			s.wg.Done()
			return
		}
		use(x)
		s.wg.Done()
	}()
}

type noWait struct{ wg sync.WaitGroup }

// Silent: nothing waits on noWait.wg.
func (n *noWait) start(x int) {
	n.wg.Add(1)
	go func() {
		if x < 0 {
			return
		}
		n.wg.Done()
	}()
}

func (s *server) shutdown() { s.cleanup() }

// Silent: the early return reaches Done through two calls.
func (s *server) viaTwoCalls(x int) {
	s.wg.Add(1)
	go func() {
		if x < 0 {
			s.shutdown()
			return
		}
		s.wg.Done()
	}()
}
