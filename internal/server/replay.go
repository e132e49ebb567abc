package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
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
		if v.Page, err = replay.RewriteWith(resp.Body, resp.ContentType(), resp.URL, s.replayOptions()); err != nil {
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
	source := imageSource(r)
	replay.HeaderImages(w.Header(), source)
	w.Header().Set("Cache-Control", "private, max-age=300")
	if !replay.IsHTML(resp.ContentType()) {
		// Shown as text, never as the type it claims.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if _, err := w.Write(resp.Body); err != nil {
			s.log.Debug("write replay", "err", err)
		}
		return nil
	}
	o := replay.Options{Links: s.replayLinks}
	if source != "" {
		o = s.replayOptions()
	}
	page, err := replay.RewriteWith(resp.Body, resp.ContentType(), resp.URL, o)
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

// replayImageRoute serves an archived image by its URL (?url=), for the
// images of replayed pages.
const replayImageRoute = "/replay-image"

// replayOptions are where a replayed page's links and images go: links
// as replayLinks says, images to replayImageRoute when archived.
func (s *server) replayOptions() replay.Options {
	return replay.Options{Links: s.replayLinks, Images: s.replayImages}
}

// warcDirs are the directories whose index.cdxj may hold a capture.
func (s *server) warcDirs() []string {
	return append([]string{s.opts.WARCDir}, s.opts.WARCReadDirs...)
}

// replayImages sends an image of a replayed page to replayImageRoute when
// the WARC index holds a 2xx capture of it that may be an image (its type
// image/…, or a revisit, whose type is its payload's); others keep their
// placeholder.
func (s *server) replayImages(u string) (string, bool) {
	if s.opts.WARCDir == "" {
		return "", false
	}
	_, c, ok, err := warc.FindURLIn(s.warcDirs(), u)
	if err != nil || !ok || !(c.Revisit || strings.HasPrefix(strings.ToLower(c.Mime), "image/")) {
		return "", false
	}
	return replayImageRoute + "?url=" + url.QueryEscape(u), true
}

// imageSource is the CSP source expression of replayImageRoute on the
// host the request came to (host and path, no scheme: the page's own
// scheme), or "" when its Host is not one to write into a policy.
func imageSource(r *http.Request) string {
	host := r.Host
	if host == "" || strings.Trim(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != "" {
		return ""
	}
	return host + replayImageRoute
}

// replayImage serves the payload of an archived image, found by its URL
// through the WARC index, as its archived type (only an image type, see
// replay.ImageType) under replay.ImageHeader: never sniffed, sandboxed.
func (s *server) replayImage(w http.ResponseWriter, r *http.Request) error {
	resp, err := s.archivedAnswer(r, "图片", "an image", newError(http.StatusNotFound, "这张图片没有存档", "image not archived"))
	if err != nil {
		return err
	}
	typ, ok := replay.ImageType(resp.ContentType(), resp.Body)
	if !ok {
		return newError(http.StatusNotFound, "存档中这个地址的内容不是图片", "the archived answer is not an image")
	}
	replay.ImageHeader(w.Header(), typ)
	w.Header().Set("Cache-Control", "private, max-age=86400")
	if _, err := w.Write(resp.Body); err != nil {
		s.log.Debug("write replay image", "err", err)
	}
	return nil
}

// archivedAnswer loads the latest capture of the http(s) URL in the
// request's url parameter, found through the WARC index: the archived
// answer of an image or an attachment (what, in Chinese and English, for
// the error of a bad URL; notArchived is the error when the archive holds none).
func (s *server) archivedAnswer(r *http.Request, zh, en string, notArchived error) (*replay.Response, error) {
	u := r.URL.Query().Get("url")
	if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return nil, newError(http.StatusBadRequest, "url 参数应为"+zh+"的 http(s) 地址", "url must be the http(s) URL of "+en)
	}
	if s.opts.WARCDir == "" {
		return nil, notArchived
	}
	_, c, ok, err := warc.FindURLIn(s.warcDirs(), u)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notArchived
	}
	resp, err := replay.Load(s.capture(article.Capture{File: c.File, Offset: c.Offset, Length: c.Length, Time: c.Time}))
	if err != nil {
		return nil, captureMissing(err)
	}
	return resp, nil
}
