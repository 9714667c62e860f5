// Package summary holds per-package summaries of what functions do,
// computed once per package on first use, for the fanoutlint checks to
// consult at call sites: facts about a callee of the same package that
// a check could not see from the caller's body alone.
//
// A summary says only what every path of the function proves; a function
// it cannot read (no body, another package, a function value, an
// interface method) is summarised as doing nothing, so a check that
// stays silent on the strength of a summary does so only where the code
// shows it.
//
// The SSA form is built only for fan-out candidates (see
// passes/internal/fanout), so summaries of arbitrary functions are read
// from syntax and types.
package summary
