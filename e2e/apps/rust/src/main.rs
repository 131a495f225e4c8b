//! Prints what a wrong rewrite of the image would change, one key=value line each, then exits.
//! No crates (none can be fetched here): uid/gid come from /proc, the CA and zone checks read the files.
use std::env;
use std::fs;

fn json_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("[{}]", quoted.join(","))
}

fn status_field(name: &str) -> String {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    for l in status.lines() {
        if let Some(rest) = l.strip_prefix(name) {
            return rest.split_whitespace().next().unwrap_or("?").to_string();
        }
    }
    "?".to_string()
}

fn b64(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        } as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The first certificate of the bundle must be DER: a SEQUENCE whose length covers the decoded bytes.
fn ca() -> String {
    let path = env::var("SSL_CERT_FILE").unwrap_or_else(|_| "/etc/ssl/certs/ca-certificates.crt".to_string());
    let data = match fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => return format!("FAIL {}: {}", path, e),
    };
    let begin = "-----BEGIN CERTIFICATE-----";
    let Some(start) = data.find(begin) else { return "FAIL no certificate".into() };
    let rest = &data[start + begin.len()..];
    let Some(end) = rest.find("-----END CERTIFICATE-----") else { return "FAIL truncated".into() };
    let der = b64(&rest[..end]);
    if der.len() < 4 || der[0] != 0x30 || der[1] != 0x82 {
        return "FAIL not DER".into();
    }
    let len = ((der[2] as usize) << 8 | der[3] as usize) + 4;
    if len != der.len() {
        return format!("FAIL length {} != {}", len, der.len());
    }
    "ok".into()
}

/// TZ resolved through the zone file, as glibc would: its POSIX rule (the TZif footer).
fn tz() -> String {
    let Ok(v) = env::var("TZ") else { return "unset".into() };
    let file = format!("/usr/share/zoneinfo/{}", v);
    match fs::read(&file) {
        Ok(d) if d.starts_with(b"TZif") => {
            let text = String::from_utf8_lossy(&d);
            let footer = text.trim_end_matches('\n').rsplit('\n').next().unwrap_or("").to_string();
            format!("{} {}", v, footer)
        }
        Ok(_) => format!("{} FAIL not TZif", v),
        Err(e) => format!("{} FAIL {}", v, e),
    }
}

fn main() {
    let args: Vec<String> = env::args().collect();
    println!("argv0={}", args[0]);
    println!("args={}", json_list(&args[1..]));
    println!("uid={}", status_field("Uid:"));
    println!("gid={}", status_field("Gid:"));
    let cwd = env::current_dir().map(|p| p.display().to_string()).unwrap_or_else(|e| format!("ERROR {}", e));
    println!("cwd={}", cwd);
    println!("home={}", env::var("HOME").unwrap_or_default());
    let mut app: Vec<String> = env::vars().filter(|(k, _)| k.starts_with("APP_")).map(|(k, v)| format!("{}={}", k, v)).collect();
    app.sort();
    println!("env={}", json_list(&app));
    println!("ca={}", ca());
    println!("tz={}", tz());
}
