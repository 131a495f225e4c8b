import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import pc from 'picocolors';
import type { RunnerFactory, Verifier } from '../verify/cli.js';
import { type CliOptions, parseCliArgs, UsageError } from './args.js';
import { ConfigError, ConfigResolver, configureEntries, type PlanOptions, type Settings } from './config.js';
import type { Colors } from './diff.js';
import { discover } from './discover.js';
import { GitGuard } from './git.js';
import { githubReporter } from './github.js';
import { helpText } from './help.js';
import { applyRegistries } from './mirror.js';
import { discardWorkers, MIN_FILES_FOR_THREADS, openPlanner, prestartWorkers, threadCount } from './pipeline.js';
import { apply, blocked, ioReport, safeRewrite, toReport } from './process.js';
import { Progress, wantsProgress } from './progress.js';
import { contextReader, decode, readAll } from './read.js';
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
import { Collector, tee } from './report-data.js';
import { reportDate, writeReport } from './report-file.js';
import { sarifReporter } from './sarif.js';
import { version } from './version.js';
import { Writer } from './write.js';

export { version };

export interface CliIO {
  stdout: Out;
  stderr: Out;
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
  /** How --verify runs docker; tests pass a fake. */
  dockerRunner?: RunnerFactory;
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
  if (options.mode === 'interactive' && !(io.stdin.isTTY && io.stdout.isTTY)) {
    io.stderr.write(
      "minbase: --interactive needs a terminal on stdin and stdout; run 'minbase' (a dry run) to see the changes, " +
        "or 'minbase --write' to apply them all\n",
    );
    return 2;
  }

  // The command line's rewrite options; config files fill in the rest for each file.
  const rewriteOptions: Settings = {};
  if (options.stage !== undefined) rewriteOptions.stage = options.stage;
  if (options.family !== undefined) rewriteOptions.family = options.family;
  if (options.staticBase !== undefined) rewriteOptions.staticBase = options.staticBase;
  if (options.nonroot) rewriteOptions.nonroot = true;
  if (options.dropHealthcheck) rewriteOptions.dropHealthcheck = true;
  if (options.debugStage) rewriteOptions.debugStage = true;
  const configs = new ConfigResolver(options.config, rewriteOptions, io.cwd);

  if (!options.verify) {
    if (options.stdin) return runStdin(options, configs, io, null);
    return runFiles(options, configs, io, null);
  }
  // --verify: Docker is checked once, before anything is read or written.
  // Loaded only for --verify (and interactive.js only for -i): a run without them starts sooner.
  const { openVerifier } = await import('../verify/cli.js');
  const opened = await openVerifier(options.verify, io, io.dockerRunner);
  if (!opened.ok) {
    io.stderr.write(`minbase: ${opened.message}\n`);
    return 2;
  }
  const { verifier } = opened;
  verifier.install(io.stderr, options.mode === 'interactive');
  try {
    if (options.stdin) return await runStdin(options, configs, io, verifier);
    return await runFiles(options, configs, io, verifier);
  } finally {
    await verifier.close(io.stderr);
  }
}

/** Whether to colour output on `out`: FORCE_COLOR forces it, NO_COLOR turns it off, else only on a terminal. */
function useColor(out: Out, env: CliIO['env']): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR) return false;
  return out.isTTY === true;
}

/**
 * 2 for errors, 1 for rewritten or refused files, as far as --fail-on counts them; rewritten and refused files fail
 * only --check, or any mode where --fail-on was given.
 */
function exitCode(summary: Summary, options: CliOptions): number {
  const fails = (o: 'rewritten' | 'refused' | 'error'): boolean => summary[o] > 0 && options.failOn.includes(o);
  if (fails('error')) return 2;
  const gate = options.mode === 'check' || options.failOnGiven;
  if (gate && (fails('rewritten') || fails('refused'))) return 1;
  return 0;
}

function configError(err: unknown, io: CliIO): number {
  if (!(err instanceof ConfigError)) throw err;
  io.stderr.write(`minbase: ${err.message}\n`);
  return 2;
}

