package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
)

// extractJSON is what "wenming extract" prints.
type extractJSON struct {
	URL                string  `json:"url"`
	Charset            string  `json:"charset"`
	IsArticle          bool    `json:"is_article"`
	Profile            string  `json:"profile"`
	Title              string  `json:"title"`
	Published          *string `json:"published"`
	PublishedPrecision *string `json:"published_precision"`
	Views              *int64  `json:"views"`
	Counter            *string `json:"counter,omitempty"`
	CounterKind        string  `json:"counter_kind,omitempty"`
	Column             string  `json:"column"`
	Source             string  `json:"source"`
	Author             string  `json:"author"`
	Editor             string  `json:"editor"`
	Body               string  `json:"body"`
}

func runExtractCmd(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	g.addFlags(fs)
	pageURL := fs.String("url", "", "the page's URL when reading a file (resolves links, picks the profile)")
	pos, err := g.parse(fs, args, "extract FILE|URL [--url U]\n\nPrints the fields extracted from one page as JSON. A URL is fetched with\nthe configured user agent and proxy; a file is read as the raw bytes the\nserver sent (any charset).")
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{errors.New("give exactly one FILE or URL (see --help)")}
	}
	src := pos[0]
	var raw []byte
	var contentType string
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		cfg, err := g.loadConfig()
		if err != nil {
			return err
		}
		raw, contentType, err = fetchOne(ctx, src, cfg.Crawl.UserAgent, cfg.Crawl.Proxy, cfg.Crawl.Timeout, cfg.Crawl.MaxBodyBytes)
		if err != nil {
			return err
		}
		if *pageURL == "" {
			*pageURL = src
		}
	} else {
		raw, err = os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("read page: %w", err)
		}
	}
	if *pageURL == "" {
		*pageURL = "http://localhost/" // links stay relative to nothing in particular
	}
	u, err := url.Parse(*pageURL)
	if err != nil || u.Host == "" {
		return usageError{fmt.Errorf("--url %q is not an absolute URL", *pageURL)}
	}
	body, charset, err := extract.Decode(raw, contentType)
	if err != nil {
		return fmt.Errorf("decode %s: %w", src, err)
	}
	res, err := extract.Extract(body, u)
	if err != nil {
		return fmt.Errorf("extract %s: %w", src, err)
	}
	out := extractJSON{
		URL: u.String(), Charset: charset, IsArticle: res.IsArticle, Profile: res.Profile, Title: res.Title,
		Views: res.Views, Column: res.Column, Source: res.Source, Author: res.Author, Editor: res.Editor, Body: res.Body,
	}
	if !res.Published.IsZero() {
		s := res.Published.In(article.China).Format(time.RFC3339)
		p := string(res.Precision)
		out.Published, out.PublishedPrecision = &s, &p
	}
	if res.Counter != nil {
		out.Counter, out.CounterKind = &res.Counter.URL, res.Counter.Kind
	}
	enc := json.NewEncoder(g.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// fetchOne GETs one page for "wenming extract".
func fetchOne(ctx context.Context, src, ua, proxy string, timeout time.Duration, limit int64) ([]byte, string, error) {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if proxy != "" {
		pu, err := url.Parse(proxy)
		if err != nil {
			return nil, "", usageError{fmt.Errorf("crawl.proxy: %w", err)}
		}
		t.Proxy = http.ProxyURL(pu)
	}
	client := &http.Client{Transport: t, Timeout: timeout}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, "", usageError{err}
	}
	req.Header.Set("User-Agent", ua)
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w", src, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("fetch %s: %s", src, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w", src, err)
	}
	if int64(len(body)) > limit {
		return nil, "", fmt.Errorf("fetch %s: larger than crawl.max_body_bytes (%d bytes)", src, limit)
	}
	return body, resp.Header.Get("Content-Type"), nil
}
