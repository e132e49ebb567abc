package archive

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// HolderFile, in the state directory, names the process that holds the
// archive and where it shares it.
const HolderFile = "holder.json"

// HolderPath is the holder file of an archive.
func HolderPath(data string) string { return filepath.Join(StatePath(data), HolderFile) }

// holder is what the holder file says.
type holder struct {
	PID     int       `json:"pid"`
	Addr    string    `json:"addr"`  // loopback host:port of the share
	Token   string    `json:"token"` // secret every request carries
	What    string    `json:"what"`  // "crawl", "schedule" …
	Started time.Time `json:"started"`
}

// shareDrain bounds how long closing a share waits for the reads in
// flight (an export streaming every record, say) before it cuts them.
const shareDrain = 2 * time.Minute

// Share serves the records and the index a process holds to the readers
// of other processes. It is started before the holder opens them (so that
// readers that hold the files let go: see View.Follow), answers "not
// ready" until [Share.Ready], and is closed before they are closed.
type Share struct {
	path string
	srv  *http.Server
	done chan struct{}
	log  *slog.Logger

	mu sync.RWMutex
	st Records
	ix *index.Index
}

// StartShare announces in data's holder file that this process holds the
// archive (what names the command), and serves reads on a loopback port.
// The caller must hold the archive's run lock: a holder file left by a
// killed process is replaced.
func StartShare(data, what string, log *slog.Logger) (*Share, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("share the archive: %w", err)
	}
	secret := make([]byte, 16)
	rand.Read(secret)
	h := holder{PID: os.Getpid(), Addr: ln.Addr().String(), Token: hex.EncodeToString(secret), What: what, Started: time.Now()}
	s := &Share{path: HolderPath(data), done: make(chan struct{}), log: log}
	if err := writeHolder(s.path, h); err != nil {
		ln.Close()
		return nil, err
	}
	s.srv = &http.Server{
		Handler:           s.handler(h.Token),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Warn("sharing the archive stopped", "err", err)
		}
	}()
	return s, nil
}

// announceExclusive writes a holder file without an address: what holds
// the archive to rewrite it and shares nothing. Close withdraws it.
func announceExclusive(data, what string) (*Share, error) {
	s := &Share{path: HolderPath(data), log: slog.New(slog.DiscardHandler)}
	if err := writeHolder(s.path, holder{PID: os.Getpid(), What: what, Started: time.Now()}); err != nil {
		return nil, err
	}
	return s, nil
}

// writeHolder writes the holder file whole (a reader never sees half of
// it), readable by its owner only: the token lets a reader in.
func writeHolder(path string, h holder) error {
	b, err := json.Marshal(h)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("share the archive: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("share the archive: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("share the archive: %w", err)
	}
	return nil
}

// Ready starts answering reads from st and ix, which the holder keeps open
// until it closes the share. The snippets of ix's hits come from st's
// bodies (see Bodies).
func (s *Share) Ready(st Records, ix *index.Index) {
	withBodies(ix, st)
	s.mu.Lock()
	s.st, s.ix = st, ix
	s.mu.Unlock()
}

// Close withdraws the holder file, so that no new reader comes, and waits
// for the reads in flight (up to shareDrain) before it stops serving.
func (s *Share) Close() error {
	err := os.Remove(s.path)
	if errors.Is(err, os.ErrNotExist) {
		err = nil
	}
	if s.srv == nil {
		return err // an exclusive holder: nothing served
	}
	ctx, cancel := context.WithTimeout(context.Background(), shareDrain)
	defer cancel()
	if serr := s.srv.Shutdown(ctx); serr != nil {
		s.srv.Close()
	}
	<-s.done
	s.mu.Lock()
	s.st, s.ix = nil, nil
	s.mu.Unlock()
	return err
}

// Routes of a share. Every request carries the token as a bearer token.
const (
	routeSearch  = "/search"  // POST an index.Query, get index.Results
	routeStats   = "/stats"   // index.Stats
	routeGet     = "/get"     // ?url=: one record
	routeLen     = "/len"     // the number of records
	routeRecords = "/records" // every record, one JSON line each, then a trailer line
)

// remoteError is the body of a failed read; Kind lets the reader return
// the error its caller can tell apart.
type remoteError struct {
	Error string `json:"error"`
	Kind  string `json:"kind,omitempty"`
}

// Kinds of remoteError.
const (
	kindNotFound = "not_found" // store.ErrNotFound
	kindDamaged  = "damaged"   // index.ErrDamaged
	kindCorrupt  = "corrupt"   // store.ErrCorrupt
	kindBadQuery = "bad_query"
	kindCursor   = "bad_cursor" // index.ErrBadCursor
	kindNotReady = "not_ready"  // the holder is still opening (or already closing) the archive
)

