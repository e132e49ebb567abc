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
	"github.com/wenming-archive/wenming/internal/store"
)

// Articles is where the server reads archived articles; *store.Store
// satisfies it. Get returns an error wrapping [store.ErrNotFound] or
// [fs.ErrNotExist] for an unknown URL.
type Articles interface {
	Get(url string) (*article.Article, error)
}

var _ Articles = (*store.Store)(nil)

// Searcher is where the server searches: *index.Index, or a view of an
// archive that reads through the process holding it.
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
	// CaptureURL, if set, returns a link to the raw capture of an article
	// (e.g. a WARC replay), or "" when there is none.
	CaptureURL func(a *article.Article) string
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
		return nil, &httpError{status: http.StatusNotFound, msg: "no such API endpoint"}
	}))
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(staticFS)))
	mux.Handle("GET /{$}", s.page(s.home))
	mux.Handle("GET /search", s.page(s.searchPage))
	mux.Handle("GET /articles/{id}", s.page(s.articlePage))
	mux.Handle("/", s.page(func(http.ResponseWriter, *http.Request) error {
		return &httpError{status: http.StatusNotFound, msg: "页面不存在"}
	}))
	return securityHeaders(mux)
}

// securityHeaders forbids scripts, framing and content sniffing: the pages
// need no script, so injected markup could not run one.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// httpError is an error with a status code and a message for the client.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// statusOf maps err to a status and a client message; unexpected errors are
// logged and shown as a generic message.
func (s *server) statusOf(r *http.Request, err error) (int, string) {
	var he *httpError
	var qe *index.QueryError
	switch {
	case errors.As(err, &he):
		return he.status, he.msg
	case errors.As(err, &qe):
		return http.StatusBadRequest, qe.Error()
	case errors.Is(err, index.ErrBadCursor):
		return http.StatusBadRequest, "bad cursor in after: its values do not fit this search; pass the next value of the previous page unchanged"
	case errors.Is(err, store.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		return http.StatusNotFound, "article not found"
	case r.Context().Err() != nil:
		return http.StatusServiceUnavailable, "request cancelled"
	case isUnavailable(err):
		return http.StatusServiceUnavailable, "the archive is changing hands (a crawl is starting or ending): try again in a few seconds"
	case errors.Is(err, index.ErrDamaged):
		s.log.Error("index damaged", "method", r.Method, "url", r.URL.String(), "err", err)
		return http.StatusInternalServerError, `the search index is damaged: the archive's operator should run "wenming reindex"`
	}
	s.log.Error("request failed", "method", r.Method, "url", r.URL.String(), "err", err)
	return http.StatusInternalServerError, "internal error"
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
			var msg string
			status, msg = s.statusOf(r, err)
			v = map[string]string{"error": msg}
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
		return p, badRequest("query is %d characters long; at most %d are allowed", n, s.opts.MaxQueryLen)
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
		return p, badRequest("unknown sort %q; want one of %s", bad, strings.Join(sorts, ", "))
	}
	if sz := v.Get("size"); sz != "" {
		n, err := strconv.Atoi(sz)
		if err != nil || n < 1 || n > maxSize {
			return p, badRequest("size must be a number from 1 to %d", maxSize)
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
	bad := badRequest("bad cursor in after: pass the next value of the previous page unchanged")
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
		return nil, badRequest("the cursor in after belongs to another query or sort; start again without after")
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
		return "", badRequest("bad article id %q: want the URL in unpadded base64url", truncate(id, 100))
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
