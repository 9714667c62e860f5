// Package values holds contexts used only for their values (logging
// wrappers, trace-span lookups) after errgroup.Group.Wait, in goroutines
// as context.Background(), and by group goroutines as the parent: none
// is reported. The near-misses, whose context provably reaches
// something that observes cancellation, are.
package values

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"os/exec"
	"sync"
	"time"

	"example.com/trace"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
)

type loggerKey struct{}

type logger struct{ prefix string }

func (l *logger) Printf(format string, args ...any) { fmt.Printf(l.prefix+format, args...) }

// loggerFrom is a project logging wrapper: it reads a value.
func loggerFrom(ctx context.Context) *logger {
	if l, ok := ctx.Value(loggerKey{}).(*logger); ok {
		return l
	}
	return &logger{}
}

// errorf logs through the wrapper and slog: values only.
func errorf(ctx context.Context, format string, args ...any) {
	loggerFrom(ctx).Printf(format, args...)
	slog.ErrorContext(ctx, fmt.Sprintf(format, args...))
}

// tagged derives a context and still only reads values from it.
func tagged(ctx context.Context) {
	ctx = context.WithValue(ctx, loggerKey{}, &logger{prefix: "x"})
	loggerFrom(ctx).Printf("tagged")
}

// remember stores the context: where it goes from there is not followed.
type holder struct{ ctx context.Context }

func (h *holder) remember(ctx context.Context) { h.ctx = ctx }

// walk recurses: the recursion proves nothing.
func walk(ctx context.Context, n int) {
	if n > 0 {
		walk(ctx, n-1)
	}
}

// detach observes only a context detached from ctx.
func detach(ctx context.Context) error {
	return context.WithoutCancel(ctx).Err()
}

// Observers, directly and through the package's functions.
func save(ctx context.Context, v int) error { return saveTo(ctx, "db", v) }

func saveTo(ctx context.Context, where string, v int) error {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	select {
	case <-tctx.Done():
		return tctx.Err()
	default:
		return nil
	}
}

func work(ctx context.Context) error { return ctx.Err() }

type store interface {
	Put(ctx context.Context, v int) error
}

// ---- after Wait: must stay silent ----

func logAfterWait(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx) })
	err := g.Wait()
	loggerFrom(ctx).Printf("done: %v", err)
	errorf(ctx, "done: %v", err)
	tagged(ctx)
	return err
}

func spanAfterWait(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(gctx) })
	err := g.Wait()
	trace.SpanFromContext(gctx).End()
	trace.Wait(gctx) // unknown to every list: nothing proved
	return err
}

func escapesAfterWait(ctx context.Context, h *holder, s store, f func(context.Context)) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx) })
	err := g.Wait()
	h.remember(ctx)
	walk(ctx, 3)
	_ = detach(ctx)
	_ = s.Put(ctx, 1) // an interface method: unknown implementation
	f(ctx)            // a function value
	return err
}

// ---- after Wait: the near-misses, reported ----

func saveAfterWait(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx) })
	if err := g.Wait(); err != nil {
		return err
	}
	errorf(ctx, "saving")
	return save(ctx, 1) // want `ctx is the group's context from errgroup.WithContext \(it shadows the parent\) and is used after errgroup.Group.Wait`
}

func requestAfterWait(ctx context.Context, url string) (*http.Request, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(gctx) })
	_ = g.Wait()
	loggerFrom(gctx).Printf("fetching")
	return http.NewRequestWithContext(gctx, http.MethodGet, url, nil) // want `gctx from errgroup.WithContext is used after errgroup.Group.Wait`
}

func derivedAfterWait(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(gctx) })
	_ = g.Wait()
	tctx, cancel := context.WithTimeout(gctx, time.Second)
	defer cancel()
	trace.SpanFromContext(tctx).End()
	return work(tctx) // want `gctx from errgroup.WithContext is used after errgroup.Group.Wait`
}

// ---- detached in a goroutine: must stay silent ----

