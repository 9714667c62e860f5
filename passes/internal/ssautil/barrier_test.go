package ssautil

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	xssautil "golang.org/x/tools/go/ssa/ssautil"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// Functions named barrier* create a WaitGroup that IsStartBarrier must
// recognise; join* ones create a group it must not.
const barrierSrc = `package p

import (
	"io"
	"sync"
)

func barrierCopy(dst io.Writer, src io.Reader) {
	var started sync.WaitGroup
	started.Add(1)
	go func() {
		started.Done()
		io.Copy(dst, src)
	}()
	started.Wait()
}

func barrierLoop(srcs []io.Reader, dst io.Writer) {
	started := new(sync.WaitGroup)
	for _, s := range srcs {
		started.Add(1)
		go func() {
			defer println("exit")
			started.Done()
			io.Copy(dst, s)
		}()
	}
	started.Wait()
}

func worker(started *sync.WaitGroup, r io.Reader) {
	started.Done()
	io.ReadAll(r)
}

func barrierNamedWorker(r io.Reader) {
	var started sync.WaitGroup
	started.Add(1)
	go worker(&started, r)
	started.Wait()
}

func joinDeferred(r io.Reader) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.ReadAll(r)
	}()
	wg.Wait()
}

func joinDoneLast(r io.Reader) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		io.ReadAll(r)
		wg.Done()
	}()
	wg.Wait()
}

func joinMixed(r io.Reader) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		wg.Done()
		io.ReadAll(r)
	}()
	go func() {
		defer wg.Done()
		io.ReadAll(r)
	}()
	wg.Wait()
}

func joinGo(r io.Reader) {
	var wg sync.WaitGroup
	wg.Go(func() { io.ReadAll(r) })
	wg.Wait()
}

type holder struct{ wg *sync.WaitGroup }

var sink holder

func joinEscapes(r io.Reader) {
	var wg sync.WaitGroup
	wg.Add(1)
	sink.wg = &wg
	go func() {
		wg.Done()
		io.ReadAll(r)
	}()
	wg.Wait()
}

func joinInParent() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Done()
	wg.Wait()
}

func joinNoDone() {
	var wg sync.WaitGroup
	wg.Wait()
}
`

// TestIsStartBarrier checks the start-barrier recognition on barriers
// (Done first in closures, loops and named workers) and on the joins
// next to them (deferred Done, Done last, a mix, WaitGroup.Go, a group
// that escapes, a Done in the spawning function, no Done at all).
func TestIsStartBarrier(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", barrierSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := xssautil.BuildPackage(&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.BuilderMode(0))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, m := range pkg.Members {
		fn, ok := m.(*ssa.Function)
		if !ok || !(strings.HasPrefix(name, "barrier") || strings.HasPrefix(name, "join")) {
			continue
		}
		var wg ssa.Value
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if a, ok := instr.(*ssa.Alloc); ok && apis.IsWaitGroup(a.Type()) {
					wg = a
				}
			}
		}
		if wg == nil {
			t.Errorf("%s: no WaitGroup found", name)
			continue
		}
		n++
		if got, want := IsStartBarrier(wg), strings.HasPrefix(name, "barrier"); got != want {
			t.Errorf("%s: IsStartBarrier = %v, want %v", name, got, want)
		}
	}
	if n != 10 {
		t.Errorf("checked %d functions, want 10", n)
	}
}
