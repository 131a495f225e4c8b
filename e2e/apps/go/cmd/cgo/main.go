// A cgo program: it links glibc dynamically, so it needs the ELF loader and libc in the image.
package main

/*
#include <unistd.h>
static long e2e_getpid(void) { return (long)getpid(); }
*/
import "C"

import (
	"fmt"
	"os"

	"example.com/e2e/internal/report"
)

// C_getpid is the process id as libc reports it.
func C_getpid() int { return int(C.e2e_getpid()) }

func main() {
	report.Print()
	fmt.Printf("cgo=%v\n", C_getpid() == os.Getpid())
}
