import { parseArgs } from 'node:util';
import type { VerifyCliOptions } from '../verify/cli.js';
import type { ConfigSource } from './config.js';

/** A command line that cannot be run; printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions {
  /** What to do with rewritten files: show them, write them, fail CI, or ask for each (`-i`). */
  mode: 'dry-run' | 'write' | 'check' | 'interactive';
  /** How to print results. */
  format: Format;
  /**
   * The outcomes that fail the run (`--fail-on`, default all three): error exits 2 in every mode; rewritten and
   * refused exit 1 with --check, or in any mode when --fail-on was given (`failOnGiven`).
   */
  failOn: FailOutcome[];
  failOnGiven: boolean;
  /** Where settings come from besides the command line: config files found (default), one file, or none. */
  config: ConfigSource;
  /** `--report FILE`: a migration report, Markdown or HTML by the file's extension. */
  report?: { file: string; kind: 'markdown' | 'html' };
  /** Paths as given, `['.']` when none; `['-']` means stdin. */
  paths: string[];
  stdin: boolean;
  stage?: string;
  family?: 'distroless' | 'dhi' | 'chainguard';
  staticBase?: 'scratch' | 'distroless';
  nonroot: boolean;
  dropHealthcheck: boolean;
  debugStage: boolean;
  /** Write files that have uncommitted changes in git. */
  force: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
  /** With --verify: how to build, check and start each rewrite; absent without it. */
  verify?: VerifyCliOptions;
}

export type Format = 'text' | 'json' | 'patch' | 'sarif' | 'github';
const FORMATS: readonly Format[] = ['text', 'json', 'patch', 'sarif', 'github'];
export type FailOutcome = 'rewritten' | 'refused' | 'error';
const FAIL_OUTCOMES: readonly FailOutcome[] = ['rewritten', 'refused', 'error'];

/** Options that only mean something with --verify. */
const VERIFY_ONLY = [
  'docker',
  'context',
  'build-arg',
  'platform',
  'verify-timeout',
  'verify-arg',
  'verify-env',
  'jobs',
] as const;

