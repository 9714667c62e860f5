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
