package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/runs"
)

// The output of a crawl, a run and a search over the whole network
// (3,000 sites): lists bounded for people, every item kept for --json.

// runsListing makes an archive whose log holds one run, r (an ok crawl of
// an hour), and returns its directory and what "wenming runs" prints.
func runsListing(t *testing.T, r runs.Run) (data, listed string) {
	t.Helper()
	data = t.TempDir()
	if err := os.WriteFile(archive.ArticlesPath(data), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	started := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	r.ID, r.Trigger, r.Started, r.Finished, r.Status = "1", "crawl", started, started.Add(time.Hour), "ok"
	if err := runs.Append(data, r); err != nil {
		t.Fatal(err)
	}
	code, listed, errOut := wenming(t, "runs", "--data", data)
	if code != exitOK {
		t.Fatalf("runs: code %d, %s", code, errOut)
	}
	return data, listed
}

// TestWideUnverifiedHosts: a crawl of the whole network over HTTPS meets
// county sites by the hundred whose certificate fails verification; the
// crawl's summary and "wenming runs" name the first ten and count the
// rest, instead of a line each (--json keeps them all).
func TestWideUnverifiedHosts(t *testing.T) {
	unverified := map[string]string{}
	for i := range 2800 {
		unverified[fmt.Sprintf("www.c%dwm.gov.cn", i)] = "x509: certificate signed by unknown authority"
	}
	var b strings.Builder
	writeSummary(&b, pipeline.Report{Crawl: crawl.Summary{Unverified: unverified}})
	data, listed := runsListing(t, runs.Run{Unverified: unverified})
	for name, out := range map[string]string{"summary": b.String(), "runs": listed} {
		if n := strings.Count(out, "unverified HTTPS"); n != listCap {
			t.Errorf("%s: %d lines of unverified hosts, want %d:\n%.2000s", name, n, listCap, out)
		}
		if !strings.Contains(out, "unverified HTTPS www.c0wm.gov.cn") || !strings.Contains(out, "… and 2790 more (--json lists them all)") {
			t.Errorf("%s lacks the first host or the count of the rest:\n%.2000s", name, out)
		}
	}
	code, js, errOut := wenming(t, "runs", "--json", "--data", data)
	var list []runs.Run
	if err := json.Unmarshal([]byte(js), &list); code != exitOK || err != nil || len(list) != 1 || len(list[0].Unverified) != 2800 {
		t.Errorf("runs --json: code %d, %v, %s: want the run with its 2800 unverified hosts", code, err, errOut)
	}
}

// TestScheduleLogsStoppedOfAWideRun: after each run a scheduler logs the
// URL patterns it stopped; a run over the whole network stops thousands,
// which were a log line each, again after the crawl's own. It logs the
// first ten and counts the rest.
func TestScheduleLogsStoppedOfAWideRun(t *testing.T) {
	var stopped []crawl.StoppedPattern
	for i := range 3000 {
		stopped = append(stopped, crawl.StoppedPattern{Pattern: fmt.Sprintf("www.c%dwm.gov.cn/wmrl/?m={n}", i), Requests: 20, Reason: "idle"})
	}
	var logged strings.Builder
	logStopped(slog.New(slog.NewTextHandler(&logged, nil)), "nightly", stopped)
	out := logged.String()
	if lines := strings.Count(out, "\n"); lines != listCap+1 {
		t.Errorf("%d log lines for 3,000 stopped patterns, want %d and one counting the rest:\n%.3000s", lines, listCap+1, out)
	}
	for _, want := range []string{`pattern="www.c0wm.gov.cn/wmrl/?m={n}"`, "more=2990"} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%.3000s", want, out)
		}
	}
}

// TestWideSummaryCostliestFirst: of the thousands of URL patterns a crawl
// of the whole network stops, most after a few requests, the summary for
// people, "wenming runs" and a scheduler's log show the costliest ten,
// not the first ten stopped.
func TestWideSummaryCostliestFirst(t *testing.T) {
	var stopped []crawl.StoppedPattern
	var logged []runs.StoppedPattern
	for i := range 3000 {
		p := crawl.StoppedPattern{Pattern: fmt.Sprintf("www.c%dwm.gov.cn/wmrl/?m={n}", i), Requests: 3, Reason: "repeat"}
		if i%300 == 299 {
			p.Requests = 40 + i/300 // ten costly ones, the last stopped costliest
		}
		stopped = append(stopped, p)
		logged = append(logged, runs.StoppedPattern{Pattern: p.Pattern, Requests: p.Requests, Reason: p.Reason})
	}
	var summary strings.Builder
	writeSummary(&summary, pipeline.Report{Crawl: crawl.Summary{Stopped: stopped}})
	var log strings.Builder
	logStopped(slog.New(slog.NewTextHandler(&log, nil)), "nightly", stopped)
	_, listed := runsListing(t, runs.Run{Stopped: logged})
	for name, out := range map[string]string{"summary": summary.String(), "log": log.String(), "runs": listed} {
		costly := 0
		for i := 299; i < 3000; i += 300 {
			if strings.Contains(out, fmt.Sprintf("www.c%dwm.gov.cn/", i)) {
				costly++
			}
		}
		first := strings.Index(out, "www.c2999wm.gov.cn/")
		if costly != 10 || first < 0 || first > strings.Index(out, "www.c299wm.gov.cn/") {
			t.Errorf("%s shows %d of the ten costliest patterns, the costliest first at %d, want all ten, costliest first:\n%.3000s", name, costly, first, out)
		}
		if !strings.Contains(out, "2990") {
			t.Errorf("%s does not count the 2990 others:\n%.3000s", name, out)
		}
	}
}

// TestWideSearchFacets: a search over the whole network matches articles
// of thousands of county sites, of which --facets lists ten; the output
// counts the matches of the others instead of leaving them out unsaid,
// and --json gives that count as facets_other.
func TestWideSearchFacets(t *testing.T) {
	county := index.Facet{Other: 2790}
	for i := range 10 {
		county.Values = append(county.Values, index.FacetValue{Value: fmt.Sprintf("县%d文明网", i), Count: 1})
	}
	res := &index.Results{Total: 2800, Facets: map[string]index.Facet{index.FacetCounty: county, index.FacetLevel: {Values: []index.FacetValue{{Value: "county", Count: 2800}}}}}
	var people strings.Builder
	writeHits(&people, res, index.Query{Text: "志愿"}, false)
	if !strings.Contains(people.String(), "县9文明网 1 · other values 2790\n") || strings.Contains(people.String(), "county 2800 · other") {
		t.Errorf("the county facet does not count the 2790 others (or the level facet counts others it lacks):\n%s", people.String())
	}
	var js strings.Builder
	if err := writeHitsJSON(&js, res, nil); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Facets      map[string][]facetJSON `json:"facets"`
		FacetsOther map[string]int         `json:"facets_other"`
	}
	if err := json.Unmarshal([]byte(js.String()), &out); err != nil || len(out.Facets["county"]) != 10 || len(out.FacetsOther) != 1 || out.FacetsOther["county"] != 2790 {
		t.Errorf("--json: %v; facets_other %v, want county 2790 alone: %s", err, out.FacetsOther, js.String())
	}
}