// recordLine is one line of routeRecords: an article, or the trailer that
// says the walk is complete (a stream cut short has none).
type recordLine struct {
	Article *article.Article `json:"a,omitempty"`
	End     *int             `json:"end,omitempty"`
}

func (s *Share) handler(token string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+routeSearch, s.read(func(w http.ResponseWriter, r *http.Request, st Records, ix *index.Index) error {
		var q index.Query
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&q); err != nil {
			return fmt.Errorf("%w: %w", errBadQuery, err)
		}
		res, err := ix.Search(r.Context(), q)
		if err != nil {
			return err
		}
		return json.NewEncoder(w).Encode(res)
	}))
	mux.HandleFunc("GET "+routeStats, s.read(func(w http.ResponseWriter, r *http.Request, st Records, ix *index.Index) error {
		stats, err := ix.Stats(r.Context())
		if err != nil {
			return err
		}
		return json.NewEncoder(w).Encode(stats)
	}))
	mux.HandleFunc("GET "+routeGet, s.read(func(w http.ResponseWriter, r *http.Request, st Records, ix *index.Index) error {
		a, err := st.Get(r.URL.Query().Get("url"))
		if err != nil {
			return err
		}
		return json.NewEncoder(w).Encode(a)
	}))
	mux.HandleFunc("GET "+routeLen, s.read(func(w http.ResponseWriter, r *http.Request, st Records, ix *index.Index) error {
		n, err := st.Len()
		if err != nil {
			return err
		}
		_, err = w.Write([]byte(strconv.Itoa(n)))
		return err
	}))
	mux.HandleFunc("GET "+routeRecords, s.read(s.records))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "wrong token", http.StatusUnauthorized)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

var errBadQuery = errors.New("bad query")

// records streams every record. Once the first line is out an error can no
// longer change the status: the stream just ends without its trailer,
// which the reader takes for a failure.
func (s *Share) records(w http.ResponseWriter, r *http.Request, st Records, _ *index.Index) error {
	enc := json.NewEncoder(w)
	n := 0
	err := st.ForEach(func(a *article.Article) error {
		if err := r.Context().Err(); err != nil {
			return err
		}
		n++
		return enc.Encode(recordLine{Article: a})
	})
	if err != nil {
		if n > 0 {
			s.log.Warn("sharing the records stopped", "err", err)
			return nil
		}
		return err
	}
	return enc.Encode(recordLine{End: &n})
}

// read wraps a read: it answers "not ready" until the records and index
// are open, and turns an error into a remoteError.
func (s *Share) read(fn func(http.ResponseWriter, *http.Request, Records, *index.Index) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.RLock()
		st, ix := s.st, s.ix
		s.mu.RUnlock()
		if st == nil || ix == nil {
			writeRemoteError(w, http.StatusServiceUnavailable, remoteError{Error: "the archive is being opened by the process that holds it", Kind: kindNotReady})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if err := fn(w, r, st, ix); err != nil {
			status, kind := http.StatusInternalServerError, ""
			switch {
			case errors.Is(err, store.ErrNotFound):
				status, kind = http.StatusNotFound, kindNotFound
			case errors.Is(err, index.ErrDamaged):
				kind = kindDamaged
			case errors.Is(err, store.ErrCorrupt):
				kind = kindCorrupt
			case errors.Is(err, index.ErrBadCursor):
				status, kind = http.StatusBadRequest, kindCursor
			case errors.Is(err, errBadQuery):
				status, kind = http.StatusBadRequest, kindBadQuery
			}
			writeRemoteError(w, status, remoteError{Error: err.Error(), Kind: kind})
		}
	}
}

func writeRemoteError(w http.ResponseWriter, status int, e remoteError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(e)
}

// yieldWait bounds how long a holder waits for the readers of the files
// (serve, an export) to let go of them.
const yieldWait = time.Minute

// WaitForReaders calls open until it no longer fails because another
// process has the file open, for up to a minute: a following reader
// (serve) lets go within a second of seeing the holder file, a one-shot
// reader (an export) when it ends.
func WaitForReaders[T any](ctx context.Context, open func() (T, error), log *slog.Logger) (T, error) {
	deadline := time.Now().Add(yieldWait)
	logged := false
	for {
		v, err := open()
		if err == nil || !locked(err) {
			return v, err
		}
		if time.Now().After(deadline) {
			return v, fmt.Errorf("%w (another process kept it open for %s: a wenming serve older than this one, an export, or a crawl or import that does not share the archive)", err, yieldWait)
		}
		if !logged && log != nil {
			log.Info("waiting for the readers of the archive to let go of it", "err", err)
			logged = true
		}
		select {
		case <-ctx.Done():
			return v, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
