package main

import "sync"

func handle(int) {}

func worker(jobs <-chan int) {
	for j := range jobs {
		handle(j)
	}
}

// Silent: main's workers end with the process.
func main() {
	jobs := make(chan int)
	go worker(jobs)
	jobs <- 1
	run()
}

// Silent: started from init, for the program's life.
func init() {
	jobs := make(chan int)
	go worker(jobs)
	jobs <- 1
}

var once sync.Once

// Silent: started once per program by sync.Once.
func run() {
	once.Do(func() {
		jobs := make(chan int)
		go worker(jobs)
		jobs <- 1
	})
}

// Reported: any other function of package main.
func other() {
	jobs := make(chan int)
	go worker(jobs)
	jobs <- 1
} // want `ranging over jobs`
