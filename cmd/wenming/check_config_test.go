package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckConfig: check validates the config in effect first; an error
// in it is FILE:LINE: key (also in --json) and exit 2, without going on to
// the archive; a scheduled job's site must be one the archive knows.
func TestCheckConfig(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "archive")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("bad.yaml", "data: "+data+"\ncrawl:\n  per_host: 0\n")
	code, out, errOut := wenming(t, "check", "--config", bad)
	if code != exitUsage || !strings.Contains(errOut, bad+":3: crawl.per_host: must be at least 1") || out != "" {
		t.Errorf("check of a bad config: code %d, out %q, err %q", code, out, errOut)
	}
	code, out, _ = wenming(t, "check", "--config", bad, "--json")
	var js struct {
		Config struct {
			OK    bool `json:"ok"`
			Error struct {
				File string `json:"file"`
				Line int    `json:"line"`
				Key  string `json:"key"`
			} `json:"error"`
		} `json:"config"`
		Records *int `json:"records"`
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil || code != exitUsage || js.Config.OK || js.Config.Error.File != bad ||
		js.Config.Error.Line != 3 || js.Config.Error.Key != "crawl.per_host" || js.Records != nil {
		t.Errorf("check --json of a bad config: code %d, %+v (%v)\n%s", code, js, err, out)
	}

	// A job on the listed province site, by its name, and on sites.
	hebei := func(sites string) string {
		return "data: " + data + `
sites:
  - url: http://hb.wenming.cn/
    name: 河北文明网
    level: province
    parent: www.wenming.cn
schedule:
  - name: hebei
    cron: "@daily"
    sites: [河北` + sites + `]
`
	}
	sched := write("sched.yaml", hebei(", hb.wenmnig.cn"))
	for _, cmd := range []string{"check", "schedule"} {
		code, _, errOut = wenming(t, cmd, "--config", sched)
		if code != exitUsage || !strings.Contains(errOut, sched+":10: schedule[0].sites[1]: hb.wenmnig.cn is not a known site; did you mean hb.wenming.cn") {
			t.Errorf("%s with an unknown scheduled site: code %d, err %q", cmd, code, errOut)
		}
	}

	good := write("good.yaml", hebei(""))
	code, out, errOut = wenming(t, "check", "--config", good, "--config-only")
	if code != exitOK || !strings.Contains(out, "config "+good+": ok · 1 seed · 1 listed site · 1 scheduled job · 0 extraction profiles · archive "+data) {
		t.Errorf("check --config-only: code %d, out %q, err %q", code, out, errOut)
	}
	// The config is fine, the archive is not there: check goes on to it.
	code, out, errOut = wenming(t, "check", "--config", good)
	if code != exitError || !strings.Contains(out, "config "+good+": ok") || !strings.Contains(errOut, "no archive in "+data) {
		t.Errorf("check without an archive: code %d, out %q, err %q", code, out, errOut)
	}
}
