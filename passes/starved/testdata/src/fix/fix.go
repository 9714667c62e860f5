package fix

func handle(int) {}

func worker(jobs <-chan int) {
	for j := range jobs {
		handle(j)
	}
}

func process(items []int) {
	jobs := make(chan int)
	for range 4 {
		go worker(jobs)
	}
	for _, it := range items {
		jobs <- it
	}
} // want `ranging over jobs`

func closure(items []int) {
	f := func() {
		var jobs = make(chan int)
		go worker(jobs)
		for _, it := range items {
			jobs <- it
		}
	} // want `ranging over jobs`
	f()
}

// No fix: a close on one path would then run twice.
func partial(items []int) {
	jobs := make(chan int)
	go worker(jobs)
	if len(items) == 0 {
		return // want `ranging over jobs`
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

// Silent, no fix: closed by a deferred close.
func deferred(items []int) {
	jobs := make(chan int)
	defer close(jobs)
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
}

// Silent, no fix: closed after the sends.
func closed(items []int) {
	jobs := make(chan int)
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

// Silent, no fix: the caller owns the channel.
func returned(items []int) chan int {
	jobs := make(chan int, len(items))
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
	return jobs
}

// Silent, no fix: a producer goroutine closes it.
func producer(items []int) {
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for _, it := range items {
			jobs <- it
		}
	}()
	go worker(jobs)
}
