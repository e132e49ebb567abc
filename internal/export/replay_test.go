package export_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/wenming-archive/wenming/internal/export"
	"github.com/wenming-archive/wenming/internal/warc"
)

// replayEnv names the directory of the npm package replaywebpage (its
// ui.js and sw.js); .ci/run fetches it and sets it.
const replayEnv = "WENMING_REPLAYWEBPAGE"

const chromiumPath = "/usr/bin/chromium"

// framesText is run in the page: the address and visible text of every
// same-origin frame, found through the shadow roots of the document and of
// the frames, recursively — ReplayWeb.page shows the archived page in an
// iframe inside the shadow roots of its components, served by its service
// worker. The app's own text (its list of pages, titles included) is left
// out: only what the replayed page shows counts.
const framesText = `(() => {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.tagName === "IFRAME") {
        try {
          const d = el.contentDocument;
          if (d && d.body) { out.push({url: d.location.href, text: d.body.innerText}); walk(d); }
        } catch (e) {}
      }
    }
  };
  walk(document);
  return out;
})()`

// frame is one result of framesText.
type frame struct {
	URL  string `json:"url"`
	Text string `json:"text"`
}

// TestReplayWebPage opens an exported WACZ in ReplayWeb.page, served with
// the package from a loopback server, in headless chromium, and waits for
// an archived article's title and body to be shown.
func TestReplayWebPage(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	dir := os.Getenv(replayEnv)
	if dir == "" {
		t.Skipf("%s is not set: it names the directory of the npm package replaywebpage (ui.js, sw.js), as .ci/run fetches it", replayEnv)
	}
	for _, f := range []string{"ui.js", "sw.js"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Skipf("%s=%s has no %s: %v", replayEnv, dir, f, err)
		}
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no chromium at %s (Debian package chromium): %v", chromiumPath, err)
	}

	data := crawledArchive(t)
	arts := storedArticles(t, data)
	for _, tc := range []struct {
		name     string
		zipNumAt int64
	}{{"cdxj", -1}, {"zipnum", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			wacz := filepath.Join(t.TempDir(), "replay.wacz")
			f, err := os.Create(wacz)
			if err != nil {
				t.Fatal(err)
			}
			_, err = export.WACZ(context.Background(), f, sliceSource(arts), export.WACZOptions{
				WARCOptions: export.WARCOptions{Dir: filepath.Join(data, "warc"), TempDir: t.TempDir(), Software: "wenming test"},
				Title:       "测试", ZipNumAt: tc.zipNumAt, BlockLines: 16,
			})
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				t.Fatal(err)
			}
			pages := validateWACZ(t, wacz)
			// The article with a title and a body whose index line
			// comes last: in the last block of a ZipNum index.
			var page export.WACZPage
			for _, p := range pages {
				if len([]rune(p.Text)) > 40 && p.Title != "" && (page.URL == "" || warc.SURT(p.URL) > warc.SURT(page.URL)) {
					page = p
				}
			}
			if page.URL == "" {
				t.Fatal("no page with a title and a body")
			}
			replayShows(t, dir, wacz, page)
		})
	}
}

// replayShows opens the WACZ file wacz in ReplayWeb.page (its files in
// dir), served from a loopback server, in headless chromium, at page, and
// waits until the archived page shows the page's title and the start of
// its text.
func replayShows(t *testing.T, dir, wacz string, page export.WACZPage) {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/archive.wacz", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, wacz) })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/", "/index.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(replayIndex))
		case "/ui.js", "/sw.js":
			w.Header().Set("Content-Type", "application/javascript")
			http.ServeFile(w, r, filepath.Join(dir, r.URL.Path[1:]))
		default:
			http.NotFound(w, r)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ts, err := time.Parse(time.RFC3339, page.TS)
	if err != nil {
		t.Fatal(err)
	}
	open := srv.URL + "/?source=" + url.QueryEscape(srv.URL+"/archive.wacz") +
		"#view=replay&url=" + url.QueryEscape(page.URL) + "&ts=" + ts.UTC().Format("20060102150405")

	// The browser's profile is a directory chromedp makes for each
	// allocator and removes when the browser has gone: a t.TempDir one
	// failed its cleanup when chromium's helpers still wrote in it.
	actx, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.NoSandbox)...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	title := strings.Join(strings.Fields(page.Title), "")
	body := strings.Join(strings.Fields(string([]rune(page.Text)[:20])), "")
	var frames []frame
	var shown *frame
	err = chromedp.Run(ctx, chromedp.Navigate(open), chromedp.ActionFunc(func(ctx context.Context) error {
		for {
			if err := chromedp.Evaluate(framesText, &frames).Do(ctx); err != nil {
				return err
			}
			for i, f := range frames {
				flat := strings.Join(strings.Fields(f.Text), "")
				if strings.Contains(f.URL, page.URL) && strings.Contains(flat, title) && strings.Contains(flat, body) {
					shown = &frames[i]
					return nil
				}
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(500 * time.Millisecond):
			}
		}
	}))
	if err != nil {
		t.Fatalf("ReplayWeb.page at %s did not show the article %s (title %q, text starting %q): %v\nthe frames shown: %+v", open, page.URL, page.Title, body, err, frames)
	}
	t.Logf("ReplayWeb.page shows %s in the frame %s", page.URL, shown.URL)
}

// replayIndex is the page that loads ReplayWeb.page's app.
const replayIndex = `<!doctype html>
<html><head><meta charset="utf-8"><title>replay</title><script src="./ui.js"></script></head>
<body><replay-app-main></replay-app-main></body></html>
`