async function runFiles(
  options: CliOptions,
  configs: ConfigResolver,
  io: CliIO,
  verifier: Verifier | null,
): Promise<number> {
  let entries: Awaited<ReturnType<typeof discover>>;
  let optionsFor: (entry: (typeof entries)[number]) => PlanOptions;
  // Once discovery has found enough files for threads, the workers start loading while it walks on.
  let found = 0;
  const onFile = () => {
    if (++found === MIN_FILES_FOR_THREADS && options.mode !== 'interactive')
      prestartWorkers(threadCount(io.env, found));
  };
  try {
    ({ entries, optionsFor } = await configureEntries(await discover(options.paths, io.cwd, onFile), configs));
  } catch (err) {
    await discardWorkers();
    return configError(err, io);
  }
  // Under --verify the status line says which file is being built instead.
  const showProgress = verifier === null && wantsProgress(io.stderr, options.format, entries.length);
  const progress = new Progress(io.stderr, entries.length, showProgress);
  const stdout = progress.around(verifier ? verifier.status.around(io.stdout) : io.stdout);
  const stderr = progress.around(verifier ? verifier.status.around(io.stderr) : io.stderr);

  if (options.mode === 'interactive') {
    // main() was called with the process's own stdin and stdout here: they are terminals.
    const color = useColor(io.stdout, io.env);
    const terminal = { stdin: io.stdin as unknown as Readable, stdout: io.stdout as unknown as Writable, color };
    const { runInteractive } = await import('./interactive.js');
    return runInteractive(
      entries,
      options,
      optionsFor,
      stdout,
      pc.createColors(color),
      terminal,
      progress,
      io.env,
      verifier,
    );
  }

  let reporter: Reporter;
  if (options.format === 'json') reporter = jsonReporter(stdout, verifier !== null);
  else if (options.format === 'sarif')
    reporter = sarifReporter(stdout, { version: version(), cwd: io.cwd, failOn: options.failOn });
  else if (options.format === 'github') reporter = githubReporter(stdout, options.failOn);
  else if (options.format === 'patch') {
    reporter = patchReporter(stdout, stderr, pc.createColors(useColor(io.stderr, io.env)), options.verbose);
  } else reporter = textReporter(stdout, pc.createColors(useColor(io.stdout, io.env)), options.verbose);

  const collector = options.report ? new Collector() : null;
  if (collector) reporter = tee(reporter, collector);

  const summary = emptySummary();
  const writer = options.mode === 'write' ? new Writer() : null;
  const guard = writer && !options.force ? new GitGuard(io.env) : null;
  const one = async (entry: (typeof entries)[number]): Promise<FileReport> => {
    const planned = await planner.plan(entry);
    let report = planned.report;
    if (writer && planned.write) {
      const reason = await blocked(planned, guard);
      if (reason !== null) return ioReport(report.path, 'error', reason);
    }
    // A rewrite is only written once it is verified.
    if (verifier && planned.write) {
      report = await verifier.check(planned, entry.abs, optionsFor(entry).stage);
      if (report.outcome !== 'rewritten') return report;
    }
    if (writer && planned.write) {
      const written = await apply({ report, write: planned.write }, writer);
      return report.verify && written.outcome === 'error' ? { ...written, verify: report.verify } : written;
    }
    return report;
  };
  // Files are planned on worker threads ahead of the one reported, then finished (checked, verified, written)
  // `jobs` at a time (one without --verify) and reported in order.
  const planner = openPlanner(entries, optionsFor, threadCount(io.env, entries.length));
  const jobs = verifier?.jobs ?? 1;
  const pending: Array<Promise<FileReport>> = [];
  let done = 0;
  const next = async (): Promise<void> => {
    const report = await pending.shift()!;
    summary[report.outcome]++;
    reporter.file(report);
    progress.update(++done);
    await drained(io.stdout);
  };
  try {
    for (const entry of entries) {
      pending.push(one(entry));
      if (pending.length >= jobs) await next();
    }
    while (pending.length > 0) await next();
  } finally {
    await planner.close();
  }
  progress.done();
  reporter.end(summary, verifier?.totals);
  if (collector && options.report) {
    const meta = {
      version: version(),
      date: reportDate(io.env),
      verifying: verifier !== null,
      totals: verifier?.totals,
    };
    const failed = await writeReport(options.report.file, io.cwd, options.report.kind, collector.reports, meta);
    if (failed !== null) {
      io.stderr.write(`minbase: ${failed}\n`);
      return 2;
    }
  }
  return exitCode(summary, options);
}

/** `minbase -`: one Dockerfile from stdin to stdout; everything else on stderr. */
async function runStdin(
  options: CliOptions,
  configs: ConfigResolver,
  io: CliIO,
  verifier: Verifier | null,
): Promise<number> {
  // Settings from the config file that applies to a Dockerfile in the working folder.
  let fileOptions: PlanOptions;
  try {
    fileOptions = (await configs.forFile(path.join(io.cwd, 'Dockerfile'))).options;
  } catch (err) {
    return configError(err, io);
  }
  const { registries, ...rewriteOptions } = fileOptions;
  const c: Colors = pc.createColors(useColor(io.stderr, io.env));
  const input = await readAll(io.stdin);
  const read = decode(input);
  const name = '<stdin>';
  let report: FileReport;
  if (read.ok) {
    const rewritten = safeRewrite(read.text, { ...rewriteOptions, readContextFile: contextReader(io.cwd) });
    const result = applyRegistries(read.text, rewritten, registries);
    report = toReport(name, read.bom, read.text, result);
    if (verifier && report.outcome === 'rewritten') {
      const write = { file: '', content: Buffer.from(read.bom + result.output), expected: input };
      // Built in the current folder (or --context), as a Dockerfile there would be.
      report = await verifier.check({ report, write }, path.join(io.cwd, 'Dockerfile'), rewriteOptions.stage);
    }
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
  io.stderr.write(`${summaryLine(summary, verifier?.totals)}\n`);
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
