package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wenming-archive/wenming/internal/article"

	"github.com/wenming-archive/wenming/internal/runs"
)

// The run log and the run lock of an archive in PostgreSQL. Every crawl
// worker holds the run lock shared while it runs, and the lock of its own
// run; both are session advisory locks, so that the server ends those of
// a killed worker with its connection. An operation that rewrites what
// the workers write (check --repair) takes the run lock exclusively, and
// so only while no worker runs; a worker starting meanwhile is refused.
// A reader of the log tells a run in progress (its lock is held) from one
// killed before it logged its end (nobody holds it).

// runLock is the advisory lock of the archive's runs.
const runLock = 0x77656e6d72756e // "wenmrun"

// Errors of the run lock.
var (
	// ErrBusy means crawl workers run on the archive: an exclusive
	// operation waits for them to end.
	ErrBusy = errors.New("crawl workers are running on the archive")
	// ErrHeld means a process holds the archive exclusively.
	ErrHeld = errors.New("the archive is held exclusively")
)

// BusyError names the workers an exclusive operation found running.
type BusyError struct {
	Server  string
	Workers []string
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("store %s: %v (%s): try again when they end", e.Server, ErrBusy, strings.Join(e.Workers, ", "))
}

func (e *BusyError) Unwrap() error { return ErrBusy }

// HeldError names the process holding the archive exclusively.
type HeldError struct {
	Server, What, Host string
	PID                int
	Since              time.Time
}

func (e *HeldError) Error() string {
	return fmt.Sprintf("store %s: %v by %s (pid %d on %s, since %s Beijing time): try again when it ends",
		e.Server, ErrHeld, e.What, e.PID, e.Host, e.Since.In(article.China).Format(time.DateTime))
}

func (e *HeldError) Unwrap() error { return ErrHeld }

// session opens a connection of its own to dsn (for session locks),
// after bringing the schema up to date (telling log, when not nil, of an
// upgrade that reads the records).
func session(ctx context.Context, dsn string, log *slog.Logger) (*pgx.Conn, error) {
	pool, err := connect(ctx, dsn, log)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	c, err := pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", Server(dsn), err)
	}
	return c.Hijack(), nil
}

// Run is a worker's run in the run log, holding the run lock shared.
type Run struct {
	mu         sync.Mutex // one statement at a time on conn
	conn       *pgx.Conn
	server     string
	worker, id string
}

