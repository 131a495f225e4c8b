/** How verification results read: sizes, durations, the lines under a verified diff, a refusal's reason. */
import type { VerifyReport } from './verify.js';

/** Bytes as Docker shows them (decimal units, three significant digits): `114 MB`, `3.12 MB`, `1.2 GB`. */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : value.toPrecision(3).replace(/\.?0+$/, '');
  return `${shown} ${units[unit]}`;
}

/** `114 MB → 3.12 MB (-97%)`. */
export function formatChange(before: number, after: number): string {
  const pct = before > 0 ? Math.round(((after - before) / before) * 100) : 0;
  return `${formatSize(before)} → ${formatSize(after)} (${pct > 0 ? '+' : ''}${pct}%)`;
}

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** Added up over the verified files of a run. */
export interface VerifyTotals {
  verified: number;
  before: number;
  after: number;
}

export function emptyTotals(): VerifyTotals {
  return { verified: 0, before: 0, after: 0 };
}

/** The lines under a verified rewrite's changes. */
export function verifiedLines(v: VerifyReport): string {
  let out = `  verify: passed in ${formatSeconds(v.ms)}\n`;
  for (const c of v.checks) {
    out += `    ${c.name}: ${c.status === 'passed' ? '' : `${c.status}: `}${c.detail} (${formatSeconds(c.ms)})\n`;
  }
  if (v.size.before !== null && v.size.after !== null)
    out += `    size: ${formatChange(v.size.before, v.size.after)}\n`;
  return out;
}

/** One line for a verified file where there is no room for the checks (`--patch` prints it on stderr). */
export function verifiedSummary(v: VerifyReport): string {
  const size = v.size.before !== null && v.size.after !== null ? `; ${formatChange(v.size.before, v.size.after)}` : '';
  return `verified in ${formatSeconds(v.ms)} (build, filesystem, start)${size}`;
}

/** The reason of a file refused by verification: the failure, which check, its stderr, what to do. */
export function failureReason(v: VerifyReport): string {
  const f = v.failed;
  if (!f) return v.error ?? 'verify: failed';
  const passed = v.checks.filter((c) => c.status === 'passed').map((c) => c.name);
  const lines = [`verify: ${f.message}`];
  lines.push(`failed check: ${f.check}${passed.length > 0 ? ` (passed: ${passed.join(', ')})` : ''}`);
  if (f.stderr.length > 0) {
    lines.push('stderr of the new image:');
    for (const l of f.stderr) lines.push(`  ${l}`);
  }
  if (f.hint !== null) lines.push(`what to do: ${f.hint}`);
  return lines.join('\n');
}

/** `, 3 verified` for the summary line. */
export function verifiedCount(t: VerifyTotals): string {
  return `, ${t.verified} verified`;
}

/** The total size line at the end, or null when nothing was verified. */
export function totalLine(t: VerifyTotals): string | null {
  if (t.verified === 0) return null;
  return `verified images: ${formatChange(t.before, t.after)} in all, over ${t.verified} file${t.verified === 1 ? '' : 's'}`;
}

/** The `verify` object of a file in `--json` output. */
export function verifyJson(v: VerifyReport): Record<string, unknown> {
  return {
    ok: v.ok,
    failed: v.failed,
    error: v.error,
    checks: v.checks,
    ms: v.ms,
    size: v.size,
    notes: v.notes,
  };
}
