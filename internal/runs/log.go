package runs

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// LogFile is the name of the run log inside an archive directory.
const LogFile = "runs.jsonl"

// Run is one crawl run as the log keeps it.
type Run struct {
	ID      string `json:"id"`      // start time, e.g. 20261125T191502
	Trigger string `json:"trigger"` // "crawl", "demo" or "schedule:<name>"
	Group   string `json:"group,omitempty"`
	// Worker names the process that made the run, one of several crawl
	// workers sharing an archive in PostgreSQL ("" for an archive
	// directory's own runs).
	Worker   string    `json:"worker,omitempty"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	// Status is "ok", "interrupted" (stopped by a signal or by
	// crawl.max_duration; resumable) or "failed".
	Status  string `json:"status"`
	Error   string `json:"error,omitempty"`
	Resumed bool   `json:"resumed,omitempty"`
	// Figures of the run.
	Sites             map[string]int   `json:"sites"`
	Requests          int64            `json:"requests"`
	Pages             int64            `json:"pages"`
	ArticlesNew       int64            `json:"articles_new"`
	ArticlesUpdated   int64            `json:"articles_updated"`
	ArticlesUnchanged int64            `json:"articles_unchanged"`
	ArticlesAliased   int64            `json:"articles_aliased,omitempty"`
	RobotsBlocked     int64            `json:"robots_blocked"`
	NotModified       int64            `json:"not_modified"` // revisits answered 304 Not Modified
	Errors            map[string]int64 `json:"errors,omitempty"`
	Pending           int              `json:"pending"`
	Indexed           int              `json:"indexed"`
	Archived          int              `json:"archived"`
	Retried           int64            `json:"retried,omitempty"`
	ImagesCaptured    int64            `json:"images_captured,omitempty"` // the articles' images archived (crawl.capture_images)
	// RemovedAtSource counts the articles the run's revisits found gone
	// from their sites and marked removed at the source; RemovalsHeld the
	// answers saying so on sites that did not show themselves healthy in
	// the run (not recorded).
	RemovedAtSource int64 `json:"removed_at_source,omitempty"`
	RemovalsHeld    int64 `json:"removals_held,omitempty"`
	// SweepChecked counts the archived articles the run's removal sweep
	// asked again and got an answer for (found as archived, changed or
	// gone); SweepRemoved those of them it marked removed at the source
	// (counted in RemovedAtSource too).
	SweepChecked int64 `json:"sweep_checked,omitempty"`
	SweepRemoved int64 `json:"sweep_removed,omitempty"`
	// Stopped are the URL patterns the crawl stopped expanding (traps:
	// their pages revealed nothing new), with what they cost.
	Stopped      []StoppedPattern  `json:"stopped,omitempty"`
	OutOfScope   map[string]int64  `json:"out_of_scope,omitempty"`   // URLs rejected by scope rule
	SkippedHosts map[string]string `json:"skipped_hosts,omitempty"`  // hosts left for the run, and why
	Unverified   map[string]string `json:"unverified_tls,omitempty"` // hosts archived though their HTTPS certificate failed verification or was legacy TLS, and why
}

// StoppedPattern is a URL pattern a run stopped expanding.
type StoppedPattern struct {
	Pattern  string `json:"pattern"`
	Example  string `json:"example"`
	Requests int    `json:"requests"`
	Dropped  int    `json:"dropped"`
	Reason   string `json:"reason"`
}

// KindDeadLink is the error kind of a page a site links that answers 404
// Not Found: the crawl's crawl.KindDeadLink (package crawl does not import
// this one; TestDeadLinkKindIsTheCrawls keeps the two equal). Such a page
// is the site's dead link, counted apart from the crawl's errors.
const KindDeadLink = "http_404"

// ErrorsAndDeadLinks splits a run's errors by kind into its errors and
// its dead links (KindDeadLink), as every report of a run counts them.
func ErrorsAndDeadLinks(byKind map[string]int64) (errs, dead int64) {
	for k, n := range byKind {
		if k == KindDeadLink {
			dead += n
		} else {
			errs += n
		}
	}
	return errs, dead
}

// Duration is how long the run took.
func (r Run) Duration() time.Duration { return r.Finished.Sub(r.Started) }

// FiguresAsOf says when the figures of a run that ended without logging
// its end were last reported, as the time into the run: a message for
// people, in no time zone.
func (r Run) FiguresAsOf() string {
	return fmt.Sprintf("figures as of %s into the run", r.Duration().Round(time.Second))
}

// Append adds a run to the log in dir. Each run is one line, written with
// a single append and synced, so a crash never leaves half a run behind
// anything but the last line (which Read skips).
func Append(dir string, r Run) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("run log: %w", err)
	}
	line = append(line, '\n')
	f, err := os.OpenFile(filepath.Join(dir, LogFile), os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("run log: %w", err)
	}
	// After a crash mid-write the log may end in a torn line: end it first,
	// so that this run's line stays readable.
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, fi.Size()-1); err == nil && last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return fmt.Errorf("run log: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("run log: %w", err)
	}
	return f.Close()
}

// Read returns the runs logged in dir, oldest first. A missing log is no
// runs; a torn last line (a crash mid-write) is skipped. A line may be of
// any length: a run over the whole hierarchy lists thousands of stopped
// patterns and hosts left, megabytes of JSON.
func Read(dir string) ([]Run, error) {
	return ReadLast(dir, 0)
}

// ReadLast returns the last n runs logged in dir (every run when n <= 0),
// oldest first, as Read does, reading only the end of the log: a log of
// years of nightly runs over the whole hierarchy runs to gigabytes, and
// the last run is what a status page shows.
func ReadLast(dir string, n int) ([]Run, error) {
	f, err := os.Open(filepath.Join(dir, LogFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("run log: %w", err)
	}
	defer f.Close()
	if n <= 0 {
		return readFrom(f)
	}
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("run log: %w", err)
	}
	// Lines that do not parse (torn by a crash) are skipped, so more lines
	// than runs may have to be read: twice as many each time short.
	for lines := n + 1; ; lines *= 2 {
		start, err := lineStart(f, fi.Size(), lines)
		if err != nil {
			return nil, fmt.Errorf("run log: %w", err)
		}
		list, err := readFrom(io.NewSectionReader(f, start, fi.Size()-start))
		if len(list) >= n || start == 0 || err != nil {
			return list[max(0, len(list)-n):], err
		}
	}
}

// lineStart is the offset of the start of the last lines lines of the
// first size bytes of f (0 when it has fewer), found reading back from
// the end.
func lineStart(f io.ReaderAt, size int64, lines int) (int64, error) {
	buf := make([]byte, 64<<10)
	seen := 0
	for pos := size; pos > 0; {
		k := min(int64(len(buf)), pos)
		pos -= k
		if _, err := f.ReadAt(buf[:k], pos); err != nil {
			return 0, err
		}
		for i := k - 1; i >= 0; i-- {
			if buf[i] != '\n' || pos+i == size-1 { // the last line's own end
				continue
			}
			if seen++; seen == lines {
				return pos + i + 1, nil
			}
		}
	}
	return 0, nil
}

// readFrom reads the runs of a log's lines from r, skipping lines that
// do not parse (a torn line from a crash).
func readFrom(r io.Reader) ([]Run, error) {
	var out []Run
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			var r Run
			if json.Unmarshal(b, &r) == nil {
				out = append(out, r)
			}
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("run log line %d: %w", line, err)
		}
	}
}
