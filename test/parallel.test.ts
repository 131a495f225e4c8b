/**
 * The threaded pipeline (src/cli/pipeline.ts) against one thread (MINBASE_THREADS=1), through the built CLI:
 * the same bytes on stdout and stderr and the same exit code in every output mode, the same files after --write,
 * over a tree of the shared corpus (../shared/corpus/files; the fixtures' inputs when it is absent) with files that
 * fail to read among them. Also: a worker that dies loses no file, and output streams while files are read.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildTree } from '../bench/tree.js';
import { BIN, cliEnv, files, jsonOf, ROOT, removeTemps, tempDir } from './cli-helpers.js';

const CORPUS = path.join(ROOT, '..', 'shared', 'corpus', 'files');

function sources(): Array<[string, Buffer]> {
  if (fs.existsSync(CORPUS)) {
    return fs
      .readdirSync(CORPUS)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(CORPUS, name))]);
  }
  const out: Array<[string, Buffer]> = [];
  const fixtures = path.join(ROOT, '__fixtures__');
  for (const dir of fs.readdirSync(fixtures).sort()) {
    if (!fs.statSync(path.join(fixtures, dir)).isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(fixtures, dir)).sort()) {
      if (name.endsWith('.input.Dockerfile')) out.push([name, fs.readFileSync(path.join(fixtures, dir, name))]);
    }
  }
  return out;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, threads: string | null): Result {
  const env = cliEnv(threads === null ? {} : { MINBASE_THREADS: threads });
  if (threads === null) delete env.MINBASE_THREADS;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The corpus, once each, plus files that cannot be planned: not UTF-8, binary, empty, a broken symlink. */
function corpusTree(): string {
  const dir = tempDir('minbase-parallel-');
  const src = sources();
  buildTree(dir, src, src.length);
  files(dir, {
    'odd/latin1/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0x0a]),
    'odd/binary/Dockerfile': Buffer.from([0x46, 0x00, 0x01]),
    'odd/empty/Dockerfile': '',
  });
  fs.symlinkSync('nowhere', path.join(dir, 'odd', 'Dockerfile.broken'));
  return dir;
}

test('every output mode prints the same bytes with threads as on one thread', () => {
  const dir = corpusTree();
  const modes = [[], ['--check', '--verbose'], ['--json'], ['--patch', '--verbose'], ['--family', 'dhi', '--json']];
  for (const args of modes) {
    const one = run([...args, '.'], dir, '1');
    assert.ok(one.stdout.length > 0, `${args.join(' ')}: no output`);
    // The default (one thread per core), and for one mode more threads than there are cores.
    for (const threads of args.length === 1 && args[0] === '--json' ? [null, '3'] : [null]) {
      const many = run([...args, '.'], dir, threads);
      assert.is(many.code, one.code, `${args.join(' ')} with ${threads ?? 'default'} threads: exit code`);
      assert.ok(many.stderr === one.stderr, `${args.join(' ')} with ${threads ?? 'default'} threads: stderr differs`);
      assert.ok(many.stdout === one.stdout, `${args.join(' ')} with ${threads ?? 'default'} threads: stdout differs`);
    }
  }
  const summary = jsonOf(run(['--json', '.'], dir, null)).summary;
  assert.ok((summary.rewritten ?? 0) > 0 && (summary.error ?? 0) >= 2, JSON.stringify(summary));
});

test('--write leaves the same files with threads as on one thread', () => {
  const dir = corpusTree();
  const a = tempDir('minbase-parallel-a-');
  const b = tempDir('minbase-parallel-b-');
  fs.cpSync(dir, a, { recursive: true, verbatimSymlinks: true });
  fs.cpSync(dir, b, { recursive: true, verbatimSymlinks: true });
  const one = run(['--write', '.'], a, '1');
  const many = run(['--write', '.'], b, '2');
  assert.equal(many, one);
  const listing = (root: string) =>
    (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).sort().map((rel) => {
      const file = path.join(root, rel);
      const info = fs.lstatSync(file);
      return `${rel} ${info.mode.toString(8)} ${info.isFile() ? fs.readFileSync(file, 'latin1') : ''}`;
    });
  assert.equal(listing(b), listing(a));
  assert.ok(one.stdout.includes('rewritten'), one.stdout.slice(-200));
});

test('a worker that dies loses nothing: its file is planned again on the main thread, the rest by the others', () => {
  const dir = tempDir('minbase-parallel-crash-');
  const src = sources().slice(0, 120);
  buildTree(dir, src, src.length);
  const one = run(['--json', '.'], dir, '1');
  // Every worker dies on reaching this file (MINBASE_TEST_WORKER_CRASH), so does each one started in its place.
  const env = cliEnv({ MINBASE_THREADS: '2', MINBASE_TEST_WORKER_CRASH: 'svc-0000' });
  const r = spawnSync(process.execPath, [BIN, '--json', '.'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal({ code: r.status, stdout: r.stdout, stderr: r.stderr }, one);
  assert.ok(jsonOf(one).files.filter((f) => f.path.includes('svc-0000')).length >= 10);
});

test('results stream: the first is printed before the last file is read, and reading waits for the output', async () => {
  const dir = tempDir('minbase-parallel-stream-');
  const src = sources();
  const count = 1000;
  buildTree(dir, src, count);
  const all = run(['--json', '.'], dir, '1');
  const paths = jsonOf(all).files.map((f) => f.path);
  const last = paths.at(-1) as string;
  const child = spawn(process.execPath, [BIN, '--json', '.'], {
    cwd: dir,
    env: cliEnv({ MINBASE_THREADS: '2' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Nobody reads stdout until the first chunk has come: the pipe fills and minbase must wait.
  const first = await new Promise<Buffer>((resolve) => child.stdout.once('data', resolve));
  child.stdout.pause();
  await new Promise((r) => setTimeout(r, 1500));
  assert.is(child.exitCode, null, 'minbase finished while its output was not read');
  fs.rmSync(path.join(dir, last));
  const chunks: Buffer[] = [first];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.is(code, 2);
  const out = jsonOf({ code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: '' }).files;
  assert.equal(
    out.map((f) => f.path),
    paths,
  );
  const lastFile = out.at(-1);
  assert.is(lastFile?.outcome, 'error', 'the last file was read before the first result was printed');
  assert.is(lastFile?.reason, 'no such file or directory');
});

test('Ctrl-C stops the run and its threads at once', async () => {
  const dir = tempDir('minbase-parallel-sigint-');
  buildTree(dir, sources(), 600);
  const child = spawn(process.execPath, [BIN, '--json', '.'], {
    cwd: dir,
    env: cliEnv({ MINBASE_THREADS: '2' }),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  // Output has begun (so the threads are at work) and is not read: the run cannot finish by itself.
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.stdout.pause();
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  const sent = Date.now();
  child.kill('SIGINT');
  assert.is(await closed, 'SIGINT');
  assert.ok(Date.now() - sent < 5000, 'stopping took too long');
});

test.after(removeTemps);
test.run();
