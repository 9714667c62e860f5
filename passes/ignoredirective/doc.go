// Package ignoredirective implements fanoutlint's suppression comments for the
// standalone and go vet drivers (golangci-lint users have //nolint, which
// keeps working there too).
//
// Wrap turns the suite's checks into checks that honour
// //fanoutlint:ignore directives, and adds the ignoredirective check that
// reports directives that are malformed or suppress nothing.
//
// # Analyzer ignoredirective
//
// ignoredirective: report //fanoutlint:ignore directives that are malformed or suppress nothing
//
// A finding of a fanoutlint check is suppressed by a comment
//
//	//fanoutlint:ignore <check>[,<check>...] <reason>
//
// on the line where the finding starts, or on the line just above it. The
// reason is required: a suppression without one is a finding nobody can
// review later. The check reports:
//
//   - a directive without a reason, with no check name, or naming a check
//     fanoutlint does not have;
//   - "// fanoutlint:ignore" with a space: Go directives have none, and
//     gofmt treats the spaced form as prose;
//   - any other //fanoutlint: directive;
//   - a well-formed directive that suppressed no finding of a check it
//     names, so stale suppressions do not pile up once code is fixed.
//
// A malformed directive suppresses nothing.
//
// WRONG:
//
//	//fanoutlint:ignore errgroupwait
//	g.Wait()
//
// RIGHT:
//
//	//fanoutlint:ignore errgroupwait best effort: the caller logs failures itself
//	g.Wait()
//
// An unused directive is only judged for checks that ran: a directive
// naming a check that a golangci-lint configuration disabled stays
// silent. Set -ignoredirective.unused=false to stop reporting unused
// directives.
//
// # Known limitations
//
// Only // line comments are directives; a directive in a /* */ comment is
// ordinary text. A directive covers one finding position per line: it
// cannot cover a whole function or file.
package ignoredirective
