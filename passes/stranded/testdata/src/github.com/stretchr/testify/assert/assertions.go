// Package assert is a stub of github.com/stretchr/testify/assert with the
// real signatures of the functions the tests use.
package assert

type TestingT interface {
	Errorf(format string, args ...interface{})
}

type Assertions struct{ t TestingT }

func New(t TestingT) *Assertions { return &Assertions{t: t} }

func Fail(t TestingT, failureMessage string, msgAndArgs ...interface{}) bool { return false }

func Failf(t TestingT, failureMessage string, msg string, args ...interface{}) bool { return false }

func FailNow(t TestingT, failureMessage string, msgAndArgs ...interface{}) bool { return false }

func FailNowf(t TestingT, failureMessage string, msg string, args ...interface{}) bool { return false }

func NoError(t TestingT, err error, msgAndArgs ...interface{}) bool { return err == nil }

func (a *Assertions) Fail(failureMessage string, msgAndArgs ...interface{}) bool { return false }

func (a *Assertions) FailNow(failureMessage string, msgAndArgs ...interface{}) bool { return false }

func (a *Assertions) NoError(err error, msgAndArgs ...interface{}) bool { return err == nil }
