package precision

import (
	"errors"
	"path"
	"path/filepath"
	"sync"
)

// --- must stay silent ---

// The pattern is the same on every iteration, and Match's error depends
// on the pattern only: the first iteration returns before any goroutine
// starts, or no iteration returns.
func matchAll(pattern string, names []string) error {
	var wg sync.WaitGroup
	for _, name := range names {
		ok, err := path.Match(pattern, name)
		if err != nil {
			return err
		}
		if ok {
			wg.Add(1)
			go func() { defer wg.Done(); _ = work() }()
		}
	}
	wg.Wait()
	return nil
}

// The same with filepath.Match and results kept.
func matchFiles(pattern string, names []string) ([]error, error) {
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	for i, name := range names {
		if _, err := filepath.Match(pattern, name); err != nil {
			return nil, err
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = work() }()
	}
	wg.Wait()
	return errs, nil
}

// A test on a parameter the loop does not change.
func invariantLimit(limit int, names []string) ([]error, error) {
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	for i := range names {
		if limit < 0 {
			return nil, errors.New("negative limit")
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = work() }()
	}
	wg.Wait()
	return errs, nil
}

// --- must report ---

// The test depends on the element: a later iteration can return after
// earlier ones started goroutines.
func variantTest(names []string) ([]error, error) {
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	for i, name := range names {
		if name == "" {
			return nil, errors.New("empty name") // want `return skips sync.WaitGroup.Wait on wg`
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = work() }()
	}
	wg.Wait()
	return errs, nil
}

// Match's error depends on the pattern, which here changes per element.
func matchEach(patterns []string, name string) ([]error, error) {
	var wg sync.WaitGroup
	errs := make([]error, len(patterns))
	for i, p := range patterns {
		if _, err := path.Match(p, name); err != nil {
			return nil, err // want `return skips sync.WaitGroup.Wait on wg`
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = work() }()
	}
	wg.Wait()
	return errs, nil
}

// --- must stay silent ---

// A pure computation in the loop of values it does not change.
func invariantLen(names []string, limit int) ([]error, error) {
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	for i := range names {
		if len(names) > limit+1 {
			return nil, errors.New("too many names")
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = work() }()
	}
	wg.Wait()
	return errs, nil
}

type config struct{ stopped bool }

// --- must report ---

// A field loaded in each iteration can change under the loop (a
// goroutine may set it).
func loadedEachTime(cfg *config, names []string) ([]error, error) {
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	for i := range names {
		if cfg.stopped {
			return nil, errors.New("stopped") // want `return skips sync.WaitGroup.Wait on wg`
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = work() }()
	}
	wg.Wait()
	return errs, nil
}
