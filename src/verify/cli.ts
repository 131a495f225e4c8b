/**
 * `--verify` as the CLI uses it: find and check docker once, verify each planned rewrite, turn the result into the
 * file's report (verified, refused or error), add up sizes, show what runs on a status line, clean up.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Planned } from '../cli/process.js';
import type { FileReport, Out } from '../cli/report.js';
import { checkDocker, type DockerRunner, locateDocker, SpawnRunner } from './docker.js';
import { emptyTotals, failureReason, type VerifyTotals } from './format.js';
import { plural, VerifySession } from './session.js';
import { type VerifySettings, verifyRewrite } from './verify.js';

export interface VerifyCliOptions {
  docker?: string;
  context?: string;
  buildArgs: string[];
  platform?: string;
  timeoutSeconds: number;
  runArgs: string[];
  runEnv: string[];
  jobs: number;
  /** `--stage`, which --verify builds with `--target` (a file whose config sets a stage builds that one). */
  stage?: string;
}

export interface VerifierIO {
  env: Record<string, string | undefined>;
  cwd: string;
  stderr: Out;
}

/** Makes the runner for a docker binary; tests pass a fake. */
export type RunnerFactory = (binary: string, env: Record<string, string | undefined>) => DockerRunner;

export const spawnRunner: RunnerFactory = (binary, env) => new SpawnRunner(binary, env);

/** Finds docker and checks it once; a failure is the one message to print before exiting with 2. */
export async function openVerifier(
  options: VerifyCliOptions,
  io: VerifierIO,
  makeRunner: RunnerFactory = spawnRunner,
): Promise<{ ok: true; verifier: Verifier } | { ok: false; message: string }> {
  const settings: VerifySettings = {
    buildArgs: options.buildArgs,
    timeoutSeconds: options.timeoutSeconds,
    runArgs: options.runArgs,
    runEnv: options.runEnv,
  };
  if (options.platform !== undefined) settings.platform = options.platform;
  if (options.stage !== undefined) settings.stage = options.stage;
  if (options.context !== undefined) {
    const dir = path.resolve(io.cwd, options.context);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {}
    if (!isDir) return { ok: false, message: `--context ${options.context}: no such folder` };
    settings.context = dir;
  }
  const located = locateDocker(options.docker, io.env, io.cwd);
  if (!located.ok) return { ok: false, message: located.message };
  const runner = makeRunner(located.binary, io.env);
  const checked = await checkDocker(runner, located.binary, io.env);
  if (!checked.ok) return { ok: false, message: checked.message };
  const session = new VerifySession(runner, checked.info);
  return { ok: true, verifier: new Verifier(session, settings, options.jobs, new StatusLine(io.stderr)) };
}

export class Verifier {
  readonly totals: VerifyTotals = emptyTotals();

  constructor(
    readonly session: VerifySession,
    readonly settings: VerifySettings,
    readonly jobs: number,
    readonly status: StatusLine,
  ) {}

  /** Installs the Ctrl-C handlers; with `deferIdle` (`-i`) a signal while no build runs is left to the question. */
  install(stderr: Out, deferIdle = false): void {
    this.session.installSignalHandlers(
      {
        write: (text: string) => {
          this.status.clear();
          return stderr.write(text);
        },
      },
      deferIdle,
    );
  }

  /**
   * Verifies a planned rewrite of `file` (its absolute path); returns its report: still `rewritten` with the
   * verification attached, `refused` when a check failed, `error` when it could not be verified.
   */
  async check(planned: Planned, file: string, stage = this.settings.stage): Promise<FileReport> {
    const { report, write } = planned;
    if (report.outcome !== 'rewritten' || !write) return report;
    const show = (what: string): void => this.status.show(`minbase: verifying ${report.path}: ${what}…`);
    // The stage this file was rewritten at (--stage, or "stage" from its config) is the one both builds target.
    const settings: VerifySettings = { ...this.settings };
    if (stage === undefined) delete settings.stage;
    else settings.stage = stage;
    const v = await verifyRewrite(
      this.session,
      { file, oldText: write.expected, newText: write.content },
      settings,
      show,
    );
    this.status.clear();
    const notes = [...report.notes, ...v.notes];
    if (v.ok) {
      this.totals.verified++;
      this.totals.before += v.size.before ?? 0;
      this.totals.after += v.size.after ?? 0;
      return { ...report, notes, verify: v };
    }
    return {
      ...report,
      outcome: v.failed ? 'refused' : 'error',
      reason: failureReason(v),
      notes,
      diff: null,
      verify: v,
    };
  }

  /** Removes what this run left, and the signal handlers; says so on `stderr` when something could not be removed. */
  async close(stderr: Out): Promise<void> {
    this.status.clear();
    const removed = await this.session.cleanup();
    this.session.removeSignalHandlers();
    if (removed.left.length > 0) {
      stderr.write(
        `minbase: could not remove ${removed.left.join(', ')} (label ${this.session.label}); remove ${removed.left.length === 1 ? 'it' : 'them'} with docker rm -f / docker rmi\n`,
      );
    }
  }
}

const CLEAR = '\r\x1b[2K';

/** One line on a terminal's stderr saying what verification is doing, taken away before any other output. */
export class StatusLine {
  private shown = false;

  constructor(private readonly out: Out) {}

  get enabled(): boolean {
    return this.out.isTTY === true;
  }

  show(text: string): void {
    if (!this.enabled) return;
    const columns = (this.out as { columns?: number }).columns ?? 100;
    const line = text.length > columns - 1 ? `${text.slice(0, Math.max(10, columns - 2))}…` : text;
    this.out.write(`${CLEAR}${line}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.out.write(CLEAR);
    this.shown = false;
  }

  /** `out` with the line taken away before each write, when `out` is a terminal too. */
  around(out: Out): Out {
    if (!this.enabled || out.isTTY !== true) return out;
    const clearing: Out = {
      write: (chunk) => {
        this.clear();
        return out.write(chunk);
      },
    };
    clearing.isTTY = true;
    return clearing;
  }
}

export { plural };
