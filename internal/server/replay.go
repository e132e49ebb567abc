package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/replay"
	"github.com/wenming-archive/wenming/internal/warc"
)

// Routes of the captures, when Options.WARCDir is set.
func captureURL(a *article.Article) string { return "/capture/" + ArticleID(a.URL) }
func replayURL(a *article.Article) string  { return "/replay/" + ArticleID(a.URL) }

// hasCapture reports whether the server can show a's capture.
func (s *server) hasCapture(a *article.Article) bool { return s.opts.WARCDir != "" && a.Capture != nil }

// capture is where the capture c is: its WARC directory, and c with the
// name its file has there (see warc.FindFile); WARCDir and c when no
// directory has it (reading it then fails as missing).
func (s *server) capture(c article.Capture) (string, article.Capture) {
	dir, file, ok := warc.FindFile(append([]string{s.opts.WARCDir}, s.opts.WARCReadDirs...), c.File)
	if !ok {
		return s.opts.WARCDir, c
	}
	c.File = file
	return dir, c
}

// captured loads the article of the {id} path value and checks that it has
// a capture.
func (s *server) captured(r *http.Request) (*article.Article, error) {
	a, err := s.article(r)
	if err != nil {
		return nil, err
	}
	if !s.hasCapture(a) {
		return nil, newError(http.StatusNotFound, "这篇文章没有存档快照", "no capture of this article")
	}
	if strings.ContainsAny(a.Capture.File, `/\`) {
		return nil, fmt.Errorf("capture of %s: bad WARC file name %q", a.URL, a.Capture.File)
	}
	return a, nil
}

// captureMissing is the error of a capture whose WARC file or payload is
// gone.
func captureMissing(err error) error {
	if errors.Is(err, replay.ErrMissing) {
		return newError(http.StatusNotFound, "存档快照的 WARC 记录找不到了（文件缺失，或采集仍在进行、尚未编入索引）", "the capture's WARC record is missing")
	}
	return err
}

// downloadCapture serves an article's raw capture: its WARC record as a
// one-record .warc.gz (each record is its own gzip member), which any WARC
// tool reads.
func (s *server) downloadCapture(w http.ResponseWriter, r *http.Request) error {
	a, err := s.captured(r)
	if err != nil {
		return err
	}
	dir, c := s.capture(*a.Capture)
	f, err := os.Open(filepath.Join(dir, c.File))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return captureMissing(replay.ErrMissing)
		}
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/warc")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%d.warc.gz"`, strings.TrimSuffix(c.File, ".warc.gz"), c.Offset))
	w.Header().Set("Content-Length", fmt.Sprint(c.Length))
	if _, err := io.Copy(w, io.NewSectionReader(f, c.Offset, c.Length)); err != nil {
		s.log.Debug("write capture", "err", err)
	}
	return nil
}

type replayView struct {
	Title      string
	Query      string
	A          *article.Article
	ArticleURL string
	FrameURL   string
	CaptureURL string
	Fetched    time.Time // when the capture was taken
	Payload    time.Time // for a revisit: when its content was first archived
	Status     int
	Sandbox    string
	Page       *replay.Page
}

// replayPage shows the capture in a sandboxed frame under a banner that
// says what it is: when it was captured, from where, and where the raw
// record is.
func (s *server) replayPage(w http.ResponseWriter, r *http.Request) error {
	a, err := s.captured(r)
	if err != nil {
		return err
	}
	if toOwnID(w, r, "/replay/", a) {
		return nil
	}
	resp, err := replay.Load(s.capture(*a.Capture))
	if err != nil {
		return captureMissing(err)
	}
	v := &replayView{Title: "存档快照：" + a.Title, A: a, ArticleURL: "/articles/" + ArticleID(a.URL),
		FrameURL: replayURL(a) + "/raw", CaptureURL: captureURL(a), Fetched: resp.Time, Payload: resp.PayloadTime,
		Status: resp.Status, Sandbox: replay.Sandbox}
	if replay.IsHTML(resp.ContentType()) {
		if v.Page, err = replay.Rewrite(resp.Body, resp.ContentType(), resp.URL, s.replayLinks); err != nil {
			return err
		}
	}
	// This page frames the replay: the only frame it may hold is ours.
	w.Header().Set("Content-Security-Policy", pagePolicy+"; frame-src 'self'")
	s.render(w, http.StatusOK, "replay", v)
	return nil
}

// replayRaw serves the rewritten capture itself, sandboxed (see package
// replay): the replay page frames it.
func (s *server) replayRaw(w http.ResponseWriter, r *http.Request) error {
	a, err := s.captured(r)
	if err != nil {
		return err
	}
	resp, err := replay.Load(s.capture(*a.Capture))
	if err != nil {
		return captureMissing(err)
	}
	replay.Header(w.Header())
	w.Header().Set("Cache-Control", "private, max-age=300")
	if !replay.IsHTML(resp.ContentType()) {
		// Shown as text, never as the type it claims.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if _, err := w.Write(resp.Body); err != nil {
			s.log.Debug("write replay", "err", err)
		}
		return nil
	}
	page, err := replay.Rewrite(resp.Body, resp.ContentType(), resp.URL, s.replayLinks)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if _, err := w.Write(page.HTML); err != nil {
		s.log.Debug("write replay", "err", err)
	}
	return nil
}

// replayLinks sends a link of a replayed page to the replay of the article
// at that URL when the archive holds one with a capture, else to the live
// web.
func (s *server) replayLinks(u string) (string, bool) {
	a, err := s.arts.Get(u)
	if err != nil || !s.hasCapture(a) {
		return "", false
	}
	return replayURL(a), true
}
