package fresh

import "sync"

type T struct {
	wg sync.WaitGroup
	n  int
}

func literal() *T { return &T{} } // want `fresh`

func value() T { return T{n: 1} } // want `fresh`

func newBuiltin() *T { return new(T) } // want `fresh`

func local(n int) (*T, error) { // want `fresh`
	if n < 0 {
		return nil, nil
	}
	t := &T{}
	t.n = n
	t.wg.Add(n)
	return t, nil
}

func zero() T { // want `fresh`
	var t T
	t.n = 2
	return t
}

func chained() *T { return literal() } // want `fresh`

var global = &T{}

func shared() *T { return global }

func param(t *T) *T { return t }

func field(h struct{ t *T }) *T { return h.t }

var all []*T

func kept() *T {
	t := &T{}
	all = append(all, t)
	return t
}

func captured() *T {
	t := &T{}
	go func() { t.wg.Wait() }()
	return t
}

func reassigned() *T {
	t := &T{}
	t = global
	return t
}

func named() (t *T) {
	t = &T{}
	return
}

func (t *T) method() *T { return t }

func viaMethod() *T {
	t := &T{}
	return t.method()
}

func loop() *T { return loop() }

func nilPointer() *T {
	var t *T
	return t
}
