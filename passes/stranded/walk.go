package stranded

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// all, as the count of sends a signal settles, means every pending send.
const all = -2

// A strandingExit is a return of the collector's function reached, on
// some path, while more sends can be pending than the channel buffers.
type strandingExit struct {
	ret     *ssa.Return
	pending int // sends that can still be pending, or many
}

// strandingExits walks the collector's function from its entry and
// returns the returns reached with more possible pending sends than the
// channel's capacity.
//
// The walk counts, along each path, the sends that goroutines started so
// far can still make, minus the receives made: a go instruction adds its
// goroutine's largest number of blocking sends, a receive (plain, range or
// select case) takes one away. A spawn loop with a constant trip count
// (see constTrips) adds at most that many times its goroutines' sends;
// any other spawn loop may add any number, and the count saturates at
// many. A goroutine that sends on another channel first (see
// spawn.after) adds its sends only when the walk receives from that
// channel. A loop
// that receives is assumed to drain every pending send when it ends
// normally: through its condition (for range xs, for i < n), when a
// receive reports the channel closed (for range ch, v, ok := <-ch), or,
// for a loop without condition (for {}), when it is left in an iteration
// that received. Any other way out of such a loop (return or break on the
// first error, a timeout case of a select) keeps the count.
func strandingExits(col *collector, endsPath func(ssa.Instruction) bool) []strandingExit {
	fn := col.fn
	loops := loopsOf(fn)
	receives := len(col.recvs) + len(col.recvCases)
	limit := int(col.cap) + 2 + receives
	sat := limit + 1

	spawnAt := make(map[ssa.Instruction]int)
	gates := make(map[ssa.Value]bool) // channels whose sends each add a pending send
	// Spawns whose sends wait for a receive from another channel (see
	// spawn.after), started once: a bit each, set while started and not
	// yet received from.
	armBit := make(map[ssa.Instruction]uint8)
	var armAfter []ssa.Value
	var armSends []int
	for _, s := range col.spawns {
		if s.after != nil && len(armAfter) < 8 && !inLoop(loops, s.instr.Block(), col.origin.Block()) {
			armBit[s.instr] = 1 << len(armAfter)
			armAfter = append(armAfter, s.after)
			armSends = append(armSends, s.assumed())
			continue
		}
		if receives == 0 && !certain(s, col.future) {
			// The function never receives from the channel: only sends
			// the goroutine makes on every path are known to block; one
			// under a condition (a success, a failure) may never be made.
			continue
		}
		spawnAt[s.instr] = s.assumed()
		if s.gate != nil {
			gates[s.gate] = true
		}
	}
	isAfter := make(map[ssa.Value]bool)
	for _, a := range armAfter {
		isAfter[a] = true
	}
	afterEdge := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]ssa.Value)
	if len(isAfter) > 0 {
		for _, b := range fn.Blocks {
			iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
			if !ok {
				continue
			}
			if cond, ok := iff.Cond.(*ssa.BinOp); ok {
				if sel, k, ok := selectCaseTest(cond); ok && k >= 0 && k < len(sel.States) {
					if st := sel.States[k]; st.Dir == types.RecvOnly && isAfter[chanRoot(st.Chan)] {
						afterEdge[b] = map[*ssa.BasicBlock]ssa.Value{b.Succs[0]: chanRoot(st.Chan)}
					}
				}
			}
		}
	}

	// Edges that receive from the channel: the branch into a select case.
	caseEdge := make(map[*ssa.BasicBlock]*ssa.BasicBlock)
	// Receives of a signal by which a goroutine tells it is past its
	// sends, with the number of sends it covers: at instructions, and on
	// the branch into a select case.
	signalOf := make(map[ssa.Value]int)
	for _, sp := range col.spawns {
		for _, r := range sp.signals {
			if n, ok := signalOf[r]; !ok || (sp.sum.Max != many && (n == many || sp.sum.Max < n)) {
				signalOf[r] = sp.sum.Max
			}
		}
	}
	for _, r := range col.waitSignals() {
		signalOf[r] = all // every sender has returned
	}
	if len(col.spawns) == 1 && !inLoop(loops, col.spawns[0].instr.Block(), col.origin.Block()) {
		// The only goroutine: its signal settles every pending send, even
		// when it sends in a loop.
		for r := range signalOf {
			signalOf[r] = all
		}
	}
	// The spawns each signal channel tells are past their sends, for the
	// Waits that settle the others (see joinWaits).
	waits := col.joinWaits()
	col.joinedAt = waits
	sigBits := make(map[ssa.Value]uint16)
	if waits != nil {
		for i, sp := range col.spawns {
			for _, r := range sp.signals {
				sigBits[r] |= 1 << i
			}
		}
	}
	every := uint16(1)<<len(col.spawns) - 1
	signalAt := make(map[ssa.Instruction]int)
	type selKey struct {
		sel *ssa.Select
		k   int
	}
	signalCase := make(map[selKey]int)
	signalEdge := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]int)
	pastEdge := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]uint16)
	if len(signalOf) > 0 {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.UnOp:
					if n, ok := signalOf[chanRoot(instr.X)]; ok && instr.Op == token.ARROW {
						signalAt[instr] = n
					}
				case *ssa.Select:
					for k, st := range instr.States {
						if n, ok := signalOf[chanRoot(st.Chan)]; ok && st.Dir == types.RecvOnly {
							signalCase[selKey{instr, k}] = n
						}
					}
				}
			}
		}
	}
	// Edges taken when a receive reports the channel closed.
	closedEdge := make(map[*ssa.BasicBlock]*ssa.BasicBlock)
	recvBlocks := make(map[*ssa.BasicBlock]bool)
	for r := range col.recvs {
		recvBlocks[r.Block()] = true
	}
	for sel := range col.recvCases {
		if sel.Blocking && len(sel.States) == 1 {
			recvBlocks[sel.Block()] = true
		}
	}
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		switch cond := iff.Cond.(type) {
		case *ssa.BinOp:
			if sel, k, ok := selectCaseTest(cond); ok {
				if n, ok := signalCase[selKey{sel, k}]; ok {
					if signalEdge[b] == nil {
						signalEdge[b] = make(map[*ssa.BasicBlock]int)
					}
					signalEdge[b][b.Succs[0]] = n
					if bits := sigBits[chanRoot(sel.States[k].Chan)]; bits != 0 {
						if pastEdge[b] == nil {
							pastEdge[b] = make(map[*ssa.BasicBlock]uint16)
						}
						pastEdge[b][b.Succs[0]] |= bits
					}
				}
				if want, ok := col.recvCases[sel]; ok && want == k {
					caseEdge[b] = b.Succs[0]
					recvBlocks[b.Succs[0]] = true
				}
			}
		case *ssa.Extract:
			if u, ok := cond.Tuple.(*ssa.UnOp); ok && cond.Index == 1 && col.recvs[u] {
				closedEdge[b] = b.Succs[1]
			}
		}
	}
	// Edges taken when a variable the loop carries is nil, or when a
	// future's call returned an error: no result is in flight.
	nilEdge := make(map[*ssa.BasicBlock]*ssa.BasicBlock)
	for _, b := range fn.Blocks {
		if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			if cond, ok := iff.Cond.(*ssa.BinOp); ok && col.nilTests[cond] {
				if cond.Op == token.EQL {
					nilEdge[b] = b.Succs[0]
				} else {
					nilEdge[b] = b.Succs[1]
				}
			}
			if cond, ok := iff.Cond.(*ssa.BinOp); ok && col.errTests[cond] {
				// The future's call failed: see futureErrTests.
				if cond.Op == token.NEQ {
					nilEdge[b] = b.Succs[0]
				} else {
					nilEdge[b] = b.Succs[1]
				}
			}
		}
	}
	// The ok of "case v, ok := <-ch" in a select: false in that case's
	// branch means the channel is closed.
	caseEntry := make(map[*ssa.Select]*ssa.BasicBlock)
	for from, to := range caseEdge {
		iff := from.Instrs[len(from.Instrs)-1].(*ssa.If)
		if sel, _, ok := selectCaseTest(iff.Cond.(*ssa.BinOp)); ok {
			caseEntry[sel] = to
		}
	}
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		if ext, ok := iff.Cond.(*ssa.Extract); ok && ext.Index == 1 {
			if sel, ok := ext.Tuple.(*ssa.Select); ok && caseEntry[sel] != nil && caseEntry[sel].Dominates(b) {
				closedEdge[b] = b.Succs[1]
			}
		}
	}
	for _, l := range loops {
		switch {
		case l.forever && col.receivesIn(l.header):
			// for { v := <-ch; if ... { return } }: the header is the
			// body, and leaving it is a break or a return.
			l.setNoCond(true)
		case !col.closes && l.headerExit && onlyClosedExits(l, closedEdge):
			// Nobody closes the channel: the edges taken when a receive
			// reports it closed are never taken, and a range loop over it
			// has no condition, like for {}.
			l.setNoCond(true)
		}
	}
	var recvLoops []*loop
	isRecvHeader := make(map[*ssa.BasicBlock]bool)
	for _, l := range loops {
		for b := range recvBlocks {
			if l.body[b] {
				recvLoops = append(recvLoops, l)
				isRecvHeader[l.header] = true
				break
			}
		}
	}

	add := func(d, n int) int {
		if d == sat || n == many || d+n > limit {
			return sat
		}
		return d + n
	}
	recv := func(d int) int {
		if d == sat || d == 0 {
			return d
		}
		return d - 1
	}
	signal := func(d, n int) int {
		if n == all {
			return 0
		}
		if d == sat || n == many {
			return d
		}
		return max(0, d-n)
	}

	// In a loop with a constant trip count, its spawns add at most
	// cl.sends to what was pending when the loop was entered.
	_, countedLoops := col.countedSpawns(loops)
	countedAt := make(map[*ssa.BasicBlock]int) // header → index+1 in countedLoops
	for i, cl := range countedLoops {
		countedAt[cl.l.header] = i + 1
	}

	// enable makes pending the sends of one started spawn waiting for a
	// receive from ch: the one with the most sends.
	enable := func(d int, armed uint8, ch ssa.Value) (int, uint8) {
		best := -1
		for i, a := range armAfter {
			if armed&(1<<i) != 0 && a == ch && (best < 0 || armSends[i] == many || (armSends[best] != many && armSends[i] > armSends[best])) {
				best = i
			}
		}
		if best < 0 {
			return d, armed
		}
		return add(d, armSends[best]), armed &^ (1 << best)
	}

	// Defers of a function that receives, on every path, a signal by
	// which goroutines tell they are past their sends (defer func() {
	// cancel(); <-done }()): at a return after one, the goroutines are
	// joined before the function is left.
	deferSignal := make(map[ssa.Instruction]int)
	if len(signalOf) > 0 {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if d, ok := instr.(*ssa.Defer); ok {
					if n, ok := deferredSignal(d, signalOf); ok {
						deferSignal[d] = n
					}
				}
			}
		}
	}

	type state struct {
		b       *ssa.BasicBlock
		armed   uint8 // started spawns waiting for a receive (see armBit)
		pending int
		iter    bool   // received in the current iteration of a receiving loop
		facts   facts  // outcomes of conditions tested again
		counted int    // index+1 of the counted loop the path is in, or 0
		base    int    // what was pending on entering it
		past    uint16 // spawns whose signal the path has received (see joinWaits)
		joined  bool   // a deferred receive of a signal is registered (see deferSignal)
		settles int    // the sends it settles
	}
	cs := newConds(fn, col.fixed)
	seen := make(map[state]bool)
	exits := make(map[*ssa.Return]int)
	var order []*ssa.Return
	stack := []state{{b: fn.Blocks[0]}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		d, iter, armed, past := s.pending, s.iter, s.armed, s.past
		joined, settles := s.joined, s.settles
		fs := cs.enter(s.b, s.facts)
		stop := false
		for _, instr := range s.b.Instrs {
			if instr == col.origin {
				d, armed = 0, 0 // a new channel each time round a loop
			}
			if n, ok := deferSignal[instr]; ok && (!joined || n == all || (settles != all && n != many && n > settles)) {
				joined, settles = true, n
			}
			switch instr := instr.(type) {
			case ssa.CallInstruction:
				if bit, ok := armBit[instr]; ok {
					armed |= bit
				}
				for i, sp := range col.spawns {
					if sp.instr == instr && i < 16 {
						past &^= 1 << i // started again: not past its sends yet
					}
				}
				if joined, ok := waits[instr]; ok && joined|past == every {
					// Every spawn is joined by this Wait or known past
					// its sends: none is left blocked once it returns.
					// With more sends pending than the buffer holds, and
					// no receiver but this function, it never returns.
					if d > int(col.cap) && !col.blockedWait[instr] {
						if col.blockedWait == nil {
							col.blockedWait = make(map[ssa.Instruction]bool)
						}
						col.blockedWait[instr] = true
						col.blockedWaits = append(col.blockedWaits, instr)
					}
					d, armed = 0, 0
				}
				if n, ok := spawnAt[instr]; ok {
					d = add(d, n)
					if s.counted > 0 && s.base != sat {
						cl := countedLoops[s.counted-1]
						if bound := s.base + cl.sends; bound < d && cl.l.body[s.b] {
							d = bound
						}
					}
				}
			case *ssa.Send:
				if gates[chanRoot(instr.Chan)] {
					d = add(d, 1) // a request the gated sender answers
				}
			case *ssa.UnOp:
				if col.recvs[instr] {
					d, iter = recv(d), true
				}
				if instr.Op == token.ARROW {
					past |= sigBits[chanRoot(instr.X)]
				}
				if n, ok := signalAt[instr]; ok {
					d = signal(d, n)
					if n == all {
						armed = 0
					}
				}
				if instr.Op == token.ARROW && isAfter[chanRoot(instr.X)] {
					d, armed = enable(d, armed, chanRoot(instr.X))
				}
			case *ssa.Select:
				if _, ok := col.recvCases[instr]; ok && instr.Blocking && len(instr.States) == 1 {
					d, iter = recv(d), true
				}
			case *ssa.Return:
				if joined {
					d = signal(d, settles)
				}
				if d > int(col.cap) {
					if _, ok := exits[instr]; !ok {
						order = append(order, instr)
					}
					if d > exits[instr] || d == sat {
						exits[instr] = d
					}
				}
			}
			if endsPath(instr) {
				stop = true
				break
			}
		}
		if stop {
			continue
		}
		failed := failedEdge(s.b)
		for i, succ := range s.b.Succs {
			nf, ok := cs.follow(s.b, fs, i)
			if !ok || succ == failed {
				continue // contradicts a branch taken before on the same condition, or the test has failed
			}
			nd, niter := d, iter
			if closedEdge[s.b] == succ || nilEdge[s.b] == succ {
				nd = 0
			}
			for _, l := range recvLoops {
				if l.body[s.b] && !l.body[succ] && (l.condExit(s.b, succ) || (!l.headerExit && iter)) {
					nd = 0 // the receiving loop ends normally
				}
				if l.skipped(s.b, succ) {
					nd = 0 // the receiving loop's condition fails at once
				}
			}
			if isRecvHeader[succ] {
				niter = false
			}
			if caseEdge[s.b] == succ {
				nd, niter = recv(nd), true
			}
			narmed := armed
			if n, ok := signalEdge[s.b][succ]; ok {
				nd = signal(nd, n)
				if n == all {
					narmed = 0
				}
			}
			if ch, ok := afterEdge[s.b][succ]; ok {
				nd, narmed = enable(nd, narmed, ch)
			}
			npast := past | pastEdge[s.b][succ]
			counted, base := s.counted, s.base
			if counted > 0 && !countedLoops[counted-1].l.body[succ] {
				counted, base = 0, 0 // left the counted loop
			}
			if i := countedAt[succ]; i > 0 && counted == 0 && !countedLoops[i-1].l.body[s.b] {
				counted, base = i, nd // entering a counted loop
			}
			stack = append(stack, state{succ, narmed, nd, niter, nf, counted, base, npast, joined, settles})
		}
	}
	var out []strandingExit
	for _, r := range order {
		n := exits[r]
		if n == sat {
			n = many
		}
		out = append(out, strandingExit{ret: r, pending: n})
	}
	return out
}

