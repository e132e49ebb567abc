package archive

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// ErrHolderGone means the process that held the archive stopped sharing it
// while it was being read (its run ended): read again in a moment. It has
// an Unavailable method, which a server turns into 503 Service
// Unavailable.
var ErrHolderGone error = holderGone{}

type holderGone struct{}

func (holderGone) Error() string     { return "the process holding the archive stopped sharing it" }
func (holderGone) Unavailable() bool { return true }

// notReadyWait bounds how long a read waits for a holder that is still
// opening the archive (it may be mending its index first).
const notReadyWait = 30 * time.Second

// remote reads an archive through the share of the process holding it.
type remote struct {
	h      holder
	base   string
	client *http.Client
}

// findHolder looks for the process holding the archive in data: a live
// one sharing it (rm), or one holding it exclusively (excl, with no
// share). Both are nil when none does (no holder file, or one left by a
// process that is gone).
func findHolder(data string) (rm *remote, excl *holder, err error) {
	b, err := os.ReadFile(HolderPath(data))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", HolderPath(data), err)
	}
	var h holder
	if err := json.Unmarshal(b, &h); err != nil || !processAlive(h.PID) {
		return nil, nil, nil // torn by a crash, or its process is gone
	}
	if h.Addr == "" {
		return nil, &h, nil
	}
	c, err := net.DialTimeout("tcp", h.Addr, time.Second)
	if err != nil {
		return nil, nil, nil // a new process under a reused PID, or the share just closed
	}
	c.Close()
	return &remote{h: h, base: "http://" + h.Addr, client: &http.Client{}}, nil, nil
}

// ExclusiveError means a process holds the archive to rewrite it (a
// reindex, a repair) and shares nothing meanwhile. It has an Unavailable
// method, which a server turns into 503 Service Unavailable.
type ExclusiveError struct {
	What string
	PID  int
}

func (e *ExclusiveError) Error() string {
	return fmt.Sprintf("%s (pid %d) holds the archive to rewrite it: try again when it ends", e.What, e.PID)
}

func (e *ExclusiveError) Unavailable() bool { return true }

// do sends a request to the share, waiting while the holder is still
// opening the archive, and returns the response of a read that worked.
func (r *remote) do(ctx context.Context, method, route string, query url.Values, body []byte) (*http.Response, error) {
	u := r.base + route
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	deadline := time.Now().Add(notReadyWait)
	for {
		req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+r.h.Token)
		resp, err := r.client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("%w (%s, pid %d): %w", ErrHolderGone, r.h.What, r.h.PID, err)
		}
		if resp.StatusCode == http.StatusOK {
			return resp, nil
		}
		var e remoteError
		json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&e)
		resp.Body.Close()
		if e.Kind == kindNotReady && time.Now().Before(deadline) {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
			continue
		}
		return nil, e.err(resp.StatusCode)
	}
}

// err turns a remoteError back into the error the local read would have
// returned, so that callers tell them apart the same way.
func (e remoteError) err(status int) error {
	msg := e.Error
	if msg == "" {
		msg = fmt.Sprintf("HTTP %d", status)
	}
	var kind error
	switch e.Kind {
	case kindNotFound:
		kind = store.ErrNotFound
	case kindDamaged:
		kind = index.ErrDamaged
	case kindCorrupt:
		kind = store.ErrCorrupt
	case kindCursor:
		kind = index.ErrBadCursor
	case kindNotReady:
		kind = ErrHolderGone
	default:
		return fmt.Errorf("read through the process holding the archive: %s", msg)
	}
	return fmt.Errorf("read through the process holding the archive: %s: %w", msg, kind)
}

// call makes one read and decodes its JSON answer; what names it in
// errors.
func call[T any](ctx context.Context, r *remote, method, route string, query url.Values, body []byte, what string) (*T, error) {
	resp, err := r.do(ctx, method, route, query, body)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var v T
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return nil, fmt.Errorf("read %s from the process holding the archive: %w", what, err)
	}
	return &v, nil
}

func (r *remote) Search(ctx context.Context, q index.Query) (*index.Results, error) {
	body, err := json.Marshal(q)
	if err != nil {
		return nil, err
	}
	return call[index.Results](ctx, r, http.MethodPost, routeSearch, nil, body, "search results")
}

func (r *remote) Stats(ctx context.Context) (*index.Stats, error) {
	return call[index.Stats](ctx, r, http.MethodGet, routeStats, nil, nil, "statistics")
}

func (r *remote) Get(u string) (*article.Article, error) {
	return call[article.Article](context.Background(), r, http.MethodGet, routeGet, url.Values{"url": {u}}, nil, u)
}

func (r *remote) Len() (int, error) {
	resp, err := r.do(context.Background(), http.MethodGet, routeLen, nil, nil)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64))
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(string(b))
}

// ForEach calls fn with every record, as the holder's store walks them.
// A walk the holder cuts short (it stopped) fails with ErrHolderGone.
func (r *remote) ForEach(fn func(*article.Article) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, err := r.do(ctx, http.MethodGet, routeRecords, nil, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 1<<16), maxRecordLine)
	n := 0
	for sc.Scan() {
		var line recordLine
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return fmt.Errorf("read records from the process holding the archive: %w", err)
		}
		if line.End != nil {
			if *line.End != n {
				return fmt.Errorf("read records from the process holding the archive: %d of %d: %w", n, *line.End, ErrHolderGone)
			}
			return nil
		}
		if line.Article == nil {
			continue
		}
		n++
		if err := fn(line.Article); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read records from the process holding the archive after %d: %w (%w)", n, err, ErrHolderGone)
	}
	return fmt.Errorf("read records from the process holding the archive: cut short after %d: %w", n, ErrHolderGone)
}

// maxRecordLine bounds one record of the stream (a record is at most a
// few MB: store.MaxBody plus its fields).
const maxRecordLine = 256 << 20
