package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/store"
)

// wenming runs the command in-process and returns its exit code and output.
func wenming(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestHelpAndUsage(t *testing.T) {
	if code, out, _ := wenming(t, "--help"); code != exitOK || !strings.Contains(out, "Commands:") {
		t.Errorf("--help: code %d, out %q", code, out)
	}
	if code, _, errOut := wenming(t, "crawll"); code != exitUsage || !strings.Contains(errOut, `unknown command "crawll"`) {
		t.Errorf("unknown command: code %d, err %q", code, errOut)
	}
	for _, c := range commands() {
		code, out, errOut := wenming(t, c.name, "--help")
		if code != exitOK || !strings.Contains(out, "Usage: wenming "+c.name) || !strings.Contains(out, "-data") {
			t.Errorf("%s --help: code %d, out %q, err %q", c.name, code, out, errOut)
		}
	}
	if code, _, errOut := wenming(t, "search", "--limitt", "3", "x"); code != exitUsage || !strings.Contains(errOut, "limitt") {
		t.Errorf("bad flag: code %d, err %q", code, errOut)
	}
	// A flag refused says which and why in words, as the help names it.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--nosuch"}, "wenming export: unknown flag --nosuch (see --help)\n"},
		{[]string{"search", "--nosuch", "x"}, "wenming search: unknown flag --nosuch (see --help)\n"},
		{[]string{"search", "--limit", "abc", "x"}, `wenming search: --limit "abc": want a whole number (see --help)` + "\n"},
		{[]string{"search", "--json=maybe", "x"}, `wenming search: --json "maybe": want true or false (see --help)` + "\n"},
		{[]string{"crawl", "--site"}, "wenming crawl: --site needs a value (see --help)\n"},
	} {
		if code, _, errOut := wenming(t, tc.args...); code != exitUsage || errOut != tc.want {
			t.Errorf("%q: code %d, %q; want %d, %q", tc.args, code, errOut, exitUsage, tc.want)
		}
	}
	// The list of commands names every format export writes, and export
	// takes each one it names.
	_, out, _ := wenming(t, "--help")
	line, _, _ := strings.Cut(out[strings.Index(out, "  export "):], "\n")
	for _, f := range []string{"jsonl", "csv", "markdown", "warc", "wacz", "opensearch"} {
		if !strings.Contains(line, f) {
			t.Errorf("the commands' list says %q, without %s", line, f)
		}
		if code, _, errOut := wenming(t, "export", "--format", f, "--data", t.TempDir(), "-o", filepath.Join(t.TempDir(), "out")); strings.Contains(errOut, "--format") {
			t.Errorf("export --format %s: code %d, %q", f, code, errOut)
		}
	}
}

