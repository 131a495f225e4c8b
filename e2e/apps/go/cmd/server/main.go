// A static program (no cgo) that prints what a wrong rewrite would change, then exits.
package main

import "example.com/e2e/internal/report"

func main() {
	report.Print()
}
