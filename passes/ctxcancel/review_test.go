package ctxcancel_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/ctxcancel"
)

// TestReview runs over correct idioms that resemble the reported shapes.
func TestReview(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxcancel.Analyzer, "review")
}

// TestReviewBlocking does the same with -blocking.
func TestReviewBlocking(t *testing.T) {
	setBlocking(t)
	analysistest.Run(t, analysistest.TestData(), ctxcancel.Analyzer, "reviewblocking")
}