// receivesIn reports whether block b receives from the collector's
// channel, or holds a select with a case receiving from it.
func (col *collector) receivesIn(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		switch instr := instr.(type) {
		case *ssa.UnOp:
			if col.recvs[instr] {
				return true
			}
		case *ssa.Select:
			if _, ok := col.recvCases[instr]; ok {
				return true
			}
		}
	}
	return false
}

// onlyClosedExits reports whether every edge by which l's condition fails
// is one taken when a receive reports the collector's channel closed.
func onlyClosedExits(l *loop, closedEdge map[*ssa.BasicBlock]*ssa.BasicBlock) bool {
	for b := range l.body {
		for _, s := range b.Succs {
			if !l.body[s] && l.condExit(b, s) && closedEdge[b] != s {
				return false
			}
		}
	}
	return true
}

// selectCaseTest reports whether cond is "index == k" for the chosen index
// of a select, as the SSA builder branches into the select's cases.
func selectCaseTest(cond *ssa.BinOp) (*ssa.Select, int, bool) {
	if cond.Op != token.EQL {
		return nil, 0, false
	}
	ext, ok := cond.X.(*ssa.Extract)
	if !ok || ext.Index != 0 {
		return nil, 0, false
	}
	sel, ok := ext.Tuple.(*ssa.Select)
	if !ok {
		return nil, 0, false
	}
	k, ok := cond.Y.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return nil, 0, false
	}
	n, _ := constant.Int64Val(k.Value)
	return sel, int(n), true
}

