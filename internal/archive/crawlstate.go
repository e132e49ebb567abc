package archive

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/wenming-archive/wenming/internal/atomicfile"
	"github.com/wenming-archive/wenming/internal/frontier"
	"github.com/wenming-archive/wenming/internal/pgstore"
)

// The crawl state of an archive directory: per site group (the whole tree
// is the group ""), its frontier (frontier.db, frontier-GROUP.db) and its
// pass record (state/pass.json, state/pass-GROUP.json). It is a work
// list, not the archive: the records are. So what is damaged in it is set
// aside and begun again, here and nowhere else.

// OpenFrontier opens the frontier of a site group's crawl in the archive
// directory. A frontier with work left (queued or in flight) is an
// unfinished crawl, checked and resumed (resumed is true). One with none
// belongs to a finished crawl and is replaced, so that the new pass visits
// everything again; so is one whose queued requests are all of hosts the
// last run left (Pass.LeftHostsOnly), its requests carried into the new
// pass (carryOver). A damaged one (an OS crash while unsynced) is moved
// aside as FILE.damaged-TIME, with a warning, and replaced too. A frontier
// another process holds is frontier.ErrLocked.
func (h *Held) OpenFrontier(group string) (f *frontier.Frontier, resumed bool, err error) {
	path := GroupFrontierPath(h.Data, group)
	f, err = frontier.Open(path)
	if err == nil && (f.Len() > 0 || f.InFlight() > 0) {
		if err = f.Check(); err == nil {
			if f.InFlight() > 0 || !readPass(PassPath(h.Data, group)).LeftHostsOnly {
				return f, true, nil
			}
			return h.carryOver(f, path)
		}
		f.Close()
	}
	if err != nil {
		if errors.Is(err, frontier.ErrLocked) {
			return nil, false, err
		}
		aside := fmt.Sprintf("%s.damaged-%s", path, time.Now().Format("20060102-150405"))
		if rerr := os.Rename(path, aside); rerr != nil {
			return nil, false, fmt.Errorf("%w (and it could not be moved aside: %v)", err, rerr)
		}
		h.log.Warn("crawl state was damaged; set aside, starting a new pass", "err", err, "moved_to", aside)
		f, err = frontier.Open(path)
		return f, false, err
	}
	if err := f.Close(); err != nil {
		return nil, false, err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, false, fmt.Errorf("reset finished crawl state: %w", err)
	}
	f, err = frontier.Open(path)
	return f, false, err
}

// OpenSharedFrontier opens the frontier of a site group's crawl that the
// workers sharing records in PostgreSQL take hosts from (the holder's
// HoldOptions.Store; package pgstore), with this process as the worker
// Worker names; lease is how long a host stays leased to it without
// renewal (0: pgstore.DefaultLease). Its pass is resumed while work is
// left, begun again otherwise.
func (h *Held) OpenSharedFrontier(ctx context.Context, group string, lease time.Duration) (*pgstore.Frontier, error) {
	if h.dsn == "" {
		return nil, errors.New("archive: no records shared in PostgreSQL, so no shared frontier")
	}
	f, err := pgstore.OpenFrontier(ctx, h.dsn, pgstore.FrontierOptions{Name: group, Worker: h.worker, Lease: lease, Logger: h.log})
	if err != nil {
		return nil, err
	}
	h.log.Info("crawling with the workers sharing the store", "store", pgstore.Server(h.dsn), "worker", h.worker, "resumed", f.Resumed())
	return f, nil
}

// Pass is the record of a site group's current crawl pass.
type Pass struct {
	Started time.Time `json:"started"`
	// SettleSince is the earliest fetch time whose articles may still lack
	// their capture pointer or index entry: a run that did not finish its
	// settling (killed, or stopped by a full disk) leaves it for the
	// next, even when that next run starts a new pass. Zero once settled.
	SettleSince time.Time `json:"settle_since,omitzero"`
	// LeftHostsOnly records that the last run ended with nothing queued
	// but the requests of hosts it left (down, their robots.txt
	// unavailable, or asking to wait past the crawl's cap): the pass is
	// over for everything else, and the next run carries those requests
	// into a new pass (OpenFrontier) instead of resuming this one, which
	// would fetch nothing else, run after run, while the hosts stay down.
	LeftHostsOnly bool `json:"left_hosts_only,omitempty"`

	path string
}

