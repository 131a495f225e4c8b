/**
 * `minbase -i` driven through a real pseudo-terminal (test/pty_session.py, Python's standard `pty` module), not by
 * mocking prompts: the built CLI (`npm run build` first) sees a terminal on stdin, stdout and stderr, prints each
 * diff, and the driver types the answers once the question is on screen. Each run is killed after 20 s at most.
 * Without python3 (or its `pty` module) the terminal tests are replaced by one named `skipped: no python3`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rewrite } from '../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'minbase.js');
const DRIVER = path.join(ROOT, 'test', 'pty_session.py');

const GO = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -o /bin/server ./cmd/server

FROM python:3.12-slim
COPY --from=build /bin/server /bin/server
CMD ["/bin/server"]
`;
/** Refused: a package install and a shell-form command with a variable in the runtime stage. */
const REFUSED = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/server .

FROM debian:12
RUN apt-get update && apt-get install -y curl
COPY --from=build /bin/server /bin/server
CMD /bin/server --port $PORT
`;
const MINIMAL = 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n';
const NEW = rewrite(GO).output;
const SERVICES = ['api', 'billing', 'gateway', 'search', 'worker'];

interface Session {
  /** What the terminal showed, without escape sequences, with `\n` line ends. */
  screen: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stepsDone: number;
  error: string | null;
}

type Step = { expect: string; send: string } | { expect: string; signal: 'SIGINT' };

/** Runs `argv` on a pseudo-terminal in `cwd`, doing `steps`. */
function session(argv: string[], cwd: string, steps: Step[]): Session {
  const spec = {
    argv,
    cwd,
    env: { NO_COLOR: '1', TERM: 'xterm', COLUMNS: '120', LINES: '40', FORCE_COLOR: '', CI: '' },
    rows: 40,
    cols: 120,
    steps,
    timeout: 20,
  };
  const r = spawnSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 30_000 });
  assert.is(r.status, 0, `pty driver failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as Omit<Session, 'screen'> & { output: string };
  const { output, ...rest } = out;
  return { ...rest, screen: plain(output) };
}

function minbaseOnTerminal(args: string[], cwd: string, steps: Step[]): Session {
  return session([process.execPath, BIN, ...args], cwd, steps);
}

/** Drops terminal control sequences and carriage returns. */
function plain(output: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is removed
  return output.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '').replace(/\r\n/g, '\n');
}

function question(file: string): string {
  return `Apply this change to ${file}?`;
}

/** The files asked about, in order, once each. */
function asked(screen: string): string[] {
  const files: string[] = [];
  for (const m of screen.matchAll(/^. Apply this change to (\S+)\? .*… (.)$/gm)) files.push(`${m[1]}=${m[2]}`);
  return files;
}

const temps: string[] = [];
/** A folder of five Go services (`api/Dockerfile`…), plus `extra` files. */
function services(extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minbase-pty-'));
  temps.push(dir);
  const tree: Record<string, string> = { ...extra };
  for (const name of SERVICES) tree[`${name}/Dockerfile`] = GO;
  for (const [name, content] of Object.entries(tree)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SERVICES) out[name] = fs.readFileSync(path.join(dir, name, 'Dockerfile'), 'utf8');
  return out;
}

function expectFiles(dir: string, written: string[]): void {
  for (const [name, text] of Object.entries(contents(dir))) {
    assert.is(
      text,
      written.includes(name) ? NEW : GO,
      `${name}/Dockerfile is ${written.includes(name) ? 'new' : 'old'}`,
    );
  }
}

/** Every file under `dir`, relative: no temp file may stay behind. */
function listAll(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}

function lines(screen: string): string[] {
  return screen.trimEnd().split('\n');
}

test.after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

test('the example is rewritten by the core', () => {
  assert.is(rewrite(GO).outcome, 'rewritten');
  assert.match(NEW, /^FROM scratch$/m);
  assert.match(NEW, /^ENTRYPOINT \["\/bin\/server"\]$/m);
  assert.is(rewrite(REFUSED).outcome, 'refused');
  assert.is(rewrite(MINIMAL).outcome, 'unchanged');
});

// --- Without a terminal (no Python needed) ---------------------------------------------------------

test('-i without a terminal exits 2, pointing to --write and a dry run, and writes nothing', () => {
  const dir = services();
  for (const flag of ['-i', '--interactive']) {
    const r = spawnSync(process.execPath, [BIN, flag], { cwd: dir, encoding: 'utf8', env: { ...process.env } });
    assert.is(r.status, 2);
    assert.is(r.stdout, '');
    assert.is(
      r.stderr,
      "minbase: --interactive needs a terminal on stdin and stdout; run 'minbase' (a dry run) to see the changes, " +
        "or 'minbase --write' to apply them all\n",
    );
  }
  expectFiles(dir, []);
});

