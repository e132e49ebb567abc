package main

import (
	"bufio"
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/proctest"
	_ "modernc.org/sqlite"
)

// newEngine returns the engine called name over docs, or nil and why it
// cannot run.
func newEngine(name string, docs []doc) (engine, string) {
	switch name {
	case "wenming":
		return &wenmingEngine{docs: docs}, ""
	case "sqlite":
		return &sqliteEngine{}, ""
	case "xapian":
		for _, py := range []string{"/usr/bin/python3", "python3"} {
			if exec.Command(py, "-c", "import xapian").Run() == nil {
				return &xapianEngine{python: py}, ""
			}
		}
		return nil, "python3 cannot import xapian (apt-get install python3-xapian)"
	}
	return nil, "unknown engine"
}

// wenmingEngine is wenming's own index, used as the search commands use it:
// the snippets' bodies come from the documents (the commands' come from
// the records).
type wenmingEngine struct {
	ix   *index.Index
	docs []doc
}

func (e *wenmingEngine) Name() string { return "wenming" }

func docID(id int) string { return "http://bench.invalid/" + strconv.Itoa(id) }

func (e *wenmingEngine) Build(dir string, docs []doc) (int64, error) {
	ix, err := index.Open(filepath.Join(dir, "index"))
	if err != nil {
		return 0, err
	}
	e.ix = ix
	w := ix.NewWriter()
	for _, d := range docs {
		host := d.Lineage[len(d.Lineage)-1]
		err := w.Add(index.Document{ID: docID(d.ID), URL: docID(d.ID), Title: d.Title, Body: d.Body,
			Site: host, SiteName: d.Lineage[len(d.Lineage)/2-1], Lineage: d.Lineage, Published: d.Published})
		if err != nil {
			return 0, err
		}
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	// The size is taken with the index closed, as a user's index is at
	// rest: open, the directory may still hold segments a merge has just
	// replaced, which Close removes. Closing (and reopening for the
	// queries) is part of the indexing time.
	e.ix = nil
	if err := ix.Close(); err != nil {
		return 0, err
	}
	return e.Reopen(dir)
}

func (e *wenmingEngine) Reopen(dir string) (int64, error) {
	ix, err := index.Open(filepath.Join(dir, "index"))
	if err != nil {
		return 0, err
	}
	ix.SetBodies(e.bodies)
	e.ix = ix
	return proctest.DirSize(dir)
}

// bodies is the index's source of bodies for snippets (index.Bodies).
func (e *wenmingEngine) bodies(_ context.Context, ids []string) (map[string]string, error) {
	rv := make(map[string]string, len(ids))
	for _, id := range ids {
		n, err := strconv.Atoi(strings.TrimPrefix(id, "http://bench.invalid/"))
		if err != nil || n < 0 || n >= len(e.docs) || e.docs[n].ID != n {
			return nil, fmt.Errorf("no document %s", id)
		}
		rv[id] = e.docs[n].Body
	}
	return rv, nil
}

func (e *wenmingEngine) Search(q query) (answer, time.Duration, error) {
	ctx := context.Background()
	iq := index.Query{Text: strings.Join(q.Terms, " "), Site: q.Site, Since: q.Since, Size: 10}
	if q.Page > 1 {
		// The cursor at the end of the page before, by offset, untimed.
		iq.Sort = "-published"
		iq.From = (q.Page - 2) * iq.Size
		res, err := e.ix.Search(ctx, iq)
		if err != nil {
			return answer{}, 0, err
		}
		iq.From, iq.After = 0, res.Next
		if res.Next == nil {
			return answer{Count: int(res.Total)}, 0, nil
		}
	}
	t0 := time.Now()
	res, err := e.ix.Search(ctx, iq)
	took := time.Since(t0)
	if err != nil {
		return answer{}, 0, err
	}
	a := answer{Count: int(res.Total), LowerBound: res.TotalIsLowerBound}
	for _, h := range res.Hits {
		id, _ := strconv.Atoi(strings.TrimPrefix(h.ID, "http://bench.invalid/"))
		a.IDs = append(a.IDs, id)
	}
	return a, took, nil
}

func (e *wenmingEngine) Close() error {
	if e.ix == nil {
		return nil
	}
	return e.ix.Close()
}

// sqliteEngine is SQLite's FTS5 with the trigram tokenizer; terms shorter
// than three characters are matched with instr().
type sqliteEngine struct{ db *sql.DB }

func (e *sqliteEngine) Name() string { return "sqlite-fts5" }

func (e *sqliteEngine) Build(dir string, docs []doc) (int64, error) {
	db, err := sql.Open("sqlite", filepath.Join(dir, "fts.db"))
	if err != nil {
		return 0, err
	}
	e.db = db
	db.SetMaxOpenConns(1)
	for _, s := range []string{
		"PRAGMA journal_mode=WAL",
		"CREATE VIRTUAL TABLE docs USING fts5(title, body, lineage UNINDEXED, published UNINDEXED, tokenize='trigram')",
	} {
		if _, err := db.Exec(s); err != nil {
			return 0, fmt.Errorf("%s: %w", s, err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		return 0, err
	}
	ins, err := tx.Prepare("INSERT INTO docs(rowid, title, body, lineage, published) VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		return 0, err
	}
	for _, d := range docs {
		if _, err := ins.Exec(d.ID, d.Title, d.Body, "|"+strings.Join(d.Lineage, "|")+"|", d.Published.Unix()); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	if _, err := db.Exec("INSERT INTO docs(docs) VALUES('optimize')"); err != nil {
		return 0, err
	}
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return 0, err
	}
	return proctest.DirSize(dir)
}

func (e *sqliteEngine) Search(q query) (answer, time.Duration, error) {
	var conds, phrases []string
	var args []any
	for _, t := range q.Terms {
		if utf8.RuneCountInString(t) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
			continue
		}
		conds = append(conds, "(instr(title, ?) > 0 OR instr(body, ?) > 0)")
		args = append(args, t, t)
	}
	if len(phrases) > 0 {
		conds = append(conds, "docs MATCH ?")
		args = append(args, strings.Join(phrases, " AND "))
	}
	if q.Site != "" {
		conds = append(conds, "instr(lineage, ?) > 0")
		args = append(args, "|"+q.Site+"|")
	}
	if !q.Since.IsZero() {
		conds = append(conds, "published >= ?")
		args = append(args, q.Since.Unix())
	}
	where := strings.Join(conds, " AND ")
	order := "published DESC, rowid DESC"
	if len(phrases) > 0 && q.Page <= 1 {
		order = "rank"
	}
	// Deep pages by keyset: the last row of the page before.
	var cursor []any
	keyset := ""
	if q.Page > 1 {
		// The last row of the page before, by offset, untimed.
		page, last, err := e.page(where, args, order+" LIMIT 10 OFFSET "+strconv.Itoa((q.Page-2)*10))
		if err != nil {
			return answer{}, 0, err
		}
		if len(page) > 0 {
			keyset = " AND (published < ? OR (published = ? AND rowid < ?))"
			cursor = []any{last[0], last[0], last[1]}
		}
	}
	t0 := time.Now()
	var a answer
	if err := e.db.QueryRow("SELECT count(*) FROM docs WHERE "+where, args...).Scan(&a.Count); err != nil {
		return answer{}, 0, err
	}
	ids, _, err := e.page(where+keyset, append(args, cursor...), order)
	took := time.Since(t0)
	a.IDs = ids
	return a, took, err
}

// page returns the ids of ten rows and the (published, rowid) of the last.
func (e *sqliteEngine) page(where string, args []any, order string) ([]int, [2]int64, error) {
	if !strings.Contains(order, "LIMIT") {
		order += " LIMIT 10"
	}
	rows, err := e.db.Query("SELECT rowid, published FROM docs WHERE "+where+" ORDER BY "+order, args...)
	if err != nil {
		return nil, [2]int64{}, err
	}
	defer rows.Close()
	var ids []int
	var last [2]int64
	for rows.Next() {
		var id, pub int64
		if err := rows.Scan(&id, &pub); err != nil {
			return nil, last, err
		}
		ids = append(ids, int(id))
		last = [2]int64{pub, id}
	}
	return ids, last, rows.Err()
}

func (e *sqliteEngine) Close() error {
	if e.db == nil {
		return nil
	}
	return e.db.Close()
}

//go:embed xapian.py
var xapianScript string

// xapianEngine is Xapian through its Python bindings: one python3
// process builds the database, another answers queries read from its
// standard input and times each itself.
type xapianEngine struct {
	python string // the python3 that imports xapian
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Scanner
}

func (e *xapianEngine) Name() string { return "xapian" }

func (e *xapianEngine) outOfProcess() {}

func (e *xapianEngine) Build(dir string, docs []doc) (int64, error) {
	script := filepath.Join(dir, "bench.py")
	if err := os.WriteFile(script, []byte(xapianScript), 0o644); err != nil {
		return 0, err
	}
	input := filepath.Join(dir, "docs.jsonl")
	f, err := os.Create(input)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	for _, d := range docs {
		if err := enc.Encode(map[string]any{"id": d.ID, "title": d.Title, "body": d.Body, "lineage": d.Lineage, "published": d.Published.Unix()}); err != nil {
			return 0, err
		}
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	f.Close()
	db := filepath.Join(dir, "db")
	if out, err := exec.Command(e.python, script, "build", db, input).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("build: %v\n%s", err, out)
	}
	os.Remove(input)
	size, err := proctest.DirSize(db)
	if err != nil {
		return 0, err
	}
	e.cmd = exec.Command(e.python, script, "serve", db)
	e.cmd.Stderr = os.Stderr
	if e.in, err = e.cmd.StdinPipe(); err != nil {
		return 0, err
	}
	stdout, err := e.cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	e.out = bufio.NewScanner(stdout)
	e.out.Buffer(make([]byte, 1<<20), 1<<20)
	return size, e.cmd.Start()
}

func (e *xapianEngine) Search(q query) (answer, time.Duration, error) {
	req := map[string]any{"terms": q.Terms, "site": q.Site, "page": q.Page, "since": nil}
	if !q.Since.IsZero() {
		req["since"] = q.Since.Unix()
	}
	b, _ := json.Marshal(req)
	if _, err := e.in.Write(append(b, '\n')); err != nil {
		return answer{}, 0, err
	}
	if !e.out.Scan() {
		return answer{}, 0, fmt.Errorf("xapian process ended: %v", e.out.Err())
	}
	var res struct {
		Count int
		IDs   []int
		MS    float64
	}
	if err := json.Unmarshal(e.out.Bytes(), &res); err != nil {
		return answer{}, 0, err
	}
	return answer{Count: res.Count, IDs: res.IDs}, time.Duration(res.MS * float64(time.Millisecond)), nil
}

func (e *xapianEngine) Close() error {
	if e.cmd == nil || e.cmd.Process == nil {
		return nil
	}
	e.in.Close()
	return e.cmd.Wait()
}
