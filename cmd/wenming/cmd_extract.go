package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

// extractJSON is what "wenming extract" prints.
type extractJSON struct {
	URL                string            `json:"url"`
	Charset            string            `json:"charset"`
	IsArticle          bool              `json:"is_article"`
	Undated            bool              `json:"undated,omitempty"`          // an article but for its date: a crawl dates it by its list
	DayWithoutYear     string            `json:"day_without_year,omitempty"` // an undated page's "05-10 09:12", no year anywhere
	Profile            string            `json:"profile"`
	Title              string            `json:"title"`
	Published          *string           `json:"published"`
	PublishedPrecision *string           `json:"published_precision"`
	Views              *int64            `json:"views"`
	Counter            *string           `json:"counter,omitempty"`
	CounterKind        string            `json:"counter_kind,omitempty"`
	Column             string            `json:"column"`
	Source             string            `json:"source"`
	Author             string            `json:"author"`
	Editor             string            `json:"editor"`
	Body               string            `json:"body"`
	Images             []string          `json:"images,omitempty"`
	NextPages          []string          `json:"next_pages,omitempty"`
	Continuation       bool              `json:"continuation,omitempty"`
	FirstPage          string            `json:"first_page,omitempty"`
	Provenance         map[string]string `json:"provenance"`
	BodyHTML           string            `json:"body_html,omitempty"`
}

func runExtractCmd(ctx context.Context, g *globals, args []string) error {
	fs := g.flagSet("extract")
	pageURL := fs.String("url", "", "the page's URL when reading a file (resolves links, picks the profile)")
	profile := fs.String("profile", "", "force a profile: "+strings.Join(extract.BuiltinProfiles(), ", ")+" or one of the config's profiles")
	withHTML := fs.Bool("html", false, "also print the cleaned body HTML")
	src, err := g.parseOne(fs, args, "extract FILE|URL [--url U] [--profile NAME] [--html]\n\nPrints the fields extracted from one page as JSON, with the profile or rule\nthat produced each (provenance). A URL is fetched with the configured user\nagent and proxy; a file is read as the raw bytes the server sent (any\ncharset). The config's profiles apply.", "exactly one FILE or URL")
	if err != nil {
		return err
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	profiles, err := pipeline.Profiles(&cfg)
	if err != nil {
		return usageError{err}
	}
	if *profile != "" {
		known := extract.BuiltinProfiles()
		for _, p := range cfg.Profiles {
			known = append(known, p.Name)
		}
		if !slices.Contains(known, *profile) {
			return usageError{fmt.Errorf("--profile %q: want one of %s (the built-in ones, then those of the config's profiles:)", *profile, strings.Join(known, ", "))}
		}
	}
	var raw []byte
	var contentType string
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		raw, contentType, err = fetchOne(ctx, g, src, cfg.Crawl, cfg.Crawl.MaxBodyBytes)
		if err != nil {
			return err
		}
		if *pageURL == "" {
			*pageURL = src
		}
	} else {
		raw, err = os.ReadFile(src)
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: no such file; give a page saved as the server sent it, or an http(s) URL", src)
		}
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
	body, dec, err := extract.Decode(raw, contentType)
	if err != nil {
		return fmt.Errorf("decode %s: %w", src, err)
	}
	res, err := extract.ExtractWith(body, u, extract.Options{Profiles: profiles, Profile: *profile})
	if err != nil {
		return fmt.Errorf("extract %s: %w", src, err)
	}
	out := extractJSON{
		URL: u.String(), Charset: dec.Charset, IsArticle: res.IsArticle, Undated: res.Undated, Profile: res.Profile, Title: res.Title,
		Views: res.Views, Column: res.Column, Source: res.Source, Author: res.Author, Editor: res.Editor, Body: res.Body,
		Images: res.Images, NextPages: res.NextPages, Continuation: res.Continuation, FirstPage: res.FirstPage,
		Provenance: res.Provenance,
	}
	if res.DayWithoutYear != nil {
		out.DayWithoutYear = res.DayWithoutYear.String()
	}
	if *withHTML {
		out.BodyHTML = res.BodyHTML
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

// fetchOne GETs one page for "wenming extract", by the crawl's settings
// (user agent, proxy, timeout, certificate rules: a certificate that fails
// verification, or a server of legacy TLS only, is said on stderr unless
// crawl.strict_tls refuses it).
func fetchOne(ctx context.Context, g *globals, src string, cc config.Crawl, limit int64) ([]byte, string, error) {
	ua, proxy, timeout := cc.UserAgent, cc.Proxy, cc.Timeout
	notes := crawl.NewTLSNotes()
	defer func() {
		for h, why := range notes.Hosts() {
			fmt.Fprintf(g.stderr, "warning: HTTPS of %s: %s: fetched all the same\n", h, why)
		}
	}()
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = crawl.ClientTLS(cc.StrictTLS, nil, notes)
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
