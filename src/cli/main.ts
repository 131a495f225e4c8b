import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { rewrite } from '../index.js';
import type { RewriteOptions, RewriteResult } from '../types.js';
import { type CliOptions, parseCliArgs, UsageError } from './args.js';
import { type Colors, unifiedDiff } from './diff.js';
import { discover, type Entry } from './discover.js';
import { osReason } from './errors.js';
import { helpText } from './help.js';
import { contextReader, decode, readAll, readDockerfile } from './read.js';
import {
  changeLines,
  emptySummary,
  type FileReport,
  jsonReporter,
  type Out,
  patchReporter,
  type Reporter,
  type Summary,
  statusLine,
  summaryLine,
  textReporter,
} from './report.js';
import { ChangedError, Writer } from './write.js';

export interface CliIO {
  stdout: Out;
  stderr: Out;
  stdin: AsyncIterable<Buffer | string>;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** The version in package.json. */
export function version(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'minbase' && pkg.version) return pkg.version;
    } catch {
      // keep looking upwards
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

/** Runs the CLI and returns the exit code; never exits the process itself. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`minbase: ${err.message}\nRun 'minbase --help' for usage.\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(helpText(version()));
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  if (options.interactive) {
    io.stderr.write('minbase: interactive mode is not available yet; use a dry run or --write\n');
    return 2;
  }

  const rewriteOptions: RewriteOptions = {};
  if (options.stage !== undefined) rewriteOptions.stage = options.stage;
  if (options.staticBase !== undefined) rewriteOptions.staticBase = options.staticBase;
  if (options.nonroot) rewriteOptions.nonroot = true;
  if (options.dropHealthcheck) rewriteOptions.dropHealthcheck = true;

  if (options.stdin) return runStdin(options, rewriteOptions, io);
  return runFiles(options, rewriteOptions, io);
}

/** Whether to colour output on `out`: FORCE_COLOR forces it, NO_COLOR turns it off, else only on a terminal. */
function useColor(out: Out, env: CliIO['env']): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR) return false;
  return out.isTTY === true;
}

function exitCode(summary: Summary, options: CliOptions): number {
  if (summary.error > 0) return 2;
  if (options.mode === 'check' && summary.rewritten + summary.refused > 0) return 1;
  return 0;
}

async function runFiles(options: CliOptions, rewriteOptions: RewriteOptions, io: CliIO): Promise<number> {
  let reporter: Reporter;
  if (options.format === 'json') reporter = jsonReporter(io.stdout);
  else if (options.format === 'patch') {
    reporter = patchReporter(io.stdout, io.stderr, pc.createColors(useColor(io.stderr, io.env)), options.verbose);
  } else reporter = textReporter(io.stdout, pc.createColors(useColor(io.stdout, io.env)), options.verbose);

  const summary = emptySummary();
  const writer = options.mode === 'write' ? new Writer() : null;
  for (const entry of await discover(options.paths, io.cwd)) {
    const report = await processEntry(entry, rewriteOptions, writer);
    summary[report.outcome]++;
    reporter.file(report);
    await drained(io.stdout);
  }
  reporter.end(summary);
  return exitCode(summary, options);
}

function ioReport(path: string, outcome: 'error' | 'skipped', reason: string): FileReport {
  return { path, outcome, runtime: null, target: null, reason, changes: [], notes: [], diff: null };
}

/** Reads, rewrites and (with --write) writes one file. Never throws. */
async function processEntry(entry: Entry, options: RewriteOptions, writer: Writer | null): Promise<FileReport> {
  if (entry.kind !== 'file') return ioReport(entry.display, entry.kind, entry.reason);
  const read = await readDockerfile(entry.abs);
  if (!read.ok) return ioReport(entry.display, 'error', read.reason);

  const result = safeRewrite(read.text, { ...options, readContextFile: contextReader(path.dirname(entry.abs)) });
  const report = toReport(entry.display, read.bom, read.text, result);
  if (writer && report.outcome === 'rewritten') {
    try {
      await writer.write(entry.real, Buffer.from(read.bom + result.output, 'utf8'), read.bytes);
    } catch (err) {
      return ioReport(entry.display, 'error', err instanceof ChangedError ? err.message : osReason(err));
    }
  }
  return report;
}

/** Calls the core; an exception becomes an `error` result. */
function safeRewrite(text: string, options: RewriteOptions): RewriteResult {
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

function toReport(file: string, bom: string, text: string, result: RewriteResult): FileReport {
  const rewritten = result.outcome === 'rewritten' && result.output !== text;
  return {
    path: file,
    // A "rewrite" that changes nothing is reported as unchanged, so it is neither written nor counted.
    outcome: result.outcome === 'rewritten' && !rewritten ? 'unchanged' : result.outcome,
    runtime: result.runtime,
    target: result.target,
    reason: result.reason,
    changes: result.changes,
    notes: result.notes,
    diff: rewritten ? unifiedDiff(file, bom + text, bom + result.output) : null,
  };
}

/** `minbase -`: one Dockerfile from stdin to stdout; everything else on stderr. */
async function runStdin(options: CliOptions, rewriteOptions: RewriteOptions, io: CliIO): Promise<number> {
  const c: Colors = pc.createColors(useColor(io.stderr, io.env));
  const input = await readAll(io.stdin);
  const read = decode(input);
  const name = '<stdin>';
  let report: FileReport;
  if (read.ok) {
    const result = safeRewrite(read.text, { ...rewriteOptions, readContextFile: contextReader(io.cwd) });
    report = toReport(name, read.bom, read.text, result);
    io.stdout.write(report.outcome === 'rewritten' ? read.bom + result.output : read.bom + read.text);
  } else {
    report = ioReport(name, 'error', read.reason);
    // Pass the input through untouched, so that a filter never loses it.
    io.stdout.write(input);
  }
  const summary = emptySummary();
  summary[report.outcome]++;
  if (report.outcome === 'rewritten') io.stderr.write(changeLines(report));
  else io.stderr.write(statusLine(report, c, true));
  io.stderr.write(`${summaryLine(summary)}\n`);
  await drained(io.stdout);
  return exitCode(summary, options);
}

/** Waits until a stream that reported back-pressure can take more (or is gone). */
async function drained(out: Out): Promise<void> {
  const stream = out as Out & {
    writableNeedDrain?: boolean;
    once?: (event: 'drain' | 'close' | 'error', listener: () => void) => unknown;
  };
  if (!stream.writableNeedDrain || !stream.once) return;
  await new Promise<void>((resolve) => {
    for (const event of ['drain', 'close', 'error'] as const) stream.once?.(event, resolve);
  });
}
