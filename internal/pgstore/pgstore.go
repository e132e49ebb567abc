// Package pgstore keeps an archive's records and crawl state in
// PostgreSQL instead of the embedded bbolt files, so that several crawler
// processes, on one machine or many, can work on one archive: the article
// records (Records, an archive.Records), the crawl frontier with its
// seen-set and per-host leases, the hosts shared out fairly among the
// workers (Frontier, a crawl.Frontier), and the site registry (Sites).
//
// The schema is versioned: Open applies the migrations a database lacks
// (under an advisory lock, so that workers starting together apply them
// once) and refuses a database whose schema is newer than this wenming.
// The tables live in the schema the DSN's search_path names (public by
// default).
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/wenming-archive/wenming/internal/store"
)

// SchemaVersion is the version of the tables this wenming writes.
const SchemaVersion = 5

// Errors of the database, wrapped with the server they concern.
var (
	// ErrUnreachable means the server could not be reached or refused
	// the connection (a wrong host, port, user or password).
	ErrUnreachable = errors.New("PostgreSQL server unreachable")
	// ErrNewerSchema means the database was written by a newer wenming.
	ErrNewerSchema = errors.New("the database schema is newer than this wenming; upgrade wenming")
)

// migrations[i] brings the schema from version i to i+1.
var migrations = []string{
	`CREATE TABLE articles (
		url        text COLLATE "C" PRIMARY KEY,
		title_key  bytea,
		record     bytea NOT NULL,
		brief      text NOT NULL,
		fetched_at timestamptz NOT NULL
	);
	CREATE INDEX articles_title_key ON articles (title_key) WHERE title_key IS NOT NULL;
	CREATE INDEX articles_fetched_at ON articles (fetched_at);
	CREATE TABLE aliases (
		alias     text COLLATE "C" PRIMARY KEY,
		canonical text COLLATE "C" NOT NULL
	);
	CREATE INDEX aliases_canonical ON aliases (canonical);
	CREATE TABLE versions (
		url        text COLLATE "C" NOT NULL,
		fetched_ns bigint NOT NULL,
		record     bytea NOT NULL,
		PRIMARY KEY (url, fetched_ns)
	);
	CREATE TABLE frontiers (
		frontier     text PRIMARY KEY,
		pass_started timestamptz NOT NULL
	);
	CREATE TABLE frontier_seen (
		frontier text NOT NULL,
		hash     bytea NOT NULL,
		PRIMARY KEY (frontier, hash)
	);
	CREATE TABLE frontier_queue (
		frontier text NOT NULL,
		url      text NOT NULL,
		host     text NOT NULL,
		seq      bigint GENERATED ALWAYS AS IDENTITY,
		kind     text NOT NULL,
		depth    integer NOT NULL,
		site     text NOT NULL,
		referer  text NOT NULL,
		worker   text,
		PRIMARY KEY (frontier, url)
	);
	CREATE INDEX frontier_queue_next ON frontier_queue (frontier, host, seq) WHERE worker IS NULL;
	CREATE INDEX frontier_queue_worker ON frontier_queue (frontier, worker, host) WHERE worker IS NOT NULL;
	CREATE TABLE frontier_hosts (
		frontier    text NOT NULL,
		host        text NOT NULL,
		worker      text,
		lease_until timestamptz,
		next_at     timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (frontier, host)
	);
	CREATE TABLE sites (
		host  text PRIMARY KEY,
		entry text NOT NULL
	);`,
	// 2: a change sequence on the records, for readers that keep a
	// search index of them (see Records.Changes); the records removed
	// (merged into another) with theirs; an identity of the archive; the
	// workers on each frontier's pass; the run log and who holds the
	// archive exclusively (see runs.go).
	`CREATE SEQUENCE article_changes;
	ALTER TABLE articles ADD COLUMN change_seq bigint;
	UPDATE articles SET change_seq = nextval('article_changes');
	ALTER TABLE articles ALTER COLUMN change_seq SET NOT NULL;
	CREATE INDEX articles_change_seq ON articles (change_seq);
	CREATE TABLE article_removals (
		url        text COLLATE "C" PRIMARY KEY,
		change_seq bigint NOT NULL
	);
	CREATE INDEX article_removals_change_seq ON article_removals (change_seq);
	ALTER TABLE wenming_schema ADD COLUMN archive_id text NOT NULL
		DEFAULT md5(random()::text || clock_timestamp()::text);
	CREATE TABLE runs (
		worker  text NOT NULL,
		id      text NOT NULL,
		started timestamptz NOT NULL,
		status  text NOT NULL,
		alive   bigint NOT NULL,
		run     jsonb NOT NULL,
		PRIMARY KEY (worker, id)
	);
	CREATE TABLE frontier_workers (
		frontier    text NOT NULL,
		worker      text NOT NULL,
		lease_until timestamptz NOT NULL,
		PRIMARY KEY (frontier, worker)
	);
	CREATE TABLE exclusive_holder (
		one   boolean PRIMARY KEY DEFAULT true CHECK (one),
		what  text NOT NULL,
		pid   integer NOT NULL,
		host  text NOT NULL,
		since timestamptz NOT NULL
	);`,
	// 3: when each worker last asked for hosts (Frontier.Claim), so that
	// the workers that want hosts share them (see Frontier.share).
	`ALTER TABLE frontier_workers ADD COLUMN claimed_at timestamptz;`,
	// 4: a pass whose queue holds only the requests of hosts its last
	// run left (see Frontier.EndLeavingHosts): the next run begins a new
	// pass with them queued.
	`ALTER TABLE frontiers ADD COLUMN left_hosts_only boolean NOT NULL DEFAULT false;`,
	// 5: each record's body print (store.BodyPrint), so that recognising
	// a new URL reads only the records of its title that may be its
	// article, not every one (see Records.recognise). Records written
	// before have none, and are read as before until written again.
	`ALTER TABLE articles ADD COLUMN body_hash bigint, ADD COLUMN body_runes integer, ADD COLUMN body_day integer;`,
}

