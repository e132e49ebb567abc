package pipeline

import (
	"fmt"
	"log/slog"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/warc"
)

// mendCaptures clears the capture pointers that lead past the end of a
// WARC file, or to no valid record in it, when the recorder's Open found
// the file left by a stopped run and mended it (rec.Repaired): a run
// stopped by an OS crash or a power cut before its WARC bytes reached the
// disk (a run before the records waited for them: see durable) leaves
// records pointing at bytes that are gone. Only this worker's own files
// are judged (rec.Owns): records shared in PostgreSQL point into other
// workers' files too, which their own runs mend. A record cleared is
// marked CaptureLost, so that the crawl fetches its page again. It
// returns the URLs of the records it cleared.
func mendCaptures(st archive.Records, rec *warc.Recorder, dir string, log *slog.Logger) ([]string, error) {
	files := map[string]warc.FileRepair{}
	for _, f := range rec.Repaired() {
		if rec.Owns(f.Name) {
			files[f.Name] = f
		}
	}
	if len(files) == 0 {
		return nil, nil
	}
	var lost, why []string
	err := st.ForEach(func(a *article.Article) error {
		c := a.Capture
		if c == nil {
			return nil
		}
		f, ok := files[c.File]
		if !ok {
			return nil
		}
		var bad error
		if f.Removed || c.Offset+c.Length > f.Size {
			bad = fmt.Errorf("%s at %d+%d: past the end of the file (%d bytes left)", c.File, c.Offset, c.Length, f.Size)
		} else if _, err := warc.ReadCapture(dir, c.File, c.Offset, c.Length); err != nil {
			bad = err
		}
		if bad != nil {
			lost = append(lost, a.URL)
			if len(why) < 5 {
				why = append(why, a.URL+": "+bad.Error())
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check capture pointers: %w", err)
	}
	// Written after ForEach, which must not call Put.
	for _, u := range lost {
		a, err := st.Get(u)
		if err != nil {
			return nil, fmt.Errorf("clear lost capture: %w", err)
		}
		a.Capture, a.CaptureLost = nil, true
		if _, err := st.Put(a); err != nil {
			return nil, fmt.Errorf("clear lost capture: %w", err)
		}
	}
	if len(lost) > 0 {
		log.Warn("capture pointers led to WARC bytes that a stopped run lost: cleared, the pages are fetched again", "records", len(lost), "examples", why)
	}
	return lost, nil
}
