package runs

import (
	"io"
	"os"
	"os/exec"
	"testing"
)

// startChild runs the test named test of this test binary in a child
// process, with dir in its environment variable env, and returns once the
// child has printed the line ready: the child holds what the test wants
// to see held, and is for the test to kill (or the end of the test).
func startChild(t *testing.T, test, env, dir, ready string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^"+test+"$")
	cmd.Env = append(os.Environ(), env+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	buf := make([]byte, len(ready)+1)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != ready+"\n" {
		t.Fatalf("the child did not get ready: %q %v", buf, err)
	}
	return cmd
}
