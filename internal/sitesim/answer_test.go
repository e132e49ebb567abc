package sitesim

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// throughWriter is a ResponseWriter that says which of the writing
// methods of net/http's own writer the handler used.
type throughWriter struct {
	h                     http.Header
	body                  bytes.Buffer
	readFrom, writeString int
}

func (w *throughWriter) Header() http.Header         { return w.h }
func (w *throughWriter) WriteHeader(int)             {}
func (w *throughWriter) Write(b []byte) (int, error) { return w.body.Write(b) }

func (w *throughWriter) WriteString(s string) (int, error) {
	w.writeString++
	return w.body.WriteString(s)
}

func (w *throughWriter) ReadFrom(r io.Reader) (int64, error) {
	w.readFrom++
	return w.body.ReadFrom(r)
}

// TestAnswerWritesThrough checks that a page goes out through the
// server's ReadFrom (static pages, by ServeContent) or WriteString
// (dynamic ones), as net/http's writer copies without a buffer of its
// own, with the bytes a plain writer gets.
func TestAnswerWritesThrough(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 1})
	for _, c := range []struct {
		url    string
		static bool
	}{
		{"http://www.wenming.cn/", true},
		{"http://www.smwm.gov.cn/portal.php", false},
	} {
		w := &throughWriter{h: http.Header{}}
		sim.ServeHTTP(w, httptest.NewRequest("GET", c.url, nil))
		if c.static && w.readFrom != 1 || !c.static && w.writeString != 1 {
			t.Errorf("%s: ReadFrom %d times, WriteString %d times", c.url, w.readFrom, w.writeString)
		}
		plain := httptest.NewRecorder()
		sim.ServeHTTP(plain, httptest.NewRequest("GET", c.url, nil))
		if !bytes.Equal(w.body.Bytes(), plain.Body.Bytes()) || w.body.Len() == 0 {
			t.Errorf("%s: %d bytes through, %d plain", c.url, w.body.Len(), plain.Body.Len())
		}
	}
}

// TestPooledPagesConcurrent serves the same pages from several goroutines
// at once and one after another (Discuz! pages, which count views, left
// out): pages written in pooled buffers
// (pageBuf) come out whole and the same, however the buffers are shared.
func TestPooledPagesConcurrent(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 4, Articles: 400})
	var urls []string
	sim.ForEachArticle(func(tr Truth) bool {
		if sim.byHost[tr.Host].CMS != cmsDiscuz { // Discuz pages count their views
			urls = append(urls, tr.URL)
		}
		return len(urls) < 60
	})
	for _, s := range sim.sites {
		if s.CMS != cmsDiscuz {
			urls = append(urls, s.Home)
		}
	}
	want := make([]string, len(urls))
	for k, u := range urls {
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, httptest.NewRequest("GET", u, nil))
		want[k] = w.Body.String()
	}
	done := make(chan string)
	for g := 0; g < 6; g++ {
		go func() {
			bad := ""
			for round := 0; round < 3; round++ {
				for k := range urls {
					k = (k + g*7) % len(urls)
					w := httptest.NewRecorder()
					sim.ServeHTTP(w, httptest.NewRequest("GET", urls[k], nil))
					if w.Body.String() != want[k] {
						bad = urls[k]
					}
				}
			}
			done <- bad
		}()
	}
	for g := 0; g < 6; g++ {
		if bad := <-done; bad != "" {
			t.Errorf("%s came out other than served alone", bad)
		}
	}
}
