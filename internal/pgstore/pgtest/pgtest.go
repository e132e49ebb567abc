// Package pgtest starts a throwaway PostgreSQL cluster for the tests of a
// package: Debian's server binaries initialise it in a temporary
// directory (as the postgres user when the tests run as root, which
// initdb refuses), and it listens on a free loopback port until the
// tests end. Every test gets a schema of its own (see DSN). Where the
// binaries are missing, the tests that need the cluster skip and say
// how to install them.
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// cluster is the package's running cluster; unavailable says why there
// is none.
var (
	base        string // DSN of the cluster's postgres database
	unavailable = "pgtest.Main was not called from TestMain"
	schemas     atomic.Int64
	mainCalled  bool
	once        sync.Once
	stop        func()
)

// Main runs the tests, then each of after (the package's own clean-up of
// what it made once for all its tests: os.Exit skips deferred calls), stops
// the cluster if one was started, and exits with the tests' status. The
// cluster starts when a test first asks for it (DSN): a run of tests that
// need none (-short, a child process of a test) starts none.
func Main(m *testing.M, after ...func()) {
	mainCalled = true
	code := m.Run()
	for _, f := range after {
		f()
	}
	if stop != nil {
		stop()
	}
	os.Exit(code)
}

// ready starts the cluster once; a cluster that cannot be started makes
// the tests that need it skip with the reason.
func ready() {
	once.Do(func() {
		if !mainCalled {
			return
		}
		var err error
		if stop, err = start(); err != nil {
			unavailable = err.Error()
		} else {
			unavailable = ""
		}
	})
}

// DSN returns the address of a new, empty schema of the cluster (its
// search_path), dropped when t ends; t skips when there is no cluster.
func DSN(t testing.TB) string {
	t.Helper()
	ready()
	if unavailable != "" {
		t.Skip("no PostgreSQL for this test: " + unavailable)
	}
	name := fmt.Sprintf("t%d_%d", os.Getpid(), schemas.Add(1))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("pgtest: create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens a store with open (pgstore.OpenRecords, say) in a new,
// empty schema (see DSN), closes it when t ends, and returns it with the
// schema's address.
func Open[S io.Closer](t testing.TB, open func(ctx context.Context, dsn string) (S, error)) (S, string) {
	t.Helper()
	dsn := DSN(t)
	st, err := open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, dsn
}

// Conn connects to dsn (a schema of DSN's) for a test that reads or
// writes its tables itself, and closes the connection when t ends.
func Conn(t testing.TB, dsn string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// binDir finds the directory of initdb and pg_ctl: Debian's
// /usr/lib/postgresql/<version>/bin (the newest), else the PATH.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return vb - va
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("the PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install -y postgresql")
}

// start initialises and starts a cluster; stop stops it and removes its
// directory.
func start() (stop func(), err error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "wenming-pgtest-")
	if err != nil {
		return nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	// initdb refuses to run as root: run the server binaries as postgres.
	var asUser []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			cleanup()
			return nil, errors.New("running as root and there is no postgres user to run the server as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			cleanup()
			return nil, err
		}
		asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(name string, args ...string) error {
		argv := append(slices.Clone(asUser), append([]string{filepath.Join(bin, name)}, args...)...)
		cmd := exec.Command(argv[0], argv[1:]...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %v: %s", name, err, strings.TrimSpace(string(out)))
		}
		return nil
	}
	pgdata := filepath.Join(dir, "data")
	if err := run("initdb", "-D", pgdata, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		cleanup()
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		cleanup()
		return nil, err
	}
	// A test cluster: nothing needs to survive a crash of the machine.
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=%s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
		port, dir)
	if err := run("pg_ctl", "start", "-w", "-t", "60", "-D", pgdata, "-l", filepath.Join(dir, "log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		cleanup()
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	base = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	stop = func() {
		run("pg_ctl", "stop", "-D", pgdata, "-m", "immediate", "-w")
		cleanup()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, base)
		if err == nil {
			conn.Close(ctx)
			return stop, nil
		}
		if ctx.Err() != nil {
			stop()
			return nil, fmt.Errorf("the test cluster does not answer: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// freePort returns a loopback port nothing listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
