package server

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/metrics"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/store"
)

// Articles is where the server reads archived articles; *store.Store
// satisfies it. Get returns an error wrapping [store.ErrNotFound] or
// [fs.ErrNotExist] for an unknown URL.
type Articles interface {
	Get(url string) (*article.Article, error)
}

var _ Articles = (*store.Store)(nil)

// Searcher is where the server searches: *index.Index (one index or
// shards), or a view of an archive (package archive) that reads its files
// or through the process holding it. Every implementation runs the suite
// of package searchtest; a new need of the server's is a case there.
type Searcher interface {
	Search(ctx context.Context, q index.Query) (*index.Results, error)
	Stats(ctx context.Context) (*index.Stats, error)
}

var _ Searcher = (*index.Index)(nil)

// unavailable is implemented by errors of a backend that is out of reach
// for a moment (an archive changing hands): the answer is 503 with
// Retry-After.
type unavailable interface{ Unavailable() bool }

// counter is implemented by archives that can count their articles
// (*store.Store does); /api/stats then reports the count.
type counter interface {
	Len() (int, error)
}

// Options configure the server. The zero value is usable.
type Options struct {
	// MaxQueryLen bounds the query, in characters; 0 means 256.
	MaxQueryLen int
	// MaxPageSize bounds the size parameter of /api/search; 0 means 100.
	MaxPageSize int
	// Logger receives server errors; nil discards them.
	Logger *slog.Logger
	// WARCDir is the directory of the archive's WARC files. When set, an
	// article's capture is shown at /replay/{id} and its raw WARC record
	// served at /capture/{id}.
	WARCDir string
	// WARCReadDirs are more WARC directories where a capture's file is
	// looked for when WARCDir lacks it: those of the other crawl workers
	// sharing the records (config warc.read_dirs).
	WARCReadDirs []string
	// Crawl, if set, tells of the crawl running on the archive (a
	// scheduler's, reported to its metrics): /api/stats and the home page
	// show its progress.
	Crawl func() metrics.Live
	// Runs, if set, lists the archive's latest runs (the last one is
	// enough), oldest first, the one running (in any process) last: the
	// home page and /api/stats show the last.
	Runs func() ([]runs.Run, error)
}

// Defaults of Options.
const (
	DefaultMaxQueryLen = 256
	DefaultMaxPageSize = 100
	defaultAPISize     = 10
	pageSize           = 20 // hits per HTML page
	defaultFacetSize   = 10
	maxFacetSize       = 100
	maxCursorLen       = 2048
)

type server struct {
	ix   Searcher
	arts Articles
	opts Options
	log  *slog.Logger
	tmpl *templates
}

// New returns the handler serving the pages and the API over ix and arts.
func New(ix Searcher, arts Articles, opts Options) http.Handler {
	if opts.MaxQueryLen <= 0 {
		opts.MaxQueryLen = DefaultMaxQueryLen
	}
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = DefaultMaxPageSize
	}
	s := &server{ix: ix, arts: arts, opts: opts, log: opts.Logger, tmpl: mustParseTemplates()}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /api/search", s.api(s.apiSearch))
	mux.Handle("GET /api/articles/{id}", s.api(s.apiArticle))
	mux.Handle("GET /api/stats", s.api(s.apiStats))
	mux.Handle("/api/", s.api(func(*http.Request) (any, error) {
		return nil, newError(http.StatusNotFound, "没有这个接口", "no such API endpoint")
	}))
	mux.Handle("GET /static/", s.static())
	mux.Handle("GET /{$}", s.page(s.home))
	mux.Handle("GET /search", s.page(s.searchPage))
	mux.Handle("GET /articles/{id}", s.page(s.articlePage))
	mux.Handle("GET /replay/{id}", s.page(s.replayPage))
	mux.Handle("GET /replay/{id}/raw", s.page(s.replayRaw))
	mux.Handle("GET "+replayImageRoute, s.page(s.replayImage))
	mux.Handle("GET "+attachmentRoute, s.page(s.attachment))
	mux.Handle("GET /capture/{id}", s.page(s.downloadCapture))
	mux.Handle("/", s.page(func(http.ResponseWriter, *http.Request) error {
		return newError(http.StatusNotFound, "页面不存在", "page not found")
	}))
	return securityHeaders(s.onlyGET(mux))
}

// onlyGET refuses methods other than GET and HEAD (every route is a
// read) with a 405 in the route's kind: JSON under /api/, a page elsewhere.
func (s *server) onlyGET(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Allow", "GET, HEAD")
		err := newError(http.StatusMethodNotAllowed, "只支持 GET 请求：这里的页面和接口都只读", "method "+r.Method+" not allowed: only GET and HEAD")
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.api(func(*http.Request) (any, error) { return nil, err }).ServeHTTP(w, r)
			return
		}
		s.page(func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, r)
	})
}

