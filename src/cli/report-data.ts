/**
 * What the machine-readable formats and the migration report share: each file's blockers (also those of a rewrite
 * that --verify refused), and the figures of a whole run, added up from the same FileReports the JSON is made of.
 */
import type { Blocker, Outcome } from '../types.js';
import type { VerifyTotals } from '../verify/format.js';
import type { FileReport, Reporter, Summary } from './report.js';
import { ruleHelp } from './rules.js';

export const OUTCOMES: readonly Outcome[] = ['rewritten', 'unchanged', 'skipped', 'refused', 'error'];

/**
 * The blockers of a refused file: the engine's, or, for a rewrite that --verify refused, one for the failed check
 * (`verify/build`, `verify/filesystem`, `verify/start`); a refusal with neither gets one for its reason.
 */
export function blockersOf(r: FileReport): Blocker[] {
  if (r.outcome !== 'refused') return [];
  if (r.blockers.length > 0) return r.blockers;
  const failed = r.verify?.failed;
  if (failed) {
    const hint = failed.hint === null ? '' : ` (${failed.hint})`;
    return [{ rule: `verify/${failed.check}`, line: 0, message: `${failed.message}${hint}` }];
  }
  return [{ rule: 'minbase/refused', line: 0, message: firstLine(r.reason ?? 'refused') }];
}

export function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

/** One line, for table cells and annotations' titles. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

export interface RuleGroup {
  rule: string;
  title: string;
  help: string;
  /** Blocking lines under this rule, over all files. */
  count: number;
  /** Each file with its blocking lines under this rule. */
  files: Array<{ path: string; items: Array<{ line: number; message: string }> }>;
}

export interface RunFigures {
  files: number;
  summary: Summary;
  /** Per runtime (`other` for files whose runtime is unknown or not supported), in a fixed order. */
  runtimes: Array<{ runtime: string; counts: Summary; total: number }>;
  /** Blocker rules, most blocking lines first, then by name. */
  rules: RuleGroup[];
  rewritten: Array<{ path: string; runtime: string; target: string | null; changes: number }>;
  refused: Array<{ path: string; runtime: string; reason: string }>;
  errors: Array<{ path: string; reason: string }>;
  /** With --verify: the verified files and their image sizes, and the totals. */
  verify: {
    files: Array<{ path: string; before: number; after: number }>;
    before: number;
    after: number;
    saved: number;
  } | null;
}

const RUNTIME_ORDER = ['go', 'rust', 'java', 'node', 'python', 'other'];

/** Adds up a run; `verifying` says --verify was on (so the size section is shown even when nothing passed). */
export function figures(reports: FileReport[], verifying: boolean, totals?: VerifyTotals): RunFigures {
  const summary = emptyCounts();
  const byRuntime = new Map<string, Summary>();
  const rules = new Map<string, RuleGroup>();
  const out: RunFigures = {
    files: reports.length,
    summary,
    runtimes: [],
    rules: [],
    rewritten: [],
    refused: [],
    errors: [],
    verify: null,
  };
  const verified: Array<{ path: string; before: number; after: number }> = [];
  for (const r of reports) {
    summary[r.outcome]++;
    const runtime = r.runtime ?? 'other';
    let counts = byRuntime.get(runtime);
    if (!counts) {
      counts = emptyCounts();
      byRuntime.set(runtime, counts);
    }
    counts[r.outcome]++;
    if (r.outcome === 'rewritten') {
      out.rewritten.push({ path: r.path, runtime, target: r.target, changes: r.changes.length });
      const size = r.verify?.ok ? r.verify.size : null;
      if (size && size.before !== null && size.after !== null) {
        verified.push({ path: r.path, before: size.before, after: size.after });
      }
    } else if (r.outcome === 'refused') {
      out.refused.push({ path: r.path, runtime, reason: firstLine(r.reason ?? '') });
      const byFile = new Map<string, Array<{ line: number; message: string }>>();
      for (const b of blockersOf(r)) {
        let group = rules.get(b.rule);
        if (!group) {
          const { title, help } = ruleHelp(b.rule);
          group = { rule: b.rule, title, help, count: 0, files: [] };
          rules.set(b.rule, group);
        }
        group.count++;
        let items = byFile.get(b.rule);
        if (!items) {
          items = [];
          byFile.set(b.rule, items);
          group.files.push({ path: r.path, items });
        }
        items.push({ line: b.line, message: oneLine(b.message) });
      }
    } else if (r.outcome === 'error') {
      out.errors.push({ path: r.path, reason: oneLine(r.reason ?? 'error') });
    }
  }
  out.runtimes = [...byRuntime]
    .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : 1))
    .map(([runtime, counts]) => ({ runtime, counts, total: OUTCOMES.reduce((n, o) => n + counts[o], 0) }));
  out.rules = [...rules.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
  if (verifying) {
    const before = totals?.before ?? verified.reduce((n, f) => n + f.before, 0);
    const after = totals?.after ?? verified.reduce((n, f) => n + f.after, 0);
    out.verify = { files: verified, before, after, saved: before - after };
  }
  return out;
}

function order(runtime: string): number {
  const i = RUNTIME_ORDER.indexOf(runtime);
  return i < 0 ? RUNTIME_ORDER.length - 1 : i;
}

function emptyCounts(): Summary {
  return { rewritten: 0, unchanged: 0, skipped: 0, refused: 0, error: 0 };
}

/** A reporter that keeps every report (without its diff) for a report written at the end. */
export class Collector implements Reporter {
  readonly reports: FileReport[] = [];
  summary: Summary | null = null;
  totals: VerifyTotals | undefined;

  file(report: FileReport): void {
    this.reports.push({ ...report, diff: null });
  }

  end(summary: Summary, verify?: VerifyTotals): void {
    this.summary = summary;
    this.totals = verify;
  }
}

/** Sends every call to each reporter in turn. */
export function tee(...reporters: Reporter[]): Reporter {
  return {
    file(report) {
      for (const r of reporters) r.file(report);
    },
    end(summary, verify) {
      for (const r of reporters) r.end(summary, verify);
    },
  };
}