// A countedLoop is a loop with a constant trip count (see constTrips)
// that repeats some of the collector's spawns.
type countedLoop struct {
	l     *loop
	sends int                     // the most sends its spawns add, all iterations together
	trips map[ssa.Instruction]int // spawn → how many times the loop (and loops nested in it) start it
}

// countedSpawns returns the loops with a constant trip count that
// repeat spawns of the collector, and for each such spawn its loop. A
// loop counts when the loops repeating each spawn in it (not also
// holding the channel's make) are counted loops nested in it, whose
// trips multiply, and those spawns make a known number of sends: it
// then adds at most the sum of trips × sends over them.
func (col *collector) countedSpawns(loops []*loop) (map[ssa.Instruction]*countedLoop, []*countedLoop) {
	trips := constTrips(col.info, col.fn, loops)
	if len(trips) == 0 {
		return nil, nil
	}
	byLoop := make(map[*loop]*countedLoop)
	bad := make(map[*loop]bool)
	of := make(map[ssa.Instruction]*countedLoop)
	for _, s := range col.spawns {
		var around []*loop
		for _, l := range loops {
			if l.body[s.instr.Block()] && !l.body[col.origin.Block()] {
				around = append(around, l)
			}
		}
		if len(around) == 0 {
			continue
		}
		// Nested counted loops multiply: the outermost one stands for
		// them all.
		l, k := around[0], 1
		for _, a := range around {
			if len(a.body) > len(l.body) {
				l = a
			}
		}
		n := s.assumed()
		nested := true
		for _, a := range around {
			t, ok := trips[a]
			if !ok || (a != l && !l.body[a.header]) {
				nested = false
				break
			}
			k *= t
			if k > 1<<16 {
				nested = false
				break
			}
		}
		if !nested || n == many || s.gate != nil {
			bad[l] = true
			continue
		}
		cl := byLoop[l]
		if cl == nil {
			cl = &countedLoop{l: l, trips: make(map[ssa.Instruction]int)}
			byLoop[l] = cl
		}
		cl.sends += k * n
		cl.trips[s.instr] = k
		of[s.instr] = cl
	}
	var out []*countedLoop
	for l, cl := range byLoop {
		if bad[l] {
			for instr, c := range of {
				if c == cl {
					delete(of, instr)
				}
			}
			continue
		}
		out = append(out, cl)
	}
	slices.SortFunc(out, func(a, b *countedLoop) int { return a.l.header.Index - b.l.header.Index })
	return of, out
}

