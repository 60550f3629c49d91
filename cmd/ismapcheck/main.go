// Command ismapcheck checks a cloud service provider against the ISMAP
// basic statement requirements (基本言明要件): it generates the workbook an
// agency sends, reads the completed workbook back, lists the findings that
// need the agency's risk assessment, carries the agency's decisions and
// writes the Japanese PDF report for the CISO.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
