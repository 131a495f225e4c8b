package main

import "testing"

// TestGetpid makes `go test -c` produce a (cgo) binary: the negative case cgo-on-scratch ships one.
func TestGetpid(t *testing.T) {
	if C_getpid() <= 0 {
		t.Fatal("getpid")
	}
}
