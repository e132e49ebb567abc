package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSearchQueryArguments: an excluded term written as the query language
// writes it ("-招募") belongs to the query, not to the flags; flags still
// work before, between and after the terms, and "--" ends them.
func TestSearchQueryArguments(t *testing.T) {
	data := demoCopy(t)
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
