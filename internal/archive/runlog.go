package archive

import (
	"context"

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

// Runs are the runs logged in the archive in data, oldest first, with the
// run in progress, or the trace of one killed before it logged its end
// (its next run logs it), last. When dsn is set they are those of every
// crawl worker sharing the records in that PostgreSQL database, each named
// by its worker (see pgstore.Runs).
func Runs(ctx context.Context, data, dsn string) ([]runs.Run, error) {
	if dsn != "" {
		return pgstore.Runs(ctx, dsn)
	}
	list, err := runs.Read(data)
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
	return list, nil
}
