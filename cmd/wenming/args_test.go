package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

// TestSearchQueryArguments: an excluded term written as the query language
// writes it ("-招募") belongs to the query, not to the flags; flags still
// work before, between and after the terms, and "--" ends them.
func TestSearchQueryArguments(t *testing.T) {
	data := demo.Copy(t)
	total := func(args ...string) (int, string) {
		t.Helper()
		code, out, errOut := wenming(t, append([]string{"search", "--data", data, "--json"}, args...)...)
		if code != exitOK {
			return -1, errOut
		}
		var res struct{ Total int }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return res.Total, ""
	}
	all, _ := total("文明")
	without, errOut := total("文明", "-志愿")
	if all == 0 || without < 0 || without >= all {
		t.Errorf("文明 finds %d, 文明 -志愿 %d (%s); want fewer, but some", all, without, errOut)
	}
	for _, args := range [][]string{
		{"--limit", "3", "文明", "-志愿"},
		{"文明", "--limit=3", "-志愿"},
		{"-志愿", "文明", "--sort", "-published"},
		{"--", "文明", "-志愿"},
		{"文明", `-"志愿"`},
	} {
		if n, errOut := total(args...); n != without {
			t.Errorf("search %q: %d hits (%s), want %d", args, n, errOut, without)
		}
	}
	code, _, errOut := wenming(t, "search", "--data", data, "文明", "-limitt", "3")
	if code != exitUsage || !strings.Contains(errOut, "-limitt") || !strings.Contains(errOut, "--") {
		t.Errorf("an unknown ASCII flag: code %d, %q; want a usage error saying how to exclude a word", code, errOut)
	}
}

// TestForgivingCommandLine: --version, "help COMMAND", a bad --sort
// refused as usage before the archive is opened, and --since/--until
// taking the query language's short dates.
func TestForgivingCommandLine(t *testing.T) {
	if code, out, _ := wenming(t, "--version"); code != exitOK || !strings.HasPrefix(out, "wenming ") {
		t.Errorf("--version: code %d, %q", code, out)
	}
	if code, out, _ := wenming(t, "help", "search"); code != exitOK || !strings.Contains(out, "Usage: wenming search") {
		t.Errorf("help search: code %d, %q", code, out)
	}
	if code, _, errOut := wenming(t, "search", "--data", t.TempDir(), "--sort", "foo", "x"); code != exitUsage || !strings.Contains(errOut, "-published") {
		t.Errorf("--sort foo: code %d, %q", code, errOut)
	}
	if code, _, errOut := wenming(t, "search", "--data", t.TempDir(), "--offset", "-1", "x"); code != exitUsage || errOut != "wenming search: --offset -1: want 0 or more (the hits to skip)\n" {
		t.Errorf("--offset -1: code %d, %q", code, errOut)
	}
	data := demo.Copy(t)
	count := func(args ...string) int {
		t.Helper()
		out := wenmingOK(t, append([]string{"search", "--data", data, "--json", "--limit", "1"}, args...)...)
		var res struct{ Total int }
		json.Unmarshal([]byte(out), &res)
		return res.Total
	}
	for _, tc := range []struct{ flags, query []string }{
		{[]string{"--since", "2020"}, []string{"since:2020"}},
		{[]string{"--since", "2021-06"}, []string{"since:2021-06"}},
		{[]string{"--until", "2022"}, []string{"until:2021"}}, // --until is the first day it excludes
	} {
		got, want := count(append(tc.flags, "文明")...), count(append(tc.query, "文明")...)
		if got != want {
			t.Errorf("%q finds %d, %q %d", tc.flags, got, tc.query, want)
		}
	}
	if code, _, errOut := wenming(t, "search", "--data", data, "--since", "2023-13", "x"); code != exitUsage || !strings.Contains(errOut, "month 13") {
		t.Errorf("--since 2023-13: code %d, %q", code, errOut)
	}
	// An offset past the last hit says why none is shown.
	if out := wenmingOK(t, "search", "--data", data, "--offset", "100000", "文明"); !strings.Contains(out, " (none shown: --offset 100000 skips them all)") {
		t.Errorf("--offset past the hits: %q", out)
	}
	// The flags narrow the query's dates, and a range they leave empty is
	// refused, as export refuses it, not answered "0 articles match".
	for _, tc := range []struct{ flags, query []string }{
		{[]string{"--since", "2020"}, []string{"since:2021", "since:2021"}},
		{[]string{"--until", "2023"}, []string{"until:2021", "until:2021"}},
	} {
		got, want := count(append(append(tc.flags, "文明"), tc.query[0])...), count("文明", tc.query[1])
		if got != want {
			t.Errorf("%q with %s finds %d, %s %d", tc.flags, tc.query[0], got, tc.query[1], want)
		}
	}
	for _, args := range [][]string{{"--since", "2023", "--until", "2023"}, {"--until", "2023", "since:2023"}} {
		if code, _, errOut := wenming(t, append(append([]string{"search", "--data", data}, args...), "文明")...); code != exitUsage || !strings.Contains(errOut, "the date range is empty") {
			t.Errorf("%q: code %d, %q; want a usage error, the range is empty", args, code, errOut)
		}
	}
}

