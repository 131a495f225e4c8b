/**
 * --verify through the CLI without Docker: option parsing, the "no docker" errors of the built binary (PATH without
 * docker, fake docker scripts that fail like a missing daemon, a denied socket or a client without buildx), Ctrl-C
 * with cleanup, and the text and JSON reports of main() against a fake docker runner that builds, exports and runs
 * images in memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCliArgs, UsageError } from '../src/cli/args.js';
import { main } from '../src/cli/main.js';
import type { DockerRunner, RunOptions, RunResult } from '../src/verify/docker.js';
import { makeElf, makeTar, type TarMember } from './verify-fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'minbase.js');

const GO = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/server ./cmd/server

FROM python:3.12-slim
COPY --from=build /bin/server /bin/server
CMD ["/bin/server"]
`;

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minbase-verify-cli-'));
  temps.push(dir);
  return dir;
}
test.after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

// --- options -----------------------------------------------------------------------------------------------------------

test('--verify options are parsed, with defaults; they need --verify; bad values are usage errors', () => {
  const o = parseCliArgs([
    '--verify',
    '--build-arg',
    'A=1',
    '--build-arg',
    'B',
    '--platform',
    'linux/arm64',
    '--context',
    'ctx',
    '--verify-timeout',
    '2.5',
    '--verify-arg=--help',
    '--verify-env',
    'X=y',
    '--jobs',
    '3',
    '--docker',
    '/usr/bin/docker',
    'dir',
  ]);
  assert.equal(o.verify, {
    buildArgs: ['A=1', 'B'],
    timeoutSeconds: 2.5,
    runArgs: ['--help'],
    runEnv: ['X=y'],
    jobs: 3,
    docker: '/usr/bin/docker',
    context: 'ctx',
    platform: 'linux/arm64',
  });
  assert.equal(o.paths, ['dir']);
  assert.equal(parseCliArgs(['--verify']).verify, {
    buildArgs: [],
    timeoutSeconds: 5,
    runArgs: [],
    runEnv: [],
    jobs: 1,
  });
  assert.is(parseCliArgs(['.']).verify, undefined);
  assert.ok(parseCliArgs(['--verify', '-i']).verify, '-i works with --verify');
  assert.ok(parseCliArgs(['--verify', '--check', '--json']).verify);
  const bad: Array<[string[], RegExp]> = [
    [['--jobs', '2'], /--jobs only works with --verify/],
    [['--build-arg', 'A=1'], /--build-arg only works with --verify/],
    [['--verify', '--jobs', '0'], /--jobs takes a whole number/],
    [['--verify', '--jobs', 'x'], /--jobs takes a whole number/],
    [['--verify', '--verify-timeout=-1'], /--verify-timeout takes seconds/],
    [['--verify', '--verify-timeout', '0'], /--verify-timeout takes seconds/],
    [['--verify', '--build-arg', '=x'], /--build-arg takes NAME=VALUE/],
    [['--verify', '--verify-env', ' '], /--verify-env takes NAME=VALUE/],
    [['--verify', '--docker', ''], /--docker needs a value/],
  ];
  for (const [argv, message] of bad) {
    assert.throws(
      () => parseCliArgs(argv),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      argv.join(' '),
    );
  }
});

// --- no docker: the built binary ---------------------------------------------------------------------------------------

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { NO_COLOR: '1', ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The tests' PATH may hold no coreutils: the fake docker names sleep by its path. */
const SLEEP = ['/bin/sleep', '/usr/bin/sleep'].find((f) => fs.existsSync(f)) ?? 'sleep';

/** A folder with a Dockerfile minbase rewrites, and a fake docker script whose behaviour FAKE_DOCKER_MODE picks. */
function project(): { dir: string; bin: string; log: string } {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'app'));
  fs.writeFileSync(path.join(dir, 'app', 'Dockerfile'), GO);
  const bin = path.join(dir, 'fakebin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'docker.log');
  fs.writeFileSync(
    path.join(bin, 'docker'),
    `#!/bin/sh
echo "$*" >> "$FAKE_DOCKER_LOG"
case "$FAKE_DOCKER_MODE:$1" in
  nodaemon:version)
    echo '{"Client":{"Version":"20.10.24"},"Server":null}'
    echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2
    exit 1;;
  denied:version)
    echo 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied' >&2
    exit 1;;
  nobuildx:version) echo '{"Client":{"Version":"28.2.2"},"Server":{"Version":"20.10.24"}}';;
  nobuildx:buildx) echo 'docker: unknown command: docker buildx' >&2; exit 1;;
  *:version) echo '{"Client":{"Version":"20.10.24"},"Server":{"Version":"20.10.24"}}';;
  slow:build) exec ${SLEEP} 30;;
  *:ps) [ -e "$FAKE_DOCKER_LOG.rm" ] || echo c0ffee;;
  *:rm) : > "$FAKE_DOCKER_LOG.rm";;
  *:images) [ -e "$FAKE_DOCKER_LOG.rmi" ] || echo sha256:beef;;
  *:image) [ "$2" = rm ] && : > "$FAKE_DOCKER_LOG.rmi";;
esac
exit 0
`,
    { mode: 0o755 },
  );
  return { dir, bin, log };
}

