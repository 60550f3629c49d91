// Command ismapcheck checks a cloud service provider against the ISMAP
// basic statement requirements (基本言明要件): it generates the workbook an
// agency sends, reads the completed workbook back, lists the findings that
// need the agency's risk assessment, carries the agency's decisions and
// writes the Japanese PDF report for the CISO.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
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
