package chanmodel

import (
	"fmt"
	"go/token"
	"go/types"
	"path/filepath"

	"golang.org/x/tools/go/ssa"
)

// A FutureFact is the form of a Future that crosses packages, as an
// analysis fact on the future's *types.Func: what a caller in another
// package needs to judge whether it can leave the future's goroutines
// blocked. Positions are kept as text ("file.go:12"), because a
// token.Pos means nothing in another process of the go vet driver.
//
// Only futures whose goroutines make a known number of blocking sends
// (Max is not Many) are exported: a caller told "it sends in a loop"
// could not tell a stream it drains from a result it abandons.
type FutureFact struct {
	Result int   // index of the result that is the channel
	Cap    int64 // the channel's constant capacity
	Max    int   // the goroutines' blocking sends, together
	Closes bool  // a goroutine closes the channel
	// Certain reports whether every goroutine makes its sends on every
	// path (Sends.Certain).
	Certain bool
	Go      string
	Send    string
}

// AFact marks FutureFact as an analysis fact.
func (*FutureFact) AFact() {}

func (f *FutureFact) String() string {
	return fmt.Sprintf("future(result %d, cap %d, sends %d, closes %t, certain %t, go %s, send %s)",
		f.Result, f.Cap, f.Max, f.Closes, f.Certain, f.Go, f.Send)
}

// Fact returns the exported form of f, or nil when f is not exported
// (see FutureFact).
func (f *Future) Fact(fset *token.FileSet) *FutureFact {
	if f == nil || f.Imported != nil || f.Max == Many || f.Max == 0 || len(f.Spawns) == 0 {
		return nil
	}
	ff := &FutureFact{Result: f.Result, Cap: f.Cap, Max: f.Max, Closes: f.Closes, Certain: true, Go: shortPos(fset, f.Spawns[0].Go.Pos())}
	for _, sp := range f.Spawns {
		ff.Certain = ff.Certain && sp.Sends.Certain(sp.Fn)
	}
	for _, sp := range f.Spawns {
		if len(sp.Sends.Sites) > 0 {
			ff.Send = shortPos(fset, sp.Sends.Sites[0].Pos())
			break
		}
	}
	if ff.Send == "" {
		return nil
	}
	return ff
}

// shortPos is pos as file.go:line, or "" when it is not known.
func shortPos(fset *token.FileSet, pos token.Pos) string {
	if fset == nil || !pos.IsValid() {
		return ""
	}
	p := fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// Import gives the model the futures of other packages, from their
// facts: Future then answers for a function without a body whose object
// is in facts. It must be called before the model is first asked.
func (m *Model) Import(facts map[*types.Func]*FutureFact) {
	m.mu.Lock()
	m.imported = facts
	m.mu.Unlock()
}

// importedFuture returns the future of another package that fn, a
// function without a body, is by the imported facts, or nil.
func (m *Model) importedFuture(fn *ssa.Function) *Future {
	obj, ok := fn.Object().(*types.Func)
	if !ok || len(m.imported) == 0 {
		return nil
	}
	ff := m.imported[obj.Origin()]
	if ff == nil || ff.Result < 0 || ff.Result >= fn.Signature.Results().Len() {
		return nil
	}
	return &Future{Fn: fn, Result: ff.Result, Cap: ff.Cap, Max: ff.Max, Closes: ff.Closes, Imported: ff}
}
