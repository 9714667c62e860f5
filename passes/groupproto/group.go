package groupproto

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// runKind says how a frame's function runs relative to its parent.
type runKind int

const (
	runRoot     runKind = iota // the function that creates the group
	runGoStmt                  // go f(...) or go func() {...}()
	runGoMethod                // g.Go(f), g.TryGo(f), wg.Go(f)
	runDeferred                // defer f(...)
	runCalled                  // f(...), synchronously
)

// A frame is one function in which the group is used, with the way it is
// run from the function that refers to it: the group's own function, a
// goroutine, a deferred or called closure.
type frame struct {
	fn     *ssa.Function
	parent *frame
	kind   runKind
	runner ssa.Instruction // in parent.fn: the go, defer or call that runs fn; nil for the root
}

// goroutine returns the frame that starts the goroutine fr runs on: fr
// itself or the nearest ancestor run by a go statement or a Go method,
// or nil when fr runs on the group function's own goroutine.
func (fr *frame) goroutine() *frame {
	for f := fr; f != nil; f = f.parent {
		switch f.kind {
		case runGoStmt, runGoMethod:
			return f
		case runRoot:
			return nil
		}
	}
	return nil
}

// within reports whether fr is anc or runs inside it.
func (fr *frame) within(anc *frame) bool {
	for f := fr; f != nil; f = f.parent {
		if f == anc {
			return true
		}
	}
	return false
}

// A groupCall is a call of one of the group's methods.
type groupCall struct {
	instr    ssa.Instruction // *ssa.Call or *ssa.Defer
	common   *ssa.CallCommon
	api      apis.API
	fr       *frame
	deferred bool
}

// A group is a local errgroup.Group or sync.WaitGroup and every use of it
// found from the function that creates it: method calls in that function,
// in the closures that capture it and in the same-package functions that
// go statements hand it to.
type group struct {
	root     ssa.Value // the *ssa.Alloc or the WithContext result
	errgroup bool
	top      *frame
	calls    []groupCall
	frames   []*frame
	// escapes lists the frames in which the group is used in a way the
	// model does not follow: stored in a field, passed to an unknown
	// function, returned. Conservative: a rule that needs to know every
	// use of the group in a frame stays silent there.
	escapes map[*frame]bool

	seen map[frameValue]bool
}

type frameValue struct {
	fn *ssa.Function
	v  ssa.Value
}

// newGroup follows every use of the group created by root in fn.
func newGroup(fn *ssa.Function, root ssa.Value, errgroup bool) *group {
	g := &group{
		root:     root,
		errgroup: errgroup,
		escapes:  make(map[*frame]bool),
		seen:     make(map[frameValue]bool),
	}
	g.top = g.newFrame(fn, nil, runRoot, nil)
	g.walk(g.top, root, false)
	return g
}

func (g *group) newFrame(fn *ssa.Function, parent *frame, kind runKind, runner ssa.Instruction) *frame {
	fr := &frame{fn: fn, parent: parent, kind: kind, runner: runner}
	g.frames = append(g.frames, fr)
	return fr
}

// walk follows the uses of v in fr.fn: v is a pointer to the group or,
// when indirect, the address of a local variable holding that pointer.
func (g *group) walk(fr *frame, v ssa.Value, indirect bool) {
	key := frameValue{fr.fn, v}
	if g.seen[key] {
		return
	}
	g.seen[key] = true
	if indirect {
		for _, ref := range ssautil.Referrers(v) {
			switch ref := ref.(type) {
			case *ssa.UnOp:
				if ref.Op != token.MUL {
					g.escapes[fr] = true
					continue
				}
				g.walk(fr, ref, false)
			case *ssa.Store:
				if ref.Addr != v || ref.Val != g.root {
					g.escapes[fr] = true // Conservative: the variable is reassigned
				}
			case *ssa.MakeClosure:
				g.closure(fr, ref, v, true)
			case *ssa.DebugRef:
			default:
				g.escapes[fr] = true
			}
		}
		return
	}
	for _, ref := range ssautil.Referrers(v) {
		switch ref := ref.(type) {
		case *ssa.Store:
			cell, ok := ref.Addr.(*ssa.Alloc)
			if !ok || ref.Val != v || cell.Parent() != fr.fn {
				g.escapes[fr] = true // Conservative: stored in a field or global
				continue
			}
			g.walk(fr, cell, true)
		case *ssa.Call:
			g.call(fr, ref, ref.Common(), v, false)
		case *ssa.Defer:
			g.call(fr, ref, ref.Common(), v, true)
		case *ssa.Go:
			g.goCall(fr, ref, v)
		case *ssa.MakeClosure:
			g.closure(fr, ref, v, false)
		case *ssa.DebugRef:
		default:
			// Conservative: converted, compared, merged in a phi,
			// stored or returned.
			g.escapes[fr] = true
		}
	}
}

