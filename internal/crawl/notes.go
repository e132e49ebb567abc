package crawl

import (
	"context"
	"log/slog"
	"sync/atomic"
)

// notesAtLevel is how many notes of one kind a crawl logs at their own
// level: a crawl of the whole network (3,000 sites) stops a calendar, a
// search or a pager on nearly every site, meets hundreds of hosts whose
// charset labels disagree with their bytes, and, when its network fails,
// leaves every host; a line each was thousands of lines a run. The rest
// are logged at Debug, and the crawl's end says how many (the Summary and
// the run log list every stopped pattern and host left).
const notesAtLevel = 20

// notes counts the notes of one kind a crawl logs, a line per host or per
// URL pattern.
type notes struct {
	msg   string     // the note's log message
	level slog.Level // the level of the first notesAtLevel
	n     atomic.Int64
}

// log logs one note: at n.level for the first notesAtLevel, at Debug
// after.
func (n *notes) log(log *slog.Logger, args ...any) {
	level := n.level
	if n.n.Add(1) > notesAtLevel {
		level = slog.LevelDebug
	}
	log.Log(context.Background(), level, n.msg, args...)
}

// logMore logs, at n.level, how many of the notes went to Debug, if any.
func (n *notes) logMore(log *slog.Logger, what string) {
	if more := n.n.Load() - notesAtLevel; more > 0 {
		log.Log(context.Background(), n.level, n.msg+": more at debug level", "more", more, "logged", notesAtLevel, "what", what)
	}
}
