/**
 * Tests of the built CLI (`node bin/minbase.js`, run `npm run build` first) and of its I/O helpers.
 * Every CLI test checks the exit code, stdout and stderr.
 */
import { execFileSync, type SpawnSyncOptions, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePorcelain } from '../src/cli/git.js';
import { Progress } from '../src/cli/progress.js';
import { contextReader } from '../src/cli/read.js';
import { ChangedError, Writer } from '../src/cli/write.js';
import { rewrite } from '../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'minbase.js');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const GO = `FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /bin/server ./cmd/server

FROM python:3.12-slim
COPY --from=build /bin/server /bin/server
EXPOSE 8080
CMD ["/bin/server"]
`;
const MINIMAL = 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  delete env.FORCE_COLOR;
  return env;
}

function minbase(args: string[], cwd: string, extra: SpawnSyncOptions = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: cliEnv(), encoding: 'utf8', ...extra });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minbase-cli-'));
  temps.push(dir);
  return dir;
}

/** Creates files under `dir`: string or Buffer contents; parent folders are made. */
function files(dir: string, tree: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(tree)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

function read(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

function jsonOf(run: Run): {
  version: number;
  files: Array<Record<string, unknown> & { path: string; outcome: string }>;
  summary: Record<string, number>;
} {
  return JSON.parse(run.stdout);
}

/** All files under `dir`, relative, for "nothing else was written" checks. */
function listAll(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}

test.after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

// --- Options ---------------------------------------------------------------------------------

test('--help explains modes, options and exit codes; exit 0', () => {
  const r = minbase(['--help'], ROOT);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  for (const word of [
    'Usage:',
    '--write',
    '--check',
    '--json',
    '--patch',
    '--stage',
    '--family',
    '--static-base',
    '--nonroot',
  ]) {
    assert.ok(r.stdout.includes(word), `help mentions ${word}`);
  }
  for (const word of [
    '--drop-healthcheck',
    '--debug-stage',
    '--force',
    '--verbose',
    '--interactive',
    'Exit codes:',
    'Examples:',
  ]) {
    assert.ok(r.stdout.includes(word), `help mentions ${word}`);
  }
  assert.match(r.stdout, /docker build --target debug/);
  assert.match(r.stdout, /^ {2}130 /m);
  assert.is(minbase(['-h'], ROOT).stdout, r.stdout);
});

test('--version prints the package version; exit 0', () => {
  const r = minbase(['--version'], ROOT);
  assert.equal(r, { code: 0, stdout: `${VERSION}\n`, stderr: '' });
});

test('an unknown option is a usage error with a hint to --help; exit 2', () => {
  const r = minbase(['--frobnicate'], ROOT);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(r.stderr, "minbase: unknown option '--frobnicate'\nRun 'minbase --help' for usage.\n");
});

test('conflicting modes and bad values are usage errors; exit 2', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--write', '--check'], /--write and --check/],
    [['--patch', '--json'], /--patch and --json/],
    [['--static-base', 'alpine'], /--static-base must be 'scratch' or 'distroless'/],
    [['--family', 'alpine'], /--family must be 'distroless', 'dhi' or 'chainguard', not 'alpine'/],
    [['--family'], /--family needs a value/],
    [['--stage'], /--stage needs a value/],
    [['-', 'Dockerfile'], /must be the only path/],
    [['--write', '-'], /--write cannot be used with '-'/],
    [['-i', '--write'], /--interactive cannot be used with --write/],
    [['--check', '--interactive'], /--interactive cannot be used with --check/],
    [['-i', '--json'], /--interactive cannot be used with --json/],
    [['-i', '--patch'], /--interactive cannot be used with --patch/],
    [['-i', '-'], /--interactive cannot be used with '-'/],
  ];
  for (const [args, message] of cases) {
    const r = minbase(args, ROOT);
    assert.is(r.code, 2, args.join(' '));
    assert.is(r.stdout, '', args.join(' '));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /Run 'minbase --help' for usage\.\n$/);
  }
});

test('--interactive without a terminal exits 2 and says what to run instead', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO });
  for (const flag of ['-i', '--interactive']) {
    const r = minbase([flag], dir);
    assert.equal(r, {
      code: 2,
      stdout: '',
      stderr:
        "minbase: --interactive needs a terminal on stdin and stdout; run 'minbase' (a dry run) to see the changes, " +
        "or 'minbase --write' to apply them all\n",
    });
  }
  assert.is(read(dir, 'Dockerfile'), GO);
});

test('--debug-stage passes debugStage to the core', () => {
  const dir = tempDir();
  const r = minbase(['--debug-stage', '-'], dir, { input: GO });
  assert.is(r.code, 0);
  assert.is(r.stdout, rewrite(GO, { debugStage: true }).output);
  assert.is(minbase(['-'], dir, { input: GO }).stdout, rewrite(GO).output);
});

// --- Dry run, --write, --check ----------------------------------------------------------------

test('a dry run prints the diff, the changes and the summary, and writes nothing', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO, 'app.Dockerfile': MINIMAL });
  const before = listAll(dir);
  const r = minbase([], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.ok(r.stdout.startsWith('diff --git a/Dockerfile b/Dockerfile\n--- a/Dockerfile\n+++ b/Dockerfile\n@@ '));
  assert.match(r.stdout, /^-FROM python:3\.12-slim$/m);
  assert.match(r.stdout, /^\+FROM scratch$/m);
  assert.match(r.stdout, /^-CMD \["\/bin\/server"\]$/m);
  assert.match(r.stdout, /^\+ENTRYPOINT \["\/bin\/server"\]$/m);
  assert.match(r.stdout, /^ {2}\S+ \(line 8\): \S.*$/m);
  assert.not.match(r.stdout, /app\.Dockerfile/);
  assert.is(lastLine(r.stdout), '1 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.is(read(dir, 'Dockerfile'), GO);
  assert.is(read(dir, 'app.Dockerfile'), MINIMAL);
  assert.equal(listAll(dir), before);
});

test('colour only when forced (stdout is not a terminal here), and never in --json or --patch', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO });
  const ESC = '\x1b';
  const env = { ...cliEnv(), FORCE_COLOR: '1' };
  const r = minbase([], dir, { env });
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.ok(r.stdout.includes(`${ESC}[32m+FROM scratch${ESC}[39m`));
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.not.ok(minbase([], dir).stdout.includes(ESC));
  for (const flag of ['--json', '--patch']) {
    const plain = minbase([flag], dir, { env });
    assert.is(plain.code, 0);
    assert.not.ok(plain.stdout.includes(ESC));
    assert.not.ok(plain.stderr.includes(ESC));
  }
});

test('--verbose also lists unchanged and skipped files', () => {
  const dir = tempDir();
  files(dir, { 'app.Dockerfile': MINIMAL, 'Dockerfile.empty': '' });
  const r = minbase(['--verbose'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines.length, 3);
  assert.match(lines[0] ?? '', /^Dockerfile\.empty: skipped: \S/);
  assert.match(lines[1] ?? '', /^app\.Dockerfile: unchanged: \S/);
  assert.is(lines[2], '0 rewritten, 1 unchanged, 1 skipped, 0 refused, 0 errors');
  assert.is(minbase([], dir).stdout, '0 rewritten, 1 unchanged, 1 skipped, 0 refused, 0 errors\n');
});

test('--write rewrites in place, keeps mode and CRLF, leaves no temp file; a second run has nothing to do', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO, 'crlf/Dockerfile': GO.replace(/\n/g, '\r\n'), 'app.Dockerfile': MINIMAL });
  fs.chmodSync(path.join(dir, 'Dockerfile'), 0o640);
  const r = minbase(['--write'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.match(r.stdout, /^diff --git a\/Dockerfile b\/Dockerfile$/m);
  assert.match(r.stdout, /^diff --git a\/crlf\/Dockerfile b\/crlf\/Dockerfile$/m);
  assert.is(lastLine(r.stdout), '2 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors');

  const lf = read(dir, 'Dockerfile');
  assert.match(lf, /^FROM scratch$/m);
  assert.match(lf, /^ENTRYPOINT \["\/bin\/server"\]$/m);
  assert.not.match(lf, /python/);
  assert.is(fs.statSync(path.join(dir, 'Dockerfile')).mode & 0o777, 0o640);

  const crlf = read(dir, 'crlf/Dockerfile');
  assert.match(crlf, /^FROM scratch\r$/m);
  assert.is(crlf.replace(/\r\n/g, ''), crlf.replace(/\r\n/g, '').replace(/\n/g, ''), 'every newline is CRLF');
  assert.is(crlf.replace(/\r\n/g, '\n'), lf, 'same rewrite with either line ending');
  assert.is(read(dir, 'app.Dockerfile'), MINIMAL);
  assert.equal(listAll(dir), ['Dockerfile', 'app.Dockerfile', 'crlf', 'crlf/Dockerfile']);

  const again = minbase(['--write'], dir);
  assert.equal(again, { code: 0, stdout: '0 rewritten, 3 unchanged, 0 skipped, 0 refused, 0 errors\n', stderr: '' });
  assert.is(read(dir, 'Dockerfile'), lf);
});

test('--write keeps a file symlink and writes its target', () => {
  const dir = tempDir();
  files(dir, { 'docker/prod.df': GO });
  fs.symlinkSync('docker/prod.df', path.join(dir, 'Dockerfile'));
  const r = minbase(['--write'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.ok(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink());
  assert.match(read(dir, 'docker/prod.df'), /^FROM scratch$/m);
});

test('a symlink to a file that is found itself is processed once, as that file', () => {
  const dir = tempDir();
  files(dir, { 'svc/Dockerfile': GO });
  fs.symlinkSync('svc/Dockerfile', path.join(dir, 'Dockerfile.dev'));
  const r = minbase(['--write'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.match(r.stdout, /^diff --git a\/svc\/Dockerfile b\/svc\/Dockerfile$/m);
  assert.not.match(r.stdout, /Dockerfile\.dev/);
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.ok(fs.lstatSync(path.join(dir, 'Dockerfile.dev')).isSymbolicLink());
  assert.match(read(dir, 'svc/Dockerfile'), /^FROM scratch$/m);
});

test('--write removes temp files a killed earlier run left behind', () => {
  const dir = tempDir();
  const stale = '.Dockerfile.minbase-2147483646-deadbeef.tmp';
  files(dir, { Dockerfile: GO, [stale]: 'half written', '.keep.minbase.tmp': 'not ours' });
  const r = minbase(['--write'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.equal(listAll(dir), ['.keep.minbase.tmp', 'Dockerfile']);
});

test('--check exits 1 while there is work, 0 after --write, and writes nothing', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO });
  const check = minbase(['--check'], dir);
  assert.is(check.code, 1);
  assert.is(check.stderr, '');
  assert.match(check.stdout, /^\+FROM scratch$/m);
  assert.is(lastLine(check.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.is(read(dir, 'Dockerfile'), GO);

  assert.is(minbase(['--write'], dir).code, 0);
  const after = minbase(['--check'], dir);
  assert.equal(after, { code: 0, stdout: '0 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors\n', stderr: '' });
});

// --- --json and --patch -------------------------------------------------------------------------

test('--family dhi: the rewrite moves to the DHI image, and --json carries its full reference', () => {
  const dir = tempDir();
  const python =
    'FROM python:3.12-slim AS build\nRUN python -m venv /venv\n\nFROM python:3.12-slim\nCOPY --from=build /venv /venv\nCOPY app.py /app/app.py\nWORKDIR /app\nCMD ["/venv/bin/python", "app.py"]\n';
  files(dir, { Dockerfile: python });
  const plain = jsonOf(minbase(['--json'], dir));
  assert.is(plain.files[0]?.outcome, 'refused');
  assert.match(String(plain.files[0]?.reason), /`--family dhi` has dhi\.io\/python:3\.12-debian13/);
  const r = minbase(['--json', '--family', 'dhi'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  const doc = jsonOf(r);
  assert.is(doc.files[0]?.outcome, 'rewritten');
  assert.is(doc.files[0]?.target, 'dhi.io/python:3.12-debian13');
  assert.match(String(doc.files[0]?.diff), /\+FROM dhi\.io\/python:3\.12-debian13\n\+USER 0\n/);
});

test('--json prints one document with the documented shape', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO, 'app.Dockerfile': MINIMAL, 'empty/Dockerfile': '' });
  const r = minbase(['--json'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  const doc = jsonOf(r);
  assert.equal(Object.keys(doc), ['version', 'files', 'summary']);
  assert.is(doc.version, 1);
  assert.equal(doc.summary, { rewritten: 1, unchanged: 1, skipped: 1, refused: 0, error: 0 });
  assert.equal(
    doc.files.map((f) => [f.path, f.outcome]),
    [
      ['Dockerfile', 'rewritten'],
      ['app.Dockerfile', 'unchanged'],
      ['empty/Dockerfile', 'skipped'],
    ],
  );
  for (const f of doc.files) {
    for (const key of ['path', 'outcome', 'runtime', 'target', 'reason', 'changes', 'diff']) {
      assert.ok(key in f, `${f.path} has ${key}`);
    }
  }
  const [go, minimal] = doc.files;
  assert.is(go?.runtime, 'go');
  assert.type(go?.target, 'string');
  assert.ok(typeof go?.diff === 'string' && go.diff.startsWith('diff --git a/Dockerfile b/Dockerfile\n'));
  const changes = go?.changes as Array<Record<string, unknown>>;
  assert.ok(changes.length > 0);
  for (const c of changes) {
    assert.equal(Object.keys(c), ['rule', 'line', 'why']);
    assert.type(c.line, 'number');
  }
  assert.is(minimal?.diff, null);
  assert.equal(minimal?.changes, []);
});

test('--json with --check and --write', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO });
  const check = minbase(['--json', '--check'], dir);
  assert.is(check.code, 1);
  assert.is(check.stderr, '');
  assert.equal(jsonOf(check).summary, { rewritten: 1, unchanged: 0, skipped: 0, refused: 0, error: 0 });
  assert.is(read(dir, 'Dockerfile'), GO);
  const write = minbase(['--json', '--write'], dir);
  assert.is(write.code, 0);
  assert.is(write.stderr, '');
  assert.is(jsonOf(write).files[0]?.outcome, 'rewritten');
  assert.match(read(dir, 'Dockerfile'), /^FROM scratch$/m);
  const none = minbase(['--json'], tempDir());
  assert.equal(none, {
    code: 0,
    stdout: '{"version":1,"files":[],"summary":{"rewritten":0,"unchanged":0,"skipped":0,"refused":0,"error":0}}\n',
    stderr: '',
  });
});

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

test('--patch prints only a patch that git apply accepts (CRLF, no final newline, spaces, unicode)', () => {
  const tree = {
    Dockerfile: GO,
    'crlf/Dockerfile': GO.replace(/\n/g, '\r\n'),
    'nonl/Dockerfile': GO.trimEnd(),
    'my app/ünïcødé.Dockerfile': GO,
    'app.Dockerfile': MINIMAL,
  };
  const patched = tempDir();
  const written = tempDir();
  files(patched, tree);
  files(written, tree);
  git(patched, ['init', '-q']);
  const before = listAll(patched);

  const r = minbase(['--patch'], patched);
  assert.is(r.code, 0);
  assert.is(r.stderr, '4 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors\n');
  assert.ok(r.stdout.startsWith('diff --git a/Dockerfile b/Dockerfile\n'));
  assert.is(r.stdout.match(/^diff --git /gm)?.length, 4);
  assert.match(r.stdout, /^\\ No newline at end of file$/m);
  assert.match(r.stdout, /^\+FROM scratch\r$/m);
  assert.equal(listAll(patched), before, 'nothing written');

  fs.writeFileSync(path.join(patched, 'minbase.patch'), r.stdout);
  git(patched, ['apply', '--check', 'minbase.patch']);
  git(patched, ['apply', 'minbase.patch']);
  assert.equal(minbase(['--write'], written).code, 0);
  for (const name of Object.keys(tree)) assert.is(read(patched, name), read(written, name), name);
  assert.not.match(read(patched, 'nonl/Dockerfile'), /\n$/);
});

test('--patch prints nothing on stdout when there is nothing to do; reasons go to stderr', () => {
  const dir = tempDir();
  files(dir, { 'app.Dockerfile': MINIMAL, 'bad/Dockerfile': Buffer.from([0x46, 0x00]) });
  const r = minbase(['--patch'], dir);
  assert.equal(r, {
    code: 2,
    stdout: '',
    stderr: 'bad/Dockerfile: error: binary file\n0 rewritten, 1 unchanged, 0 skipped, 0 refused, 1 errors\n',
  });
});

// --- Git safety ---------------------------------------------------------------------------------------

/** A repository in `dir` with everything in it committed. */
function committedRepo(dir: string): void {
  git(dir, ['init', '-q']);
  git(dir, ['add', '.']);
  git(dir, ['-c', 'user.name=minbase', '-c', 'user.email=minbase@example.com', 'commit', '-q', '-m', 'init']);
}

const EDITED = GO.replace('WORKDIR /src', 'WORKDIR /app');
const UNCOMMITTED = 'error: has uncommitted changes in git; commit or stash them, or pass --force';

test('--write leaves modified and staged files alone (errors, exit 2), writes clean and untracked ones', () => {
  const dir = tempDir();
  files(dir, { 'clean/Dockerfile': GO, 'modified/Dockerfile': GO, 'staged/Dockerfile': GO });
  committedRepo(dir);
  files(dir, { 'modified/Dockerfile': EDITED, 'staged/Dockerfile': EDITED, 'untracked/Dockerfile': GO });
  git(dir, ['add', 'staged/Dockerfile']);

  const r = minbase(['--write'], dir);
  assert.is(r.code, 2);
  assert.is(r.stderr, '');
  assert.match(r.stdout, new RegExp(`^modified/Dockerfile: ${UNCOMMITTED}$`, 'm'));
  assert.match(r.stdout, new RegExp(`^staged/Dockerfile: ${UNCOMMITTED}$`, 'm'));
  assert.match(r.stdout, /^diff --git a\/clean\/Dockerfile b\/clean\/Dockerfile$/m);
  assert.match(r.stdout, /^diff --git a\/untracked\/Dockerfile b\/untracked\/Dockerfile$/m);
  assert.not.match(r.stdout, /^diff --git a\/(modified|staged)/m);
  assert.is(lastLine(r.stdout), '2 rewritten, 0 unchanged, 0 skipped, 0 refused, 2 errors');
  assert.is(read(dir, 'modified/Dockerfile'), EDITED);
  assert.is(read(dir, 'staged/Dockerfile'), EDITED);
  assert.match(read(dir, 'clean/Dockerfile'), /^FROM scratch$/m);
  assert.match(read(dir, 'untracked/Dockerfile'), /^FROM scratch$/m);

  // The same from a subfolder, and in JSON.
  const sub = minbase(['--write', '--json'], path.join(dir, 'modified'));
  assert.is(sub.code, 2);
  assert.is(sub.stderr, '');
  assert.equal(
    jsonOf(sub).files.map((f) => [f.path, f.outcome, f.reason]),
    [['Dockerfile', 'error', 'has uncommitted changes in git; commit or stash them, or pass --force']],
  );
  assert.is(read(dir, 'modified/Dockerfile'), EDITED);
});

test('--force writes files with uncommitted changes', () => {
  const dir = tempDir();
  files(dir, { 'modified/Dockerfile': GO, 'clean/Dockerfile': GO });
  committedRepo(dir);
  files(dir, { 'modified/Dockerfile': EDITED });
  const r = minbase(['--write', '--force'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.is(lastLine(r.stdout), '2 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.is(read(dir, 'modified/Dockerfile'), rewrite(EDITED).output);
  assert.is(read(dir, 'clean/Dockerfile'), rewrite(GO).output);
});

test('dry runs and --check are never blocked by uncommitted changes', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO });
  committedRepo(dir);
  files(dir, { Dockerfile: EDITED });
  const dry = minbase([], dir);
  assert.is(dry.code, 0);
  assert.is(dry.stderr, '');
  assert.is(lastLine(dry.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  const check = minbase(['--check'], dir);
  assert.is(check.code, 1);
  assert.is(lastLine(check.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.is(minbase(['--patch'], dir).code, 0);
  assert.is(read(dir, 'Dockerfile'), EDITED);
});

test('without git on the PATH, or outside a repository, nothing is checked', () => {
  const repo = tempDir();
  files(repo, { Dockerfile: GO });
  committedRepo(repo);
  files(repo, { Dockerfile: EDITED });
  const r = minbase(['--write'], repo, { env: { ...cliEnv(), PATH: path.join(repo, 'no-such-folder') } });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.is(r.stderr, '');
  assert.is(read(repo, 'Dockerfile'), rewrite(EDITED).output);

  const plain = tempDir();
  files(plain, { Dockerfile: GO, '.git/HEAD': 'not a repository' });
  const outside = minbase(['--write'], plain);
  assert.is(outside.code, 0, outside.stdout);
  assert.is(read(plain, 'Dockerfile'), rewrite(GO).output);
});

// --- stdin ------------------------------------------------------------------------------------------

test("'-' reads stdin and prints the rewritten Dockerfile; the summary goes to stderr", () => {
  const dir = tempDir();
  const r = minbase(['-'], dir, { input: GO });
  assert.is(r.code, 0);
  assert.match(r.stdout, /^FROM scratch$/m);
  assert.match(r.stdout, /^ENTRYPOINT \["\/bin\/server"\]$/m);
  assert.not.match(r.stdout, /^(diff|@@)/m);
  assert.match(r.stderr, /^ {2}\S+ \(line 8\): /m);
  assert.is(lastLine(r.stderr), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');

  const check = minbase(['--check', '-'], dir, { input: GO });
  assert.is(check.code, 1);
  assert.is(check.stdout, r.stdout);
  assert.is(check.stderr, r.stderr);
});

test("'-' passes an unchanged or unreadable input through", () => {
  const dir = tempDir();
  const same = minbase(['-'], dir, { input: MINIMAL });
  assert.is(same.code, 0);
  assert.is(same.stdout, MINIMAL);
  assert.match(same.stderr, /^<stdin>: unchanged: \S.*\n0 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors\n$/);
  assert.is(minbase(['--check', '-'], dir, { input: MINIMAL }).code, 0);

  const binary = minbase(['-'], dir, { input: Buffer.from('FROM a\0\n') });
  assert.equal(binary, {
    code: 2,
    stdout: 'FROM a\0\n',
    stderr: '<stdin>: error: binary file\n0 rewritten, 0 unchanged, 0 skipped, 0 refused, 1 errors\n',
  });
});

test('no progress output when stderr is not a terminal, even for many files', () => {
  const dir = tempDir();
  const tree: Record<string, string> = {};
  for (let i = 0; i < 60; i++) tree[`svc${i}/Dockerfile`] = i % 2 ? GO : MINIMAL;
  files(dir, tree);
  for (const args of [[], ['--write'], ['--check']]) {
    const r = minbase(args, dir);
    assert.is(r.stderr, '', args.join(' '));
    assert.not.match(r.stdout, /minbase: \d+\/\d+ files/);
  }
});

// --- Discovery ----------------------------------------------------------------------------------

function discovered(dir: string, args: string[] = []): string[] {
  const r = minbase(['--json', '--verbose', ...args], dir);
  assert.is(r.stderr, '');
  return jsonOf(r).files.map((f) => f.path);
}

test('discovery: names in any case, dot-folders, sorted; node_modules, .git and .gitignore skipped', () => {
  const dir = tempDir();
  files(dir, {
    Dockerfile: MINIMAL,
    'DOCKERFILE.dev': MINIMAL,
    'api/Containerfile': MINIMAL,
    'api/containerfile.prod': MINIMAL,
    'web/web.dockerfile': MINIMAL,
    'web/Web.Dockerfile': MINIMAL,
    '.docker/Dockerfile': MINIMAL,
    'node_modules/pkg/Dockerfile': GO,
    'api/node_modules/pkg/Dockerfile': GO,
    '.git/Dockerfile': GO,
    'README.md': 'Dockerfile',
    'Dockerfiles/notes.txt': 'x',
    '.gitignore': 'ignored/\n*.generated.Dockerfile\n',
    'ignored/Dockerfile': GO,
    'web/x.generated.Dockerfile': GO,
    'web/.gitignore': 'Dockerfile.local\n!keep.generated.Dockerfile\n',
    'web/Dockerfile.local': GO,
    'web/keep.generated.Dockerfile': MINIMAL,
    'web/deep/Dockerfile.local': GO,
    'Dockerfile.local': MINIMAL,
  });
  assert.equal(discovered(dir), [
    '.docker/Dockerfile',
    'DOCKERFILE.dev',
    'Dockerfile',
    'Dockerfile.local',
    'api/Containerfile',
    'api/containerfile.prod',
    'web/Web.Dockerfile',
    'web/keep.generated.Dockerfile',
    'web/web.dockerfile',
  ]);
  const r = minbase([], dir);
  assert.equal(r, { code: 0, stdout: '0 rewritten, 9 unchanged, 0 skipped, 0 refused, 0 errors\n', stderr: '' });
});

test('discovery: a file named explicitly is taken even when ignored; paths are relative to the cwd', () => {
  const dir = tempDir();
  files(dir, { '.gitignore': 'ignored/\n', 'ignored/Dockerfile': MINIMAL, 'svc/Dockerfile': MINIMAL });
  assert.equal(discovered(dir, ['ignored/Dockerfile', 'svc']), ['ignored/Dockerfile', 'svc/Dockerfile']);
  assert.equal(discovered(path.join(dir, 'svc'), ['../ignored/Dockerfile', '.']), [
    '../ignored/Dockerfile',
    'Dockerfile',
  ]);
  assert.equal(discovered(dir, ['svc/Dockerfile', 'svc', './svc/Dockerfile']), ['svc/Dockerfile']);
});

test('discovery: a folder named Dockerfile is skipped silently, and is an error when named', () => {
  const dir = tempDir();
  files(dir, { 'Dockerfile/Dockerfile': MINIMAL, 'sub/Dockerfile/readme.txt': 'x', 'app.Dockerfile': MINIMAL });
  const r = minbase(['--verbose'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.match(
    r.stdout,
    /^Dockerfile\/Dockerfile: unchanged: .+\napp\.Dockerfile: unchanged: .+\n0 rewritten, 2 unchanged, 0 skipped, 0 refused, 0 errors\n$/,
  );
  const named = minbase(['sub/Dockerfile', 'app.Dockerfile'], dir);
  assert.equal(named, {
    code: 2,
    stdout:
      'sub/Dockerfile: error: is a directory, not a Dockerfile (add a / to search it)\n' +
      '0 rewritten, 1 unchanged, 0 skipped, 0 refused, 1 errors\n',
    stderr: '',
  });
  assert.equal(minbase(['Dockerfile/'], dir), {
    code: 0,
    stdout: '0 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors\n',
    stderr: '',
  });
  assert.equal(minbase([], path.join(dir, 'Dockerfile')), {
    code: 0,
    stdout: '0 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors\n',
    stderr: '',
  });
});

test('a path that does not exist is an error; the others are still processed', () => {
  const dir = tempDir();
  files(dir, { Dockerfile: GO });
  const r = minbase(['nope', 'Dockerfile', 'gone/Dockerfile'], dir);
  assert.is(r.code, 2);
  assert.is(r.stderr, '');
  assert.match(r.stdout, /^diff --git a\/Dockerfile b\/Dockerfile$/m);
  assert.match(
    r.stdout,
    /^gone\/Dockerfile: error: no such file or directory\nnope: error: no such file or directory\n/m,
  );
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 2 errors');
});

test('paths with spaces and unicode work', () => {
  const dir = tempDir();
  files(dir, { 'my services/ünïcødé api/Dockerfile': GO });
  const r = minbase(['--write', 'my services'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.match(
    r.stdout,
    /^diff --git a\/my services\/ünïcødé api\/Dockerfile b\/my services\/ünïcødé api\/Dockerfile$/m,
  );
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors');
  assert.match(read(dir, 'my services/ünïcødé api/Dockerfile'), /^FROM scratch$/m);
  const json = minbase(['--json'], dir);
  assert.is(json.code, 0);
  assert.is(json.stderr, '');
  assert.equal(
    jsonOf(json).files.map((f) => f.path),
    ['my services/ünïcødé api/Dockerfile'],
  );
});

test('a symlink to a file outside the searched root is reported and never written', () => {
  const outside = tempDir();
  const dir = tempDir();
  files(outside, { Dockerfile: GO, 'sub/Dockerfile': GO });
  files(dir, { 'inside/Dockerfile': GO });
  fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(dir, 'Dockerfile'));
  fs.symlinkSync(path.join(outside, 'sub'), path.join(dir, 'linked'));
  const r = minbase(['--write'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.not.match(r.stdout, /linked/);
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 1 skipped, 0 refused, 0 errors');
  assert.is(read(outside, 'Dockerfile'), GO);
  assert.is(read(outside, 'sub/Dockerfile'), GO);
  assert.ok(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink());

  const verbose = minbase(['--verbose'], dir);
  assert.is(verbose.code, 0);
  assert.is(verbose.stderr, '');
  assert.match(verbose.stdout, /^Dockerfile: skipped: symlink to outside the searched root$/m);
});

// --- Unreadable files -------------------------------------------------------------------------------

test('binary, invalid UTF-8 and >1 MiB files are errors; the batch goes on; exit 2', () => {
  const dir = tempDir();
  files(dir, {
    'a/Dockerfile': Buffer.concat([Buffer.from('FROM scratch\n'), Buffer.from([0, 1, 2])]),
    'b/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xc3, 0x28, 0x0a]),
    'c/Dockerfile': `FROM scratch\n${'# padding\n'.repeat(110_000)}`,
    'd/Dockerfile': GO,
  });
  const before = read(dir, 'c/Dockerfile');
  const r = minbase(['--write'], dir);
  assert.is(r.code, 2);
  assert.is(r.stderr, '');
  assert.ok(
    r.stdout.startsWith(
      'a/Dockerfile: error: binary file\nb/Dockerfile: error: not valid UTF-8\nc/Dockerfile: error: larger than 1 MiB\n',
    ),
  );
  assert.match(r.stdout, /^diff --git a\/d\/Dockerfile b\/d\/Dockerfile$/m);
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 3 errors');
  assert.match(read(dir, 'd/Dockerfile'), /^FROM scratch$/m);
  assert.is(read(dir, 'c/Dockerfile'), before);
});

test('a file of exactly 1 MiB is read; a UTF-8 byte-order mark is kept', () => {
  const dir = tempDir();
  const header = 'FROM scratch\n';
  files(dir, {
    'big/Dockerfile': header + '#'.repeat(1024 * 1024 - header.length - 1) + '\n',
    'bom/Dockerfile': `\uFEFF${GO}`,
  });
  const r = minbase(['--write'], dir);
  assert.is(r.code, 0);
  assert.is(r.stderr, '');
  assert.is(lastLine(r.stdout), '1 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors');
  const bom = read(dir, 'bom/Dockerfile');
  assert.ok(bom.startsWith('\uFEFF'));
  assert.match(bom, /^FROM scratch$/m);
});

/** Runs as an unprivileged user when the tests run as root, so that permissions apply. */
function asUser(dir: string): SpawnSyncOptions {
  if (process.getuid?.() !== 0) return {};
  fs.chmodSync(dir, 0o777);
  return { uid: 65534, gid: 65534 };
}

/**
 * As root, permissions only apply to another user; that user must be able to reach the built CLI. A clone inside a
 * private folder (mode 700, as mktemp makes) cannot be reached: then the test says so and passes without running.
 */
function otherUserCanRunCli(): boolean {
  if (process.getuid?.() !== 0) return true;
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], {
    uid: 65534,
    gid: 65534,
  });
  return probe.status === 0;
}

test('an unreadable file or folder is an error with the OS reason; a failed write is an error and leaves no temp file', () => {
  if (!otherUserCanRunCli()) {
    console.log('  (permission test not run: running as root and user nobody cannot reach the project folder)');
    return;
  }
  const dir = tempDir();
  files(dir, { 'locked/Dockerfile': GO, 'readonly/Dockerfile': GO, 'ok/Dockerfile': GO });
  const user = asUser(dir);
  for (const sub of ['locked', 'readonly', 'ok']) {
    fs.chmodSync(path.join(dir, sub), 0o777);
    fs.chmodSync(path.join(dir, sub, 'Dockerfile'), 0o666);
  }
  fs.chmodSync(path.join(dir, 'locked/Dockerfile'), 0o000);
  fs.chmodSync(path.join(dir, 'readonly'), 0o555);
  fs.mkdirSync(path.join(dir, 'closed'), { mode: 0o000 });
  const r = minbase(['--write', '.', 'closed'], dir, user);
  fs.chmodSync(path.join(dir, 'readonly'), 0o755);
  assert.is(r.code, 2);
  assert.is(r.stderr, '');
  assert.match(r.stdout, /^closed: error: permission denied$/m);
  assert.match(r.stdout, /^locked\/Dockerfile: error: permission denied$/m);
  assert.match(r.stdout, /^readonly\/Dockerfile: error: permission denied$/m);
  assert.is(lastLine(r.stdout), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 3 errors');
  assert.is(read(dir, 'readonly/Dockerfile'), GO);
  assert.match(read(dir, 'ok/Dockerfile'), /^FROM scratch$/m);
  assert.equal(fs.readdirSync(path.join(dir, 'readonly')), ['Dockerfile']);
});

// --- I/O helpers --------------------------------------------------------------------------------

test('Writer refuses to replace a file that changed since it was read, and leaves no temp file', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'Dockerfile');
  fs.writeFileSync(file, 'edited meanwhile\n');
  try {
    await new Writer().write(file, Buffer.from('new\n'), Buffer.from('as read\n'));
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.instance(err, ChangedError);
    assert.is((err as Error).message, 'changed while minbase was running');
  }
  assert.is(read(dir, 'Dockerfile'), 'edited meanwhile\n');
  assert.equal(fs.readdirSync(dir), ['Dockerfile']);
});

test('parsePorcelain lists staged and unstaged files, skips untracked ones and the old side of renames', () => {
  const out = ' M a/Dockerfile\0M  b/Dockerfile\0?? c/Dockerfile\0R  d/new\0d/old\0MM e f/Dockerfile\0!! g\0';
  assert.equal([...parsePorcelain(out, '/repo')].sort(), [
    '/repo/a/Dockerfile',
    '/repo/b/Dockerfile',
    '/repo/d/new',
    '/repo/e f/Dockerfile',
  ]);
  assert.equal([...parsePorcelain('', '/repo')], []);
});

test('Progress draws one line at most every 100 ms, clears it before other output and at the end', () => {
  let now = 0;
  let written = '';
  const stderr = { isTTY: true, write: (chunk: string | Uint8Array) => (written += String(chunk)) };
  const progress = new Progress(stderr, 50, true, () => now);
  const stdout = progress.around({ isTTY: true, write: (chunk) => (written += `<${String(chunk)}>`) });
  progress.update(1);
  assert.is(written, '', 'nothing in the first 100 ms');
  now = 100;
  progress.update(2);
  assert.is(written, '\r\x1b[2Kminbase: 2/50 files');
  now = 150;
  progress.update(3);
  assert.is(written, '\r\x1b[2Kminbase: 2/50 files', 'not again within 100 ms');
  stdout.write('line\n');
  assert.is(written, '\r\x1b[2Kminbase: 2/50 files\r\x1b[2K<line\n>');
  stdout.write('more\n');
  assert.ok(written.endsWith('<line\n><more\n>'), 'cleared once');
  now = 250;
  progress.update(40);
  progress.done();
  assert.ok(written.endsWith('<more\n>\r\x1b[2Kminbase: 40/50 files\r\x1b[2K'));

  const piped = { isTTY: false, write: () => true };
  assert.is(progress.around(piped), piped, 'output to a file or pipe is not wrapped');
  const off = new Progress(stderr, 50, false, () => 1000);
  written = '';
  off.update(10);
  off.done();
  assert.is(written, '');
});

test('contextReader reads files of the Dockerfile folder only', () => {
  const dir = tempDir();
  files(dir, { 'app/package.json': '{"name":"x"}', 'app/sub/a.txt': 'a', 'secret.txt': 's' });
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'app', 'link.txt'));
  const readContext = contextReader(path.join(dir, 'app'));
  assert.is(readContext('package.json'), '{"name":"x"}');
  assert.is(readContext('./sub/a.txt'), 'a');
  assert.is(readContext('sub/../package.json'), '{"name":"x"}');
  assert.is(readContext('missing.json'), null);
  assert.is(readContext('../secret.txt'), null);
  assert.is(readContext(path.join(dir, 'secret.txt')), null);
  assert.is(readContext('link.txt'), null);
  assert.is(readContext('sub'), null);
});

test.run();
