package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/frontier"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
)

// abandon stops f the way a killed process stops: no more renewals, its
// leases and requests in flight left as they are.
func (f *Frontier) abandon() {
	f.stopOnce.Do(func() { close(f.stop) })
	f.wg.Wait()
	f.pool.Close()
}

func openWorker(t *testing.T, dsn, name string, lease time.Duration) *Frontier {
	t.Helper()
	f, err := OpenFrontier(context.Background(), dsn, FrontierOptions{Worker: name, Lease: lease})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func request(host string, i int) frontier.Request {
	return frontier.Request{URL: "http://" + host + "/" + string(rune('a'+i)) + ".html", Host: host, Kind: "page", Site: host}
}

// TestLeases: a host is worked on by one worker at a time; its next
// allowed time passes from one to the next; a killed worker's leases
// expire and its requests in flight come back first.
func TestLeases(t *testing.T) {
	dsn := pgtest.DSN(t)
	a := openWorker(t, dsn, "a", time.Second)
	b := openWorker(t, dsn, "b", time.Second)
	defer b.Close()
	if _, err := a.Push(request("x.cn", 0), request("x.cn", 1), request("x.cn", 2), request("y.cn", 0)); err != nil {
		t.Fatal(err)
	}
	r, ok, err := a.Pop("x.cn")
	if err != nil || !ok || r.URL != request("x.cn", 0).URL {
		t.Fatalf("a.Pop = %v, %v, %v", r, ok, err)
	}
	if _, ok, err := b.Pop("x.cn"); ok || err != nil {
		t.Fatalf("b.Pop of a host a holds = %v, %v; want nothing", ok, err)
	}
	leases, wait, err := b.Claim(10)
	if err != nil || len(leases) != 1 || leases[0].Host != "y.cn" || !wait {
		t.Fatalf("b.Claim = %v, %v, %v; want y.cn, and to wait for a", leases, wait, err)
	}
	// a works on past its lease time: renewals keep the host its own.
	time.Sleep(1500 * time.Millisecond)
	if _, ok, _ := b.Pop("x.cn"); ok {
		t.Fatal("b took a host whose lease a renews")
	}
	if err := a.Done(r.URL); err != nil {
		t.Fatal(err)
	}
	next := time.Now().Add(time.Second)
	if err := a.Release("x.cn", next); err != nil {
		t.Fatal(err)
	}
	if leases, _, _ := b.Claim(10); len(leases) != 1 {
		t.Errorf("b.Claim before x.cn's next time = %v; want y.cn alone", leases)
	}
	time.Sleep(time.Until(next) + 50*time.Millisecond)
	if leases, _, _ := b.Claim(10); len(leases) != 2 || leases[0].Host != "x.cn" || leases[0].Next.Before(next.Add(-time.Millisecond)) {
		t.Errorf("b.Claim after x.cn's next time = %v; want x.cn with its next time, and y.cn", leases)
	}
	if err := b.Release("x.cn", time.Time{}); err != nil {
		t.Fatal(err)
	}

	// a takes x.cn again, pops, and is killed.
	if r, ok, err = a.Pop("x.cn"); err != nil || !ok || r.URL != request("x.cn", 1).URL {
		t.Fatalf("a.Pop = %v, %v, %v", r, ok, err)
	}
	a.abandon()
	if _, ok, _ := b.Pop("x.cn"); ok {
		t.Fatal("b took the host of a killed worker before its lease expired")
	}
	time.Sleep(1100 * time.Millisecond)
	got, ok, err := b.Pop("x.cn")
	if err != nil || !ok || got.URL != r.URL {
		t.Fatalf("b.Pop after a's lease expired = %v, %v, %v; want a's request in flight, %s", got, ok, err, r.URL)
	}
	if err := b.Done(got.URL); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := b.Pop("x.cn"); got.URL != request("x.cn", 2).URL {
		t.Errorf("next Pop = %s, want %s", got.URL, request("x.cn", 2).URL)
	}
}

// TestWorkersJoinANewPass: a worker that starts while another has just
// begun a pass, before it queued anything, joins that pass instead of
// beginning another (which would drop the first one's seeds); once every
// worker has left a finished pass, the next one begins anew.
func TestWorkersJoinANewPass(t *testing.T) {
	dsn := pgtest.DSN(t)
	a := openWorker(t, dsn, "a", time.Minute)
	if a.Resumed() {
		t.Fatal("the first worker resumed a pass of an empty frontier")
	}
	b := openWorker(t, dsn, "b", time.Minute)
	if !b.Resumed() || !b.PassStarted().Equal(a.PassStarted()) {
		t.Fatalf("a worker starting beside one that just began a pass: resumed %v, pass %v and %v", b.Resumed(), b.PassStarted(), a.PassStarted())
	}
	if n, err := a.Push(request("h1", 0)); err != nil || n != 1 {
		t.Fatalf("Push = %d, %v", n, err)
	}
	if n := b.Len(); n != 1 {
		t.Errorf("the second worker sees %d queued, want the first's seed", n)
	}
	if _, ok, err := a.Pop("h1"); err != nil || !ok {
		t.Fatalf("Pop = %v, %v", ok, err)
	}
	if err := a.Done("http://h1/a.html"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b.Close()
	c := openWorker(t, dsn, "c", time.Minute)
	defer c.Close()
	if c.Resumed() {
		t.Error("a worker after a finished pass, every worker gone, resumed it")
	}
}

// TestSitesSavedConcurrently: workers (and a worker's own fetchers) save
// the site registry at the same time, each the sites it changed: the
// saves never deadlock on one another, whatever order each holds its
// sites in, and the registry ends with an entry of every host.
func TestSitesSavedConcurrently(t *testing.T) {
	dsn := pgtest.DSN(t)
	const savers, rounds, hosts = 8, 20, 30
	workers := make([]*Sites, 2)
	for i := range workers {
		f := openWorker(t, dsn, fmt.Sprintf("w%d", i), time.Minute)
		defer f.Close()
		workers[i] = f.Sites()
	}
	var wg sync.WaitGroup
	errs := make(chan error, savers*rounds)
	for i := range savers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				entries := map[string][]byte{}
				for h := range hosts {
					entries[fmt.Sprintf("h%02d.example.cn", h)] = []byte(fmt.Sprintf(`{"saver":%d,"round":%d}`, i, r))
				}
				if err := workers[i%len(workers)].SaveSites(entries); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("SaveSites: %v", err)
	}
	got, err := workers[0].LoadSites()
	if err != nil || len(got) != hosts {
		t.Errorf("LoadSites: %d hosts (%v), want %d", len(got), err, hosts)
	}
}

// TestSitesKeepAFixedPlace: an entry holding "fixed":true (a site's
// place read from its own homepage) is replaced by another fixed one,
// never by a provisional one that a worker still holds and saves.
func TestSitesKeepAFixedPlace(t *testing.T) {
	dsn := pgtest.DSN(t)
	f := openWorker(t, dsn, "w0", time.Minute)
	defer f.Close()
	sites := f.Sites()
	for _, step := range []struct{ save, want string }{
		{`{"parent":"a","fixed":false}`, `{"parent":"a","fixed":false}`},
		{`{"parent":"b","fixed":true}`, `{"parent":"b","fixed":true}`},
		{`{"parent":"a","fixed":false}`, `{"parent":"b","fixed":true}`},
		{`{"parent":"a"}`, `{"parent":"b","fixed":true}`},
		{`{"parent":"c","fixed":true}`, `{"parent":"c","fixed":true}`},
	} {
		if err := sites.SaveSites(map[string][]byte{"h.example.cn": []byte(step.save)}); err != nil {
			t.Fatalf("save %s: %v", step.save, err)
		}
		got, err := sites.LoadSites("h.example.cn")
		if err != nil {
			t.Fatal(err)
		}
		if string(got["h.example.cn"]) != step.want {
			t.Errorf("after saving %s: %s, want %s", step.save, got["h.example.cn"], step.want)
		}
	}
}

// claimHosts claims for f and returns the hosts it holds with queued
// requests, and those the claim asks it to give back.
func claimHosts(t *testing.T, f *Frontier, max int) (held, giveBack []string) {
	t.Helper()
	leases, _, err := f.Claim(max)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leases {
		held = append(held, l.Host)
		if l.GiveBack {
			giveBack = append(giveBack, l.Host)
		}
	}
	return held, giveBack
}

// TestShares: the workers that ask for hosts share them: a worker takes
// at most its part of the hosts with work, one past its part gives back
// its idle hosts (never one with a request in flight) for the others to
// take, and a worker that stopped asking — killed, or one that only pops
// — leaves its part to the others instead of holding free hosts back.
func TestShares(t *testing.T) {
	dsn := pgtest.DSN(t)
	a := openWorker(t, dsn, "a", time.Minute)
	defer a.Close()
	b := openWorker(t, dsn, "b", time.Minute)
	defer b.Close()
	hosts := []string{"h1.cn", "h2.cn", "h3.cn", "h4.cn", "h5.cn", "h6.cn"}
	for _, h := range hosts {
		if _, err := a.Push(request(h, 0), request(h, 1)); err != nil {
			t.Fatal(err)
		}
	}
	// Alone in asking (b has not asked yet), a takes every host, as one
	// worker always did; max still bounds it.
	if held, _ := claimHosts(t, a, 5); len(held) != 5 {
		t.Fatalf("a alone claims %v with max 5; want 5 hosts", held)
	}
	if held, back := claimHosts(t, a, 10); len(held) != 6 || len(back) != 0 {
		t.Fatalf("a alone claims %v, giving back %v; want all 6, none back", held, back)
	}
	// b asks: nothing is free, and its part (3 of 6) is held by a.
	if held, _ := claimHosts(t, b, 10); len(held) != 0 {
		t.Fatalf("b claims %v while a holds every host", held)
	}
	// a's next claim gives back its surplus, never the host it has a
	// request in flight on.
	busy, ok, err := a.Pop("h1.cn")
	if err != nil || !ok {
		t.Fatalf("a.Pop = %v, %v, %v", busy, ok, err)
	}
	_, back := claimHosts(t, a, 10)
	if len(back) != 3 || slices.Contains(back, "h1.cn") {
		t.Fatalf("a, holding 6 of 6 beside b, is asked to give back %v; want 3 without h1.cn (in flight)", back)
	}
	next := time.Now().Add(300 * time.Millisecond)
	for _, h := range back {
		if err := a.Release(h, next); err != nil {
			t.Fatal(err)
		}
	}
	// Before their next time nobody takes them, by Claim or by Pop.
	if held, _ := claimHosts(t, b, 10); len(held) != 0 {
		t.Errorf("b claims %v before the hosts' next time", held)
	}
	if _, ok, _ := b.Pop(back[0]); ok {
		t.Errorf("b popped %s before the next time a left on it", back[0])
	}
	time.Sleep(time.Until(next) + 50*time.Millisecond)
	// Its part full, a does not take them back by Pop either.
	if _, ok, _ := a.Pop(back[0]); ok {
		t.Errorf("a popped %s, given back, while holding its part", back[0])
	}
	if held, back := claimHosts(t, b, 10); len(held) != 3 || len(back) != 0 {
		t.Fatalf("b claims %v (giving back %v); want the 3 a gave back", held, back)
	}
	if _, back := claimHosts(t, a, 10); len(back) != 0 {
		t.Errorf("a, holding its part, is asked to give back %v", back)
	}

	// A third worker that never asks (it only pops) counts in nobody's
	// part: a, holding 2 of 6 after letting h1.cn go, takes it again as
	// the third of its part (in three, its part would be 2).
	c := openWorker(t, dsn, "c", time.Minute)
	defer c.abandon()
	if err := a.Done(busy.URL); err != nil {
		t.Fatal(err)
	}
	if err := a.Release("h1.cn", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if held, _ := claimHosts(t, a, 10); len(held) != 3 || !slices.Contains(held, "h1.cn") {
		t.Fatalf("a claims %v; want h1.cn again beside its 2", held)
	}
	// Once c asks, the part is 2 of 6: a and b give back, c takes.
	if held, _ := claimHosts(t, c, 10); len(held) != 0 {
		t.Fatalf("c claims %v while a and b hold every host", held)
	}
	for _, w := range []*Frontier{a, b} {
		_, back := claimHosts(t, w, 10)
		for _, h := range back {
			if err := w.Release(h, time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if held, _ := claimHosts(t, c, 10); len(held) != 2 {
		t.Fatalf("c claims %v after a and b gave back; want 2", held)
	}
	// c is killed: it stops asking, its leases live on until they
	// expire. Free hosts do not wait behind a's and b's parts meanwhile.
	c.abandon()
	conn := pgtest.Conn(t, dsn)
	if _, err := conn.Exec(context.Background(), `UPDATE frontier_workers SET claimed_at = now() - interval '1 minute' WHERE worker = 'c'`); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"h7.cn", "h8.cn", "h9.cn"} {
		if _, err := a.Push(request(h, 0)); err != nil {
			t.Fatal(err)
		}
	}
	heldA, _ := claimHosts(t, a, 10)
	heldB, _ := claimHosts(t, b, 10)
	if len(heldA)+len(heldB) != 7 {
		t.Errorf("a and b claim %v and %v beside c's 2 leases; want the 7 others between them", heldA, heldB)
	}
}

// logLines collects what a logger writes, safe for concurrent use.
type logLines struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logLines) has(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Contains(l.buf.String(), s)
}

func (l *logLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// TestFenceFollowsTheLease: a worker may act on a request it popped
// while it can prove its lease on the host: not once the proof runs out
// with its renewals failing (a slow database; a warning says so), again
// when a renewal comes through (said too); never again once another
// worker took the host, even after the worker takes the host back (the
// request was the lost lease's, and the other worker's now); nor once it
// let the host go. A request it never popped is not its to act on.
func TestFenceFollowsTheLease(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	var logs logLines
	a, err := OpenFrontier(ctx, dsn, FrontierOptions{Worker: "a", Lease: time.Second, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b := openWorker(t, dsn, "b", time.Second)
	defer b.Close()
	if _, err := a.Push(request("x.cn", 0), request("x.cn", 1), request("x.cn", 2)); err != nil {
		t.Fatal(err)
	}
	before := time.Now()
	r, ok, err := a.Pop("x.cn")
	if err != nil || !ok {
		t.Fatalf("a.Pop = %v, %v, %v", r, ok, err)
	}
	until, ok := a.Fence(r)
	if !ok || until.Before(time.Now()) || until.After(before.Add(time.Second)) {
		t.Fatalf("a.Fence of the request it popped = %v, %v; want ok, until within the lease", until, ok)
	}
	if _, ok := a.Fence(request("x.cn", 2)); ok {
		t.Error("a may act on a request it never popped")
	}

	// A transaction holds a's lease row: its renewals time out.
	conn := pgtest.Conn(t, dsn)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT 1 FROM frontier_hosts WHERE worker = 'a' FOR UPDATE`); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Until(until) + 50*time.Millisecond)
	if _, ok := a.Fence(r); ok {
		t.Error("a may act on its request past the proof of its lease, its renewals failing")
	}
	if !logs.has("cannot renew the host leases") {
		t.Errorf("no warning of the failing renewals; the log:\n%s", logs.buf.String())
	}
	// The database answers again; nobody took the host meanwhile.
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for _, ok := a.Fence(r); !ok && time.Now().Before(deadline); _, ok = a.Fence(r) {
		time.Sleep(20 * time.Millisecond)
	}
	if _, ok := a.Fence(r); !ok {
		t.Error("a may not act on its request after its renewals came through again")
	}
	if !logs.has("host leases renewed again") {
		t.Errorf("no word of the renewals coming through again; the log:\n%s", logs.buf.String())
	}

	// a stalls past its lease: b's claim takes the host, with a's
	// request in flight.
	resume := a.PauseRenewals()
	until, _ = a.Fence(r)
	time.Sleep(time.Until(until))
	// The database's lease ends a margin later (and a little more: its
	// clock started after a's).
	deadline = time.Now().Add(3 * time.Second)
	for {
		leases, _, err := b.Claim(10)
		if err != nil {
			t.Fatal(err)
		}
		if len(leases) == 1 && leases[0].Host == "x.cn" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("b.Claim after a's lease expired = %v; want x.cn", leases)
		}
		time.Sleep(20 * time.Millisecond)
	}
	resume()
	if _, ok := a.Fence(r); ok {
		t.Error("a may act on its request after b took the host")
	}
	// a's next renewal finds the lease lost, and says so.
	deadline = time.Now().Add(3 * time.Second)
	for !logs.has("host lease lost") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !logs.has("host lease lost") {
		t.Errorf("no warning of the lost lease; the log:\n%s", logs.buf.String())
	}
	got, ok, err := b.Pop("x.cn")
	if err != nil || !ok || got.URL != r.URL {
		t.Fatalf("b.Pop = %v, %v, %v; want a's request %s", got, ok, err, r.URL)
	}
	if err := b.Done(got.URL); err != nil {
		t.Fatal(err)
	}
	if err := b.Release("x.cn", time.Time{}); err != nil {
		t.Fatal(err)
	}
	// a takes the host again: a new lease, which its old request is not
	// of.
	r2, ok, err := a.Pop("x.cn")
	if err != nil || !ok {
		t.Fatalf("a.Pop after b let x.cn go = %v, %v, %v", r2, ok, err)
	}
	if _, ok := a.Fence(r2); !ok {
		t.Error("a may not act on the request of the lease it took again")
	}
	if _, ok := a.Fence(r); ok {
		t.Error("a may act on the request of the lease it lost, having taken the host again")
	}
	if err := a.Done(r.URL); !errors.Is(err, frontier.ErrNotInFlight) {
		t.Errorf("a.Done of the request b did = %v; want ErrNotInFlight", err)
	}
	if err := a.Release("x.cn", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := a.Fence(r2); ok {
		t.Error("a may act on a request of a host it let go")
	}
}
