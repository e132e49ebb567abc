package pgstore

import (
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
)

// TestPassLeavingHosts: a worker's run ends with nothing queued but the
// requests of a host it left (a dead county). Recorded with
// EndLeavingHosts, the next worker begins a new pass with them queued and
// may visit every other URL again; without it, or with another host's
// request still queued, the pass is resumed as before. A worker still on
// the pass keeps it open.
func TestPassLeavingHosts(t *testing.T) {
	for _, tt := range []struct {
		name    string
		queued  []string // hosts left with a queued request
		left    map[string]string
		others  bool // another worker is on the pass when the run ends
		waiting bool // the queued hosts wait out an earlier run's leave
		wantEnd bool
		newPass bool
	}{
		{"only the dead host", []string{"dead"}, map[string]string{"dead": "down"}, false, false, true, true},
		{"nothing left", []string{"dead"}, nil, false, false, false, false},
		{"another host queued", []string{"dead", "live"}, map[string]string{"dead": "down"}, false, false, false, false},
		{"another worker on it", []string{"dead"}, map[string]string{"dead": "down"}, true, false, false, false},
		{"left by an earlier run, not due", []string{"dead"}, nil, false, true, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dsn := pgtest.DSN(t)
			a := openWorker(t, dsn, "a", time.Minute)
			if _, err := a.Push(request("done", 0)); err != nil {
				t.Fatal(err)
			}
			for _, h := range tt.queued {
				if _, err := a.Push(request(h, 0)); err != nil {
					t.Fatal(err)
				}
			}
			if _, ok, err := a.Pop("done"); err != nil || !ok {
				t.Fatalf("Pop = %v, %v", ok, err)
			}
			if err := a.Done(request("done", 0).URL); err != nil {
				t.Fatal(err)
			}
			if tt.waiting {
				for _, h := range tt.queued {
					if _, ok, err := a.Pop(h); err != nil || !ok {
						t.Fatalf("Pop = %v, %v", ok, err)
					}
					if err := a.Release(h, time.Now().Add(10*time.Minute)); err != nil {
						t.Fatal(err)
					}
				}
			}
			var b *Frontier
			if tt.others {
				b = openWorker(t, dsn, "b", time.Minute)
			}
			ended, err := a.EndLeavingHosts(tt.left)
			if err != nil || ended != tt.wantEnd {
				t.Fatalf("EndLeavingHosts = %v, %v; want %v", ended, err, tt.wantEnd)
			}
			started := a.PassStarted()
			a.Close()
			if b != nil {
				b.Close()
			}
			time.Sleep(10 * time.Millisecond)
			c := openWorker(t, dsn, "c", time.Minute)
			defer c.Close()
			if c.Resumed() == tt.newPass || c.PassStarted().Equal(started) == tt.newPass {
				t.Fatalf("next worker: resumed %v, pass %v (the last began %v); want a new pass %v", c.Resumed(), c.PassStarted(), started, tt.newPass)
			}
			if n := c.Len(); n != len(tt.queued) {
				t.Errorf("%d queued in the next pass, want the %d left", n, len(tt.queued))
			}
			// A new pass visits the done URL again; the carried request
			// stays seen, queued once.
			n, err := c.Push(request("done", 0), request(tt.queued[0], 0))
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 1, false: 0}[tt.newPass]; n != want {
				t.Errorf("Push of the done and the carried URL queued %d, want %d", n, want)
			}
		})
	}
}