// TestExportWACZ: --format wacz writes a zip that holds the package's
// files; internal/export validates the package itself.
func TestExportWACZ(t *testing.T) {
	data := demo.Copy(t)
	out := filepath.Join(t.TempDir(), "demo.wacz")
	wenmingOK(t, "export", "--data", data, "--format", "wacz", "--query", "文明", "-o", out)
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"archive/data.warc.gz", "pages/pages.jsonl", "datapackage.json", "datapackage-digest.json"} {
		if !names[want] {
			t.Errorf("no %s in %v", want, names)
		}
	}
	if !names["indexes/index.cdxj"] && !(names["indexes/index.cdx.gz"] && names["indexes/index.idx"]) {
		t.Errorf("no index (index.cdxj, or index.cdx.gz with index.idx) in %v", names)
	}
	if code, _, errOut := wenming(t, "export", "--data", data, "--format", "wacz"); code != exitUsage || !strings.Contains(errOut, "-o FILE.wacz") {
		t.Errorf("wacz without -o: code %d, %q", code, errOut)
	}
}

// TestExportNeverOverwritesSilently: one rule for every format — an -o
// that exists is refused, --force replaces it.
func TestExportNeverOverwritesSilently(t *testing.T) {
	data := demo.Copy(t)
	dir := t.TempDir()
	for _, f := range []struct{ format, out string }{
		{"jsonl", "a.jsonl"}, {"csv", "a.csv"}, {"warc", "a.warc.gz"}, {"wacz", "a.wacz"}, {"markdown", "md"},
	} {
		out := filepath.Join(dir, f.out)
		args := []string{"export", "--data", data, "--format", f.format, "--query", "文明", "-o", out}
		if code, _, errOut := wenming(t, args...); code != exitOK {
			t.Fatalf("%s: code %d: %s", f.format, code, errOut)
		}
		code, _, errOut := wenming(t, args...)
		if code != exitUsage || !strings.Contains(errOut, "--force") || strings.Contains(errOut, ".tmp") {
			t.Errorf("%s again without --force: code %d, %q", f.format, code, errOut)
		}
		if code, _, errOut := wenming(t, append(args, "--force")...); code != exitOK {
			t.Errorf("%s again with --force: code %d, %q", f.format, code, errOut)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 6 { // the five and a.cdxj
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left in the output directory: %q", names)
	}
}

// TestSummaryTellsDeadLinks: a 404 of a page a site links to is the site's
// dead link, told apart from the crawl's errors in the summary.
func TestSummaryTellsDeadLinks(t *testing.T) {
	var b strings.Builder
	writeSummary(&b, pipeline.Report{Crawl: crawl.Summary{
		Errors:       map[string]int64{"http_404": 3},
		ErrorSamples: map[string]string{"http_404": "http://x.cn/wap/: Not Found"},
	}})
	if out := b.String(); !strings.Contains(out, "dead links 3") || !strings.Contains(out, "errors    none") {
		t.Errorf("only dead links:\n%s", out)
	}
	b.Reset()
	writeSummary(&b, pipeline.Report{Crawl: crawl.Summary{
		Errors:       map[string]int64{"http_404": 3, "network": 2},
		ErrorSamples: map[string]string{"http_404": "http://x.cn/wap/: Not Found", "network": "http://x.cn/a: reset"},
	}})
	if out := b.String(); !strings.Contains(out, "dead links 3") || !strings.Contains(out, "errors    network 2") || strings.Contains(out, "errors    http_404") {
		t.Errorf("dead links and an error:\n%s", out)
	}
}

// TestOnePositional: a command that takes one file refuses none and two
// as a usage error saying what to give, before it reads a config.
func TestOnePositional(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"extract"}, "give exactly one FILE or URL"},
		{[]string{"extract", "a.html", "b.html"}, "give exactly one FILE or URL"},
		{[]string{"import"}, "give one file, e.g. wenming import articles.jsonl"},
		{[]string{"import", "a.jsonl", "b.jsonl"}, "give one file, e.g. wenming import articles.jsonl"},
	} {
		code, _, errOut := wenming(t, append(c.args, "--config", filepath.Join(t.TempDir(), "missing.yaml"))...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("wenming %q: code %d, %q; want a usage error saying %q", c.args, code, errOut, c.want)
		}
	}
}