function minimalPath(): string {
  // node itself must stay reachable for the CLI's own #!, but no docker may be on PATH.
  return path.dirname(process.execPath) === '/usr/local/bin' || path.dirname(process.execPath) === '/usr/bin'
    ? '/nonexistent'
    : path.dirname(process.execPath);
}

test('no docker on PATH: one message naming what is missing, exit 2, nothing written', () => {
  const { dir } = project();
  const r = cli(['--verify', '--write', 'app'], dir, { PATH: minimalPath() });
  assert.is(r.code, 2, r.stderr);
  assert.is(r.stdout, '');
  assert.is(
    r.stderr,
    "minbase: --verify needs Docker, but no 'docker' program is on PATH. Install Docker (or its CLI, if the engine runs elsewhere), or name the client with --docker PATH (or MINBASE_DOCKER)\n",
  );
  assert.is(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8'), GO);
  const gone = cli(['--verify', '--docker', '/nonexistent/docker', 'app'], dir, { PATH: minimalPath() });
  assert.is(gone.code, 2);
  assert.is(gone.stderr, 'minbase: --verify needs Docker, but /nonexistent/docker (from --docker) does not exist\n');
});

test('a daemon that is not running, a denied socket, a client without buildx: each named, exit 2', () => {
  const { dir, bin, log } = project();
  const env = (mode: string) => ({ PATH: `${bin}:${minimalPath()}`, FAKE_DOCKER_MODE: mode, FAKE_DOCKER_LOG: log });
  const down = cli(['--verify', '--write', 'app'], dir, env('nodaemon'));
  assert.is(down.code, 2);
  assert.is(down.stdout, '');
  assert.match(
    down.stderr,
    /^minbase: --verify needs a running Docker daemon, but .*fakebin\/docker cannot reach one: /,
  );
  assert.match(down.stderr, /Is the docker daemon running\? Start it \(sudo systemctl start docker/);
  const denied = cli(['--verify', 'app'], dir, env('denied'));
  assert.is(denied.code, 2);
  assert.match(
    denied.stderr,
    /^minbase: --verify needs the Docker daemon, but .* was denied access to it: permission denied/,
  );
  assert.match(denied.stderr, /usermod -aG docker/);
  const nobuildx = cli(['--verify', '--json', 'app'], dir, env('nobuildx'));
  assert.is(nobuildx.code, 2);
  assert.is(nobuildx.stdout, '', 'no half JSON document');
  assert.match(nobuildx.stderr, /has no buildx plugin/);
  assert.match(nobuildx.stderr, /apt-get install docker-buildx/);
  assert.match(nobuildx.stderr, /--docker PATH/);
  assert.is(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8'), GO);
  // Docker was only asked, never told to build.
  assert.not.match(fs.readFileSync(log, 'utf8'), /^build /m);
  // MINBASE_DOCKER picks the client too.
  const viaEnv = cli(['--verify', 'app'], dir, {
    ...env('nodaemon'),
    PATH: minimalPath(),
    MINBASE_DOCKER: path.join(bin, 'docker'),
  });
  assert.match(viaEnv.stderr, /needs a running Docker daemon/);
});

test('Ctrl-C during a build: docker is stopped, containers and images with the run label removed, exit 130', async () => {
  const { dir, bin, log } = project();
  const child = spawn(process.execPath, [BIN, '--verify', '--write', 'app'], {
    cwd: dir,
    env: { NO_COLOR: '1', PATH: `${bin}:${minimalPath()}`, FAKE_DOCKER_MODE: 'slow', FAKE_DOCKER_LOG: log },
  });
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += String(c);
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const started = Date.now();
  while (!(fs.existsSync(log) && /^build /m.test(fs.readFileSync(log, 'utf8')))) {
    assert.ok(Date.now() - started < 20_000, 'the build never started');
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGINT');
  const code = await exited;
  assert.is(code, 130, stderr);
  assert.ok(Date.now() - started < 20_000, 'stopping took too long');
  const calls = fs.readFileSync(log, 'utf8');
  const label = /--label (minbase\.verify=[0-9a-f]+)/.exec(calls)?.[1];
  assert.ok(label, calls);
  assert.match(calls, `ps --all --quiet --no-trunc --filter label=${label}`);
  assert.match(calls, 'rm --force --volumes c0ffee');
  assert.match(calls, `images --quiet --no-trunc --filter label=${label}`);
  assert.match(calls, 'image rm sha256:beef');
  assert.not.match(calls, /builder prune|system prune|image prune/, 'the build cache is left alone');
  assert.match(stderr, /interrupted; removing the containers and images of this run/);
  assert.match(stderr, /removed 1 container and 1 image\n/, stderr);
  assert.is(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8'), GO, 'nothing written');
  const temp = /-f (\S+)\/old\/Dockerfile/.exec(calls)?.[1];
  assert.ok(temp !== undefined && !fs.existsSync(temp), `the temp folder ${temp} is left behind`);
});

// --- reports with a fake docker ----------------------------------------------------------------------------------------

interface ImageSpec {
  /** Files of the image, as tar members. */
  files: TarMember[];
  entrypoint?: string[];
  cmd?: string[];
  user?: string;
  size: number;
  start: { running: true } | { exit: number; stderr?: string } | { error: string };
  buildFails?: string;
  /** Milliseconds the build takes. */
  delay?: number;
}

type Which = 'old' | 'new';

/** A docker that builds, inspects, exports, runs and removes images in memory, and records every call. */
class FakeDocker implements DockerRunner {
  readonly calls: string[][] = [];
  readonly images = new Map<string, ImageSpec & { labels: string[] }>();
  readonly containers = new Map<string, { image: string; labels: string[] }>();
  private n = 0;

  constructor(private readonly spec: (which: Which, dockerfile: string, file: string) => ImageSpec) {}

  async stopAll(): Promise<void> {}

  async run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    this.calls.push(args);
    const ok = (stdout = ''): RunResult => ({ code: 0, stdout: Buffer.from(stdout), stderr: '', timedOut: false });
    const fail = (stderr: string, code = 1): RunResult => ({ code, stdout: Buffer.alloc(0), stderr, timedOut: false });
    const value = (flag: string): string | undefined => {
      const i = args.indexOf(flag);
      return i === -1 ? undefined : args[i + 1];
    };
    const labels = (): string[] => args.flatMap((a, i) => (args[i - 1] === '--label' ? [a] : []));
    switch (args[0]) {
      case 'version':
        return ok('{"Client":{"Version":"20.10.24"},"Server":{"Version":"20.10.24"}}\n');
      case 'build': {
        const file = value('-f')!;
        const which: Which = path.basename(path.dirname(file)) === 'old' ? 'old' : 'new';
        const spec = this.spec(which, fs.readFileSync(file, 'utf8'), file);
        if (spec.delay) await new Promise((r) => setTimeout(r, spec.delay));
        if (spec.buildFails !== undefined) return fail(spec.buildFails);
        const id = `sha256:${which}${++this.n}`;
        fs.writeFileSync(value('--iidfile')!, id);
        this.images.set(id, { ...spec, labels: labels() });
        return ok();
      }
      case 'image':
        if (args[1] === 'inspect') {
          const image = this.images.get(args[2]!);
          if (!image) return fail(`Error: No such image: ${args[2]}`);
          const Config = {
            Entrypoint: image.entrypoint ?? null,
            Cmd: image.cmd ?? null,
            User: image.user ?? '',
            WorkingDir: '',
            Env: ['PATH=/usr/local/bin:/usr/bin:/bin'],
          };
          return ok(JSON.stringify([{ Id: args[2], Size: image.size, Architecture: 'amd64', Os: 'linux', Config }]));
        }
        if (args[1] === 'rm') {
          if (!this.images.delete(args[2]!)) return fail(`Error: No such image: ${args[2]}`);
          return ok(args[2]);
        }
        return fail('unknown image command');
      case 'create': {
        // create [--label L] [--network N] [--entrypoint E] [--env K=V]... IMAGE [ARGS...]
        let i = 1;
        while (args[i]?.startsWith('--')) i += 2;
        const image = args[i]!;
        if (!this.images.has(image)) return fail(`Error: No such image: ${image}`);
        const id = `c${++this.n}`;
        this.containers.set(id, { image, labels: [...labels(), ...this.images.get(image)!.labels] });
        return ok(`${id}\n`);
      }
      case 'export': {
        const c = this.containers.get(args[1]!)!;
        const tar = makeTar(this.images.get(c.image)!.files);
        for (let at = 0; at < tar.length; at += 1000) options.onStdout?.(tar.subarray(at, at + 1000));
        return ok();
      }
      case 'start': {
        const start = this.images.get(this.containers.get(args[1]!)!.image)!.start;
        return 'error' in start
          ? fail(`Error response from daemon: ${start.error}\nError: failed to start containers: ${args[1]}`)
          : ok(args[1]);
      }
      case 'wait': {
        const start = this.images.get(this.containers.get(args[1]!)!.image)!.start;
        if ('running' in start) {
          await new Promise((r) => setTimeout(r, options.timeoutMs));
          return { ...ok(), code: null, timedOut: true };
        }
        return ok(`${'exit' in start ? start.exit : 127}\n`);
      }
      case 'inspect': {
        const start = this.images.get(this.containers.get(args[3]!)!.image)!.start;
        const state =
          'running' in start
            ? { Status: 'running', Running: true, ExitCode: 0, Error: '' }
            : 'exit' in start
              ? { Status: 'exited', Running: false, ExitCode: start.exit, Error: '' }
              : { Status: 'created', Running: false, ExitCode: 127, Error: start.error };
        return ok(JSON.stringify(state));
      }
      case 'logs': {
        const start = this.images.get(this.containers.get(args[1]!)!.image)!.start;
        return { ...ok(), stderr: 'exit' in start ? (start.stderr ?? '') : '' };
      }
      case 'rm':
        if (!this.containers.delete(args.at(-1)!)) return fail(`Error: No such container: ${args.at(-1)}`);
        return ok();
      case 'ps':
      case 'images': {
        const label = value('--filter')!.replace(/^label=/, '');
        const live = args[0] === 'ps' ? this.containers : this.images;
        return ok(
          [...live]
            .filter(([, v]) => v.labels.includes(label))
            .map(([id]) => `${id}\n`)
            .join(''),
        );
      }
      default:
        return fail(`unknown command ${args[0]}`);
    }
  }
}

const SERVER: TarMember = { name: './bin/server', data: makeElf({ interp: null, needed: [] }), mode: 0o755 };
const OLD_IMAGE: ImageSpec = {
  files: [
    { name: './bin/', type: '5' },
    SERVER,
    { name: './bin/sh', data: makeElf({ interp: null, needed: [] }), mode: 0o755 },
  ],
  cmd: ['/bin/server'],
  size: 114_000_000,
  start: { running: true },
};
const NEW_IMAGE: ImageSpec = {
  files: [SERVER],
  entrypoint: ['/bin/server'],
  size: 3_000_000,
  start: { running: true },
};

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  docker: FakeDocker;
}

async function runMain(
  args: string[],
  dir: string,
  spec: (which: Which, text: string, file: string) => ImageSpec,
): Promise<Captured> {
  const docker = new FakeDocker(spec);
  const fakeBinary = path.join(dir, 'docker-client');
  fs.writeFileSync(fakeBinary, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  let stdout = '';
  let stderr = '';
  const code = await main(['--verify', '--docker', fakeBinary, '--verify-timeout', '0.05', ...args], {
    stdout: { write: (c) => (stdout += String(c)) },
    stderr: { write: (c) => (stderr += String(c)) },
    stdin: (async function* () {})(),
    cwd: dir,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
    dockerRunner: () => docker,
  });
  return { code, stdout, stderr, docker };
}

function goProject(names: string[] = ['app']): string {
  const dir = tempDir();
  for (const name of names) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'Dockerfile'), GO);
  }
  return dir;
}

const standard = (which: Which): ImageSpec => (which === 'old' ? OLD_IMAGE : NEW_IMAGE);

test('a verified rewrite: the diff, each check, sizes before and after, "N verified" and the total', async () => {
  const dir = goProject();
  const r = await runMain(['app'], dir, standard);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  assert.match(r.stdout, /^diff --git a\/app\/Dockerfile b\/app\/Dockerfile\n/);
  assert.match(r.stdout, /\n {2}verify: passed in \d+\.\d s\n/);
  assert.match(r.stdout, /\n {4}build: the original and the rewrite build \(\d+\.\d s\)\n/);
  assert.match(r.stdout, /\n {4}filesystem: \/bin\/server: static ELF for x86-64; run as root \(/);
  assert.match(r.stdout, /\n {4}start: both still running after 0\.05 s \(/);
  assert.match(r.stdout, /\n {4}size: 114 MB → 3 MB \(-97%\)\n/);
  assert.match(
    r.stdout,
    /\n1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors, 1 verified\nverified images: 114 MB → 3 MB \(-97%\) in all, over 1 file\n$/,
  );
  assert.is(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8'), GO, 'a dry run writes nothing');
  assert.equal(fs.readdirSync(path.join(dir, 'app')), ['Dockerfile'], 'the rewrite is not written next to the file');
  assert.equal([...r.docker.containers.keys()], [], 'every container removed');
  assert.equal([...r.docker.images.keys()], [], 'every image removed');
});

test('docker is run with argument arrays: labels, build args, platform, context, --network none, verify args and env', async () => {
  const dir = goProject();
  fs.mkdirSync(path.join(dir, 'ctx'));
  const r = await runMain(
    [
      '--build-arg',
      'GOFLAGS=-mod=vendor',
      '--platform',
      'linux/amd64',
      '--context',
      'ctx',
      '--verify-arg=--port',
      '--verify-arg',
      '9000',
      '--verify-env',
      'MODE=test',
      'app',
    ],
    dir,
    standard,
  );
  assert.is(r.code, 0, r.stderr + r.stdout);
  const builds = r.docker.calls.filter((c) => c[0] === 'build');
  assert.is(builds.length, 2);
  const label = builds[0]![builds[0]!.indexOf('--label') + 1]!;
  assert.match(label, /^minbase\.verify=[0-9a-f]{12}$/);
  for (const b of builds) {
    assert.is(b.at(-1), path.join(dir, 'ctx'), 'the context');
    assert.ok(b.includes('--build-arg') && b[b.indexOf('--build-arg') + 1] === 'GOFLAGS=-mod=vendor');
    assert.is(b[b.indexOf('--platform') + 1], 'linux/amd64');
    assert.is(b[b.indexOf('--label') + 1], label);
    const file = b[b.indexOf('-f') + 1]!;
    assert.ok(!file.startsWith(dir), `the Dockerfile given to docker (${file}) is outside the project`);
  }
  const runs = r.docker.calls.filter((c) => c[0] === 'create' && !c.includes('--entrypoint'));
  assert.is(runs.length, 2, 'the old and the new image are started');
  for (const c of runs) {
    assert.equal(c.slice(0, 5), ['create', '--label', label, '--network', 'none']);
    assert.equal(c.slice(5, 7), ['--env', 'MODE=test']);
    assert.equal(c.slice(-2), ['--port', '9000']);
  }
  const exports = r.docker.calls.filter((c) => c[0] === 'create' && c.includes('--entrypoint'));
  assert.is(exports.length, 1, 'only the new image is read when it passes');
  assert.not.ok(
    r.docker.calls.some((c) => c.includes('prune')),
    'the build cache is left alone',
  );
});

test('--json: "verify" on each file with every check, time and sizes; the summary counts verified files', async () => {
  const dir = goProject();
  fs.mkdirSync(path.join(dir, 'done'));
  fs.writeFileSync(path.join(dir, 'done', 'Dockerfile'), 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n');
  const r = await runMain(['--json', '.'], dir, standard);
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as {
    files: Array<{ path: string; outcome: string; verify: Record<string, unknown> | null }>;
    summary: Record<string, unknown>;
  };
  assert.equal(
    doc.files.map((f) => [f.path, f.outcome]),
    [
      ['app/Dockerfile', 'rewritten'],
      ['done/Dockerfile', 'unchanged'],
    ],
  );
  const v = doc.files[0]!.verify as {
    ok: boolean;
    failed: unknown;
    error: unknown;
    checks: Array<{ name: string; status: string; ms: number; detail: string }>;
    ms: number;
    size: { before: number; after: number };
  };
  assert.is(v.ok, true);
  assert.is(v.failed, null);
  assert.is(v.error, null);
  assert.equal(
    v.checks.map((c) => [c.name, c.status]),
    [
      ['build', 'passed'],
      ['filesystem', 'passed'],
      ['start', 'passed'],
    ],
  );
  assert.ok(v.checks.every((c) => typeof c.ms === 'number' && typeof c.detail === 'string'));
  assert.ok(typeof v.ms === 'number');
  assert.equal(v.size, { before: 114_000_000, after: 3_000_000 });
  assert.is(doc.files[1]!.verify, null);
  assert.equal(doc.summary, {
    rewritten: 1,
    unchanged: 1,
    skipped: 0,
    refused: 0,
    error: 0,
    verified: 1,
    size: { before: 114_000_000, after: 3_000_000 },
  });
});

test('a failed file-system check: refused with the check and the path, never written; --check exits 1', async () => {
  const dir = goProject();
  const broken = (which: Which): ImageSpec =>
    which === 'old' ? OLD_IMAGE : { ...NEW_IMAGE, files: [{ name: './bin/', type: '5' }] };
  const r = await runMain(['--write', 'app'], dir, broken);
  assert.is(r.code, 0, r.stderr);
  assert.is(
    r.stdout,
    'app/Dockerfile: refused: verify: /bin/server is not in the new image\n' +
      '  failed check: filesystem (passed: build)\n' +
      '  what to do: copy it into the new stage, or fix the path in the command\n' +
      '0 rewritten, 0 unchanged, 0 skipped, 1 refused, 0 errors, 0 verified\n',
  );
  assert.is(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8'), GO, 'a refused file is never written');
  assert.equal([...r.docker.images.keys()], []);
  const check = await runMain(['--check', '--json', 'app'], dir, broken);
  assert.is(check.code, 1);
  const doc = JSON.parse(check.stdout) as {
    files: Array<{
      outcome: string;
      reason: string;
      diff: unknown;
      verify: { ok: boolean; failed: { check: string; message: string } };
    }>;
  };
  const f = doc.files[0]!;
  assert.is(f.outcome, 'refused');
  assert.is(f.diff, null);
  assert.match(f.reason, /^verify: \/bin\/server is not in the new image\n/);
  assert.is(f.verify.ok, false);
  assert.equal(f.verify.failed, {
    check: 'filesystem',
    message: '/bin/server is not in the new image',
    hint: 'copy it into the new stage, or fix the path in the command',
    stderr: [],
  });
});

test('a failure the original image shares is left to the start check', async () => {
  const dir = goProject();
  const both = (which: Which): ImageSpec =>
    which === 'old'
      ? { ...OLD_IMAGE, files: [{ name: './x', data: 'x' }] }
      : { ...NEW_IMAGE, files: [{ name: './x', data: 'x' }], cmd: [], entrypoint: ['/bin/server'] };
  // Both images lack /bin/server the same way, so the file check says nothing about the rewrite; both "run".
  const oldSame = (which: Which): ImageSpec => ({ ...both(which), entrypoint: ['/bin/server'], cmd: [] });
  const r = await runMain(['--json', 'app'], dir, oldSame);
  const f = (
    JSON.parse(r.stdout) as {
      files: Array<{ outcome: string; verify: { checks: Array<{ name: string; status: string }>; notes: string[] } }>;
    }
  ).files[0]!;
  assert.is(f.outcome, 'rewritten');
  assert.equal(
    f.verify.checks.map((c) => c.status),
    ['passed', 'skipped', 'passed'],
  );
  assert.match(f.verify.notes.join('\n'), /the original image fails the file-system check the same way/);
});

test('a new image that exits where the old one runs: refused with its stderr; exit status and stderr shown', async () => {
  const dir = goProject();
  const crash = (which: Which): ImageSpec =>
    which === 'old'
      ? OLD_IMAGE
      : {
          ...NEW_IMAGE,
          start: {
            exit: 1,
            stderr: 'panic: open /etc/app/config.yaml: no such file or directory\n\ngoroutine 1 [running]:\n',
          },
        };
  const r = await runMain(['app'], dir, crash);
  assert.is(r.code, 0);
  assert.is(
    r.stdout,
    'app/Dockerfile: refused: verify: the new image exited with status 1, while the original was still running after 0.05 s\n' +
      '  failed check: start (passed: build, filesystem)\n' +
      '  stderr of the new image:\n' +
      '    panic: open /etc/app/config.yaml: no such file or directory\n' +
      '    goroutine 1 [running]:\n' +
      '  what to do: run both images by hand to compare (docker run --rm --network none IMAGE); if the original needs arguments or environment to start, pass them with --verify-arg and --verify-env\n' +
      '0 rewritten, 0 unchanged, 0 skipped, 1 refused, 0 errors, 0 verified\n',
  );
  const noStart = (which: Which): ImageSpec =>
    which === 'old'
      ? OLD_IMAGE
      : {
          ...NEW_IMAGE,
          start: {
            error:
              'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/server": stat /bin/server: no such file or directory: unknown',
          },
        };
  const s = await runMain(['app'], dir, noStart);
  assert.match(
    s.stdout,
    /refused: verify: the new image fails to start: exec: "\/bin\/server": stat \/bin\/server: no such file or directory, while the original was still running/,
  );
  assert.equal([...s.docker.containers.keys()], []);
});

test('the rewrite does not build: refused (build); the original does not build: error, exit 2', async () => {
  const dir = goProject();
  const log =
    '#5 [2/2] COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n#5 ERROR: "/etc/ssl/certs/ca-certificates.crt" not found: not found\n------\n > [stage-1 2/3] COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/:\n------\nfailed to compute cache key: "/etc/ssl/certs/ca-certificates.crt" not found: not found\n';
  const r = await runMain(['app'], dir, (which) => (which === 'old' ? OLD_IMAGE : { ...NEW_IMAGE, buildFails: log }));
  assert.match(
    r.stdout,
    /^app\/Dockerfile: refused: verify: the rewritten Dockerfile does not build: "\/etc\/ssl\/certs\/ca-certificates\.crt" not found: not found \(at \[stage-1 2\/3\] COPY --from=build/,
  );
  assert.match(r.stdout, /\n {2}failed check: build\n/);
  assert.equal([...r.docker.images.keys()], [], 'the original image is removed too');
  const e = await runMain(['--write', 'app'], dir, () => ({
    ...OLD_IMAGE,
    buildFails: '#3 ERROR: failed to do request: no such host\n',
  }));
  assert.is(e.code, 2);
  assert.match(
    e.stdout,
    /^app\/Dockerfile: error: the original Dockerfile does not build here, so the rewrite cannot be checked: failed to do request: no such host \(the build context is its folder: --context DIR/,
  );
  assert.is(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8'), GO);
});

test('--write writes only verified files; --jobs 2 keeps the output in path order', async () => {
  const dir = goProject(['a', 'b', 'c']);
  // a is slow and b fails: with two jobs a finishes after b, but is still reported first.
  const r = await runMain(['--write', '--jobs', '2', '.'], dir, standard);
  assert.is(r.code, 0, r.stderr);
  let calls = 0;
  const order: string[] = [];
  const dir2 = goProject(['a', 'b', 'c']);
  fs.writeFileSync(path.join(dir2, 'b', 'Dockerfile'), GO.replace('/bin/server ./cmd/server', '/bin/server ./cmd/b'));
  const r2 = await runMain(['--write', '--jobs', '2', '.'], dir2, (which, text) => {
    calls++;
    const isB = text.includes('./cmd/b');
    if (which === 'new') order.push(isB ? 'b' : 'other');
    if (which === 'old') return { ...OLD_IMAGE, delay: isB ? 0 : 150 };
    return isB ? { ...NEW_IMAGE, files: [] } : NEW_IMAGE;
  });
  assert.is(r2.code, 0, r2.stderr);
  const paths = [...r2.stdout.matchAll(/^(?:diff --git a\/(\S+)|(\S+): refused)/gm)].map((m) => m[1] ?? m[2]);
  assert.equal(paths, ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile']);
  assert.is(order[0], 'b', 'b was verified first, in parallel with a');
  assert.ok(calls >= 6);
  assert.match(r2.stdout, /2 rewritten, 0 unchanged, 0 skipped, 1 refused, 0 errors, 2 verified\n/);
  assert.is.not(fs.readFileSync(path.join(dir2, 'a', 'Dockerfile'), 'utf8'), GO, 'a verified file is written');
  assert.match(fs.readFileSync(path.join(dir2, 'b', 'Dockerfile'), 'utf8'), /FROM python:3\.12-slim/, 'b is not');
  assert.match(r.stdout, /3 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors, 3 verified\n/);
});

/** A project whose app/Dockerfile has a `prod` stage followed by a `test` stage; `config` as minbase.config.json. */
function stagedProject(config?: string): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'app'));
  const text =
    GO.replace('FROM python:3.12-slim', 'FROM python:3.12-slim AS prod') + '\nFROM build AS test\nRUN go test ./...\n';
  fs.writeFileSync(path.join(dir, 'app', 'Dockerfile'), text);
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'minbase.config.json'), config);
  return dir;
}

const buildTargets = (calls: string[][]) =>
  calls.filter((c) => c[0] === 'build').map((b) => b[b.indexOf('--target') + 1]);

test('--stage NAME: both builds use --target NAME', async () => {
  const r = await runMain(['--stage', 'prod', 'app'], stagedProject(), standard);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.equal(buildTargets(r.docker.calls), ['prod', 'prod']);
  assert.match(r.stdout, /1 verified/);
});

test('--patch --verify: only the diff on stdout; the verification and the summary on stderr', async () => {
  const dir = goProject();
  const r = await runMain(['--patch', 'app'], dir, standard);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^diff --git a\/app\/Dockerfile b\/app\/Dockerfile\n/);
  assert.not.match(r.stdout, /verif/);
  assert.match(
    r.stderr,
    /^app\/Dockerfile: verified in \d+\.\d s \(build, filesystem, start\); 114 MB → 3 MB \(-97%\)\n/,
  );
  assert.match(r.stderr, /1 verified\nverified images: 114 MB → 3 MB \(-97%\) in all, over 1 file\n$/);
});

test('minbase - --verify: the rewrite on stdout only when verified, the original otherwise', async () => {
  const dir = tempDir();
  const docker = new FakeDocker((which) => (which === 'old' ? OLD_IMAGE : { ...NEW_IMAGE, files: [] }));
  fs.writeFileSync(path.join(dir, 'docker-client'), '', { mode: 0o755 });
  let stdout = '';
  let stderr = '';
  const code = await main(['--verify', '--docker', path.join(dir, 'docker-client'), '-'], {
    stdout: { write: (c) => (stdout += String(c)) },
    stderr: { write: (c) => (stderr += String(c)) },
    stdin: (async function* () {
      yield Buffer.from(GO);
    })(),
    cwd: dir,
    env: { PATH: process.env.PATH },
    dockerRunner: () => docker,
  });
  assert.is(code, 0);
  assert.is(stdout, GO, 'the original passes through');
  assert.match(stderr, /^<stdin>: refused: verify: \/bin\/server is not in the new image\n/);
  const build = docker.calls.find((c) => c[0] === 'build')!;
  assert.is(build.at(-1), dir, 'the current folder is the context');
});

test('--report with --verify: image sizes before and after per file and the total saved; a failed check is a blocker', async () => {
  const dir = tempDir();
  for (const [name, mark] of [
    ['a', ''],
    ['b', '# big\n'],
    ['c', '# broken\n'],
  ] as const) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'Dockerfile'), mark + GO);
  }
  const spec = (which: Which, text: string): ImageSpec => {
    const big = text.includes('# big');
    if (which === 'old') return { ...OLD_IMAGE, size: big ? 250_000_000 : 114_000_000 };
    if (text.includes('# broken')) return { ...NEW_IMAGE, files: [{ name: './bin/', type: '5' }] };
    return { ...NEW_IMAGE, size: big ? 5_000_000 : 3_000_000 };
  };
  const r = await runMain(['--json', '--report', 'report.md', '.'], dir, spec);
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as {
    files: Array<{ path: string; blockers: Array<{ rule: string; line: number }> }>;
    summary: { size: { before: number; after: number } };
  };
  assert.equal(json.summary.size, { before: 364_000_000, after: 8_000_000 });
  assert.equal(
    json.files.flatMap((f) => f.blockers.map((b) => `${f.path} ${b.rule} ${b.line}`)),
    ['c/Dockerfile verify/filesystem 0'],
  );
  const md = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
  assert.match(md, '\nVerified images: 364 MB → 8 MB (-98%), 356 MB saved over 2 images.\n');
  assert.match(md, '\n## Image sizes (--verify)\n\n| file | before | after | saved |\n');
  assert.match(md, '\n| `a/Dockerfile` | 114 MB | 3 MB | 111 MB |\n');
  assert.match(md, '\n| `b/Dockerfile` | 250 MB | 5 MB | 245 MB |\n');
  assert.match(md, '\n| **total** | **364 MB** | **8 MB** | **356 MB** |\n');
  assert.match(md, '\nIn all: 364 MB → 8 MB (-98%) over 2 images.\n');
  assert.match(md, '\n| `verify/filesystem` | 1 | 1 | ');
  assert.match(md, '\n- `c/Dockerfile`: /bin/server is not in the new image (copy it into the new stage');
  const html = await runMain(['--report', 'report.html', '.'], dir, spec);
  assert.is(html.code, 0, html.stderr);
  const page = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
  assert.match(page, '<td class="num" data-figure="size.saved" data-bytes="356000000">356 MB</td>');
  assert.match(page, '<span class="n" data-figure="size.saved.total" data-bytes="356000000">356 MB</span>saved over 2');
  assert.match(page, '<td class="num" data-figure="size.a/Dockerfile.before" data-bytes="114000000">114 MB</td>');
});

test('--verify with a stage from a config file: both builds target that stage, as with --stage', async () => {
  const r = await runMain(['app'], stagedProject('{"stage": "prod"}'), standard);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.equal(buildTargets(r.docker.calls), ['prod', 'prod']);
  assert.match(r.stdout, /1 verified/);
  // --stage on the command line wins over the config, for the rewrite and for the builds alike.
  const r2 = await runMain(['--stage', 'prod', 'app'], stagedProject('{"stage": "test"}'), standard);
  assert.is(r2.code, 0, r2.stdout + r2.stderr);
  assert.equal(buildTargets(r2.docker.calls), ['prod', 'prod']);
});

test.run();
