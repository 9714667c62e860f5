// Package require is a stub of github.com/stretchr/testify/require with
// the real signatures of the functions the tests use.
package require

type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

func FailNow(t TestingT, failureMessage string, msgAndArgs ...interface{}) { t.FailNow() }

func Fail(t TestingT, failureMessage string, msgAndArgs ...interface{}) { t.FailNow() }

func NoError(t TestingT, err error, msgAndArgs ...interface{}) {
	if err != nil {
		t.FailNow()
	}
}