func TestConfigErrorNamesKeyAndLine(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(cfg, []byte("data: x\ncrawl:\n  per_host: 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := wenming(t, "crawl", "--config", cfg)
	if code != exitUsage || !strings.Contains(errOut, cfg+":3: crawl.per_host") {
		t.Errorf("code %d, err %q", code, errOut)
	}
}

// TestConfigFileMissing: a --config that is not there, or is a
// directory, is a usage error that names it.
func TestConfigFileMissing(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.yaml")
	for _, tc := range []struct{ config, want string }{
		{missing, "wenming search: --config " + missing + ": no such file (without --config, ./config.yaml is read when present, else the built-in defaults)\n"},
		{dir, "wenming search: --config " + dir + " is a directory: give the config file\n"},
	} {
		if code, _, errOut := wenming(t, "search", "--config", tc.config, "志愿"); code != exitUsage || errOut != tc.want {
			t.Errorf("--config %s: code %d, %q; want %d, %q", tc.config, code, errOut, exitUsage, tc.want)
		}
	}
}

// TestStoreFlagChecked: --store is checked as store: in the config is, a
// usage error that says what a DSN looks like, for a command with a config
// and without.
func TestStoreFlagChecked(t *testing.T) {
	want := `wenming search: --store: "localhost:5432" is not a PostgreSQL DSN: want postgres://user:password@host:port/database (or host=… dbname=…), or nothing for the embedded archive` + "\n"
	cfg := configFile(t, t.TempDir(), "data: %s\n", t.TempDir())
	for _, args := range [][]string{
		{"search", "--data", t.TempDir(), "--store", "localhost:5432", "志愿"},
		{"search", "--config", cfg, "--store", "localhost:5432", "志愿"},
	} {
		if code, _, errOut := wenming(t, args...); code != exitUsage || errOut != want {
			t.Errorf("%q: code %d, %q; want %d, %q", args, code, errOut, exitUsage, want)
		}
	}
}

// TestRunsWithoutArchive: runs on a directory that holds no archive is an
// error, as for the other commands; an archive with no runs yet is not.
func TestRunsWithoutArchive(t *testing.T) {
	dir := t.TempDir()
	for _, data := range []string{filepath.Join(dir, "missing"), dir} {
		for _, args := range [][]string{{"runs", "--data", data}, {"runs", "--json", "--data", data}} {
			code, out, errOut := wenming(t, args...)
			if code != exitError || !strings.Contains(errOut, "no archive in "+data) {
				t.Errorf("%q: code %d, out %q, err %q; want %d and no archive", args, code, out, errOut, exitError)
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(archive.ArticlesPath(dir)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(archive.ArticlesPath(dir), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := wenming(t, "runs", "--data", dir); code != exitOK || !strings.Contains(out, "no runs yet") {
		t.Errorf("archive without runs: code %d, out %q, err %q", code, out, errOut)
	}
}

// TestRunsLastNegative: --last takes 0 (every run) or more; a negative
// count is a usage error, not every run.
func TestRunsLastNegative(t *testing.T) {
	code, out, errOut := wenming(t, "runs", "--data", t.TempDir(), "--last", "-2")
	if code != exitUsage || out != "" || errOut != "wenming runs: --last -2: want 0 (every run) or more\n" {
		t.Errorf("--last -2: code %d, out %q, err %q", code, out, errOut)
	}
}

func TestSearchWithoutArchive(t *testing.T) {
	code, _, errOut := wenming(t, "search", "--data", t.TempDir(), "文明")
	if code != exitError || !strings.Contains(errOut, "run \"wenming crawl\"") {
		t.Errorf("code %d, err %q", code, errOut)
	}
}

// TestErrorsAsJSON: with --json, how a command failed is one JSON log
// record on stderr, as its other logs there are: level ERROR, the message,
// the command and the exit status.
func TestErrorsAsJSON(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"search", "--json", "--data", t.TempDir(), "文明"}, exitError, `run "wenming crawl"`},
		{[]string{"search", "--json", "--limit", "abc", "文明"}, exitUsage, "--limit"},
	} {
		code, _, errOut := wenming(t, tc.args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		var rec struct {
			Level, Msg, Command string
			ExitCode            int `json:"exit_code"`
		}
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rec); err != nil {
			t.Errorf("%q: the last line of stderr is no JSON (%v): %q", tc.args, err, errOut)
			continue
		}
		if code != tc.code || rec.Level != "ERROR" || rec.Command != "search" || rec.ExitCode != tc.code || !strings.Contains(rec.Msg, tc.want) {
			t.Errorf("%q: code %d, record %+v; want %d, ERROR, search, a message with %q", tc.args, code, rec, tc.code, tc.want)
		}
	}
}

// TestDataIsAFile: an archive directory that is a file, given by --data
// or by data: in the config, is a usage error that says so, for every
// command that opens an archive, before any of them touches it.
func TestDataIsAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("not an archive\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := configFile(t, dir, "data: %s\n", file)
	jsonl := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(jsonl, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "--data", file, "志愿"}, "--data " + file + " is a file"},
		{[]string{"export", "--data", file, "-o", "-"}, "--data " + file + " is a file"},
		{[]string{"serve", "--data", file, "--addr", "127.0.0.1:0"}, "--data " + file + " is a file"},
		{[]string{"runs", "--data", file}, "--data " + file + " is a file"},
		{[]string{"reindex", "--data", file}, "--data " + file + " is a file"},
		{[]string{"check", "--data", file}, "--data " + file + " is a file"},
		{[]string{"crawl", "--data", file}, "--data " + file + " is a file"},
		{[]string{"import", "--data", file, jsonl}, "--data " + file + " is a file"},
		{[]string{"search", "--config", cfg, "志愿"}, "data: " + file + " (" + cfg + ") is a file"},
		{[]string{"crawl", "--config", cfg}, "data: " + file + " (" + cfg + ") is a file"},
	} {
		code, _, errOut := wenming(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "give the archive directory") {
			t.Errorf("%q: code %d, %q; want %d and %q", tc.args, code, errOut, exitUsage, tc.want)
		}
	}
}

// TestServeAddress: serve (or sim) on an address another program listens
// on says so and exits 1; an address that is no HOST:PORT is a usage
// error.
func TestServeAddress(t *testing.T) {
	data := demo.Copy(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	inUse := busy.Addr().String() + " is in use (another program, another wenming say, listens there): give another address with --addr"
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--data", data, "--addr", busy.Addr().String()}, exitError, "wenming serve: " + inUse},
		{[]string{"serve", "--data", data, "--addr", "nonsense"}, exitUsage, "wenming serve: --addr nonsense: want HOST:PORT, e.g. 127.0.0.1:8080 (missing port in address)"},
		{[]string{"serve", "--data", data, "--addr", "127.0.0.1:99999"}, exitUsage, "wenming serve: --addr 127.0.0.1:99999: want HOST:PORT, e.g. 127.0.0.1:8080 (invalid port)"},
		{[]string{"sim", "--addr", busy.Addr().String()}, exitError, "wenming sim: " + inUse},
	} {
		code, _, errOut := wenming(t, tc.args...)
		if code != tc.code || errOut != tc.want+"\n" {
			t.Errorf("%q: code %d, %q; want %d, %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// TestCrawlReachesNothing: a crawl whose sites cannot be reached at all
// (here a loopback port nothing listens on) fails naming the first error
// and saying what to check.
func TestCrawlReachesNothing(t *testing.T) {
	addr := freeAddr(t)
	cfg, data := archiveConfig(t, "seeds:\n  - url: http://%s/\n    name: 中国文明网\n    level: national\ncrawl:\n  retries: 0\n  delay: 0s\n  random_delay: 0s\n", addr)
	code, _, errOut := wenming(t, "crawl", "--config", cfg, "--data", data)
	for _, want := range []string{"wenming crawl: no page could be fetched: http://" + addr + "/", "connection refused",
		"\n  Check that this machine reaches the sites (network, DNS, firewall), or give an HTTP proxy in crawl.proxy or HTTP_PROXY"} {
		if code != exitError || !strings.Contains(errOut, want) {
			t.Errorf("code %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
}

// TestDemoSearchExport runs the main job end to end on a small simulation,
// then searches and exports the archive it made.
func TestDemoSearchExport(t *testing.T) {
	data := filepath.Join(t.TempDir(), "archive")
	out := wenmingOK(t, "demo", "--data", data, "--articles", "80", "--config", filepath.Join("..", "..", "config.yaml"))
	// No errors against its own simulation: its 404s are the dead links
	// the simulation prints on purpose.
	for _, want := range []string{"crawl finished", "sites     national 1", "articles", "errors    none", "dead links are among the", "sample search"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}

	out = wenmingOK(t, "search", "--data", data, "--json", "--limit", "5", "文明")
	var res struct {
		Total int `json:"total"`
		Hits  []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json: %v\n%s", err, out)
	}
	if res.Total == 0 || len(res.Hits) == 0 || len(res.Hits) > 5 {
		t.Fatalf("search --json: total %d, %d hits", res.Total, len(res.Hits))
	}
	for _, k := range []string{"url", "title", "site_name", "published", "views", "snippet", "score"} {
		if _, ok := res.Hits[0][k]; !ok {
			t.Errorf("hit lacks %q: %v", k, res.Hits[0])
		}
	}
	if !strings.Contains(res.Hits[0]["snippet"].(string), "<mark>") && !strings.Contains(res.Hits[0]["title"].(string), "文明") {
		t.Errorf("hit shows no match: %v", res.Hits[0])
	}

	file := filepath.Join(t.TempDir(), "out.jsonl")
	wenmingOK(t, "export", "--data", data, "-o", file)
	recs := jsonLines[map[string]any](t, readFile(t, file))
	if len(recs) < 50 {
		t.Fatalf("export wrote %d lines", len(recs))
	}
	for _, rec := range recs {
		if rec["url"] == "" || rec["title"] == "" || rec["body"] == "" {
			t.Errorf("incomplete record: %.200v", rec)
		}
	}
}

func TestExtractFile(t *testing.T) {
	page := filepath.Join(t.TempDir(), "a.html")
	html := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>测试标题_中国文明网</title></head><body>
<div id="title_tex">测试标题</div><div class="box_tex"><div id="time_tex">发表时间：2019-05-04<span></span>来源：中国文明网</div></div>
<div id="tex"><div class="TRS_Editor"><style>.TRS_Editor P{font-family:宋体;}</style><p>这是第一段正文，讲述了志愿服务活动的开展情况。</p><p>这是第二段正文，介绍了活动取得的成效和下一步工作打算。</p></div></div>
</body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out := wenmingOK(t, "extract", page, "--url", "http://www.wenming.cn/a/yw/201905/t20190504_5101234.shtml")
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res["title"] != "测试标题" || res["published"] != "2019-05-04T00:00:00+08:00" || res["published_precision"] != "day" || res["views"] != nil {
		t.Errorf("fields: %v", res)
	}
	if strings.Contains(res["body"].(string), "font-family") {
		t.Errorf("CSS leaked into the body: %q", res["body"])
	}
	// What a user gets wrong: a profile of no name, a file not there.
	missing := filepath.Join(t.TempDir(), "missing.html")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"extract", "--profile", "nosuch", page}, exitUsage, `wenming extract: --profile "nosuch": want one of ` + strings.Join(extract.BuiltinProfiles(), ", ")},
		{[]string{"extract", missing}, exitError, "wenming extract: " + missing + ": no such file; give a page saved as the server sent it, or an http(s) URL\n"},
	} {
		if code, _, errOut := wenming(t, tc.args...); code != tc.code || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("%q: code %d, %q; want %d, %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// TestScheduleAndRuns runs two scheduled crawls on a seconds-level schedule
// against the simulation, stops the scheduler with a cancelled context, and
// checks the run log and that the archive lock is free again.
func TestScheduleAndRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the scheduler for several seconds")
	}
	// A calm simulation: this test is about scheduling, not about backing
	// off from rate limits and server errors.
	_, addr := testSim(t, simOptions{articles: 60, seed: 5, calm: true})
	cfg, data := archiveConfig(t, `crawl:
  proxy: http://%s
  delay: 0s
  random_delay: 0s
  per_host: 2
schedule:
  - name: every-2s
    cron: "*/2 * * * * *"
`, addr)
	stop := startSchedule(t, "--config", cfg)
	waitFor(t, time.Minute, "fewer than two scheduled runs", func() bool { return runsLogged(data) >= 2 })
	if err := stop(); err != nil {
		t.Fatalf("schedule returned %v after a stop", err)
	}
	list, err := runs.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range list {
		if r.Trigger != "schedule:every-2s" || (r.Status != "ok" && r.Status != "interrupted") {
			t.Errorf("run %d: %+v", i, r)
		}
	}
	if list[0].ArticlesNew == 0 || list[1].ArticlesNew != 0 {
		t.Errorf("the first run should add articles, the second none: %+v / %+v", list[0], list[1])
	}
	if list[1].Requests >= list[0].Requests {
		t.Errorf("the second (incremental) run made %d requests, the first %d", list[1].Requests, list[0].Requests)
	}
	for i := 1; i < len(list); i++ {
		if list[i].Started.Before(list[i-1].Finished) {
			t.Errorf("runs %d and %d overlap", i-1, i)
		}
	}
	l, err := runs.Acquire(data)
	if err != nil {
		t.Fatalf("the archive is still locked after the scheduler stopped: %v", err)
	}
	l.Release()

	code, stdout, _ := wenming(t, "runs", "--data", data)
	if code != exitOK || !strings.Contains(stdout, "schedule:every-2s") {
		t.Errorf("runs: %d\n%s", code, stdout)
	}
}

func TestBadProfileIsAConfigError(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	yaml := "profiles:\n  - name: ngwm\n    hosts: [www.ngwm.gov.cn]\n    body: \"td#article_content[\"\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := wenming(t, "crawl", "--config", cfg, "--data", t.TempDir())
	if code != exitUsage || !strings.Contains(errOut, cfg+":4: profiles[0].body") {
		t.Errorf("code %d, err %q", code, errOut)
	}
}

// startSchedule runs the schedule command with args in the test's
// process until stop (or the end of the test), which returns what the
// command returned. Its standard error is shown when the test fails.
func startSchedule(t *testing.T, args ...string) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedWriter{}
	done := make(chan error, 1)
	go func() {
		done <- runScheduleCmd(ctx, &globals{stdout: io.Discard, stderr: stderr}, args)
	}()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			err = <-done
		})
		return err
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("standard error of schedule:\n%s", stderr.String())
		}
	})
	return stop
}

// runsLogged is how many runs the run log of data lists.
func runsLogged(data string) int {
	list, _ := runs.Read(data)
	return len(list)
}

// TestScheduleServe crawls on a schedule and serves the same archive from
// the same process: the API answers while runs come and go.
func TestScheduleServe(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the scheduler for several seconds")
	}
	_, addr := testSim(t, simOptions{articles: 60, seed: 8})
	serveAddr := freeAddr(t)
	cfg, data := archiveConfig(t, "crawl:\n  proxy: http://%s\n  delay: 0s\n  random_delay: 0s\nschedule:\n  - name: often\n    cron: \"*/2 * * * * *\"\n", addr)
	stop := startSchedule(t, "--config", cfg, "--serve", serveAddr)
	waitFor(t, time.Minute, "no scheduled run", func() bool { return runsLogged(data) >= 1 })
	status, body := httpGet(t, "http://"+serveAddr+"/api/search?q="+url.QueryEscape("文明"))
	var res struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal(body, &res); err != nil || status != http.StatusOK || res.Total == 0 {
		t.Errorf("search while scheduling: status %d, total %d, %v", status, res.Total, err)
	}
	checkMetrics(t, "http://"+serveAddr)
	checkCrawlStatus(t, "http://"+serveAddr)
	if err := stop(); err != nil {
		t.Fatalf("schedule --serve returned %v", err)
	}
}

