// Command fanoutlint reports risky goroutine fan-out: errgroup errors that
// are discarded, goroutine errors nobody reads, goroutines that
// cancellation cannot reach, and early returns that strand goroutines.
//
// Usage:
//
//	fanoutlint [flags] ./...
//	fanoutlint -sarif=fanoutlint.sarif ./...
//	fanoutlint -baseline=fanoutlint.sarif ./...
//	fanoutlint -new-from-rev=main ./...
//	go tool fanoutlint ./...   (after go get -tool github.com/fanoutlint/fanoutlint/cmd/fanoutlint)
//	go vet -vettool=$(command -v fanoutlint) [-fix [-diff]] ./...
//	go fix -fixtool=$(command -v fanoutlint) [-diff] ./...
//	fanoutlint help [check]
//
// Run "fanoutlint help" for the flags and exit codes.
package main

import (
	"github.com/fanoutlint/fanoutlint/analyzer"
	"github.com/fanoutlint/fanoutlint/analyzer/driver"
)

func main() { driver.Main(analyzer.Analyzers()) }