// call records a call (or deferred call) of a group method with v as its
// receiver; any other call that is given v lets the group escape.
func (g *group) call(fr *frame, instr ssa.Instruction, c *ssa.CallCommon, v ssa.Value, deferred bool) {
	api := apis.SSACallee(c)
	if api == apis.None || len(c.Args) == 0 || c.Args[0] != v {
		g.escapes[fr] = true // Conservative: the group is passed to another function
		return
	}
	for _, a := range c.Args[1:] {
		if a == v {
			g.escapes[fr] = true
			return
		}
	}
	g.calls = append(g.calls, groupCall{instr: instr, common: c, api: api, fr: fr, deferred: deferred})
}

// goCall follows a go statement that is given v: go wg.Wait() lets the
// group escape (the join is delegated); go worker(&wg, x) with worker a
// function of the same package, or a function literal that takes the
// group as a parameter, follows the group into it.
func (g *group) goCall(fr *frame, instr *ssa.Go, v ssa.Value) {
	c := instr.Common()
	callee := c.StaticCallee()
	if c.IsInvoke() || callee == nil || callee.Pkg != fr.fn.Pkg || callee.Blocks == nil ||
		apis.SSACallee(c) != apis.None || c.Value == v {
		g.escapes[fr] = true
		return
	}
	inner := g.newFrame(callee, fr, runGoStmt, instr)
	for i, a := range c.Args {
		if a == v && i < len(callee.Params) {
			g.walk(inner, callee.Params[i], false)
		}
	}
}

// closure follows the group into a closure that captures it. The closure
// must be started as a goroutine, passed to a Go method, deferred or
// called; any other use lets the group escape.
func (g *group) closure(fr *frame, mc *ssa.MakeClosure, captured ssa.Value, indirect bool) {
	refs := ssautil.Referrers(mc)
	fn, ok := mc.Fn.(*ssa.Function)
	if len(refs) != 1 || !ok {
		g.escapes[fr] = true
		return
	}
	var kind runKind
	switch r := refs[0].(type) {
	case *ssa.Go:
		if r.Call.Value != mc {
			g.escapes[fr] = true
			return
		}
		kind = runGoStmt
	case *ssa.Defer:
		if r.Call.Value != mc {
			g.escapes[fr] = true
			return
		}
		kind = runDeferred
	case *ssa.Call:
		switch {
		case r.Call.Value == mc:
			kind = runCalled
		case apis.GoMethodFunc(r.Common()) == mc:
			kind = runGoMethod
		default:
			g.escapes[fr] = true
			return
		}
	default:
		g.escapes[fr] = true
		return
	}
	inner := g.newFrame(fn, fr, kind, refs[0])
	for i, b := range mc.Bindings {
		if b == captured && i < len(fn.FreeVars) {
			g.walk(inner, fn.FreeVars[i], indirect)
		}
	}
}

// ownStart reports whether fr is a goroutine started by one of the
// group's own Go methods, and returns that call.
func (g *group) ownStart(fr *frame) (groupCall, bool) {
	if fr == nil || fr.kind != runGoMethod {
		return groupCall{}, false
	}
	for _, c := range g.calls {
		if c.instr == fr.runner && c.api.IsGoMethod() {
			return c, true
		}
	}
	return groupCall{}, false
}

// apiName spells the group's type for messages.
func (g *group) apiName() string {
	if g.errgroup {
		return "errgroup.Group"
	}
	return "sync.WaitGroup"
}
