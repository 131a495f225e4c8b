import type { Blocker, Change, Outcome, Runtime } from '../types.js';
import {
  totalLine,
  type VerifyTotals,
  verifiedCount,
  verifiedLines,
  verifiedSummary,
  verifyJson,
} from '../verify/format.js';
import type { VerifyReport } from '../verify/verify.js';
import { type Colors, colorDiff } from './diff.js';
import { blockersOf } from './report-data.js';

/** The part of a writable stream the CLI uses. */
export interface Out {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** What is reported for one file. */
export interface FileReport {
  /** Relative to the working folder, with `/`. */
  path: string;
  outcome: Outcome;
  runtime: Runtime | null;
  target: string | null;
  reason: string | null;
  changes: Change[];
  /** For `refused`: each blocking line (`line` 0 when it concerns the whole file). */
  blockers: Blocker[];
  notes: string[];
  /** Uncoloured unified diff when rewritten, else null. */
  diff: string | null;
  /** With --verify: how the rewrite was verified (also when that refused it). */
  verify?: VerifyReport;
}

export type Summary = Record<Outcome, number>;

export interface Reporter {
  file(report: FileReport): void;
  /** `verify` only with --verify: the count and sizes of verified files. */
  end(summary: Summary, verify?: VerifyTotals): void;
}

export function emptySummary(): Summary {
  return { rewritten: 0, unchanged: 0, skipped: 0, refused: 0, error: 0 };
}

export function summaryLine(s: Summary, verify?: VerifyTotals): string {
  const line = `${s.rewritten} rewritten, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.refused} refused, ${s.error} errors`;
  if (!verify) return line;
  const total = totalLine(verify);
  return `${line}${verifiedCount(verify)}${total === null ? '' : `\n${total}`}`;
}

/** Indents every line after the first, for multi-line reasons. */
function indentRest(text: string, indent: string): string {
  return text.replace(/\r?\n/g, `\n${indent}`);
}

/** The lines under a diff: each change with its rule and line, then the notes. */
export function changeLines(report: FileReport): string {
  let out = '';
  for (const c of report.changes)
    out += `  ${c.rule}${c.line > 0 ? ` (line ${c.line})` : ''}: ${indentRest(c.why, '    ')}\n`;
  for (const n of report.notes) out += `  note: ${indentRest(n, '    ')}\n`;
  if (report.verify?.ok) out += verifiedLines(report.verify);
  return out;
}

/** `path: outcome: reason` for files that are not rewritten; empty when there is nothing to say. */
export function statusLine(report: FileReport, c: Colors, verbose: boolean): string {
  const word = { rewritten: c.green, unchanged: c.dim, skipped: c.dim, refused: c.yellow, error: c.red }[
    report.outcome
  ];
  if (report.outcome === 'rewritten') return '';
  if (!verbose && (report.outcome === 'unchanged' || report.outcome === 'skipped')) return '';
  const reason = report.reason ?? report.outcome;
  let line = `${c.bold(report.path)}: ${word(report.outcome)}: ${indentRest(reason, '  ')}\n`;
  if (verbose || report.outcome === 'refused') {
    for (const n of report.notes) line += `  note: ${indentRest(n, '    ')}\n`;
  }
  return line;
}

/** Human-readable output: diffs, change lists and reasons on stdout, then the summary line. */
export function textReporter(stdout: Out, c: Colors, verbose: boolean): Reporter {
  return {
    file(report) {
      if (report.outcome === 'rewritten' && report.diff !== null) {
        stdout.write(`${colorDiff(report.diff, c)}${changeLines(report)}\n`);
      } else {
        stdout.write(statusLine(report, c, verbose));
      }
    },
    end(summary, verify) {
      stdout.write(`${summaryLine(summary, verify)}\n`);
    },
  };
}

/** A patch for `git apply` on stdout and nothing else; reasons and the summary on stderr. */
export function patchReporter(stdout: Out, stderr: Out, c: Colors, verbose: boolean): Reporter {
  return {
    file(report) {
      if (report.outcome === 'rewritten' && report.diff !== null) {
        stdout.write(report.diff);
        if (report.verify?.ok) stderr.write(`${c.bold(report.path)}: ${verifiedSummary(report.verify)}\n`);
      } else stderr.write(statusLine(report, c, verbose));
    },
    end(summary, verify) {
      stderr.write(`${summaryLine(summary, verify)}\n`);
    },
  };
}

/** One JSON document, written file by file as results come in; with `verify`, each file has a `verify` key. */
export function jsonReporter(stdout: Out, verify = false): Reporter {
  let first = true;
  stdout.write('{"version":1,"files":[');
  return {
    file(r) {
      const entry = {
        path: r.path,
        outcome: r.outcome,
        runtime: r.runtime,
        target: r.target,
        reason: r.reason,
        changes: r.changes.map(({ rule, line, why }) => ({ rule, line, why })),
        // A rewrite that --verify refused has the failed check as its blocker (verify/build, verify/filesystem...).
        blockers: blockersOf(r).map(({ rule, line, message }) => ({ rule, line, message })),
        notes: r.notes,
        diff: r.diff,
        ...(verify ? { verify: r.verify ? verifyJson(r.verify) : null } : {}),
      };
      stdout.write(`${first ? '\n' : ',\n'}${JSON.stringify(entry)}`);
      first = false;
    },
    end(summary, totals) {
      const all = totals
        ? { ...summary, verified: totals.verified, size: { before: totals.before, after: totals.after } }
        : summary;
      stdout.write(`${first ? '' : '\n'}],"summary":${JSON.stringify(all)}}\n`);
    },
  };
}
