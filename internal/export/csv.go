package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// CSVColumns are the columns of the CSV export, in order; the first row of
// the file names them. checked_at is when the crawl last found the
// article served as archived after its fetch (a removal sweep, a 304).
// The removed_ columns are empty but for an article its site no longer
// serves (removed at the source): when a revisit first and last found it
// gone, the HTTP status of the answer that said so (404, 410; 200 for the
// site's not-found page; 0 for a redirect to its error page or
// homepage), and that answer in a few words.
var CSVColumns = []string{
	"url", "site", "site_name", "level", "lineage", "column", "title", "published",
	"published_precision", "views", "source", "author", "editor", "body", "fetched_at",
	"aliases", "attachments", "checked_at", "removed_since", "removed_seen", "removed_status", "removed_answer",
}

// LineageSep joins the site names of the lineage in the CSV export.
const LineageSep = " > "

// AliasSep joins the aliases in the CSV export; a URL never contains a
// space, so it never occurs inside one.
const AliasSep = "; "

// attachmentsCell is the CSV field of an article's attachments: one line
// each, its name and its URL in angle brackets ("名单.pdf <http://…>"), the
// URL alone where the link had no text.
func attachmentsCell(atts []article.Attachment) string {
	lines := make([]string, len(atts))
	for i, at := range atts {
		lines[i] = "<" + at.URL + ">"
		if at.Name != "" {
			lines[i] = at.Name + " " + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// bom is the UTF-8 byte order mark. Excel needs it to read a CSV file as
// UTF-8 rather than the system code page (GBK on a Chinese Windows).
const bom = "\uFEFF"

// CSVOptions configure [CSV]. The zero value writes a byte order mark.
type CSVOptions struct {
	NoBOM bool // leave out the UTF-8 byte order mark
}

// CSV writes a header row and one row per article (see [CSVColumns]) with
// encoding/csv's quoting: body keeps its newlines inside a quoted field.
// Times are RFC 3339 in China time; an unknown date or view count, or a
// time out of range (see [Record]), is an empty field. It returns how many articles it wrote.
func CSV(ctx context.Context, w io.Writer, src Source, opts CSVOptions) (int, error) {
	if !opts.NoBOM {
		if _, err := io.WriteString(w, bom); err != nil {
			return 0, fmt.Errorf("export csv: %w", err)
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return 0, fmt.Errorf("export csv: %w", err)
	}
	n, err := src.each(ctx, func(a *article.Article) error {
		return cw.Write(CSVRow(a))
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		return n, fmt.Errorf("export csv: %w", err)
	}
	return n, nil
}

// CSVRow is the CSV row of an article, in the order of [CSVColumns].
func CSVRow(a *article.Article) []string {
	r := NewRecord(a)
	var published, precision, views, fetched string
	if r.Published != nil {
		published = r.Published.Format(time.RFC3339)
		precision = string(*r.PublishedPrecision)
	}
	if r.FetchedAt != nil {
		fetched = r.FetchedAt.Format(time.RFC3339)
	}
	if r.Views != nil {
		views = strconv.FormatInt(*r.Views, 10)
	}
	var checked, since, seen, status, answer string
	if r.CheckedAt != nil {
		checked = r.CheckedAt.Format(time.RFC3339)
	}
	if m := r.Removed; m != nil {
		since, seen = timeCell(m.Since), timeCell(m.Seen)
		status, answer = strconv.Itoa(m.Status), m.Answer
	}
	return []string{
		r.URL, r.Site, r.SiteName, string(r.Level), strings.Join(a.LineageNames(), LineageSep),
		r.Column, r.Title, published, precision, views, r.Source, r.Author, r.Editor, r.Body,
		fetched, strings.Join(r.Aliases, AliasSep), attachmentsCell(r.Attachments),
		checked, since, seen, status, answer,
	}
}

// timeCell is a time's CSV field: RFC 3339 (in the zone it is given in,
// China time for an export record's), empty when zero or out of range.
func timeCell(t time.Time) string {
	if !writable(t) {
		return ""
	}
	return t.Format(time.RFC3339)
}
