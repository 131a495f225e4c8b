import path from 'node:path';
import { rewrite } from '../index.js';
import type { RewriteOptions, RewriteResult } from '../types.js';
import type { PlanOptions } from './config.js';
import { unifiedDiff } from './diff.js';
import type { Entry } from './discover.js';
import { osReason } from './errors.js';
import type { GitGuard } from './git.js';
import { applyRegistries } from './mirror.js';
import { contextReader, readDockerfile } from './read.js';
import type { FileReport } from './report.js';
import { version } from './version.js';
import { ChangedError, type Writer } from './write.js';

/** One file read and rewritten in memory; `write` is what replacing it would take, when it is rewritten. */
export interface Planned {
  report: FileReport;
  write: { file: string; content: Buffer; expected: Buffer } | null;
}

export function ioReport(path: string, outcome: 'error' | 'skipped', reason: string): FileReport {
  return { path, outcome, runtime: null, target: null, reason, changes: [], blockers: [], notes: [], diff: null };
}

/** Reads and rewrites one file, writing nothing; `registries` (from a config file) apply to its new bases. Never throws. */
export async function plan(entry: Entry, { registries, ...options }: PlanOptions): Promise<Planned> {
  if (entry.kind !== 'file') return { report: ioReport(entry.display, entry.kind, entry.reason), write: null };
  const read = await readDockerfile(entry.abs);
  if (!read.ok) return { report: ioReport(entry.display, 'error', read.reason), write: null };

  const rewritten = safeRewrite(read.text, { ...options, readContextFile: contextReader(path.dirname(entry.abs)) });
  const result = applyRegistries(read.text, rewritten, registries);
  const report = toReport(entry.display, read.bom, read.text, result);
  if (report.outcome !== 'rewritten') return { report, write: null };
  return {
    report,
    write: { file: entry.real, content: Buffer.from(read.bom + result.output, 'utf8'), expected: read.bytes },
  };
}

/**
 * Why a planned rewrite must not be written (uncommitted changes in git), or null. Only asked with `guard`,
 * which is null with --force.
 */
export async function blocked(planned: Planned, guard: GitGuard | null): Promise<string | null> {
  if (!planned.write || !guard) return null;
  return guard.check(planned.write.file);
}

/** Writes a planned rewrite; returns its report, or an `error` report when it cannot be written. Never throws. */
export async function apply(planned: Planned, writer: Writer): Promise<FileReport> {
  const { report, write } = planned;
  if (!write) return report;
  try {
    await writer.write(write.file, write.content, write.expected);
    return report;
  } catch (err) {
    return ioReport(report.path, 'error', err instanceof ChangedError ? err.message : osReason(err));
  }
}

/** Calls the core; an exception becomes an `error` result. */
export function safeRewrite(text: string, options: RewriteOptions): RewriteResult {
  try {
    return rewrite(text, options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      output: text,
      outcome: 'error',
      runtime: null,
      target: null,
      reason: `internal error in minbase ${version()}: ${message}`,
      changes: [],
      blockers: [],
      notes: [],
    };
  }
}

export function toReport(file: string, bom: string, text: string, result: RewriteResult): FileReport {
  const rewritten = result.outcome === 'rewritten' && result.output !== text;
  return {
    path: file,
    // A "rewrite" that changes nothing is reported as unchanged, so it is neither written nor counted.
    outcome: result.outcome === 'rewritten' && !rewritten ? 'unchanged' : result.outcome,
    runtime: result.runtime,
    // The engine names a placeholder ("a minimal image") when no target was chosen; reports say null.
    target: result.target === null || /^a minimal image\b/.test(result.target) ? null : result.target,
    reason: result.reason,
    changes: result.changes,
    blockers: result.blockers.map(({ rule, line, message }) => ({ rule, line, message })),
    notes: result.notes,
    diff: rewritten ? unifiedDiff(file, bom + text, bom + result.output) : null,
  };
}
