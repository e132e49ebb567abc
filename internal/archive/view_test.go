package archive_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
	"github.com/wenming-archive/wenming/internal/server/searchtest"
	"github.com/wenming-archive/wenming/internal/store"
)

// The reads of a View are the same whether it opened the files or reads
// through the share of the process holding them: one suite runs on both.

const suiteRecords = 40

// viewSuite checks the record reads of a View over an archive made by
// fillArchive with suiteRecords records, all indexed; its searches are
// checked by the server's search suite (TestViewSearchSuite).
func viewSuite(t *testing.T, v *archive.View) {
	t.Run("Get", func(t *testing.T) {
		a, err := v.Get("http://www.example.gov.cn/a/3.html")
		if err != nil || a.Title != "志愿服务活动第3期" || a.Published.IsZero() || a.Level != article.County {
			t.Errorf("get: %+v, %v", a, err)
		}
		if _, err := v.Get("http://www.example.gov.cn/none.html"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("get of an unknown URL: %v, want store.ErrNotFound", err)
		}
	})
	t.Run("LenAndForEach", func(t *testing.T) {
		n, err := v.Len()
		if err != nil || n != suiteRecords {
			t.Errorf("len: %d, %v", n, err)
		}
		var urls []string
		if err := v.ForEach(func(a *article.Article) error { urls = append(urls, a.URL); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(urls) != suiteRecords || len(slices.Compact(slices.Sorted(slices.Values(urls)))) != suiteRecords {
			t.Errorf("for each: %d records", len(urls))
		}
		stop := errors.New("stop")
		seen := 0
		err = v.ForEach(func(*article.Article) error { seen++; return stop })
		if !errors.Is(err, stop) || seen != 1 {
			t.Errorf("a walk stopped by its caller: %v after %d", err, seen)
		}
	})
}

// openView opens the view of the archive in data that readers use,
// index included; it is closed when t ends.
func openView(t *testing.T, data string) *archive.View {
	t.Helper()
	return openViewWith(t, data, archive.ReadOptions{Index: true})
}

// openViewWith opens a view of the archive in data with opts; it is
// closed when t ends.
func openViewWith(t *testing.T, data string, opts archive.ReadOptions) *archive.View {
	t.Helper()
	v, err := archive.OpenView(context.Background(), data, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

func TestViewOfTheFiles(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, suiteRecords, suiteRecords)
	v := openView(t, data)
	if _, _, shared := v.Shared(); shared {
		t.Fatal("no holder, yet the view reads through one")
	}
	viewSuite(t, v)
}

// holdArchive opens the archive as a crawl does and shares it.
func holdArchive(t *testing.T, data string) (*archive.Share, func()) {
	t.Helper()
	share, err := archive.StartShare(data, "crawl", nil)
	if err != nil {
		t.Fatal(err)
	}
	st, ix := openStoreAndIndex(t, data)
	share.Ready(st, ix)
	return share, func() {
		share.Close()
		ix.Close()
		st.Close()
	}
}

func TestViewThroughTheHolder(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, suiteRecords, suiteRecords)
	_, release := holdArchive(t, data)
	t.Cleanup(release)
	v := openView(t, data)
	if what, pid, shared := v.Shared(); !shared || what != "crawl" || pid != os.Getpid() {
		t.Fatalf("the view does not read through the holder: %q %d %v", what, pid, shared)
	}
	viewSuite(t, v)
}

// TestShareRefusesWithoutToken: the share answers only those who could
// read the holder file.
func TestShareRefusesWithoutToken(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 3, 3)
	_, release := holdArchive(t, data)
	defer release()
	b, err := os.ReadFile(archive.HolderPath(data))
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(archive.HolderPath(data)); fi.Mode().Perm() != 0o600 {
		t.Errorf("holder file mode %v, want 0600", fi.Mode().Perm())
	}
	var h struct{ Addr string }
	json.Unmarshal(b, &h)
	resp, err := http.Get("http://" + h.Addr + "/len")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a request without the token: %s", resp.Status)
	}
}

// TestViewOfAStaleHolder: a holder file left by a killed process (its PID
// gone, or its port closed) is no holder; the files are read.
func TestViewOfAStaleHolder(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 5, 5)
	_, release := holdArchive(t, data)
	b, _ := os.ReadFile(archive.HolderPath(data))
	release()
	if err := os.WriteFile(archive.HolderPath(data), b, 0o600); err != nil { // as a kill -9 leaves it
		t.Fatal(err)
	}
	v := openView(t, data)
	if _, _, shared := v.Shared(); shared {
		t.Error("a stale holder file was taken for a holder")
	}
	if n, err := v.Len(); n != 5 || err != nil {
		t.Errorf("len %d, %v", n, err)
	}
}

