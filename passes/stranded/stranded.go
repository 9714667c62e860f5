package stranded

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

//go:embed doc.go
var doc string

// Analyzer reports early returns that leave goroutines blocked or running.
var Analyzer = &analysis.Analyzer{
	Name:     "stranded",
	Doc:      analysisutil.MustExtractDoc(doc, "stranded"),
	URL:      "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/stranded",
	Requires: []*analysis.Analyzer{fanout.Analyzer},
	Run:      run,
}

// stopRule turns on the report of a field send after the receiving
// event loop stopped (see stop.go), off by default.
var stopRule bool

func init() {
	Analyzer.Flags.Bool("enable", false,
		"run stranded: off by default, its wrong claims on modules it had never seen are above the 5% bar (see its doc)")
	Analyzer.Flags.BoolVar(&stopRule, "stop", false,
		"also report a plain send on a struct-field channel whose only receiver, an event loop, may have returned on its stop case: off by default, its findings on unseen code were true only as a condition (see the doc)")
	Analyzer.Flags.Var(factsFlag{}, "facts",
		"follow futures across packages through analysis facts: on by default under go vet, costly in the fanoutlint command and golangci-lint (see the doc)")
}

// factsFlag is the -facts flag: it turns the front end's facts on or off
// (fanout.SetFacts), which must happen before the driver starts.
type factsFlag struct{}

func (factsFlag) String() string   { return strconv.FormatBool(fanout.Facts()) }
func (factsFlag) IsBoolFlag() bool { return true }
func (factsFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err == nil {
		fanout.SetFacts(on)
	}
	return err
}

// Diagnostic categories, one per kind of finding.
const (
	catCollector    = "collector"    // a return strands goroutines blocked on a send
	catUnreceivable = "unreceivable" // a send before anyone else holds the channel
	catStop         = "stop"         // a field send whose only receiver has stopped
	catBlockedWait  = "blocked-wait" // a Wait whose goroutines block on their sends first
	catReturn       = "return"       // a return skips the group's Wait
	catNeverWaits   = "never-waited" // the group's Wait is never reached
	// catCleanup is either of the last two when the goroutines give
	// nothing back and end by themselves (see group.cleanupOnly). The
	// "note/" prefix asks drivers for a lower severity: SARIF level note.
	catCleanup = "note/cleanup"
)

func run(pass *analysis.Pass) (any, error) {
	fo := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
	if fo.Empty() {
		return nil, nil
	}
	c := &checker{pass: pass, fo: fo, model: fo.Channels(), testFail: summary.NewTestFail(pass.Pkg, pass.Files, pass.TypesInfo),
		stranding: make(map[*ssa.Return]*stranding)}
	for _, fn := range fo.Functions() {
		if fn.Blocks == nil || isGenerated(pass, fn.Pos()) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch v := instr.(type) {
				case *ssa.MakeChan:
					if col := findCollector(pass.TypesInfo, c.model, c.fieldIndex, fn, v); col != nil {
						c.checkCollector(col)
					}
					c.checkUnreceivable(fn, v)
				case *ssa.Call:
					if col := findFutureCollector(pass.TypesInfo, c.model, fn, v); col != nil {
						c.checkCollector(col)
					}
				case *ssa.Alloc, *ssa.Extract:
					if errgroup, ok := apis.GroupRoot(v.(ssa.Value)); ok {
						if g := findGroup(fn, v.(ssa.Value), errgroup); g != nil {
							c.checkGroup(g)
						}
					}
				}
			}
		}
	}
	if stopRule {
		c.checkStopAsymmetry(fo.Funcs)
	}
	c.reportStrandings()
	return nil, nil
}

// checker holds the state of one pass.
type checker struct {
	pass     *analysis.Pass
	model    *chanmodel.Model // the package's channel summaries
	fo       *fanout.Result
	fields   *chanmodel.Fields   // the package's field channels, see fieldIndex
	fixed    map[*types.Var]bool // package variables set only at initialisation, see initOnly
	testFail *summary.TestFail   // which calls fail or stop a test

	// The returns that strand senders, gathered over the collectors of
	// the package so that each is reported once (see reportStrandings).
	stranding   map[*ssa.Return]*stranding
	strandOrder []*ssa.Return
}

