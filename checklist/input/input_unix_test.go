//go:build unix

package input

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOpenRefusesFIFO: a named pipe is refused at once, not read; with no
// writer on the other end, reading it would block for ever.
func TestOpenRefusesFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "answers.xlsx")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Open(p, Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "FIFO") || !strings.Contains(err.Error(), "answers.xlsx") {
			t.Fatalf("err %v, want a refusal naming the file and the FIFO", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Open hung on a FIFO")
	}
}

// TestOpenRefusesDevice: a character device is not read.
func TestOpenRefusesDevice(t *testing.T) {
	if _, err := Open("/dev/zero", Options{}); err == nil || !strings.Contains(err.Error(), "device") {
		t.Fatalf("err %v, want a refusal of the device", err)
	}
}