// checkCrawlStatus: a scheduler's /api/stats tells of its crawls (the
// figures its metrics received) and of the run log's last run, and the
// home page says them in Chinese.
func checkCrawlStatus(t *testing.T, base string) {
	t.Helper()
	_, body := httpGet(t, base+"/api/stats")
	var st struct {
		Crawl *struct {
			Running bool   `json:"running"`
			Job     string `json:"job"`
			Pages   int64  `json:"pages"`
			Status  string `json:"status"`
		} `json:"crawl"`
		LastRun *struct {
			Trigger string `json:"trigger"`
		} `json:"last_run"`
	}
	err := json.Unmarshal(body, &st)
	if err != nil || st.Crawl == nil || st.Crawl.Job != "often" || st.Crawl.Pages == 0 || (!st.Crawl.Running && st.Crawl.Status == "") {
		t.Errorf("/api/stats crawl: %+v %v", st.Crawl, err)
	}
	if st.LastRun == nil || st.LastRun.Trigger != "schedule:often" {
		t.Errorf("/api/stats last_run: %+v", st.LastRun)
	}
	_, page := httpGet(t, base+"/")
	if !strings.Contains(string(page), "定时任务 often") || !strings.Contains(string(page), "个网页") {
		t.Errorf("the home page does not tell of the crawls:\n%s", page)
	}
}

