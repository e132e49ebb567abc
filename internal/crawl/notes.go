package crawl

import (
	"context"
	"log/slog"
	"sync/atomic"
)

// notesAtInfo is how many notes of one kind a crawl logs at Info: a crawl
// of the whole network (3,000 sites) stops a calendar, a search or a pager
// on nearly every site and meets hundreds of hosts whose charset labels
// disagree with their bytes, and a line each at Info was thousands of
// lines a run. The rest are logged at Debug, and the crawl's end says how
// many (the Summary and the run log list every stopped pattern).
const notesAtInfo = 20

// notes counts the notes of one kind a crawl logs, a line per host or per
// URL pattern.
type notes struct {
	msg string // the note's log message
	n   atomic.Int64
}

// log logs one note: at Info for the first notesAtInfo, at Debug after.
func (n *notes) log(log *slog.Logger, args ...any) {
	level := slog.LevelInfo
	if n.n.Add(1) > notesAtInfo {
		level = slog.LevelDebug
	}
	log.Log(context.Background(), level, n.msg, args...)
}

// logMore logs, at Info, how many of the notes went to Debug, if any.
func (n *notes) logMore(log *slog.Logger, what string) {
	if more := n.n.Load() - notesAtInfo; more > 0 {
		log.Info(n.msg+": more at debug level", "more", more, "logged", notesAtInfo, "what", what)
	}
}