const optionSpec = {
  write: { type: 'boolean' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  patch: { type: 'boolean' },
  format: { type: 'string' },
  'fail-on': { type: 'string', multiple: true },
  report: { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  stage: { type: 'string' },
  'static-base': { type: 'string' },
  family: { type: 'string' },
  nonroot: { type: 'boolean' },
  'drop-healthcheck': { type: 'boolean' },
  'debug-stage': { type: 'boolean' },
  force: { type: 'boolean' },
  verbose: { type: 'boolean' },
  interactive: { type: 'boolean', short: 'i' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  verify: { type: 'boolean' },
  docker: { type: 'string' },
  context: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  platform: { type: 'string' },
  'verify-timeout': { type: 'string' },
  'verify-arg': { type: 'string', multiple: true },
  'verify-env': { type: 'string', multiple: true },
  jobs: { type: 'string' },
} as const;

/** Parses argv (without node and script). Throws UsageError. */
export function parseCliArgs(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof optionSpec; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: optionSpec, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(describeParseError(err));
  }
  const v = parsed.values;
  const base = {
    nonroot: v.nonroot === true,
    dropHealthcheck: v['drop-healthcheck'] === true,
    debugStage: v['debug-stage'] === true,
    force: v.force === true,
    verbose: v.verbose === true,
    help: v.help === true,
    version: v.version === true,
  };
  // --help and --version win over everything else on the line.
  if (base.help || base.version) {
    return {
      ...base,
      mode: 'dry-run',
      format: 'text',
      failOn: [],
      failOnGiven: false,
      config: { kind: 'none' },
      paths: [],
      stdin: false,
    };
  }

  if (v.write && v.check) throw new UsageError('--write and --check cannot be used together');
  if (v.patch && v.json) throw new UsageError('--patch and --json cannot be used together');
  const format = formatOf(v.format, v.json, v.patch);
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ['.'];
  const stdin = paths.includes('-');
  if (v.interactive) {
    const conflicts: Array<[boolean | undefined, string]> = [
      [v.write, '--write'],
      [v.check, '--check'],
      [v.json, '--json'],
      [v.patch, '--patch'],
      [v.format !== undefined, '--format'],
      [v['fail-on'] !== undefined, '--fail-on'],
      [v.report !== undefined, '--report'],
      [stdin, "'-'"],
    ];
    const other = conflicts.find(([given]) => given)?.[1];
    if (other !== undefined) throw new UsageError(`--interactive cannot be used with ${other}`);
  }
  const mode = v.interactive ? 'interactive' : v.write ? 'write' : v.check ? 'check' : 'dry-run';
  if (stdin) {
    if (paths.length > 1) throw new UsageError("'-' (read from stdin) must be the only path");
    if (mode === 'write') throw new UsageError("--write cannot be used with '-': the result is printed on stdout");
    if (format !== 'text') {
      const flag = v.format !== undefined ? `--format ${format}` : `--${format}`;
      throw new UsageError(`${flag} cannot be used with '-': the result is printed on stdout`);
    }
    if (v.report !== undefined) throw new UsageError("--report cannot be used with '-'");
  }
  if (v.config !== undefined && v['no-config'])
    throw new UsageError('--config and --no-config cannot be used together');
  if (v.config !== undefined && v.config.trim() === '') throw new UsageError('--config needs a file');
  const config: ConfigSource =
    v.config !== undefined ? { kind: 'file', file: v.config } : v['no-config'] ? { kind: 'none' } : { kind: 'search' };
  const failOn = failOnOf(v['fail-on']);
  const failOnGiven = v['fail-on'] !== undefined;

  const options: CliOptions = { ...base, mode, format, failOn, failOnGiven, config, paths, stdin };
  if (v.report !== undefined) options.report = reportOf(v.report);
  if (v.stage !== undefined) {
    if (v.stage.trim() === '') throw new UsageError('--stage needs a stage name');
    options.stage = v.stage;
  }
  const family = v.family;
  if (family !== undefined) {
    if (family !== 'distroless' && family !== 'dhi' && family !== 'chainguard') {
      throw new UsageError(`--family must be 'distroless', 'dhi' or 'chainguard', not '${family}'`);
    }
    options.family = family;
  }
  const staticBase = v['static-base'];
  if (staticBase !== undefined) {
    if (staticBase !== 'scratch' && staticBase !== 'distroless') {
      throw new UsageError(`--static-base must be 'scratch' or 'distroless', not '${staticBase}'`);
    }
    options.staticBase = staticBase;
  }
  if (v.verify) {
    options.verify = verifyOptions(v);
    if (options.stage !== undefined) options.verify.stage = options.stage;
  } else {
    const given = VERIFY_ONLY.find((name) => v[name] !== undefined);
    if (given !== undefined) throw new UsageError(`--${given} only works with --verify`);
  }
  return options;
}

function formatOf(given: string | undefined, json: boolean | undefined, patch: boolean | undefined): Format {
  if (given === undefined) return json ? 'json' : patch ? 'patch' : 'text';
  if (!(FORMATS as readonly string[]).includes(given)) {
    throw new UsageError(`--format must be ${FORMATS.map((f) => `'${f}'`).join(', ')}, not '${given}'`);
  }
  const format = given as Format;
  if ((json && format !== 'json') || (patch && format !== 'patch')) {
    throw new UsageError(`--format ${format} and --${json ? 'json' : 'patch'} cannot be used together`);
  }
  return format;
}

/** `--fail-on a,b` (repeatable); the default is every outcome. */
function failOnOf(given: string[] | undefined): FailOutcome[] {
  if (given === undefined) return [...FAIL_OUTCOMES];
  const out: FailOutcome[] = [];
  for (const word of given.flatMap((g) => g.split(',')).map((w) => w.trim())) {
    if (!(FAIL_OUTCOMES as readonly string[]).includes(word)) {
      throw new UsageError(
        `--fail-on takes ${FAIL_OUTCOMES.join(', ')} (comma-separated), not '${word === '' ? given.join(',') : word}'`,
      );
    }
    if (!out.includes(word as FailOutcome)) out.push(word as FailOutcome);
  }
  return out;
}

function reportOf(file: string): { file: string; kind: 'markdown' | 'html' } {
  if (file.trim() === '') throw new UsageError('--report needs a file name');
  const ext = file.toLowerCase().split('.').at(-1);
  if (ext === 'md' || ext === 'markdown') return { file, kind: 'markdown' };
  if (ext === 'html' || ext === 'htm') return { file, kind: 'html' };
  throw new UsageError(
    `--report writes Markdown (.md) or HTML (.html), by the file's extension; '${file}' has neither`,
  );
}

function verifyOptions(v: Partial<Record<(typeof VERIFY_ONLY)[number], string | string[]>>): VerifyCliOptions {
  const list = (name: (typeof VERIFY_ONLY)[number]): string[] => {
    const value = v[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const single = (name: (typeof VERIFY_ONLY)[number]): string | undefined => {
    const value = v[name];
    if (value === undefined) return undefined;
    const text = Array.isArray(value) ? value.at(-1) : value;
    if (text === undefined || text.trim() === '') throw new UsageError(`--${name} needs a value`);
    return text;
  };
  const pairs = (name: 'build-arg' | 'verify-env'): string[] => {
    const values = list(name);
    for (const pair of values) {
      if (!/^[^=\s]+(=|$)/.test(pair)) throw new UsageError(`--${name} takes NAME=VALUE (or NAME), not '${pair}'`);
    }
    return values;
  };
  let timeoutSeconds = 5;
  const timeout = single('verify-timeout');
  if (timeout !== undefined) {
    timeoutSeconds = Number(timeout.replace(/s$/, ''));
    if (!/^\d+(\.\d+)?s?$/.test(timeout) || !(timeoutSeconds > 0) || timeoutSeconds > 600) {
      throw new UsageError(`--verify-timeout takes seconds, more than 0 and at most 600, not '${timeout}'`);
    }
  }
  let jobs = 1;
  const jobsText = single('jobs');
  if (jobsText !== undefined) {
    jobs = Number(jobsText);
    if (!/^\d+$/.test(jobsText) || jobs < 1 || jobs > 64) {
      throw new UsageError(`--jobs takes a whole number from 1 to 64, not '${jobsText}'`);
    }
  }
  const options: VerifyCliOptions = {
    buildArgs: pairs('build-arg'),
    timeoutSeconds,
    runArgs: list('verify-arg'),
    runEnv: pairs('verify-env'),
    jobs,
  };
  const docker = single('docker');
  if (docker !== undefined) options.docker = docker;
  const context = single('context');
  if (context !== undefined) options.context = context;
  const platform = single('platform');
  if (platform !== undefined) options.platform = platform;
  return options;
}

function describeParseError(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) return `unknown option '${quoted}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    const name = quoted.split(' ')[0] ?? quoted;
    if (/argument missing|ambiguous/.test(message)) return `${name} needs a value`;
    if (/does not take an argument/.test(message)) return `${name} does not take a value`;
  }
  return message;
}