func detachedLogging(ctx context.Context, h *holder) {
	var wg sync.WaitGroup
	wg.Go(func() {
		errorf(context.Background(), "tick")
		loggerFrom(context.TODO()).Printf("tick")
		trace.SpanFromContext(context.Background()).End()
		trace.Wait(context.Background())
		h.remember(context.Background())
		walk(context.Background(), 2)
		tagged(context.TODO())
	})
	wg.Wait()
	_ = ctx
}

func detachedUnknown(ctx context.Context, s store, f func(context.Context)) {
	go func() {
		_ = s.Put(context.Background(), 1)
		f(context.TODO())
		_ = detach(context.Background())
	}()
	_ = ctx
}

// ---- detached in a goroutine: the near-misses, reported ----

func detachedSave(ctx context.Context) {
	go func() {
		errorf(context.Background(), "saving")
		_ = save(context.Background(), 1) // want `context.Background in a goroutine of a function that has ctx`
	}()
}

func detachedCommand(ctx context.Context) {
	go func() {
		_ = exec.CommandContext(context.TODO(), "true").Run() // want `context.TODO in a goroutine of a function that has ctx`
	}()
}

func detachedQuery(ctx context.Context, db *sql.DB, cc grpc.ClientConnInterface) {
	go func() {
		_, _ = db.QueryContext(context.Background(), "SELECT 1") // want `context.Background in a goroutine of a function that has ctx`
		_ = cc.Invoke(context.Background(), "/s/m", nil, nil)    // want `context.Background in a goroutine of a function that has ctx`
	}()
}

// A function literal called with the context: its body is its summary.
func detachedLiteral(ctx context.Context) {
	go func() {
		func(c context.Context) { loggerFrom(c).Printf("x") }(context.Background())
		func(c context.Context) { <-c.Done() }(context.Background()) // want `context.Background in a goroutine of a function that has ctx`
	}()
}

// ---- the parent in a group goroutine ----

func parentForLogging(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			errorf(ctx, "item %d", it) // the parent's logger: values only
			trace.SpanFromContext(ctx).End()
			return nil
		})
	}
	g.Go(func() error { return work(gctx) })
	return g.Wait()
}

func parentForQuery(ctx context.Context, db *sql.DB) error {
	g, _ := errgroup.WithContext(ctx)
	g.Go(func() error {
		errorf(ctx, "query")
		_, err := db.ExecContext(ctx, "DELETE FROM t") // want `errgroup.Group.Go function uses ctx and the group's context`
		return err
	})
	return g.Wait()
}

// A context derived from the group's before Wait is cancelled with it.
func derivedBeforeWait(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	vctx := context.WithValue(gctx, loggerKey{}, &logger{})
	g.Go(func() error { return work(vctx) })
	_ = g.Wait()
	loggerFrom(vctx).Printf("done")
	return work(vctx) // want `gctx from errgroup.WithContext is used after errgroup.Group.Wait`
}

// Detached from the group's context before Wait: not cancelled by it.
func detachedBeforeWait(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	dctx := context.WithoutCancel(gctx)
	g.Go(func() error { return work(gctx) })
	_ = g.Wait()
	return work(dctx)
}

// ---- more values-only idioms: must stay silent ----

// The deadline of the group's context is the parent's; reading it after
// Wait observes no cancellation.
func deadlineAfterWait(ctx context.Context) (time.Time, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(gctx) })
	err := g.Wait()
	dl, _ := gctx.Deadline()
	return dl, err
}

// A request-scoped value attached to a fresh context for a log line.
func detachedTagged(ctx context.Context) {
	go func() {
		tctx := context.WithValue(context.Background(), loggerKey{}, &logger{prefix: "bg "})
		loggerFrom(tctx).Printf("tick")
		trace.SpanFromContext(tctx).End()
	}()
	_ = ctx
}

// Group goroutines that tag the parent's logger.
func parentTagged(ctx context.Context, items []int) error {
	g, _ := errgroup.WithContext(ctx)
	for range items {
		g.Go(func() error {
			tagged(ctx)
			return nil
		})
	}
	return g.Wait()
}

// A stats helper of the package reached through a method.
type stats struct{}

func (stats) record(ctx context.Context, name string) { _ = loggerFrom(ctx) }

func statsAfterWait(ctx context.Context, st stats) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx) })
	err := g.Wait()
	st.record(ctx, "wait")
	return err
}