// TestViewFollowsHolders: a following view lets go of the files when a
// holder announces itself (so the holder can open them), reads through
// it, and reads the files again once it is gone.
func TestViewFollowsHolders(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 6, 6)
	ctx := context.Background()
	v := followingView(t, data)

	share, err := archive.StartShare(data, "crawl", nil)
	if err != nil {
		t.Fatal(err)
	}
	// The holder opens the files the view holds: it must wait for it.
	st, err := archive.WaitForReaders(ctx, func() (*store.Store, error) { return store.Open(archive.ArticlesPath(data)) }, nil)
	if err != nil {
		t.Fatalf("the holder could not open the records: %v", err)
	}
	ix, err := archive.WaitForReaders(ctx, func() (*index.Index, error) { return index.Open(archive.IndexPath(data)) }, nil)
	if err != nil {
		t.Fatalf("the holder could not open the index: %v", err)
	}
	share.Ready(st, ix)
	if n, err := v.Len(); n != 6 || err != nil {
		t.Errorf("len through the holder: %d, %v", n, err)
	}
	if _, _, shared := v.Shared(); !shared {
		t.Error("the view does not say it reads through the holder")
	}
	share.Close()
	ix.Close()
	st.Close()
	waitUntil(t, func() bool { _, _, shared := v.Shared(); n, _ := v.Len(); return !shared && n == 6 })
}

// waitUntil polls cond for up to ten seconds.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	for range 200 {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("condition not met after 10 s")
}

// TestExclusiveHolder: while a process rewrites the archive (reindex),
// a new reader is told to come back, and a following one lets go of the
// files and says the same until it ends.
func TestExclusiveHolder(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 4, 4)
	ctx := context.Background()
	v := followingView(t, data)

	held, err := archive.Acquire(data, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := held.Exclusive("reindex"); err != nil {
		t.Fatal(err)
	}
	var ex *archive.ExclusiveError
	if _, err := archive.OpenView(ctx, data, archive.ReadOptions{Index: true}); !errors.As(err, &ex) || ex.What != "reindex" {
		t.Errorf("a reader during a reindex: %v", err)
	}
	// The rewriter gets the files the following view held.
	st, err := archive.WaitForReaders(ctx, func() (*store.Store, error) { return store.Open(archive.ArticlesPath(data)) }, nil)
	if err != nil {
		t.Fatalf("the rewriter could not open the records: %v", err)
	}
	if _, err := v.Len(); !errors.As(err, &ex) {
		t.Errorf("a read of the following view during a reindex: %v", err)
	}
	st.Close()
	if err := held.Close(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool { n, err := v.Len(); return err == nil && n == 4 })
}

// followingView opens a view of data that follows its holders until the
// test ends.
func followingView(t *testing.T, data string) *archive.View {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	v, err := archive.OpenView(ctx, data, archive.ReadOptions{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	go v.Follow(ctx)
	t.Cleanup(func() {
		cancel()
		v.Close()
	})
	return v
}

// TestReadersShareTheFiles: a long-lived reader (serve) keeps the files
// open read-only, so a one-shot reader (search) opens them too.
func TestReadersShareTheFiles(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 5, 5)
	ctx := context.Background()
	long, err := archive.OpenView(ctx, data, archive.ReadOptions{Index: true, Verify: true, Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer long.Close()
	short, err := archive.OpenView(ctx, data, archive.ReadOptions{Index: true})
	if err != nil {
		t.Fatalf("a second reader beside a long-lived one: %v", err)
	}
	defer short.Close()
	for _, v := range []*archive.View{long, short} {
		if res, err := v.Search(ctx, index.Query{Text: "志愿"}); err != nil || res.Total != 5 {
			t.Errorf("search: %v, %v", res, err)
		}
	}
}

// The server's search suite runs on a View both ways it reads.
func TestViewSearchSuite(t *testing.T) {
	t.Run("files", func(t *testing.T) {
		searchtest.Run(t, func(t *testing.T, arts []*article.Article) server.Searcher {
			data := t.TempDir()
			writeArchive(t, data, arts, len(arts))
			v := openView(t, data)
			return v
		})
	})
	t.Run("holder", func(t *testing.T) {
		searchtest.Run(t, func(t *testing.T, arts []*article.Article) server.Searcher {
			data := t.TempDir()
			writeArchive(t, data, arts, len(arts))
			_, release := holdArchive(t, data)
			t.Cleanup(release)
			v := openView(t, data)
			if _, _, shared := v.Shared(); !shared {
				t.Fatal("the view does not read through the holder")
			}
			return v
		})
	})
}
