package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/runs"
)

// The run log of an archive directory (package runs): the log of past
// runs (runs.jsonl), the trace of the run in progress (running.json) and
// the run lock (wenming.lock), which [Acquire] takes. The holder writes
// the log, under the lock it holds; any process reads it ([Runs]).

// RunLog is the run log of an archive this process holds.
type RunLog struct{ data string }

// RunLog is the archive's run log, which the holder writes.
func (h *Held) RunLog() RunLog { return RunLog{data: h.Data} }

// Settle logs, as killed, the run whose trace a killed process left
// behind, and removes the trace (see runs.Settle); ok is false when there
// was none. Call it before Begin.
func (l RunLog) Settle() (r runs.Run, ok bool, err error) { return runs.Settle(l.data) }

// Begin writes the trace of the run starting, r (see runs.Begin); the
// trace's End logs the run.
func (l RunLog) Begin(r runs.Run) (*runs.Marker, error) { return runs.Begin(l.data, r) }

// Append logs a run that ended without a trace (one that could not begin
// it).
func (l RunLog) Append(r runs.Run) error { return runs.Append(l.data, r) }

// A Run is the run log entry of the run in progress: its trace in the
// archive directory and, for a worker sharing records in PostgreSQL, its
// entry among the workers' runs there (package pgstore).
type Run struct {
	marker *runs.Marker
	shared *pgstore.Run
}

// BeginRun settles the trace a killed run left (logging it as killed),
// then begins the run whose entry run(nil) is: among the workers' runs in
// PostgreSQL first when the holder shares records there (which takes
// their run lock shared: an exclusive holder turns it away), then in the
// archive directory. A run that cannot begin in the directory is logged
// there as run(err) says, and ended in PostgreSQL.
func (h *Held) BeginRun(ctx context.Context, run func(err error) runs.Run) (*Run, error) {
	if prev, ok, err := h.RunLog().Settle(); err != nil {
		h.log.Warn("could not log the end of the previous run", "err", err)
	} else if ok {
		h.log.Warn("the previous run ended without logging its end (killed, or the machine stopped); logged as killed",
			"started", prev.Started.In(article.China).Format(time.RFC3339), "trigger", prev.Trigger)
	}
	r := &Run{}
	if h.dsn != "" {
		begun := run(nil)
		begun.Worker = h.worker
		var err error
		if r.shared, err = pgstore.BeginRun(ctx, h.dsn, begun, h.log); err != nil {
			return nil, err
		}
	}
	m, err := h.RunLog().Begin(run(nil))
	if err != nil {
		if lerr := h.RunLog().Append(run(err)); lerr != nil {
			h.log.Warn("could not log the run", "err", lerr)
		}
		if r.shared != nil {
			if lerr := r.shared.End(ctx, run(err)); lerr != nil {
				h.log.Warn("could not log the run in the store", "err", lerr)
			}
		}
		return nil, err
	}
	r.marker = m
	return r, nil
}

// Update keeps the figures of the run as it goes, for the entry of a run
// killed before it logs its end.
func (r *Run) Update(ctx context.Context, run runs.Run) error {
	return r.write(ctx, run, r.marker.Update, (*pgstore.Run).Update, "update the run in the store")
}

// End logs the run's end: in the archive directory (an error there is
// the first returned), then in PostgreSQL.
func (r *Run) End(ctx context.Context, run runs.Run) error {
	return r.write(ctx, run, r.marker.End, (*pgstore.Run).End, "log the run in the store")
}

// write writes run to the directory's trace with local, then to the
// workers' runs in PostgreSQL with shared, if the run is logged there.
func (r *Run) write(ctx context.Context, run runs.Run, local func(runs.Run) error, shared func(*pgstore.Run, context.Context, runs.Run) error, what string) error {
	err := local(run)
	if r.shared != nil {
		if serr := shared(r.shared, ctx, run); serr != nil {
			err = errors.Join(err, fmt.Errorf("%s: %w", what, serr))
		}
	}
	return err
}

// Runs are the last runs logged in the archive in data (every one when
// last <= 0), oldest first, with the run in progress, or the trace of one
// killed before it logged its end (its next run logs it), last. When dsn
// is set they are those of every crawl worker sharing the records in that
// PostgreSQL database, each named by its worker (see pgstore.Runs). Only
// the end of the log is read for the last few. log, when not nil, is told
// of an upgrade of the database's schema.
func Runs(ctx context.Context, data, dsn string, last int, log *slog.Logger) ([]runs.Run, error) {
	if dsn != "" {
		return pgstore.Runs(ctx, dsn, last, log)
	}
	list, err := runs.ReadLast(data, last)
	if err != nil {
		return nil, err
	}
	cur, ok, err := runs.Current(data)
	if err != nil {
		return nil, err
	}
	if ok {
		list = append(list, cur)
	}
	if last > 0 && len(list) > last {
		list = list[len(list)-last:]
	}
	return list, nil
}
