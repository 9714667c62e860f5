// Package testhelpers holds tests that fail through helpers: testify's
// unconditional failures and the package's own helpers that stop or
// fail the test on every path.
package testhelpers

func work() int { return 1 }
