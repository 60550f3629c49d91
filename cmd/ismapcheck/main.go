// Command ismapcheck checks a cloud service provider against the ISMAP
// basic statement requirements (基本言明要件): it generates the workbook an
// agency sends, reads the completed workbook back, lists the findings that
// need the agency's risk assessment, carries the agency's decisions and
// writes the Japanese PDF report for the CISO.
package main

import (
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// gcPercent is the collector's target for this short-lived process (see
// main). Measured on the demo's 234-row workbook, whole process, 2 cores:
// bench/README.md.
const gcPercent = 400

func main() {
	// A command allocates a few MB and exits within tens of milliseconds;
	// at the default GOGC=100 an ingest ran the collector 4 times on a
	// 4 MB heap for nothing it needed. GOGC=400 lets the heap grow to 5×
	// the live data first (no cycle at all for one workbook; a batch still
	// collects, its live data being one workbook per core). GOGC set in
	// the environment wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	// Ctrl-C or SIGTERM: remove the temporary files of outputs being
	// written, then exit as interrupted (128 + signal).
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		removeTemps()
		code := 130
		if s == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
