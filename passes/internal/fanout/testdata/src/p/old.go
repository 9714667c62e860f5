//go:build go1.21

package p

func spawnsOld(n int) { // want `candidate spawnsOld built`
	for i := 0; i < n; i++ {
		go func() { // want `closure captures a shared i`
			use(i)
		}()
	}
}
