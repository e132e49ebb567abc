package store

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestGroupCommit holds the first Put's transaction open until 40 more
// Puts wait: those 40 must then share one transaction, and every Put's
// record be stored.
func TestGroupCommit(t *testing.T) {
	s := openTest(t)
	const n = 40
	started, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	txOf := map[int]int{} // call → transaction ID
	put := func(i int, hold bool) error {
		return s.batch(func(tx *bolt.Tx) error {
			if hold {
				close(started)
				<-release
			}
			mu.Lock()
			txOf[i] = tx.ID()
			mu.Unlock()
			return tx.Bucket(bucketMeta).Put(fmt.Appendf(nil, "k%d", i), []byte("v"))
		})
	}
	var wg sync.WaitGroup
	errs := make(chan error, n+1)
	wg.Go(func() { errs <- put(0, true) })
	<-started
	for i := 1; i <= n; i++ {
		wg.Go(func() { errs <- put(i, false) })
	}
	for s.waitingNow() < n {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	txs := map[int]bool{}
	for i := 1; i <= n; i++ {
		txs[txOf[i]] = true
	}
	if len(txs) != 1 || txs[txOf[0]] {
		t.Errorf("the %d Puts that waited together ran in transactions %v; the first in %d", n, txs, txOf[0])
	}
	err := s.view(func(tx *bolt.Tx) error {
		for i := 0; i <= n; i++ {
			if tx.Bucket(bucketMeta).Get(fmt.Appendf(nil, "k%d", i)) == nil {
				return fmt.Errorf("k%d not stored", i)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Counted: the first Put's commit and the one of the 40.
	if c := s.Commits(); c.Commits != 2 || c.Puts != n+1 || c.Pages < 2 {
		t.Errorf("Commits() = %+v, want 2 commits of %d Puts, pages written", c, n+1)
	}
}

// TestGroupCommitFailure: a function that fails in a group gets its own
// error and leaves nothing behind; the others of its group are committed.
func TestGroupCommitFailure(t *testing.T) {
	s := openTest(t)
	errOdd := errors.New("odd")
	started, release := make(chan struct{}), make(chan struct{})
	const n = 30
	var wg sync.WaitGroup
	got := make([]error, n+1)
	put := func(i int) error {
		return s.batch(func(tx *bolt.Tx) error {
			if i == 0 {
				close(started)
				<-release
			}
			if err := tx.Bucket(bucketMeta).Put(fmt.Appendf(nil, "k%d", i), []byte("v")); err != nil {
				return err
			}
			if i%2 == 1 {
				return fmt.Errorf("put %d: %w", i, errOdd)
			}
			if i%10 == 4 {
				panic("damaged page")
			}
			return nil
		})
	}
	wg.Go(func() { got[0] = put(0) })
	<-started
	for i := 1; i <= n; i++ {
		wg.Go(func() { got[i] = put(i) })
	}
	for s.waitingNow() < n {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	err := s.view(func(tx *bolt.Tx) error {
		for i := 0; i <= n; i++ {
			stored := tx.Bucket(bucketMeta).Get(fmt.Appendf(nil, "k%d", i)) != nil
			ok := i%2 == 0 && i%10 != 4
			switch {
			case ok && (got[i] != nil || !stored):
				t.Errorf("put %d: %v, stored %v; want no error, stored", i, got[i], stored)
			case i%2 == 1 && (!errors.Is(got[i], errOdd) || stored):
				t.Errorf("put %d: %v, stored %v; want its own error, nothing stored", i, got[i], stored)
			case i%10 == 4 && (!errors.Is(got[i], ErrCorrupt) || stored):
				t.Errorf("put %d: %v, stored %v; want ErrCorrupt, nothing stored", i, got[i], stored)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// waitingNow is how many Puts wait for the next group.
func (s *Store) waitingNow() int {
	return s.group.Waiting()
}

// TestPutAfter: a Put's first function runs before the transaction that
// stores its record (the record is not there yet when it runs), in the
// caller that commits the group; a first that fails keeps its record
// out and is that Put's error, and the others of its group are stored.
func TestPutAfter(t *testing.T) {
	s := openTest(t)
	errFirst := errors.New("capture not on disk")
	const n = 20
	var wg sync.WaitGroup
	releaseWhen := holdCommit(t, s, &wg)
	got := make([]error, n)
	storedBefore := make([]bool, n)
	url := func(i int) string { return fmt.Sprintf("https://hb.wenming.cn/a/%d.html", i) }
	for i := range n {
		wg.Go(func() {
			_, got[i] = s.PutAfter(sample(url(i)), func() error {
				_, err := s.Get(url(i))
				storedBefore[i] = storedBefore[i] || err == nil
				if i%3 == 1 {
					return errFirst
				}
				return nil
			})
		})
	}
	releaseWhen(n)
	wg.Wait()
	for i := range n {
		_, err := s.Get(url(i))
		stored := err == nil
		switch {
		case storedBefore[i]:
			t.Errorf("put %d: its record was stored before its first function ran", i)
		case i%3 == 1 && (!errors.Is(got[i], errFirst) || stored):
			t.Errorf("put %d: %v, stored %v; want its first's error, nothing stored", i, got[i], stored)
		case i%3 != 1 && (got[i] != nil || !stored):
			t.Errorf("put %d: %v, stored %v; want no error, stored", i, got[i], stored)
		}
	}
}

// holdCommit starts, in wg, a write whose transaction stays open until
// releaseWhen(n) sees n Puts waiting behind it: those then share a group.
func holdCommit(t *testing.T, s *Store, wg *sync.WaitGroup) (releaseWhen func(n int)) {
	t.Helper()
	started, release := make(chan struct{}), make(chan struct{})
	wg.Go(func() {
		if err := s.batch(func(*bolt.Tx) error {
			close(started)
			<-release
			return nil
		}); err != nil {
			t.Error(err)
		}
	})
	<-started
	return func(n int) {
		for s.waitingNow() < n {
			time.Sleep(time.Millisecond)
		}
		close(release)
	}
}

// TestPutAfterPanic: a first function that panics, in whichever Put leads
// the group, is that Put's error; the others of its group are stored and
// the Puts after them are not left waiting.
func TestPutAfterPanic(t *testing.T) {
	s := openTest(t)
	const n = 6
	var wg sync.WaitGroup
	releaseWhen := holdCommit(t, s, &wg)
	got := make([]error, n)
	url := func(i int) string { return fmt.Sprintf("https://hb.wenming.cn/p/%d.html", i) }
	for i := range n {
		wg.Go(func() {
			_, got[i] = s.PutAfter(sample(url(i)), func() error {
				if i == 0 {
					panic("a bug in the caller")
				}
				return nil
			})
		})
	}
	releaseWhen(n)
	wg.Wait()
	for i := range n {
		_, err := s.Get(url(i))
		if i == 0 && (got[i] == nil || err == nil) {
			t.Errorf("put 0: %v, stored: %v; want its first function's panic as its error, nothing stored", got[i], err == nil)
		}
		if i != 0 && (got[i] != nil || err != nil) {
			t.Errorf("put %d: %v, stored: %v; want stored", i, got[i], err == nil)
		}
	}
	if _, err := s.Put(sample(url(n))); err != nil {
		t.Errorf("a Put after the panic: %v", err)
	}
}

// TestMarksShareCommits: checks and removals marked while a transaction
// is open share the next one, as Puts do — a removal sweep marks tens of
// articles a site from every worker at once, and a commit (an fsync) each
// would queue them all behind the disk. A mark of no record fails alone.
func TestMarksShareCommits(t *testing.T) {
	s := openTest(t)
	const n = 24
	for i := range n {
		if _, err := s.Put(sample(fmt.Sprintf("http://www.example.cn/a/%d.html", i))); err != nil {
			t.Fatal(err)
		}
	}
	before := s.Commits()
	started, release := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		_ = s.batch(func(*bolt.Tx) error {
			close(started)
			<-release
			return nil
		})
	})
	<-started
	at := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	errs := make([]error, n+1)
	for i := range n {
		wg.Go(func() {
			u := fmt.Sprintf("http://www.example.cn/a/%d.html", i)
			if i%2 == 0 {
				_, errs[i] = s.MarkChecked(u, at)
			} else {
				_, errs[i] = s.MarkRemoved(u, article.Removal{Since: at, Seen: at, Status: 404})
			}
		})
	}
	wg.Go(func() { _, errs[n] = s.MarkChecked("http://www.example.cn/a/none.html", at) })
	for deadline := time.Now().Add(10 * time.Second); s.waitingNow() < n+1; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			close(release)
			wg.Wait()
			t.Fatalf("%d of %d marks wait for the next group commit after 10 s: the others wait for a transaction of their own", s.waitingNow(), n+1)
		}
	}
	close(release)
	wg.Wait()
	for i, err := range errs[:n] {
		if err != nil {
			t.Errorf("mark %d: %v", i, err)
		}
	}
	if !errors.Is(errs[n], ErrNotFound) {
		t.Errorf("mark of no record: %v, want ErrNotFound", errs[n])
	}
	for i := range n {
		rec, err := s.Get(fmt.Sprintf("http://www.example.cn/a/%d.html", i))
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 && !rec.CheckedAt.Equal(at) || i%2 == 1 && rec.Removed == nil {
			t.Errorf("record %d: checked %v, removed %v", i, rec.CheckedAt, rec.Removed)
		}
	}
	// The held transaction, the marks' group (run again without the
	// failing mark) and the failing mark's own: at most four, not n+2.
	if c := s.Commits().Since(before); c.Commits > 4 || c.Puts < n {
		t.Errorf("commits since the marks began: %+v, want the %d marks in a few", c, n)
	}
}