// checkCollector reports the returns that strand senders of col.
func (c *checker) checkCollector(col *collector) {
	col.fixed = c.initOnly()
	loops := loopsOf(col.fn)
	counted, _ := col.countedSpawns(loops)
	total, looped := 0, false
	for _, s := range col.spawns {
		cl := counted[s.instr]
		if cl == nil && inLoop(loops, s.instr.Block(), col.origin.Block()) {
			looped = true
		}
		switch n := s.assumed(); {
		case n == many || total == many || s.gate != nil:
			total = many // a gated sender sends once per request
		case cl != nil:
			total += cl.trips[s.instr] * n // a loop with a constant trip count
		default:
			total += n
		}
	}
	if total != many && !looped && int64(total) <= col.cap {
		return // buffered for every send
	}
	if (looped || total == many) && col.cap > 1 {
		// Conservative: a buffer larger than one next to a spawn loop or
		// a goroutine sending in a loop is taken as sized for the number
		// of sends, which is not known.
		return
	}
	var exits []strandingExit
	for _, e := range strandingExits(col, c.endsPath) {
		if !c.exitsAfter(col.fn, e.ret) {
			exits = append(exits, e)
		}
	}
	c.reportBlockedWaits(col)
	if len(exits) == 0 {
		return
	}
	kind := col.kindName()
	first := col.spawns[0]
	for _, s := range col.spawns[1:] {
		if s.instr.Pos() < first.instr.Pos() {
			first = s
		}
	}
	fix, hasFix := c.capacityFix(col, loops)
	for _, e := range exits {
		st := c.stranding[e.ret]
		if st == nil {
			st = &stranding{fn: col.fn, ret: e.ret}
			c.stranding[e.ret] = st
			c.strandOrder = append(c.strandOrder, e.ret)
		}
		st.kinds = append(st.kinds, kind)
		switch f := col.future; {
		case f != nil && f.Imported != nil:
			st.related = append(st.related, analysis.RelatedInformation{Pos: first.instr.Pos(),
				Message: fmt.Sprintf("the future is called here: %s starts a goroutine (%s) whose send (%s) blocks once nobody receives",
					f.Fn.Name(), f.Imported.Go, f.Imported.Send)})
		case f != nil && len(f.Spawns) > 0:
			st.related = append(st.related,
				analysis.RelatedInformation{Pos: first.sum.Blocking[0].Pos(), Message: "this send blocks once nobody receives"},
				analysis.RelatedInformation{Pos: f.Spawns[0].Go.Pos(), Message: "goroutine started here, by " + f.Fn.Name()},
				analysis.RelatedInformation{Pos: first.instr.Pos(), Message: "the future is called here"})
		default:
			st.related = append(st.related,
				analysis.RelatedInformation{Pos: first.sum.Blocking[0].Pos(), Message: "this send blocks once nobody receives"},
				analysis.RelatedInformation{Pos: first.instr.Pos(), Message: "goroutine started here"})
		}
		if hasFix {
			if len(st.fixes) == 0 {
				st.fixes = []analysis.SuggestedFix{{Message: fix.Message}}
			}
			// One fix buffers every channel the return strands.
			st.fixes[0].TextEdits = append(st.fixes[0].TextEdits, fix.TextEdits...)
		}
	}
}

// A stranding is one return that leaves senders blocked, on one or more
// channels of its function: one diagnostic names them all.
type stranding struct {
	fn      *ssa.Function
	ret     *ssa.Return
	kinds   []string // the channels, as the message spells them
	related []analysis.RelatedInformation
	fixes   []analysis.SuggestedFix
}

// reportStrandings reports each return that strands senders once.
func (c *checker) reportStrandings() {
	for _, r := range c.strandOrder {
		st := c.stranding[r]
		pos, end := c.returnSpan(st.fn, r)
		c.pass.Report(analysis.Diagnostic{
			Pos:            pos,
			End:            end,
			Category:       catCollector,
			Message:        fmt.Sprintf("return leaves goroutines blocked forever sending on %s: this path receives fewer values than they send", joinAnd(st.kinds)),
			Related:        st.related,
			SuggestedFixes: st.fixes,
		})
	}
}

// joinAnd spells a list as "a", "a and b" or "a, b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// checkGroup reports the returns that skip g's Wait, or the group itself
// when no Wait is reachable from its goroutines.
func (c *checker) checkGroup(g *group) {
	g.fixed = c.initOnly()
	if len(g.starts) == 0 {
		return
	}
	if !g.errgroup && ssautil.IsStartBarrier(g.root) {
		// Every Done is a goroutine's first action: the Wait waits for
		// the goroutines to start, and they are long-lived by design.
		return
	}
	all, from, joined := groupExits(g, c.endsPath)
	var rets []*ssa.Return
	for _, r := range all {
		if !c.exitsAfter(g.fn, r) {
			rets = append(rets, r)
		}
	}
	if len(rets) == 0 {
		// Wait on every path, no return at all (a server loop), or only
		// returns after which the process exits.
		return
	}
	api := "sync.WaitGroup"
	if g.errgroup {
		api = "errgroup.Group"
	}
	name := groupName(g)
	catR, catN, note := catReturn, catNeverWaits, ""
	if g.cleanupOnly() {
		catR, catN = catCleanup, catCleanup
		note = "; they give nothing back and end by themselves"
	}
	if !joined {
		start := g.starts[0]
		for _, s := range g.starts[1:] {
			if s.Pos() < start.Pos() {
				start = s
			}
		}
		pos, end := c.instrSpan(g.fn, start)
		c.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: catN,
			Message:  fmt.Sprintf("goroutines started on %s %s are never waited for: call Wait before returning, or the goroutines outlive the call%s", api, name, note),
		})
		return
	}
	for _, r := range rets {
		pos, end := c.returnSpan(g.fn, r)
		c.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: catR,
			Message:  fmt.Sprintf("return skips %s.Wait on %s: goroutines started before it keep running after the call returns (defer Wait, or Wait before returning)%s", api, name, note),
			Related: []analysis.RelatedInformation{
				{Pos: from[r].Pos(), Message: "goroutine started here"},
			},
		})
	}
}

