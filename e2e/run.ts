/**
 * The end-to-end suite: every case under e2e/cases/ is built and run on a real Docker engine before and after
 * minbase rewrites it, and the two outputs are compared.
 *
 *   npm run test:e2e                 # every case
 *   npm run test:e2e -- go-seed ...  # these cases
 *
 * For each case: assemble its build context (e2e/apps/<app>/ plus the case's own files) in a temp folder, build
 * and run the before image (`--network none`), rewrite a copy with the built CLI (`node bin/minbase.js --write
 * --force`), build and run the after image, and compare the key=value lines both print: they must be identical
 * except the keys the case declares under "changes" (with the value the after image must print). Then: no
 * /bin/sh in the after image where the target has none (read from `docker export`, never by running a shell), the
 * sizes before and after, the debug target of --debug-stage (it builds and has a shell), and `minbase --verify`
 * when the CLI has it. The negative cases (e2e/negative/) must fail `--verify` with the named check.
 *
 * A case marked "knownWrong" in its case.json is a rewrite minbase gets wrong today: it runs, its symptom is
 * printed, and it counts as neither passed nor failed; if it starts passing it fails, so the mark gets removed.
 * The last line is `N passed, N failed`.
 *
 * Docker: /usr/bin/docker (Debian's client, BuildKit with DOCKER_BUILDKIT=1) unless E2E_DOCKER says otherwise.
 * The stand-in base images are built first by e2e/images/build.sh (cached by a hash of their definitions);
 * E2E_NO_IMAGES=1 skips that step, E2E_NO_BUILD=1 skips `npm run build`.
 */
import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const E2E = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(E2E, '..');
const BIN = path.join(ROOT, 'bin', 'minbase.js');
const DOCKER = process.env.E2E_DOCKER ?? '/usr/bin/docker';
const RUN_TIMEOUT_S = 60;
const BUILD_TIMEOUT_MS = 15 * 60 * 1000;
const IMAGE_PREFIX = 'minbase-e2e';
const LOG_DIR = process.env.E2E_LOG_DIR ?? path.join(os.tmpdir(), 'minbase-e2e-logs');

interface Change {
  after: string;
  why: string;
}
interface CaseConfig {
  about: string;
  app: string;
  options?: string[];
  /** The FROM of the rewritten runtime stage. */
  target: string;
  /** Keys whose value the rewrite is meant to change, with the value the after image prints. */
  changes?: Record<string, Change>;
  /** --debug-stage: the stage to build with --target; it must have a shell. */
  debugTarget?: string;
  /** The Dockerfile has CRLF line endings, and so must the rewrite. */
  crlf?: boolean;
  /** Paths the after image must not have: what only the build needed (RULES §6), e.g. a wheelhouse. */
  absent?: string[];
  /** A refusal is a right answer when its reason names one of these words. */
  refusedOk?: string[];
  /** A rewrite minbase gets wrong today: the exact symptom. The case then counts as neither passed nor failed. */
  knownWrong?: string;
  /**
   * The app serves HTTP (its Dockerfile sets PORT) and the image's HEALTHCHECK is checked on a real server: both
   * containers run detached and must turn healthy, unhealthy when the app answers 500, healthy again, unhealthy
   * when it closes its listener (HEALTH_STEPS).
   */
  health?: boolean;
  /** The app serves (PORT): `docker stop` (SIGTERM) must stop both within STOP_LIMIT_S, with the same exit code. */
  stop?: boolean;
}
interface NegativeConfig {
  about: string;
  app: string;
  options?: string[];
  /** Text the --verify refusal must contain: the check's name and the path or library. */
  verifyFails: string[];
}

interface Result {
  name: string;
  status: 'passed' | 'failed' | 'known-wrong' | 'skipped';
  detail: string[];
  seconds: number;
}

const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_BUILDKIT: '1', NO_COLOR: '1' };
delete env.FORCE_COLOR;

function sh(cmd: string, args: string[], opts: SpawnSyncOptions = {}): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  if (r.error) return { code: -1, out: String(r.stdout ?? ''), err: `${r.error.message}\n${String(r.stderr ?? '')}` };
  return { code: r.status ?? -1, out: String(r.stdout ?? ''), err: String(r.stderr ?? '') };
}