// static serves the embedded files; a missing one gets the error page.
func (s *server) static() http.Handler {
	files := http.StripPrefix("/static/", http.FileServerFS(staticFS))
	notFound := s.page(func(http.ResponseWriter, *http.Request) error {
		return newError(http.StatusNotFound, "页面不存在", "page not found")
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if fi, err := fs.Stat(staticFS, name); err != nil || fi.IsDir() {
			notFound.ServeHTTP(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// pagePolicy is the Content-Security-Policy of the pages: no script, no
// frames, nothing from elsewhere.
const pagePolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// securityHeaders forbids scripts, framing and content sniffing: the pages
// need no script, so injected markup could not run one.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", pagePolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// httpError is an error with a status code and a message for the client,
// in English for programs and in Chinese for readers.
type httpError struct {
	status int
	msg    string // English
	zh     string // Chinese
}

func (e *httpError) Error() string { return e.msg }

// newError returns an httpError; zh and en are the same message in Chinese
// and in English.
func newError(status int, zh, en string) error { return &httpError{status: status, msg: en, zh: zh} }

// badRequest is a 400 with a message in Chinese and English, both
// formatted with args.
func badRequest(zh, en string, args ...any) error {
	return newError(http.StatusBadRequest, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...))
}

// errorMessage is what a client is told of an error: its status and the
// message in English (for the API's "error") and Chinese (for pages and
// the API's "message").
type errorMessage struct {
	status int
	en, zh string
}

// statusOf maps err to a status and a client message; unexpected errors are
// logged and shown as a generic message.
func (s *server) statusOf(r *http.Request, err error) errorMessage {
	var he *httpError
	var qe *index.QueryError
	switch {
	case errors.As(err, &he):
		return errorMessage{he.status, he.msg, he.zh}
	case errors.As(err, &qe):
		return errorMessage{http.StatusBadRequest, qe.Error(), queryErrorText(qe)}
	case errors.Is(err, index.ErrBadCursor):
		return errorMessage{http.StatusBadRequest, "bad cursor in after: its values do not fit this search; pass the next value of the previous page unchanged",
			"翻页参数 after 与这次搜索不符：请原样使用上一页给出的 next 值"}
	case errors.Is(err, store.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		return errorMessage{http.StatusNotFound, "article not found", "找不到这篇文章"}
	case r.Context().Err() != nil:
		return errorMessage{http.StatusServiceUnavailable, "request cancelled", "请求已取消"}
	case isUnavailable(err):
		return errorMessage{http.StatusServiceUnavailable, "the archive is changing hands (a crawl is starting or ending): try again in a few seconds",
			"存档正在交接（一次采集开始或结束），请几秒钟后再试。"}
	case errors.Is(err, index.ErrDamaged):
		s.log.Error("index damaged", "method", r.Method, "url", r.URL.String(), "err", err)
		return errorMessage{http.StatusInternalServerError, `the search index is damaged: the archive's operator should run "wenming reindex"`,
			"搜索索引已损坏：请存档的管理员运行 “wenming reindex” 重建索引。"}
	}
	s.log.Error("request failed", "method", r.Method, "url", r.URL.String(), "err", err)
	return errorMessage{http.StatusInternalServerError, "internal error", "服务器内部错误，请稍后再试。"}
}

// retryAfter is the Retry-After of a 503 for an archive changing hands, in
// seconds: a holder opens or lets go of the files within a few.
const retryAfter = "3"

func isUnavailable(err error) bool {
	var u unavailable
	return errors.As(err, &u) && u.Unavailable()
}

// safely runs f and turns a panic in it into an error, so that one bad
// request (a damaged file under it) answers 500 instead of dropping the
// connection.
func safely(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return f()
}

// api adapts a handler returning a JSON value or an error.
func (s *server) api(h func(*http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v any
		err := safely(func() (err error) { v, err = h(r); return err })
		status := http.StatusOK
		if err != nil {
			m := s.statusOf(r, err)
			status = m.status
			v = ErrorJSON{Error: m.en, Message: m.zh}
			if isUnavailable(err) {
				w.Header().Set("Retry-After", retryAfter)
			}
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(true) // "<" as \u003c: safe even if sniffed as HTML
		if err := enc.Encode(v); err != nil {
			s.log.Debug("write response", "err", err)
		}
	})
}

// ErrorJSON is the body of an API error: the message in English for
// programs and in Chinese for a page to show.
type ErrorJSON struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// searchParams are the parameters shared by /search and /api/search.
type searchParams struct {
	q      string
	sort   string
	after  string
	size   int
	query  index.Query
	parsed bool // query holds ParseQuery's result
	// tooLong is set when q was over MaxQueryLen: q then holds only its
	// first MaxQueryLen characters, and pages must not repeat it in links.
	tooLong bool
}

var sorts = []string{"relevance", "-published", "published", "-views", "views"}

// parseSearch reads q, sort, size and after. A query error leaves parsed
// false and is returned with the params, so that pages can show the query.
func (s *server) parseSearch(r *http.Request, defaultSize, maxSize int) (*searchParams, error) {
	v := r.URL.Query()
	p := &searchParams{q: strings.TrimSpace(v.Get("q")), sort: v.Get("sort"), after: v.Get("after"), size: defaultSize}
	if n := utf8.RuneCountInString(p.q); n > s.opts.MaxQueryLen {
		p.q, p.tooLong = truncate(p.q, s.opts.MaxQueryLen-1), true // with "…", still at most MaxQueryLen
		return p, badRequest("查询有 %d 个字符，最多允许 %d 个", "query is %d characters long; at most %d are allowed", n, s.opts.MaxQueryLen)
	}
	if p.sort == "" {
		p.sort = "relevance"
	}
	found := false
	for _, x := range sorts {
		found = found || x == p.sort
	}
	if !found {
		bad := truncate(p.sort, 20)
		p.sort = "relevance"
		return p, badRequest("不认识的排序方式 %q，可用的有：%s", "unknown sort %q; want one of %s", bad, strings.Join(sorts, ", "))
	}
	if sz := v.Get("size"); sz != "" {
		n, err := strconv.Atoi(sz)
		if err != nil || n < 1 || n > maxSize {
			return p, badRequest("size 应为 1 到 %d 之间的数字", "size must be a number from 1 to %d", maxSize)
		}
		p.size = n
	}
	q, err := index.ParseQuery(p.q)
	if err != nil {
		return p, err
	}
	q.Sort, q.Size = p.sort, p.size
	if p.after != "" {
		if q.After, err = decodeCursor(p.after, p.q, p.sort); err != nil {
			return p, err
		}
	}
	p.query, p.parsed = q, true
	return p, nil
}

// truncate returns s cut to its first n characters, with "…" if cut, so
// that an error message or a page repeats no more of a long parameter.
func truncate(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// cursor is the after parameter: the index's search-after values, bound to
// the query and sort they were made for.
type cursor struct {
	Query  string   `json:"q"` // a hash of the query text
	Sort   string   `json:"s"`
	Values []string `json:"v"`
}

func queryHash(q string) string {
	h := sha256.Sum256([]byte(q))
	return base64.RawURLEncoding.EncodeToString(h[:6])
}

func encodeCursor(values []string, q, sort string) string {
	if values == nil {
		return ""
	}
	b, _ := json.Marshal(cursor{Query: queryHash(q), Sort: sort, Values: values})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, q, sort string) ([]string, error) {
	bad := badRequest("翻页参数 after 无效：请原样使用上一页给出的 next 值", "bad cursor in after: pass the next value of the previous page unchanged")
	if len(s) > maxCursorLen {
		return nil, bad
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || len(c.Values) == 0 {
		return nil, bad
	}
	if c.Query != queryHash(q) || c.Sort != sort {
		return nil, badRequest("翻页参数 after 属于另一个查询或排序：请去掉 after 从第一页开始", "the cursor in after belongs to another query or sort; start again without after")
	}
	return c.Values, nil
}

// ArticleID returns the id of the article with canonical URL u in paths
// such as /articles/{id}: u in unpadded base64url.
func ArticleID(u string) string { return base64.RawURLEncoding.EncodeToString([]byte(u)) }

// ParseArticleID reverses ArticleID.
func ParseArticleID(id string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil || len(b) == 0 || !utf8.Valid(b) {
		return "", badRequest("文章编号 %q 无效：应为文章网址的 base64url 编码（不补等号）", "bad article id %q: want the URL in unpadded base64url", truncate(id, 100))
	}
	return string(b), nil
}

// facetFilter returns the query term that keeps the matches with value v
// of facet name.
func facetFilter(name, v string) string {
	switch name {
	case index.FacetProvince, index.FacetCity, index.FacetCounty:
		return index.FieldTerm(index.FieldSite, v)
	case index.FacetColumn:
		return index.FieldTerm(index.FieldColumn, v)
	case index.FacetYear:
		return index.FieldTerm(index.FieldYear, v)
	case index.FacetLevel:
		return index.FieldTerm(index.FieldLevel, v)
	}
	return ""
}