// returnSpan returns the span of the return statement of r, or of the
// closing brace of the function for the implicit return at its end.
func (c *checker) returnSpan(fn *ssa.Function, r *ssa.Return) (token.Pos, token.Pos) {
	if r.Pos().IsValid() {
		if n := enclosingNode[*ast.ReturnStmt](fn.Syntax(), r.Pos()); n != nil {
			return n.Pos(), n.End()
		}
		return r.Pos(), token.NoPos
	}
	_, body := analysisutil.FuncBody(fn.Syntax())
	if body != nil {
		return body.Rbrace, body.Rbrace + 1
	}
	return fn.Pos(), token.NoPos
}

// instrSpan returns the span of the call or go statement of instr.
func (c *checker) instrSpan(fn *ssa.Function, instr ssa.Instruction) (token.Pos, token.Pos) {
	if _, ok := instr.(*ssa.Go); ok {
		if n := enclosingNode[*ast.GoStmt](fn.Syntax(), instr.Pos()); n != nil {
			return n.Pos(), n.End()
		}
	}
	var found ast.Node
	if syn := fn.Syntax(); syn != nil {
		ast.Inspect(syn, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && call.Lparen == instr.Pos() {
				found = call
			}
			return found == nil
		})
	}
	if found != nil {
		return found.Pos(), found.End()
	}
	return instr.Pos(), token.NoPos
}

// enclosingNode returns the node of type T in root that starts at pos.
func enclosingNode[T ast.Node](root ast.Node, pos token.Pos) T {
	var found T
	var zero T
	if root == nil {
		return zero
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil || n.Pos() > pos || n.End() <= pos {
			return n == nil
		}
		if t, ok := n.(T); ok && n.Pos() == pos {
			found = t
			return false
		}
		return true
	})
	return found
}

// chanName spells the channel for messages: the variable it is assigned
// to, or "made here" when it has none.
func chanName(col *collector) string {
	for _, ref := range ssautil.Referrers(col.src) {
		if st, ok := ref.(*ssa.Store); ok {
			if a, ok := st.Addr.(*ssa.Alloc); ok && a.Comment != "" {
				return a.Comment
			}
		}
	}
	if name := localName(col.fn, col.origin.Pos()); name != "" {
		return name
	}
	return "ch"
}

// groupName spells the group for messages.
func groupName(g *group) string {
	if a, ok := g.root.(*ssa.Alloc); ok && a.Comment != "" && a.Comment != "new" && a.Comment != "complit" {
		return a.Comment
	}
	pos := g.root.Pos()
	if ext, ok := g.root.(*ssa.Extract); ok {
		pos = ext.Tuple.Pos()
	}
	if name := localName(g.fn, pos); name != "" {
		return name
	}
	return "group"
}

// localName returns the name of the variable defined by the assignment
// or declaration whose value expression holds pos, or "".
func localName(fn *ssa.Function, pos token.Pos) string {
	syn := fn.Syntax()
	if syn == nil || !pos.IsValid() {
		return ""
	}
	name := ""
	ast.Inspect(syn, func(n ast.Node) bool {
		if name != "" || n == nil || n.Pos() > pos || n.End() <= pos {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) >= 1 && n.Rhs[0].Pos() <= pos && pos < n.Rhs[len(n.Rhs)-1].End() {
				for i, r := range n.Rhs {
					if r.Pos() <= pos && pos < r.End() && i < len(n.Lhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok {
							name = id.Name
						}
					}
				}
				if name == "" && len(n.Rhs) == 1 {
					if id, ok := n.Lhs[0].(*ast.Ident); ok {
						name = id.Name
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) > 0 {
				name = n.Names[0].Name
			}
		}
		return true
	})
	return name
}

// isGenerated reports whether pos lies in a generated file.
func isGenerated(pass *analysis.Pass, pos token.Pos) bool {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return ast.IsGenerated(f)
		}
	}
	return false
}

// initOnly returns the package variables set only where the package is
// initialised (summary.InitOnly), computed on first use.
func (c *checker) initOnly() map[*types.Var]bool {
	if c.fixed == nil {
		c.fixed = summary.InitOnly(c.pass.Pkg, c.pass.TypesInfo, c.pass.Files)
	}
	return c.fixed
}
