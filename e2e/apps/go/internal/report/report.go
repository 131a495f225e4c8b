// Package report prints what a wrong rewrite of the image would change, one key=value line each.
package report

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func line(k, v string) { fmt.Printf("%s=%s\n", k, v) }

func js(v any) string { b, _ := json.Marshal(v); return string(b) }

// Print writes argv, uid/gid, the working directory, HOME, the APP_* environment, the CA check and the time zone,
// and with APP_WRITE_DIR set whether a file can be created in that directory.
func Print() {
	line("argv0", os.Args[0])
	line("args", js(os.Args[1:]))
	line("uid", fmt.Sprint(os.Getuid()))
	line("gid", fmt.Sprint(os.Getgid()))
	wd, err := os.Getwd()
	if err != nil {
		wd = "ERROR " + err.Error()
	}
	line("cwd", wd)
	line("home", os.Getenv("HOME"))
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "APP_") {
			env[k] = v
		}
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, k+"="+env[k])
	}
	line("env", js(pairs))
	line("ca", ca())
	line("tz", tz())
	if dir, set := os.LookupEnv("APP_WRITE_DIR"); set {
		line("write", write(dir))
	}
}

// write creates a file in dir (APP_WRITE_DIR) and removes it again: whether the program's user may write there.
func write(dir string) string {
	name := filepath.Join(dir, ".e2e-write")
	if err := os.WriteFile(name, []byte("ok\n"), 0o644); err != nil {
		return "FAIL " + err.Error()
	}
	if err := os.Remove(name); err != nil {
		return "FAIL " + err.Error()
	}
	return "ok"
}

// ca verifies the first certificate of the CA bundle against the system pool Go's TLS would use.
func ca() string {
	pool, err := x509.SystemCertPool()
	if err != nil {
		return "FAIL " + err.Error()
	}
	for _, f := range []string{os.Getenv("SSL_CERT_FILE"), "/etc/ssl/certs/ca-certificates.crt"} {
		if f == "" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		block, _ := pem.Decode(data)
		if block == nil {
			return "FAIL no PEM certificate in " + f
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return "FAIL " + err.Error()
		}
		if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, CurrentTime: cert.NotBefore.Add(time.Hour)}); err != nil {
			return "FAIL " + err.Error()
		}
		return "ok"
	}
	return "FAIL no CA bundle"
}

// tz shows how the TZ variable resolves: the zone abbreviation and offset at a fixed summer instant.
func tz() string {
	v, set := os.LookupEnv("TZ")
	if !set {
		return "unset"
	}
	return v + " " + time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC).In(time.Local).Format("MST -0700")
}