function docker(args: string[], opts: SpawnSyncOptions = {}) {
  return sh(DOCKER, args, opts);
}

function tail(text: string, n = 15): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

class CaseError extends Error {}
function fail(msg: string): never {
  throw new CaseError(msg);
}

/** Copies e2e/apps/<app>/ and then the case folder (less case.json) into a new temp folder. */
function assemble(caseDir: string, app: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `minbase-e2e-${path.basename(caseDir)}-`));
  fs.cpSync(path.join(E2E, 'apps', app), dir, { recursive: true });
  for (const f of fs.readdirSync(caseDir)) {
    if (f !== 'case.json') fs.cpSync(path.join(caseDir, f), path.join(dir, f), { recursive: true });
  }
  return dir;
}

function build(ctx: string, tag: string, log: string, target?: string): void {
  const args = ['build', '--progress=plain', '--label', `${IMAGE_PREFIX}=1`, '-t', tag];
  if (target) args.push('--target', target);
  args.push(ctx);
  const old = docker(['image', 'inspect', '-f', '{{.Id}}', tag]).out.trim();
  const r = docker(args, { timeout: BUILD_TIMEOUT_MS });
  fs.writeFileSync(log, `$ docker ${args.join(' ')}\n${r.out}${r.err}`);
  if (r.code !== 0) fail(`docker build of ${tag} failed (log: ${log}):\n${tail(r.err)}`);
  // The image the tag named before, once nothing names it (rmi without -f refuses otherwise).
  const now = docker(['image', 'inspect', '-f', '{{.Id}}', tag]).out.trim();
  if (old !== '' && old !== now) docker(['rmi', old]);
}

interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
  values: Map<string, string>;
}

function keyValues(stdout: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) values.set(line.slice(0, i), line.slice(i + 1));
  }
  return values;
}

function run(tag: string): RunOutput {
  const r = docker(['run', '--rm', '--network', 'none', '--label', `${IMAGE_PREFIX}=1`, tag], {
    timeout: RUN_TIMEOUT_S * 1000,
  });
  return { code: r.code, stdout: r.out, stderr: r.err, values: keyValues(r.out) };
}

/**
 * What the HEALTHCHECK must say, step by step: each step after the first sends the app SIGUSR2, which makes it
 * answer 500, then 200 again, then close its listener (e2e/apps/node/server.js, e2e/apps/python/serve.py).
 */
const HEALTH_STEPS = [
  { app: 'serving, 200', expect: 'healthy' },
  { app: 'answering 500', expect: 'unhealthy' },
  { app: 'serving, 200 again', expect: 'healthy' },
  { app: 'listener closed', expect: 'unhealthy' },
];
const HEALTH_WAIT_S = 30;
/** docker stop must be done well within Docker's 10 s before SIGKILL. */
const STOP_LIMIT_S = 5;