// bodyPrintsVersion is the schema that added the records' body prints;
// the migration to it fills them in (fillBodyPrints).
const bodyPrintsVersion = 5

// fillBodyPrints writes the body print of every record that has a title
// (those a Put may recognise), reading the records a thousand at a time in
// URL order: without it a record written before would be read by every
// Put of a new URL of its title until it is written again, which an old
// article never is.
func fillBodyPrints(ctx context.Context, tx pgx.Tx, log *slog.Logger) error {
	const chunk = 1000
	var total int64
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM articles WHERE title_key IS NOT NULL`).Scan(&total); err != nil {
		return fmt.Errorf("body prints: %w", err)
	}
	if total == 0 {
		return nil
	}
	start := time.Now()
	log.Info("upgrading the store's schema: writing the body print of every titled record, once", "records", total, "schema_to", bodyPrintsVersion)
	var (
		done     int64
		lastNote = start
	)
	after := ""
	for {
		rows, err := tx.Query(ctx, `SELECT url, record FROM articles WHERE title_key IS NOT NULL AND url > $1 ORDER BY url LIMIT $2`, after, chunk)
		if err != nil {
			return fmt.Errorf("body prints: %w", err)
		}
		var (
			urls               []string
			hashes, runes, day []int64
			read               int
		)
		for rows.Next() {
			read++
			var (
				url string
				v   []byte
			)
			if err := rows.Scan(&url, &v); err != nil {
				rows.Close()
				return fmt.Errorf("body prints: %w", err)
			}
			after = url
			a, err := store.Decode(v)
			if err != nil {
				continue // read as before, and reported by Check
			}
			h, n, d := store.BodyPrint(a)
			urls, hashes, runes, day = append(urls, url), append(hashes, int64(h)), append(runes, int64(n)), append(day, int64(d))
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("body prints: %w", err)
		}
		if len(urls) > 0 {
			_, err := tx.Exec(ctx, `UPDATE articles SET body_hash = p.hash, body_runes = p.runes, body_day = p.day
				FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::integer[]) AS p(url, hash, runes, day)
				WHERE articles.url = p.url`, urls, hashes, runes, day)
			if err != nil {
				return fmt.Errorf("body prints: %w", err)
			}
		}
		done += int64(read)
		if read < chunk {
			log.Info("the store's schema is upgraded: every titled record has its body print", "records", done, "elapsed", time.Since(start).Round(time.Millisecond))
			return nil
		}
		if time.Since(lastNote) >= progressEvery {
			lastNote = time.Now()
			log.Info("upgrading the store's schema", "records_done", done, "records", total)
		}
	}
}

// progressEvery is how often a long schema upgrade logs how far it is.
const progressEvery = 10 * time.Second

// migrationLock is the advisory lock key migrations run under.
const migrationLock = 0x77656e6d696e67 // "wenming"

// Server names the server of a DSN for messages: host, port and
// database, never the password.
func Server(dsn string) string {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return "(an unreadable DSN)"
	}
	return fmt.Sprintf("%s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
}

// connect opens a connection pool to dsn, checks that the server answers
// and brings the schema up to date, telling log (when not nil) of an
// upgrade that reads the records and of a wait for another process's.
func connect(ctx context.Context, dsn string, log *slog.Logger) (*pgxpool.Pool, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: not a PostgreSQL DSN (postgres://user:password@host:port/database): %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	server := Server(dsn)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w: %w", server, ErrUnreachable, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "3D000" { // invalid_catalog_name
			db := cfg.ConnConfig.Database
			return nil, fmt.Errorf("store %s: %w: the server answers, but has no database %q: create it (createdb %s, or CREATE DATABASE %s)", server, ErrUnreachable, db, db, db)
		}
		return nil, fmt.Errorf("store %s: %w (is the server running, and the DSN's host, port, user and password right?): %w", server, ErrUnreachable, err)
	}
	if err := migrate(ctx, pool, server, log); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store %s: %w", server, err)
	}
	return pool, nil
}

// migrate applies the migrations the database lacks, or refuses a newer
// schema.
func migrate(ctx context.Context, pool *pgxpool.Pool, server string, log *slog.Logger) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		var locked bool
		if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock($1)`, int64(migrationLock)).Scan(&locked); err != nil {
			return fmt.Errorf("lock the schema: %w", err)
		}
		if !locked {
			log.Info("waiting for another process to finish upgrading the store's schema", "server", server)
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
				return fmt.Errorf("lock the schema: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS wenming_schema (version integer NOT NULL)`); err != nil {
			return fmt.Errorf("schema version table: %w", err)
		}
		var v int
		err := tx.QueryRow(ctx, `SELECT version FROM wenming_schema`).Scan(&v)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			if _, err := tx.Exec(ctx, `INSERT INTO wenming_schema VALUES (0)`); err != nil {
				return fmt.Errorf("schema version: %w", err)
			}
		case err != nil:
			return fmt.Errorf("schema version: %w", err)
		case v > SchemaVersion:
			return fmt.Errorf("schema version %d, this wenming knows up to %d: %w", v, SchemaVersion, ErrNewerSchema)
		}
		for ; v < SchemaVersion; v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrate the schema from version %d: %w", v, err)
			}
			if v+1 == bodyPrintsVersion {
				if err := fillBodyPrints(ctx, tx, log); err != nil {
					return fmt.Errorf("migrate the schema from version %d: %w", v, err)
				}
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE wenming_schema SET version = $1`, SchemaVersion); err != nil {
			return fmt.Errorf("schema version: %w", err)
		}
		return nil
	})
}

// retryable reports whether a transaction failed for a conflict with
// another one (a deadlock, a serialization failure, a unique key taken
// meanwhile) and is worth running again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "40001", "40P01", "23505":
		return true
	}
	return false
}

// inTx runs fn in a transaction, again when it fails for a conflict.
func inTx(ctx context.Context, pool *pgxpool.Pool, fn func(tx pgx.Tx) error) error {
	var err error
	for attempt := 0; attempt < 20; attempt++ {
		err = pgx.BeginFunc(ctx, pool, fn)
		if !retryable(err) {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * time.Millisecond)
	}
	return err
}
