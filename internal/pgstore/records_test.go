package pgstore_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/archive/recordstest"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestRecordsSuite runs the suite of archive.Records on PostgreSQL, each
// test in a schema of its own, checking the records at every close.
func TestRecordsSuite(t *testing.T) {
	recordstest.Run(t, func(t *testing.T) recordstest.Opener {
		dsn := pgtest.DSN(t)
		return func() (archive.CheckedRecords, error) { return pgstore.OpenRecords(context.Background(), dsn) }
	})
}

// TestSchemaNewer: a database written by a newer wenming is refused with
// a message that says to upgrade.
func TestSchemaNewer(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	r, err := pgstore.OpenRecords(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := pgtest.Conn(t, dsn).Exec(ctx, `UPDATE wenming_schema SET version = version + 1`); err != nil {
		t.Fatal(err)
	}
	_, err = pgstore.OpenRecords(ctx, dsn)
	if !errors.Is(err, pgstore.ErrNewerSchema) || !strings.Contains(err.Error(), "upgrade wenming") {
		t.Fatalf("open of a newer schema = %v; want ErrNewerSchema", err)
	}
}

// TestUnreachable: a server that does not answer is named in an error
// that says what to check, without the password.
func TestUnreachable(t *testing.T) {
	_, err := pgstore.OpenRecords(context.Background(), "postgres://wm:secret@127.0.0.1:1/archive?connect_timeout=2")
	if !errors.Is(err, pgstore.ErrUnreachable) {
		t.Fatalf("open = %v; want ErrUnreachable", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "127.0.0.1:1/archive") || !strings.Contains(msg, "is the server running") || strings.Contains(msg, "secret") {
		t.Errorf("message %q should name the server and what to check, never the password", msg)
	}
}

// TestNoSuchDatabase: a server that answers but has not the database the
// DSN names says so, and how to create it.
func TestNoSuchDatabase(t *testing.T) {
	u, err := url.Parse(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/nosuchdb"
	_, err = pgstore.OpenRecords(context.Background(), u.String())
	want := `the server answers, but has no database "nosuchdb": create it (createdb nosuchdb, or CREATE DATABASE nosuchdb)`
	if !errors.Is(err, pgstore.ErrUnreachable) || !strings.Contains(err.Error(), want) {
		t.Errorf("open = %v; want ErrUnreachable saying %q", err, want)
	}
}