// deferredSignal reports whether the deferred call d runs a function
// literal that receives, on every path that returns, from a channel of
// the collector's function in signalOf, and how many sends that signal
// settles.
func deferredSignal(d *ssa.Defer, signalOf map[ssa.Value]int) (int, bool) {
	mc, ok := d.Call.Value.(*ssa.MakeClosure)
	if !ok || len(d.Call.Args) > 0 {
		return 0, false
	}
	lit, ok := mc.Fn.(*ssa.Function)
	if !ok || lit.Blocks == nil {
		return 0, false
	}
	for _, b := range lit.Blocks {
		for _, instr := range b.Instrs {
			u, ok := instr.(*ssa.UnOp)
			if !ok || u.Op != token.ARROW {
				continue
			}
			root := chanRoot(u.X)
			if load, ok := root.(*ssa.UnOp); ok && load.Op == token.MUL {
				root = load.X // a captured variable's cell
			}
			fv, ok := root.(*ssa.FreeVar)
			if !ok {
				continue
			}
			i := slices.Index(lit.FreeVars, fv)
			if i < 0 || i >= len(mc.Bindings) {
				continue
			}
			n, ok := signalOf[chanRoot(mc.Bindings[i])]
			if ok && chanmodel.DominatesReturns(lit, b) {
				return n, true
			}
		}
	}
	return 0, false
}