// checkMetrics reads /metrics of a scheduler's server with the Prometheus
// text parser: the requests it answered, the archive's size and the runs'
// figures are there; and /healthz answers.
func checkMetrics(t *testing.T, base string) {
	t.Helper()
	if status, _ := httpGet(t, base+"/healthz"); status != http.StatusOK {
		t.Errorf("/healthz: status %d", status)
	}
	// A request is counted once its answer is written: the count may come
	// a moment after the client has the answer.
	var families map[string]*dto.MetricFamily
	for range 50 {
		_, body := httpGet(t, base+"/metrics")
		parser := expfmt.NewTextParser(model.UTF8Validation)
		var err error
		if families, err = parser.TextToMetricFamilies(bytes.NewReader(body)); err != nil {
			t.Fatalf("/metrics does not parse: %v", err)
		}
		if strings.Contains(fmt.Sprint(families["wenming_http_requests_total"]), "/api/search") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	value := func(name string, labels map[string]string) float64 {
		f, ok := families[name]
		if !ok {
			t.Errorf("/metrics has no %s", name)
			return 0
		}
		sum := 0.0
		for _, m := range f.Metric {
			match := true
			for _, l := range m.Label {
				if want, ok := labels[l.GetName()]; ok && want != l.GetValue() {
					match = false
				}
			}
			if !match {
				continue
			}
			switch {
			case m.Counter != nil:
				sum += m.Counter.GetValue()
			case m.Gauge != nil:
				sum += m.Gauge.GetValue()
			case m.Histogram != nil:
				sum += float64(m.Histogram.GetSampleCount())
			}
		}
		return sum
	}
	if n := value("wenming_http_requests_total", map[string]string{"route": "GET /api/search", "code": "200"}); n < 1 {
		t.Errorf("wenming_http_requests_total of /api/search: %v", n)
	}
	if n := value("wenming_http_request_duration_seconds", map[string]string{"route": "GET /api/search"}); n < 1 {
		t.Errorf("no latency observed for /api/search: %v", n)
	}
	if n := value("wenming_archive_articles", nil); n < 1 {
		t.Errorf("wenming_archive_articles = %v", n)
	}
	if n := value("wenming_crawl_runs_total", map[string]string{"status": "ok"}); n < 1 {
		t.Errorf("wenming_crawl_runs_total{status=ok} = %v", n)
	}
	if n := value("wenming_crawl_pages_total", nil); n < 1 {
		t.Errorf("wenming_crawl_pages_total = %v", n)
	}
}

// TestSearchByURL looks an article up by its own URL and by an alias,
// written the way a site or a share button links it.
func TestSearchByURL(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	const (
		static  = "http://hb.wenming.cn/a/wmcj/2025/0228/77.html"
		dynamic = "http://hb.wenming.cn/plus/view.php?aid=77"
	)
	a := &article.Article{
		URL: static, Site: "hb.wenming.cn", SiteName: "河北文明网", Level: article.Province, Column: "文明创建",
		Title: "我省召开文明创建工作推进会", Body: "会议要求，\n扎实推进文明创建工作。",
		Published: time.Date(2025, 2, 28, 0, 0, 0, 0, article.China), FetchedAt: time.Now(),
		Aliases: []string{dynamic},
	}
	if _, err := st.Put(a); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, q := range []string{static, "HTTP://HB.wenming.cn:80/a/wmcj/2025/0228/77.html#top", dynamic, dynamic + "&from=timeline"} {
		code, out, errOut := wenming(t, "search", "--data", data, q)
		if code != exitOK || !strings.Contains(out, "1 article archived under "+q) || !strings.Contains(out, "我省召开文明创建工作推进会") ||
			!strings.Contains(out, "    "+static+"\n") || !strings.Contains(out, "also "+dynamic) {
			t.Errorf("search %s: code %d\n%s%s", q, code, out, errOut)
		}
	}
	code, out, _ := wenming(t, "search", "--data", data, "--json", dynamic)
	var res struct {
		Total uint64
		Hits  []struct {
			URL     string
			Aliases []string
			Title   string
		}
	}
	if err := json.Unmarshal([]byte(out), &res); code != exitOK || err != nil || res.Total != 1 || len(res.Hits) != 1 ||
		res.Hits[0].URL != static || len(res.Hits[0].Aliases) != 1 {
		t.Errorf("search --json by alias: code %d %v\n%s", code, err, out)
	}
	code, out, _ = wenming(t, "search", "--data", data, "http://hb.wenming.cn/a/none.html")
	if code != exitOK || !strings.Contains(out, "0 articles archived under") {
		t.Errorf("unknown URL: code %d\n%s", code, out)
	}
	if code, _, errOut := wenming(t, "search", "--data", t.TempDir(), static); code != exitError || !strings.Contains(errOut, "no archive") {
		t.Errorf("no archive: code %d %s", code, errOut)
	}
}

// TestCrawlOnFullDisk: a crawl into an archive on a full filesystem exits
// 1 with a message naming the directory and what to do, warns beforehand
// that space is short, and is listed as failed; on a read-only filesystem
// it says the archive is not writable. A run killed before it logged its
// end is listed as killed.
func TestCrawlOnFullDisk(t *testing.T) {
	_, addr := testSim(t, simOptions{articles: 40, seed: 3, calm: true})
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	if err := os.Mkdir(small, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", small, "tmpfs", 0, "size=256k"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v); internal/pipeline's TestDiskFull covers a full disk with RLIMIT_FSIZE", err)
	}
	defer syscall.Unmount(small, syscall.MNT_DETACH)
	data := filepath.Join(small, "archive")
	cfg := configFile(t, dir, "data: %s\ncrawl:\n  proxy: http://%s\n  delay: 0s\n  random_delay: 0s\n  min_free_space: 1GiB\n", data, addr)

	code, stdout, stderr := wenming(t, "crawl", "--config", cfg)
	if code != exitError || !strings.Contains(stderr, "wenming crawl: disk full: ") || !strings.Contains(stderr, "free space on the filesystem of "+data) {
		t.Fatalf("crawl on a full disk: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"crawl stopped: the archive cannot be written", "disk_full", "warning   only", "crawl.min_free_space is 1GiB"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = wenming(t, "runs", "--data", data)
	if code != exitOK || !strings.Contains(stdout, " failed ") || !strings.Contains(stdout, "disk full") {
		t.Errorf("runs after a full disk: exit %d\n%s", code, stdout)
	}

	if err := syscall.Mount("tmpfs", small, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	code, _, stderr = wenming(t, "crawl", "--config", cfg)
	if code != exitError || !strings.Contains(stderr, "archive not writable") || !strings.Contains(stderr, "make "+data+" writable") {
		t.Errorf("crawl on a read-only filesystem: exit %d\n%s", code, stderr)
	}

	// A run killed after it began: its marker is left, the lock is not.
	killed := filepath.Join(dir, "killed")
	if err := os.Mkdir(killed, 0o755); err != nil {
		t.Fatal(err)
	}
	started := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	if _, err := runs.Begin(killed, runs.Run{ID: "k", Trigger: "crawl", Started: started}); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = wenming(t, "runs", "--data", killed)
	if code != exitOK || !strings.Contains(stdout, "2026-11-25 10:00:00 crawl") || !strings.Contains(stdout, " killed ") {
		t.Errorf("runs after a killed run: exit %d\n%s", code, stdout)
	}
}