// --- On a terminal ------------------------------------------------------------------------------------

const python = spawnSync('python3', ['-c', 'import pty, termios, fcntl'], { encoding: 'utf8' });
if (python.error || python.status !== 0) {
  test('skipped: no python3', () => {
    console.log('  skipped: no python3 (with the pty module): minbase -i was not driven through a terminal');
  });
} else terminalTests();
test.run();

function terminalTests(): void {
  test('y, n, a: exactly the accepted files are written; refused files are listed without a question', () => {
    const dir = services({ 'legacy/Dockerfile': REFUSED, 'static/Dockerfile': MINIMAL });
    const s = minbaseOnTerminal(['-i'], dir, [
      { expect: question('api/Dockerfile'), send: 'y' },
      { expect: question('billing/Dockerfile'), send: 'n' },
      { expect: question('gateway/Dockerfile'), send: 'a' },
    ]);
    assert.is(s.error, null, s.screen);
    assert.is(s.timedOut, false);
    assert.is(s.exitCode, 0, s.screen);
    expectFiles(dir, ['api', 'gateway', 'search', 'worker']);
    assert.is(fs.readFileSync(path.join(dir, 'legacy/Dockerfile'), 'utf8'), REFUSED);
    assert.is(fs.readFileSync(path.join(dir, 'static/Dockerfile'), 'utf8'), MINIMAL);
    assert.equal(asked(s.screen), ['api/Dockerfile=y', 'billing/Dockerfile=n', 'gateway/Dockerfile=a']);

    // Before the first question: the file's diff and every change with its rule, line and why.
    const first = s.screen.slice(0, s.screen.indexOf(question('api/Dockerfile')));
    assert.ok(first.startsWith('diff --git a/api/Dockerfile b/api/Dockerfile\n'), first);
    assert.match(first, /^-FROM python:3\.12-slim$/m);
    assert.match(first, /^\+FROM scratch$/m);
    assert.match(first, /^\+ENTRYPOINT \["\/bin\/server"\]$/m);
    assert.match(first, /^ {2}\S+ \(line 8\): \S.*$/m);
    // Files applied with `a` still show their diff.
    assert.match(s.screen, /^diff --git a\/worker\/Dockerfile b\/worker\/Dockerfile$/m);
    assert.match(s.screen, /^Wrote worker\/Dockerfile\.$/m);
    assert.match(s.screen, /^Left billing\/Dockerfile as it is\.$/m);
    assert.match(s.screen, /^legacy\/Dockerfile: refused: .*\n {4}line 7: /m);
    assert.not.match(s.screen, /Apply this change to (legacy|static|search|worker)/);
    assert.equal(lines(s.screen).slice(-2), [
      '4 rewritten, 1 unchanged, 0 skipped, 1 refused, 0 errors',
      '4 applied, 1 declined',
    ]);
    assert.equal(
      listAll(dir).filter((p) => p.includes('.tmp')),
      [],
    );
  });

  test('q at the second file: the first stays written, the rest untouched; exit 0', () => {
    const dir = services();
    const s = minbaseOnTerminal(['-i', '.'], dir, [
      { expect: question('api/Dockerfile'), send: 'y' },
      { expect: question('billing/Dockerfile'), send: 'q' },
    ]);
    assert.is(s.error, null, s.screen);
    assert.is(s.exitCode, 0, s.screen);
    expectFiles(dir, ['api']);
    assert.equal(asked(s.screen), ['api/Dockerfile=y', 'billing/Dockerfile=q']);
    assert.not.match(s.screen, /gateway/);
    assert.equal(lines(s.screen).slice(-4), [
      'Left billing/Dockerfile as it is.',
      '',
      '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors',
      '1 applied, 0 declined, 4 not reviewed (quit)',
    ]);
  });

  test('Ctrl-C at a question: every file old or new byte for byte, no temp file; exit 130', () => {
    const dir = services();
    const before = listAll(dir);
    const s = minbaseOnTerminal(['-i'], dir, [
      { expect: question('api/Dockerfile'), send: 'y' },
      { expect: question('billing/Dockerfile'), send: '\x03' },
    ]);
    assert.is(s.error, null, s.screen);
    assert.is(s.exitCode, 130, s.screen);
    assert.is(s.signal, null);
    expectFiles(dir, ['api']);
    assert.equal(listAll(dir), before);
    assert.equal(lines(s.screen).slice(-2), [
      '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors',
      '1 applied, 0 declined, 4 not reviewed (Ctrl-C)',
    ]);
  });

  test('SIGINT (kill -INT) while a question is open stops like Ctrl-C; exit 130', () => {
    const dir = services();
    const before = listAll(dir);
    const s = minbaseOnTerminal(['-i'], dir, [
      { expect: question('api/Dockerfile'), send: 'n' },
      { expect: question('billing/Dockerfile'), signal: 'SIGINT' },
    ]);
    assert.is(s.error, null, s.screen);
    assert.is(s.exitCode, 130, s.screen);
    expectFiles(dir, []);
    assert.equal(listAll(dir), before);
    assert.is(lines(s.screen).at(-1), '0 applied, 1 declined, 4 not reviewed (Ctrl-C)');
  });

  test('? prints the help and asks again; Esc quits like q', () => {
    const dir = services();
    const s = minbaseOnTerminal(['-i'], dir, [
      { expect: question('api/Dockerfile'), send: '?' },
      { expect: 'show this help', send: '' },
      { expect: question('api/Dockerfile'), send: 'y' },
      { expect: question('billing/Dockerfile'), send: '\x1b' },
    ]);
    assert.is(s.error, null, s.screen);
    assert.is(s.exitCode, 0, s.screen);
    expectFiles(dir, ['api']);
    const help = s.screen.slice(s.screen.indexOf('… ?\n'));
    for (const key of ['y', 'n', 'a', 'q', '\\?']) assert.match(help, new RegExp(`^ {2}${key} {2}\\S`, 'm'));
    assert.match(help, /Ctrl-C/);
    assert.equal(asked(s.screen), ['api/Dockerfile=?', 'api/Dockerfile=y']);
    assert.is(lines(s.screen).at(-1), '1 applied, 0 declined, 4 not reviewed (quit)');
  });

  test('a key that is no answer is ignored until one is typed; Enter alone asks for a key', () => {
    const dir = services();
    const s = minbaseOnTerminal(['-i', 'api'], dir, [
      { expect: question('api/Dockerfile'), send: 'x\r' },
      { expect: 'Type y, n, a, q or ? (help)', send: 'N' },
    ]);
    assert.is(s.error, null, s.screen);
    assert.is(s.exitCode, 0, s.screen);
    expectFiles(dir, []);
    assert.is(lines(s.screen).at(-1), '0 applied, 1 declined');
  });

  test('a tracked file with uncommitted changes is listed as an error, without a question; exit 2', () => {
    const dir = services();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=minbase', '-c', 'user.email=minbase@example.com', ...args], {
        cwd: dir,
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'services');
    const edited = GO.replace('WORKDIR /src', 'WORKDIR /app');
    fs.writeFileSync(path.join(dir, 'billing/Dockerfile'), edited);
    const s = minbaseOnTerminal(['-i'], dir, [
      { expect: question('api/Dockerfile'), send: 'y' },
      { expect: question('gateway/Dockerfile'), send: 'q' },
    ]);
    assert.is(s.error, null, s.screen);
    assert.is(s.exitCode, 2, s.screen);
    assert.match(
      s.screen,
      /^billing\/Dockerfile: error: has uncommitted changes in git; commit or stash them, or pass --force$/m,
    );
    assert.equal(asked(s.screen), ['api/Dockerfile=y', 'gateway/Dockerfile=q']);
    assert.is(fs.readFileSync(path.join(dir, 'billing/Dockerfile'), 'utf8'), edited);
    assert.is(lines(s.screen).at(-2), '1 rewritten, 0 unchanged, 0 skipped, 0 refused, 1 errors');
  });

  test('-i with stdout not a terminal exits 2 even when stdin is one', () => {
    const dir = services();
    const s = session(['sh', '-c', `"${process.execPath}" "${BIN}" -i > out.txt`], dir, []);
    assert.is(s.exitCode, 2, s.screen);
    assert.match(s.screen, /^minbase: --interactive needs a terminal on stdin and stdout; /m);
    assert.is(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), '');
    expectFiles(dir, []);
  });

  test('progress on a terminal: one line redrawn in place, gone at the end', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minbase-pty-'));
    temps.push(dir);
    for (let i = 0; i < 600; i++) {
      fs.mkdirSync(path.join(dir, `svc${i}`));
      fs.writeFileSync(path.join(dir, `svc${i}`, 'Dockerfile'), GO);
    }
    const s = session(['sh', '-c', `"${process.execPath}" "${BIN}" --check . > out.txt`], dir, []);
    assert.is(s.exitCode, 1, s.screen);
    // Only the progress line was printed on the terminal, redrawn in place and removed at the end.
    const drawn = s.screen.match(/minbase: \d+\/600 files/g) ?? [];
    assert.ok(drawn.length > 0, 'the progress line was drawn');
    assert.is(s.screen.replace(/minbase: \d+\/600 files/g, '').replace(/\r/g, ''), '');
    assert.not.match(s.screen, /\n/);
    assert.match(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), /^600 rewritten, /m);
  });
}
