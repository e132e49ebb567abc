package pgstore

import (
	"context"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
)

// TestMigrateV1: a database of schema 1 with records in it is brought to
// the current schema, every record numbered as a change.
func TestMigrateV1(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	conn := pgtest.Conn(t, dsn)
	for _, sql := range []string{
		`CREATE TABLE wenming_schema (version integer NOT NULL)`,
		`INSERT INTO wenming_schema VALUES (1)`,
		migrations[0],
		`INSERT INTO articles (url, record, brief, fetched_at) VALUES
			('http://a/1', '\x00', '{}', now()), ('http://a/2', '\x00', '{}', now())`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	r, err := OpenRecords(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n, err := r.LastChange(ctx)
	if err != nil || n != 2 {
		t.Errorf("LastChange after the migration = %d, %v; want 2", n, err)
	}
	var v int
	if err := conn.QueryRow(ctx, `SELECT version FROM wenming_schema`).Scan(&v); err != nil || v != SchemaVersion {
		t.Errorf("schema version %d, %v", v, err)
	}
	// A record written now comes after the migrated ones.
	views := int64(1)
	a := &article.Article{URL: "http://a/3", Site: "a", SiteName: "甲", Level: article.Province, Title: "三", Body: "正文", Views: &views, FetchedAt: time.Now()}
	if _, err := r.Put(a); err != nil {
		t.Fatal(err)
	}
	if n, _ := r.LastChange(ctx); n != 3 {
		t.Errorf("LastChange after a put = %d, want 3", n)
	}
}