// PassPath is where the pass record of a site group is kept.
func PassPath(data, group string) string {
	name := "pass.json"
	if group != "" {
		name = "pass-" + group + ".json"
	}
	return filepath.Join(StatePath(data), name)
}

// carryOver replaces the frontier f at path, whose queued requests are
// all of hosts the last run left (Pass.LeftHostsOnly), with a new one
// holding those requests alone: a new pass begins with them queued,
// everything else to be visited again. The new frontier is written beside
// the old and renamed over it, so a run killed on the way finds the old
// one and carries it over again.
func (h *Held) carryOver(f *frontier.Frontier, path string) (*frontier.Frontier, bool, error) {
	left, err := takeQueued(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = writeQueued(path, left)
	}
	if err != nil {
		return nil, false, fmt.Errorf("carry the left hosts' requests into a new pass: %w", err)
	}
	h.log.Info("the last run left only hosts that did not answer: a new pass begins, their requests queued in it", "requests", len(left))
	f, err = frontier.Open(path)
	return f, false, err
}

// takeQueued takes every queued request out of f.
func takeQueued(f *frontier.Frontier) ([]frontier.Request, error) {
	var out []frontier.Request
	for host := range f.Pending() {
		for {
			r, ok, err := f.Pop(host)
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// writeQueued replaces the frontier at path with a new one holding reqs,
// written beside it and renamed over it.
func writeQueued(path string, reqs []frontier.Request) error {
	tmp := path + ".carry"
	os.Remove(tmp)
	nf, err := frontier.Open(tmp)
	if err != nil {
		return err
	}
	_, err = nf.Push(reqs...)
	if err == nil {
		err = nf.Sync()
	}
	if cerr := nf.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// readPass reads a pass record; a missing or torn one is the zero Pass.
func readPass(path string) Pass {
	var p Pass
	if b, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(b, &p)
	}
	return p
}

// BeginPass returns the group's current crawl pass, recorded: begun now
// for a new pass, as recorded for a resumed one. Its SettleSince is the
// earlier of the pass's start and what an earlier run left unsettled,
// recorded until Settled. A torn record is a new pass.
func (h *Held) BeginPass(group string, resumed bool) (Pass, error) {
	p := readPass(PassPath(h.Data, group))
	p.path = PassPath(h.Data, group)
	p.LeftHostsOnly = false // the run's end says again
	unsettled := p.SettleSince
	if !resumed || p.Started.IsZero() {
		p.Started = time.Now()
	}
	p.SettleSince = p.Started
	if !unsettled.IsZero() && unsettled.Before(p.SettleSince) {
		p.SettleSince = unsettled
	}
	return p, p.save()
}

// Join makes p the pass that the workers sharing a store crawl together,
// begun at shared (none: zero): its start is theirs, not this process's.
func (p *Pass) Join(shared time.Time) {
	if shared.IsZero() {
		return
	}
	p.Started = shared
	if p.SettleSince.IsZero() || shared.Before(p.SettleSince) {
		p.SettleSince = shared
	}
}

// EndLeavingHosts records that the run ended with nothing queued but the
// requests of hosts it left: the next run carries them into a new pass
// (Pass.LeftHostsOnly).
func (p *Pass) EndLeavingHosts() error {
	p.LeftHostsOnly = true
	return p.save()
}

// Settled records that everything archived so far has its capture pointer
// and its index entry.
func (p Pass) Settled() error {
	p.SettleSince = time.Time{}
	return p.save()
}

func (p Pass) save() error {
	b, err := json.Marshal(p)
	if err == nil {
		err = atomicfile.Write(p.path, func(f *os.File) error { _, err := f.Write(b); return err })
	}
	if err != nil {
		return fmt.Errorf("record crawl pass: %w", err)
	}
	return nil
}