// TestSummaryOfAWideCrawl: a crawl of the whole network stops URL
// patterns and leaves hosts by the hundred (every county's calendar,
// search and pager): the summary for people names the first ten of each
// and counts the rest, instead of a line each (--json, untouched, keeps
// them all).
func TestSummaryOfAWideCrawl(t *testing.T) {
	s := crawl.Summary{SkippedHosts: map[string]string{}}
	for i := range 1500 {
		s.Stopped = append(s.Stopped, crawl.StoppedPattern{Pattern: fmt.Sprintf("www.c%dwm.gov.cn/hdrl/?month={…}", i), Requests: 20, Reason: "idle"})
		s.Inert = append(s.Inert, crawl.InertParam{Param: "from", Pattern: fmt.Sprintf("www.c%dwm.gov.cn/a/{n}.html", i)})
		s.SkippedHosts[fmt.Sprintf("www.d%dwm.gov.cn", i)] = "down: 10 requests in a row failed"
	}
	var b strings.Builder
	writeSummary(&b, pipeline.Report{Crawl: s})
	out := b.String()
	if lines := strings.Count(out, "\n"); lines > 60 {
		t.Errorf("the summary of 1,500 stopped patterns, inert parameters and hosts left runs to %d lines", lines)
	}
	for _, want := range []string{"stopped   1500 URL patterns", "www.c0wm.gov.cn/hdrl/", "… and 1490 more (--json lists them all)", "host left www.d0wm.gov.cn"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestSimExtras: --extras switches on the facts of the real sites the
// default simulation leaves out, by name or all; a name that is none is a
// usage error naming the known ones, before anything starts. A demo with
// a province answering under a second domain and pages labelled gzip over
// plain bytes archives with no errors.
func TestSimExtras(t *testing.T) {
	for _, cmd := range []string{"sim", "demo"} {
		code, _, errOut := wenming(t, cmd, "--extras", "false-gzip,twin-domian")
		if code != exitUsage || !strings.Contains(errOut, `"twin-domian"`) || !strings.Contains(errOut, "twin-domain") {
			t.Errorf("%s --extras with a misspelt name: code %d, %q; want a usage error listing the names", cmd, code, errOut)
		}
	}
	data := filepath.Join(t.TempDir(), "archive")
	out := wenmingOK(t, "demo", "--data", data, "--articles", "60", "--extras", "twin-domain, false-gzip", "--config", filepath.Join("..", "..", "config.yaml"))
	for _, want := range []string{"crawl finished", "errors    none"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo --extras output lacks %q:\n%s", want, out)
		}
	}
}

// TestSummaryTellsOutagesWaitedOut: the requests tried past crawl.retries,
// each waiting out its host's outage, are counted on the summary's
// skipped line and in --json.
func TestSummaryTellsOutagesWaitedOut(t *testing.T) {
	rep := pipeline.Report{Crawl: crawl.Summary{Retried: 9, RetriedLonger: 2}}
	var b strings.Builder
	writeSummary(&b, rep)
	if out := b.String(); !strings.Contains(out, "9 retried later (2 requests past crawl.retries, waiting out their host's outage)") {
		t.Errorf("summary:\n%s", out)
	}
	var j strings.Builder
	if err := printReport(&globals{json: true, stdout: &j}, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(j.String(), `"retried":9,"retried_longer":2`) {
		t.Errorf("--json: %s", j.String())
	}
}