interface ServeOutput extends RunOutput {
  /** The health status reached at each step of HEALTH_STEPS (or the last one seen when it timed out). */
  health: string[];
  /** How long `docker stop` took, with `stop`. */
  stopSeconds?: number;
  /** What this image did wrong: steps that did not reach their status, a slow stop. */
  problems: string[];
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Polls `probe` every 250 ms until it gives `want` or `seconds` pass; returns the last value. */
function waitFor(probe: () => string, want: (v: string) => boolean, seconds: number): string {
  const end = Date.now() + seconds * 1000;
  let v = probe();
  while (!want(v) && Date.now() < end) {
    sleep(250);
    v = probe();
  }
  return v;
}

/**
 * Runs a serving app detached (--network none; a HEALTHCHECK probes localhost inside): waits for its `listening=`
 * line, walks HEALTH_STEPS with `health` (the image's HEALTHCHECK every second: --health-interval 1s, its other
 * options as the image says), then `docker stop` timed with `stop` (else docker kill), and reads its output.
 */
function serveRun(tag: string, cfg: CaseConfig): ServeOutput {
  const args = ['run', '-d', '--network', 'none', '--label', `${IMAGE_PREFIX}=1`];
  if (cfg.health) args.push('--health-interval', '1s');
  const r = docker([...args, tag]);
  if (r.code !== 0) fail(`docker run -d ${tag}: ${r.err}`);
  const id = r.out.trim();
  const problems: string[] = [];
  const health: string[] = [];
  const inspect = (format: string) => docker(['inspect', '--format', format, id]).out.trim();
  let stopSeconds: number | undefined;
  try {
    const listening = waitFor(
      () => (inspect('{{.State.Running}}') === 'true' ? docker(['logs', id]).out : 'exited'),
      (out) => out === 'exited' || /^listening=/m.test(out),
      HEALTH_WAIT_S,
    );
    if (!/^listening=/m.test(listening)) problems.push(`${tag}: no listening= line within ${HEALTH_WAIT_S} s`);
    else if (cfg.health) {
      for (const [i, step] of HEALTH_STEPS.entries()) {
        if (i > 0) docker(['kill', '--signal', 'SIGUSR2', id]);
        const status = waitFor(
          () => inspect('{{.State.Health.Status}}'),
          (s) => s === step.expect,
          HEALTH_WAIT_S,
        );
        health.push(status);
        if (status !== step.expect) {
          const last = inspect('{{with .State.Health}}{{range .Log}}{{.ExitCode}} {{.Output}}|{{end}}{{end}}');
          problems.push(
            `${tag}: HEALTHCHECK ${status}, not ${step.expect}, after ${HEALTH_WAIT_S} s with the app ${step.app} (probes: ${last.split('|').at(-2) ?? ''})`,
          );
          break;
        }
      }
    }
    if (cfg.stop) {
      const t = Date.now();
      docker(['stop', id]);
      stopSeconds = (Date.now() - t) / 1000;
      if (stopSeconds > STOP_LIMIT_S)
        problems.push(`${tag}: docker stop took ${stopSeconds.toFixed(1)} s (SIGTERM did not stop it)`);
    } else {
      docker(['kill', id]);
      docker(['wait', id]);
    }
    const code = Number(inspect('{{.State.ExitCode}}'));
    const logs = docker(['logs', id]);
    return { code, stdout: logs.out, stderr: logs.err, values: keyValues(logs.out), health, stopSeconds, problems };
  } finally {
    docker(['rm', '-f', id]);
  }
}

/** A HEALTHCHECK's options (interval, timeout, start period, retries): the rewrite keeps them (RULES §4). */
function healthOptions(tag: string): string {
  return docker([
    'image',
    'inspect',
    '--format',
    '{{with .Config.Healthcheck}}interval={{.Interval}} timeout={{.Timeout}} start-period={{.StartPeriod}} retries={{.Retries}}{{else}}none{{end}}',
    tag,
  ]).out.trim();
}

/** Differences between the before and after outputs that the case does not declare, one line each. */
export function compare(before: Map<string, string>, after: Map<string, string>, changes: Record<string, Change>) {
  const problems: string[] = [];
  const keys = new Set([...before.keys(), ...after.keys()]);
  for (const k of keys) {
    const b = before.get(k);
    const a = after.get(k);
    const declared = changes[k];
    if (declared) {
      if (a !== declared.after) problems.push(`${k}: expected ${JSON.stringify(declared.after)} after, got ${a}`);
    } else if (a !== b) {
      problems.push(
        `${k}: before ${b === undefined ? '(missing)' : JSON.stringify(b)}, after ${a === undefined ? '(missing)' : JSON.stringify(a)}`,
      );
    }
  }
  return problems;
}

/** The image's file list, read with docker create + docker export piped into tar -t. */
function fileList(tag: string): Set<string> {
  const c = docker(['create', '--label', `${IMAGE_PREFIX}=1`, tag, '/e2e-never-run']);
  if (c.code !== 0) fail(`docker create ${tag}: ${c.err}`);
  const id = c.out.trim();
  try {
    const r = sh('bash', ['-o', 'pipefail', '-c', `"${DOCKER}" export "$1" | tar -t`, 'export', id]);
    if (r.code !== 0) fail(`docker export ${tag}: ${r.err}`);
    return new Set(r.out.split('\n').map((l) => l.replace(/^\.\//, '').replace(/\/$/, '')));
  } finally {
    docker(['rm', '-f', id]);
  }
}

const SHELLS = ['bin/sh', 'usr/bin/sh', 'bin/bash', 'usr/bin/bash', 'bin/dash', 'usr/bin/dash', 'bin/ash'];
function shellsIn(files: Set<string>): string[] {
  return SHELLS.filter((s) => files.has(s));
}

function imageSize(tag: string): number {
  const r = docker(['image', 'inspect', '-f', '{{.Size}}', tag]);
  return r.code === 0 ? Number(r.out.trim()) : Number.NaN;
}
function mb(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

/**
 * The target has no shell: scratch, every distroless image (their :debug tags have /busybox/sh only) and the DHI
 * runtime images (dhi-images.md §3; their -dev tags have one).
 */
function targetHasNoShell(target: string): boolean {
  if (target.startsWith('dhi.io/')) return !/-dev$/.test(target);
  return target === 'scratch' || target.startsWith('gcr.io/distroless/');
}

function lastFrom(dockerfile: string): string {
  const froms = [...dockerfile.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)/gim)].map((m) => m[1]!);
  return froms.at(-1) ?? '';
}

interface Cli {
  code: number;
  out: string;
  err: string;
}
function minbase(args: string[], cwd: string): Cli {
  return sh(process.execPath, [BIN, ...args], { cwd, timeout: BUILD_TIMEOUT_MS });
}

/** How this CLI is asked to verify, or why it cannot be: `--verify` and its option for the docker binary. */
function verifyArgs(): { args: string[] } | { skip: string } {
  const help = minbase(['--help'], ROOT);
  const text = help.out + help.err;
  if (!/--verify\b/.test(text)) return { skip: 'minbase --help shows no --verify yet' };
  const args = ['--verify'];
  if (/--docker\b/.test(text)) args.push('--docker', DOCKER);
  return { args };
}

function verifyPathEnv(): NodeJS.ProcessEnv {
  // Whatever the CLI's option, the docker it finds on PATH is the BuildKit-capable one.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minbase-e2e-docker-'));
  fs.symlinkSync(DOCKER, path.join(dir, 'docker'));
  return { ...env, PATH: `${dir}:${env.PATH ?? ''}` };
}

interface JsonFile {
  path: string;
  outcome: string;
  reason?: string | null;
  target?: string | null;
  verify?: unknown;
}
function jsonFiles(out: string): JsonFile[] {
  try {
    return (JSON.parse(out) as { files: JsonFile[] }).files;
  } catch {
    fail(`minbase --json printed no JSON:\n${tail(out)}`);
  }
}

function runVerify(dockerfile: string, options: string[], v: { args: string[] }, log: string): JsonFile {
  const args = [...v.args, '--json', ...options, dockerfile];
  const r = sh(process.execPath, [BIN, ...args], { env: verifyPathEnv(), timeout: BUILD_TIMEOUT_MS });
  fs.writeFileSync(log, `$ minbase ${args.join(' ')}\nexit ${r.code}\n${r.out}\n${r.err}`);
  const file = jsonFiles(r.out)[0];
  if (!file) fail(`minbase --verify --json listed no file (log: ${log})`);
  return file;
}

function runCase(name: string, verify: { args: string[] } | { skip: string }): Result {
  const started = Date.now();
  const caseDir = path.join(E2E, 'cases', name);
  const cfg = JSON.parse(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8')) as CaseConfig;
  const detail: string[] = [];
  const logs = path.join(LOG_DIR, name);
  fs.mkdirSync(logs, { recursive: true });
  const temps: string[] = [];
  const status = (s: Result['status']): Result => ({
    name,
    status: s,
    detail,
    seconds: (Date.now() - started) / 1000,
  });
  try {
    const ctx = assemble(caseDir, cfg.app);
    temps.push(ctx);
    const before = `${IMAGE_PREFIX}/${name}:before`;
    const after = `${IMAGE_PREFIX}/${name}:after`;
    build(ctx, before, path.join(logs, 'build-before.log'));
    const serving = cfg.health === true || cfg.stop === true;
    const start = (tag: string): RunOutput | ServeOutput => (serving ? serveRun(tag, cfg) : run(tag));
    const b = start(before);
    if ('problems' in b && b.problems.length > 0) fail(`the before image: ${b.problems.join('; ')}`);
    if (!serving && b.code !== 0) fail(`the before image exits ${b.code}: ${tail(b.stderr, 5)}`);

    // The rewrite, on a copy.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), `minbase-e2e-${name}-after-`));
    temps.push(copy);
    fs.cpSync(ctx, copy, { recursive: true });
    const dockerfile = path.join(copy, 'Dockerfile');
    const input = fs.readFileSync(dockerfile, 'utf8');
    const opts = cfg.options ?? [];
    const json = minbase(['--json', ...opts, dockerfile], copy);
    const file = jsonFiles(json.out)[0];
    if (!file) fail('minbase --json listed no file');
    if (file.outcome === 'refused' && cfg.refusedOk?.some((w) => (file.reason ?? '').includes(w))) {
      detail.push(`refused, as allowed: ${file.reason}`);
      return status('passed');
    }
    if (file.outcome !== 'rewritten') fail(`minbase: ${file.outcome}: ${file.reason ?? ''}`);
    const w = minbase(['--write', '--force', ...opts, dockerfile], copy);
    fs.writeFileSync(path.join(logs, 'minbase.log'), `${w.out}\n${w.err}`);
    if (w.code !== 0) fail(`minbase --write exits ${w.code}: ${tail(w.err)}`);
    const output = fs.readFileSync(dockerfile, 'utf8');
    fs.writeFileSync(path.join(logs, 'Dockerfile.after'), output);
    if (output === input) fail('minbase --write left the Dockerfile as it was');
    const from = lastFrom(output);
    if (from !== cfg.target) fail(`the rewritten runtime stage is FROM ${from}, expected ${cfg.target}`);
    if (cfg.crlf && output.replace(/\r\n/g, '').includes('\n')) fail('the rewrite has LF line endings in a CRLF file');

    build(copy, after, path.join(logs, 'build-after.log'));
    const a = start(after);
    fs.writeFileSync(
      path.join(logs, 'output.txt'),
      `--- before (exit ${b.code})\n${b.stdout}${b.stderr}\n--- after (exit ${a.code})\n${a.stdout}${a.stderr}`,
    );
    const problems: string[] = [];
    if (a.code !== b.code) problems.push(`exit code: before ${b.code}, after ${a.code}: ${tail(a.stderr, 5)}`);
    problems.push(...compare(b.values, a.values, cfg.changes ?? {}));
    const hb = healthOptions(before);
    const ha = healthOptions(after);
    if (ha !== hb) problems.push(`HEALTHCHECK options: before ${hb}, after ${ha}`);
    if ('problems' in a) {
      problems.push(...a.problems);
      if ('health' in b && a.health.join(' ') !== b.health.join(' '))
        problems.push(`health steps: before ${b.health.join(' ')}, after ${a.health.join(' ')}`);
      if (cfg.health && a.problems.length === 0)
        detail.push(
          `HEALTHCHECK (${ha}), before and after: ${HEALTH_STEPS.map((s) => `${s.app} -> ${s.expect}`).join(', ')}`,
        );
      if ('stopSeconds' in b && b.stopSeconds !== undefined && a.stopSeconds !== undefined)
        detail.push(
          `docker stop: before ${b.stopSeconds.toFixed(1)} s, after ${a.stopSeconds.toFixed(1)} s (exit ${b.code}, ${a.code})`,
        );
    }

    const files = fileList(after);
    const shells = shellsIn(files);
    if (targetHasNoShell(cfg.target) && shells.length > 0) problems.push(`the after image has ${shells.join(', ')}`);
    for (const p of cfg.absent ?? []) {
      if (files.has(p.replace(/^\/+|\/+$/g, '')))
        problems.push(`the after image has ${p}, which only the build needed`);
    }
    detail.push(
      `size ${mb(imageSize(before))} -> ${mb(imageSize(after))}; after: no shell ${shells.length === 0 ? 'ok' : 'NO'}`,
    );

    if (cfg.debugTarget) {
      const debugTag = `${IMAGE_PREFIX}/${name}:debug`;
      build(copy, debugTag, path.join(logs, 'build-debug.log'), cfg.debugTarget);
      const dfiles = fileList(debugTag);
      const shell = ['busybox/sh', ...SHELLS].find((s) => dfiles.has(s));
      if (!shell) problems.push(`the ${cfg.debugTarget} target has no shell`);
      else {
        const r = docker([
          'run',
          '--rm',
          '--network',
          'none',
          '--entrypoint',
          `/${shell}`,
          debugTag,
          '-c',
          'echo shell-ok',
        ]);
        if (r.out.trim() !== 'shell-ok')
          problems.push(`/${shell} in the ${cfg.debugTarget} target does not run: ${r.err}`);
        else detail.push(`debug target: /${shell} runs`);
        const d = start(debugTag);
        const dp = compare(b.values, d.values, cfg.changes ?? {});
        if (dp.length > 0) problems.push(`the ${cfg.debugTarget} target prints differently: ${dp.join('; ')}`);
      }
    }

    if ('skip' in verify) detail.push(`--verify skipped: ${verify.skip}`);
    else {
      const vcopy = fs.mkdtempSync(path.join(os.tmpdir(), `minbase-e2e-${name}-verify-`));
      temps.push(vcopy);
      fs.cpSync(ctx, vcopy, { recursive: true });
      const v = runVerify(path.join(vcopy, 'Dockerfile'), opts, verify, path.join(logs, 'verify.log'));
      const checks = (v.verify as { ok?: boolean; checks?: { name: string; status: string }[] } | undefined) ?? {};
      const summary = (checks.checks ?? []).map((c) => `${c.name} ${c.status}`).join(', ');
      if (v.outcome !== 'rewritten' || checks.ok !== true) {
        problems.push(`minbase --verify: ${v.outcome}: ${v.reason ?? ''} (${summary})`);
      } else detail.push(`--verify: ${summary}`);
    }

    if (problems.length > 0) {
      detail.push(...problems, `outputs: ${path.join(logs, 'output.txt')}`);
      if (cfg.knownWrong) {
        detail.unshift(`known wrong: ${cfg.knownWrong}`);
        return status('known-wrong');
      }
      return status('failed');
    }
    if (cfg.knownWrong) {
      detail.push(`marked knownWrong ("${cfg.knownWrong}") but it passes now: remove the mark`);
      return status('failed');
    }
    return status('passed');
  } catch (e) {
    if (!(e instanceof CaseError)) throw e;
    detail.push(e.message);
    if (cfg.knownWrong) {
      detail.unshift(`known wrong: ${cfg.knownWrong}`);
      return status('known-wrong');
    }
    return status('failed');
  } finally {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  }
}

function runNegative(name: string, verify: { args: string[] } | { skip: string }): Result {
  const started = Date.now();
  const dir = path.join(E2E, 'negative', name);
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as NegativeConfig;
  const detail: string[] = [];
  const done = (s: Result['status']): Result => ({ name, status: s, detail, seconds: (Date.now() - started) / 1000 });
  if ('skip' in verify) {
    detail.push(`skipped: ${verify.skip}`);
    return done('skipped');
  }
  const logs = path.join(LOG_DIR, name);
  fs.mkdirSync(logs, { recursive: true });
  const ctx = assemble(dir, cfg.app);
  try {
    const before = fs.readFileSync(path.join(ctx, 'Dockerfile'));
    const v = runVerify(path.join(ctx, 'Dockerfile'), cfg.options ?? [], verify, path.join(logs, 'verify.log'));
    const reason = v.reason ?? '';
    if (!fs.readFileSync(path.join(ctx, 'Dockerfile')).equals(before)) detail.push('--verify changed the file');
    if (v.outcome !== 'refused') detail.push(`expected refused by --verify, got ${v.outcome}: ${reason}`);
    const missing = cfg.verifyFails.filter((w) => !reason.includes(w));
    if (missing.length > 0) detail.push(`the reason does not name ${missing.join(', ')}: ${reason}`);
    if (detail.length > 0) return done('failed');
    detail.push(`refused: ${reason}`);
    return done('passed');
  } catch (e) {
    if (!(e instanceof CaseError)) throw e;
    detail.push(e.message);
    return done('failed');
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}

function listDirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, 'case.json')))
    .sort();
}

function main(): number {
  const t0 = Date.now();
  const info = docker(['info', '--format', '{{.ServerVersion}}']);
  if (info.code !== 0) {
    console.error(`e2e: no Docker engine through ${DOCKER}: ${info.err.trim()}`);
    console.error('e2e: install docker.io and start dockerd (.ci/run does both)');
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`e2e: Docker ${info.out.trim()} through ${DOCKER}`);
  if (process.env.E2E_NO_BUILD !== '1') {
    const b = sh('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (b.code !== 0) {
      console.log('e2e: npm run build failed');
      console.log('0 passed, 1 failed');
      return 1;
    }
  }
  const images =
    process.env.E2E_NO_IMAGES === '1'
      ? { status: 0 }
      : spawnSync('bash', [path.join(E2E, 'images', 'build.sh')], { env, stdio: 'inherit' });
  if (images.status !== 0) {
    console.log('e2e: the stand-in images did not build');
    console.log('0 passed, 1 failed');
    return 1;
  }

  // The no-shell check must be able to fail: the same file-list reading finds the shell in debian:trixie-slim
  // and none in distroless static.
  try {
    const withShell = shellsIn(fileList('debian:trixie-slim'));
    const without = shellsIn(fileList('gcr.io/distroless/static-debian13'));
    if (withShell.length === 0 || without.length > 0) {
      console.log(`e2e: the shell check is broken (trixie-slim: ${withShell}; static: ${without})`);
      console.log('0 passed, 1 failed');
      return 1;
    }
  } catch (e) {
    if (!(e instanceof CaseError)) throw e;
    console.log(`e2e: ${e.message}`);
    console.log('0 passed, 1 failed');
    return 1;
  }

  const wanted = process.argv.slice(2);
  const pick = (names: string[]) => (wanted.length === 0 ? names : names.filter((n) => wanted.includes(n)));
  const cases = pick(listDirs(path.join(E2E, 'cases')));
  const negatives = pick(listDirs(path.join(E2E, 'negative')));
  const verify = verifyArgs();
  const results: Result[] = [];
  const show = (r: Result, kind: string) => {
    const mark = { passed: 'ok  ', failed: 'FAIL', 'known-wrong': 'KNOWN-WRONG', skipped: 'skip' }[r.status];
    console.log(`${mark} ${kind} ${r.name} (${r.seconds.toFixed(0)} s)`);
    for (const d of r.detail) console.log(`     ${d.replace(/\n/g, '\n     ')}`);
    results.push(r);
  };
  for (const name of cases) show(runCase(name, verify), 'case');
  for (const name of negatives) show(runNegative(name, verify), 'negative');

  const count = (s: Result['status']) => results.filter((r) => r.status === s);
  const known = count('known-wrong');
  const skipped = count('skipped');
  console.log(`e2e: ${((Date.now() - t0) / 1000).toFixed(0)} s; logs in ${LOG_DIR}`);
  if (known.length > 0) {
    console.log(
      `known wrong (failures in waiting, not counted): ${known.length}: ${known.map((r) => r.name).join(', ')}`,
    );
  }
  if (skipped.length > 0)
    console.log(`skipped (not counted): ${skipped.length}: ${skipped.map((r) => r.name).join(', ')}`);
  const passed = count('passed').length;
  const failed = count('failed').length;
  if (results.length === 0) {
    console.log('e2e: no case ran');
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
