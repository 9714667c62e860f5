// Package chanmodel is the fanoutlint checks' one model of channels: what
// each function of a package does with a channel it holds, composed over
// the package's functions, for the checks to ask instead of each keeping
// its own copy.
//
// # Channel identities
//
// A channel is identified, in the function that holds it, by its root
// (Root): the make, a parameter, a free variable, the result of a call,
// or the local variable (cell) a value was loaded from. Across functions
// a channel is followed through the places the model understands:
// arguments of static calls of same-package functions, captured
// variables of closures that are called, deferred or started as
// goroutines, and the results of same-package functions that make a
// channel (futures, see Future). Any other use (stored in a field, an
// element or a global, put in an interface, passed to a function of
// another package, a function value or an interface method, merged in a
// phi) is an escape: the model stops there and says so.
//
// # Summaries
//
// Sends summarises one function's sends on one channel it is given,
// including the sends of the same-package functions it passes the
// channel to and of the closures it calls or defers: the blocking sends,
// their largest number on one path, whether it closes the channel, and
// whether every use was understood. Future summarises a function that
// returns a fresh channel fed by goroutines it starts. Summaries are
// memoised per Model, one per package, and recursion is cut: a function
// reached again while its own summary is being computed is an escape.
//
// On the receiving side, Holds summarises every use a function makes of
// a channel it is given (sends, receives, closes, possibly in callees),
// ClosesOnEveryPath and SignalsOnEveryPath say whether a function closes
// (or sends on or closes) the channel on every path that returns, and
// Closers and Signalers name the instructions that do. Fields indexes
// the package's uses of struct fields that hold channels, and
// FieldSends summarises a function's sends on one such field of a struct
// it is given. Confined says whether a local channel's every use is in
// view. Starts says whether a function starts its function parameter as
// a goroutine once on every path (a go-helper: goSafe(func() { ... })),
// so that a closure handed to it counts as started; a closure handed to
// a same-package function that calls it in the caller's goroutine (a
// retry wrapper) is not followed, because how many times it runs is not
// known: the channel it captures is then an escape.
//
// Seen from the function that holds a channel (its make, or the local
// variable it is kept in), Uses lists every use of it in view, into the
// goroutines started with it as well: sends with the value sent,
// receives with whether the value is thrown away, select cases, len and
// cap, closes and comparisons, each with the goroutine it runs in
// (Context: the holder's own, a go statement's or sync.WaitGroup.Go's,
// an errgroup's, or a closure's handed to other code), the sizes of the
// channel's makes, and the instructions through which it escapes.
// unreaderr's error-channel rules read it.
//
// Only functions the fanout front end builds have SSA bodies (see
// passes/internal/fanout, which also builds the same-package functions
// that candidates hand a channel to, the callers of futures and the
// callers of go-helpers); a function without a body is an escape.
//
// # Facts
//
// Summaries depend only on the summarised function and its same-package
// callees, and are made of counts, flags and positions, so each can be
// an analysis fact for callers in other packages. What a fact type costs
// was measured with bench/facts, which runs a do-nothing analyzer with
// one fact type (bench/noopfact) against the same without (bench/noop)
// over grpc, three alternating pairs, medians:
//
//   - standalone driver (the fanoutlint command): 2.53× the CPU and
//     3.13× the peak memory of the floor, before any check runs, because
//     a fact type makes the driver load, type-check and analyse every
//     dependency from source. Far over the suite's 1.5× budget;
//   - go vet -vettool: 1.05× the CPU and 1.06× the memory. go vet runs
//     the tool on every dependency anyway (to collect facts), so the
//     fact type itself adds little; the summaries' own SSA for the
//     dependencies comes on top (bench/vetfacts measures the suite with
//     and without them).
//
// golangci-lint was not measured (its plugin build takes minutes); it
// analyses dependencies for analyzers with facts, like the standalone
// driver. Facts are therefore an opt-in, meant for go vet: futures
// (FutureFact, exported by the fanout front end when fanout.SetFacts is
// on, which the stranded check's -facts flag does) cross packages, and
// Import hands the facts a package reads to its Model, whose Future then
// answers for the other package's function. The other summaries (Sends,
// Holds, FieldSends) stay inside the package: senders, closers and loops
// of other packages are escapes.
package chanmodel
