package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/runs"
)

func TestHumanDuration(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{31 * time.Millisecond, "31ms"},
		{400 * time.Millisecond, "0.4s"},
		{3 * time.Second, "3s"},
		{4520 * time.Millisecond, "4.5s"},
		{29924 * time.Millisecond, "30s"},
		{90 * time.Second, "1m30s"},
		{5 * time.Minute, "5m"},
		{65*time.Minute + 20*time.Second, "1h5m"},
		{2 * time.Hour, "2h"},
		{76 * time.Hour, "3d4h"},
	} {
		if got := humanDuration(c.d); got != c.want {
			t.Errorf("humanDuration(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

// TestPace: percent from done and left; an ETA only once the work left
// shrinks, at the pace it shrinks (net of what is added meanwhile).
func TestPace(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	var p pace
	p.add(t0, 0, 100)
	if _, ok := p.eta(t0); ok {
		t.Error("an ETA from one sample")
	}
	// The queue grows faster than it is worked off: no ETA.
	p.add(t0.Add(5*time.Second), 50, 300)
	if _, ok := p.eta(t0.Add(5 * time.Second)); ok {
		t.Error("an ETA while the queue grows")
	}
	if got := p.describe(t0.Add(5*time.Second), "requests"); !strings.Contains(got, "50 of 350 requests (14%)") || !strings.Contains(got, "queue growing") {
		t.Errorf("describe = %q", got)
	}
	// Then it shrinks by 10 a second: 200 left is 20 s.
	p = pace{}
	p.add(t0, 100, 300)
	p.add(t0.Add(10*time.Second), 200, 200)
	eta, ok := p.eta(t0.Add(10 * time.Second))
	if !ok || eta != 20*time.Second {
		t.Errorf("eta = %v, %v; want 20s", eta, ok)
	}
	if got := p.describe(t0.Add(10*time.Second), "articles"); !strings.Contains(got, "200 of 400 articles (50%) · ETA 20s (≈ 11:04 Beijing time)") {
		t.Errorf("describe = %q", got)
	}
	// A crawl's queue grows from its seeds, then shrinks: the start is
	// soon out of the window, and the ETA follows the shrinking queue.
	p = pace{}
	for i := 0; i <= 3; i++ {
		p.add(t0.Add(time.Duration(i)*time.Second), int64(10*i), 3+int64(100*i))
	}
	for i := 4; i <= 12; i++ {
		p.add(t0.Add(time.Duration(i)*time.Second), int64(10*i), 303-int64(20*(i-3)))
	}
	if eta, ok := p.eta(t0.Add(12 * time.Second)); !ok || eta != 6150*time.Millisecond {
		t.Errorf("eta after the queue's growth = %v, %v; want 6.15s (123 left, 20 a second)", eta, ok)
	}
	// Only the last paceWindow counts: a fast start is forgotten.
	p = pace{}
	p.add(t0, 0, 1000)
	p.add(t0.Add(time.Second), 900, 100)
	for i := 2; i <= 62; i += 2 {
		p.add(t0.Add(time.Duration(i)*time.Second), 900, 100-int64(i)/2)
	}
	eta, ok = p.eta(t0.Add(62 * time.Second))
	if !ok || eta < 130*time.Second || eta > 150*time.Second {
		t.Errorf("eta after a slowdown = %v, %v; want about 140s (69 left at one per 2 s)", eta, ok)
	}
}

// TestNotModifiedAndDeadLinksCounted: revisits answered 304 are in the
// summary, its JSON and the run log; "runs" shows them and keeps dead
// links out of its errors column; durations are for people in text and
// seconds in JSON.
func TestNotModifiedAndDeadLinksCounted(t *testing.T) {
	rep := pipeline.Report{Data: "/a", Crawl: crawl.Summary{
		Duration: 90 * time.Second, Pages: 229, NotModified: 250,
		Errors:       map[string]int64{"http_404": 17, "http_5xx": 1},
		ErrorSamples: map[string]string{"http_404": "http://x.cn/wap/: Not Found", "http_5xx": "http://x.cn/a: 503"},
	}}
	var b strings.Builder
	writeSummary(&b, rep)
	for _, want := range []string{"crawl finished in 1m30s", "250 revisits not modified (304)", "dead links 17", "errors    http_5xx 1"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
	var out bytes.Buffer
	if err := printReport(&globals{json: true, stdout: &out}, rep); err != nil {
		t.Fatal(err)
	}
	var js map[string]any
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	if js["not_modified"] != 250.0 || js["dead_links"] != 17.0 || js["seconds"] != 90.0 {
		t.Errorf("--json: not_modified %v, dead_links %v, seconds %v", js["not_modified"], js["dead_links"], js["seconds"])
	}

	data := t.TempDir()
	if err := os.MkdirAll(filepath.Join(data, "state"), 0o755); err != nil {
		t.Fatal(err)
	}
	started := time.Date(2026, 3, 1, 1, 2, 3, 0, time.UTC)
	if err := runs.Append(data, runs.Run{Trigger: "crawl", Status: "ok", Started: started, Finished: started.Add(150 * time.Second),
		Pages: 229, NotModified: 250, Errors: map[string]int64{"http_404": 17, "http_5xx": 1}}); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut := wenming(t, "runs", "--data", data)
	if code != exitOK {
		t.Fatalf("runs: %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	head, row := strings.Fields(lines[0]), strings.Fields(lines[1])
	col := func(name string) string {
		for i, h := range head {
			if h == name && i+1 < len(row) {
				return row[i+1] // the start is two fields: date and time
			}
		}
		return ""
	}
	if col("took") != "2m30s" || col("304") != "250" || col("errors") != "1" || col("dead") != "17" {
		t.Errorf("runs: took %q, 304 %q, errors %q, dead %q:\n%s", col("took"), col("304"), col("errors"), col("dead"), stdout)
	}
	code, stdout, _ = wenming(t, "runs", "--data", data, "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(stdout), &list); code != exitOK || err != nil || len(list) != 1 {
		t.Fatalf("runs --json: %d %v\n%s", code, err, stdout)
	}
	if list[0]["not_modified"] != 250.0 || list[0]["seconds"] != 150.0 || list[0]["dead_links"] != 17.0 {
		t.Errorf("runs --json: %v", list[0])
	}
}

// TestLogDurations: a duration in a log line reads 1m30s for people and
// is seconds, a number, in JSON logs.
func TestLogDurations(t *testing.T) {
	var text, js bytes.Buffer
	for _, c := range []struct {
		json bool
		buf  *bytes.Buffer
	}{{false, &text}, {true, &js}} {
		g := &globals{json: c.json, stderr: c.buf, logLevel: "info"}
		log, err := g.logger()
		if err != nil {
			t.Fatal(err)
		}
		progressLogger(log, "crawl")(crawl.Stats{Elapsed: 90 * time.Second, Done: 30, Pending: 60, InFlight: 10,
			NotModified: 4, Errors: 3, ErrorKinds: map[string]int64{"http_404": 2, "network": 1}})
	}
	for _, want := range []string{"elapsed=1m30s", "percent=30", "not_modified=4", "errors=1", "dead_links=2", "queued=70"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text log lacks %s: %s", want, text.String())
		}
	}
	var rec map[string]any
	if err := json.Unmarshal(js.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["elapsed"] != 90.0 {
		t.Errorf("JSON log elapsed = %v, want 90 (seconds)", rec["elapsed"])
	}
}

// TestDeadLinksOnPurpose: the demo fails on a 404 the simulation does not
// print on purpose.
func TestDeadLinksOnPurpose(t *testing.T) {
	var out bytes.Buffer
	g := &globals{stdout: &out}
	onPurpose := []string{"http://a.cn/wap/", "http://b.cn/zt/"}
	if err := deadLinksOnPurpose(g, []string{"http://a.cn/wap/"}, onPurpose); err != nil || !strings.Contains(out.String(), "the 1 dead links are among the 2") {
		t.Errorf("%v, %q", err, out.String())
	}
	if err := deadLinksOnPurpose(g, []string{"http://a.cn/wap/", "http://a.cn/news/1.html"}, onPurpose); err == nil || !strings.Contains(err.Error(), "http://a.cn/news/1.html") {
		t.Errorf("an unexpected 404: %v", err)
	}
}