// BeginRun takes the run lock shared and logs r as running, under
// r.Worker; it fails with a *HeldError while a process holds the archive
// exclusively. log, when not nil, is told of a schema upgrade that reads
// the records (see OpenRecordsLogged).
func BeginRun(ctx context.Context, dsn string, r runs.Run, log *slog.Logger) (*Run, error) {
	conn, err := session(ctx, dsn, log)
	if err != nil {
		return nil, err
	}
	h := &Run{conn: conn, server: Server(dsn), worker: r.Worker, id: r.ID}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock_shared($1)`, int64(runLock)).Scan(&ok); err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("store %s: run lock: %w", h.server, err)
	}
	if !ok {
		err := heldBy(ctx, conn, h.server)
		conn.Close(ctx)
		return nil, err
	}
	alive := lockKey('r', []byte(r.Worker+"\x00"+r.ID))
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, alive); err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("store %s: run lock: %w", h.server, err)
	}
	r.Status = runs.StatusRunning
	b, err := json.Marshal(r)
	if err == nil {
		_, err = conn.Exec(ctx, `INSERT INTO runs (worker, id, started, status, alive, run) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (worker, id) DO UPDATE SET status = $4, alive = $5, run = $6`, r.Worker, r.ID, r.Started, r.Status, alive, b)
	}
	if err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("store %s: log the run: %w", h.server, err)
	}
	return h, nil
}

// heldBy is the error of a run lock that could not be taken shared.
func heldBy(ctx context.Context, conn *pgx.Conn, server string) error {
	e := &HeldError{Server: server, What: "another process"}
	_ = conn.QueryRow(ctx, `SELECT what, pid, host, since FROM exclusive_holder`).Scan(&e.What, &e.PID, &e.Host, &e.Since)
	return e
}

// Update logs the figures of the run so far.
func (h *Run) Update(ctx context.Context, r runs.Run) error {
	r.Status = runs.StatusRunning
	return h.write(ctx, r)
}

func (h *Run) write(ctx context.Context, r runs.Run) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	r.Worker, r.ID = h.worker, h.id
	b, err := json.Marshal(r)
	if err == nil {
		_, err = h.conn.Exec(ctx, `UPDATE runs SET status = $3, run = $4 WHERE worker = $1 AND id = $2`, h.worker, h.id, r.Status, b)
	}
	if err != nil {
		return fmt.Errorf("store %s: log the run: %w", h.server, err)
	}
	return nil
}

// End logs the end of the run and lets go of the run lock.
func (h *Run) End(ctx context.Context, r runs.Run) error {
	ctx = context.WithoutCancel(ctx) // a stopped run logs its end too
	err := h.write(ctx, r)
	h.mu.Lock()
	defer h.mu.Unlock()
	return errors.Join(err, endSession(ctx, h.conn))
}

// endSession lets go of a session's advisory locks and closes it. Closing
// alone would end the locks too, but only once the server has noticed the
// session gone, after Close returns: a process taking the lock right
// after (reindex after check --repair) would find it still held.
func endSession(ctx context.Context, conn *pgx.Conn) error {
	_, err := conn.Exec(ctx, `SELECT pg_advisory_unlock_all()`)
	return errors.Join(err, conn.Close(ctx))
}

// Exclusive is the run lock held exclusively (see AcquireExclusive).
type Exclusive struct {
	conn *pgx.Conn
}

// AcquireExclusive takes the run lock exclusively for what ("check
// --repair"), noting the holder for the workers it turns away. It fails
// with a *BusyError naming the workers running, or a *HeldError naming
// another exclusive holder. log, when not nil, is told of a schema upgrade
// (see OpenRecordsLogged).
func AcquireExclusive(ctx context.Context, dsn, what string, log *slog.Logger) (*Exclusive, error) {
	conn, err := session(ctx, dsn, log)
	if err != nil {
		return nil, err
	}
	server := Server(dsn)
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, int64(runLock)).Scan(&ok); err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("store %s: run lock: %w", server, err)
	}
	if !ok {
		defer conn.Close(ctx)
		workers, err := running(ctx, conn)
		if err != nil {
			return nil, fmt.Errorf("store %s: %w", server, err)
		}
		if len(workers) > 0 {
			return nil, &BusyError{Server: server, Workers: workers}
		}
		return nil, heldBy(ctx, conn, server)
	}
	host, _ := os.Hostname()
	if _, err := conn.Exec(ctx, `INSERT INTO exclusive_holder (what, pid, host, since) VALUES ($1, $2, $3, now())
		ON CONFLICT (one) DO UPDATE SET what = $1, pid = $2, host = $3, since = now()`, what, os.Getpid(), host); err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("store %s: note the holder: %w", server, err)
	}
	return &Exclusive{conn: conn}, nil
}

// Release lets go of the run lock.
func (x *Exclusive) Release() error {
	ctx := context.Background()
	_, err := x.conn.Exec(ctx, `DELETE FROM exclusive_holder`)
	return errors.Join(err, endSession(ctx, x.conn))
}

// running settles the runs logged as running whose worker is gone (as
// killed) and returns the workers of the others.
func running(ctx context.Context, conn *pgx.Conn) ([]string, error) {
	rows, err := conn.Query(ctx, `SELECT worker, id, alive, run FROM runs WHERE status = $1 ORDER BY started`, runs.StatusRunning)
	if err != nil {
		return nil, fmt.Errorf("read the run log: %w", err)
	}
	type row struct {
		worker, id string
		alive      int64
		run        []byte
	}
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.worker, &r.id, &r.alive, &r.run); err != nil {
			return nil, fmt.Errorf("read the run log: %w", err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the run log: %w", err)
	}
	var workers []string
	for _, r := range list {
		var free bool
		if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, r.alive).Scan(&free); err != nil {
			return nil, fmt.Errorf("run lock: %w", err)
		}
		if !free {
			workers = append(workers, r.worker)
			continue
		}
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, r.alive); err != nil {
			return nil, fmt.Errorf("run lock: %w", err)
		}
		// Nobody holds the run: its worker was killed before it logged
		// its end.
		var run runs.Run
		if err := json.Unmarshal(r.run, &run); err != nil {
			return nil, fmt.Errorf("run %s of %s: %w", r.id, r.worker, err)
		}
		run.Status = runs.StatusKilled
		run.Error = "the worker ended without logging its end (killed, or its machine stopped); " + run.FiguresAsOf()
		b, err := json.Marshal(run)
		if err != nil {
			return nil, err
		}
		if _, err := conn.Exec(ctx, `UPDATE runs SET status = $3, run = $4 WHERE worker = $1 AND id = $2 AND status = 'running'`,
			r.worker, r.id, run.Status, b); err != nil {
			return nil, fmt.Errorf("log the killed run: %w", err)
		}
	}
	return workers, nil
}

// Runs returns the archive's run log, every worker's, oldest first: the
// runs in progress as running, those whose worker was killed as killed;
// the last runs only when last > 0.
func Runs(ctx context.Context, dsn string, last int, log *slog.Logger) ([]runs.Run, error) {
	conn, err := session(ctx, dsn, log)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	server := Server(dsn)
	if _, err := running(ctx, conn); err != nil {
		return nil, fmt.Errorf("store %s: %w", server, err)
	}
	q, args := `SELECT run FROM runs ORDER BY started, worker`, []any{}
	if last > 0 {
		q, args = `SELECT run FROM (SELECT run, started, worker FROM runs ORDER BY started DESC, worker DESC LIMIT $1) r
			ORDER BY started, worker`, []any{last}
	}
	rows, err := conn.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store %s: read the run log: %w", server, err)
	}
	defer rows.Close()
	var out []runs.Run
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("store %s: read the run log: %w", server, err)
		}
		var r runs.Run
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("store %s: read the run log: %w", server, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
