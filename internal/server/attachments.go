package server

import (
	"net/http"
	"net/url"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/replay"
	"github.com/wenming-archive/wenming/internal/warc"
)

// attachmentRoute serves an archived attachment by its URL (?url=), for
// the 附件 of article pages and the API.
const attachmentRoute = "/attachment"

// AttachmentJSON is an attachment of an article in /api/articles/{id}:
// its URL and name as the record has them and, when the archive holds a
// 2xx capture of it, the route that serves that copy.
type AttachmentJSON struct {
	URL         string `json:"url"`
	Name        string `json:"name,omitempty"`
	ArchivedURL string `json:"archived_url,omitempty"`
}

// attachmentsOf lists a's attachments with the archived copy of each
// that the WARC index holds (crawl.capture_attachments).
func (s *server) attachmentsOf(a *article.Article) []AttachmentJSON {
	out := make([]AttachmentJSON, 0, len(a.Attachments))
	for _, at := range a.Attachments {
		aj := AttachmentJSON{URL: at.URL, Name: at.Name}
		if s.opts.WARCDir != "" {
			if _, c, ok, err := warc.FindURLIn(s.warcDirs(), at.URL); err == nil && ok && c.Status >= 200 && c.Status <= 299 {
				aj.ArchivedURL = attachmentRoute + "?url=" + url.QueryEscape(at.URL)
			}
		}
		out = append(out, aj)
	}
	return out
}

// hitAttachments lists the attachments of the article of a search hit
// (its record's URL): the index holds none, so its record is read, one
// read a hit. A record that cannot be read lists none: the hit is shown
// all the same.
func (s *server) hitAttachments(id string) []AttachmentJSON {
	a, err := s.arts.Get(id)
	if err != nil || a == nil || len(a.Attachments) == 0 {
		return nil
	}
	return s.attachmentsOf(a)
}

// attachment serves the payload of an archived attachment, found by its
// URL through the WARC index, for download only: under
// replay.AttachmentHeader (Content-Disposition: attachment, its archived
// type unless a browser could run script in it, nosniff, sandboxed), so
// that an HTML page archived as a .pdf is never rendered by the archive.
func (s *server) attachment(w http.ResponseWriter, r *http.Request) error {
	resp, err := s.archivedAnswer(r, "附件", "an attachment", newError(http.StatusNotFound, "这个附件没有存档", "attachment not archived"))
	if err != nil {
		return err
	}
	if resp.Status < 200 || resp.Status > 299 {
		return newError(http.StatusNotFound, "存档中这个附件的地址没有得到文件（原网站的回答是错误）", "the archived answer is no file but an error")
	}
	typ := replay.AttachmentType(resp.ContentType(), resp.Body)
	replay.AttachmentHeader(w.Header(), typ, replay.AttachmentName(r.URL.Query().Get("url"), resp.Header.Get("Content-Disposition")))
	w.Header().Set("Cache-Control", "private, max-age=86400")
	if _, err := w.Write(resp.Body); err != nil {
		s.log.Debug("write attachment", "err", err)
	}
	return nil
}
