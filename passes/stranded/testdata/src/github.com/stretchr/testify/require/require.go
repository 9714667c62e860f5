// Package require is a stub of github.com/stretchr/testify/require with
// the real signatures of the functions the tests use.
package require

type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

type Assertions struct{ t TestingT }

func New(t TestingT) *Assertions { return &Assertions{t: t} }

func Fail(t TestingT, failureMessage string, msgAndArgs ...interface{}) { t.FailNow() }

func Failf(t TestingT, failureMessage string, msg string, args ...interface{}) { t.FailNow() }

func FailNow(t TestingT, failureMessage string, msgAndArgs ...interface{}) { t.FailNow() }

func FailNowf(t TestingT, failureMessage string, msg string, args ...interface{}) { t.FailNow() }

func NoError(t TestingT, err error, msgAndArgs ...interface{}) {
	if err != nil {
		t.FailNow()
	}
}

func (a *Assertions) Fail(failureMessage string, msgAndArgs ...interface{}) { a.t.FailNow() }

func (a *Assertions) FailNow(failureMessage string, msgAndArgs ...interface{}) { a.t.FailNow() }

func (a *Assertions) NoError(err error, msgAndArgs ...interface{}) {
	if err != nil {
		a.t.FailNow()
	}
}
