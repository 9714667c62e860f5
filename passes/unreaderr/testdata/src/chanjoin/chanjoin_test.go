package chanjoin

import "testing"

// A test with no error result runs its goroutines for their effects.
func TestCollect(t *testing.T) {
	results := make(chan string)
	go collect("a", results)
	if got := <-results; got != "a" {
		t.Fatal(got)
	}
}
