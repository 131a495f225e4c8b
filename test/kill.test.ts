/**
 * A `--write` over 2,000 files killed with SIGKILL part-way: every file must be byte for byte either its old or its
 * new content, and the next run must finish the job and leave no temp file behind. Runs the built CLI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rewrite } from '../src/index.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'minbase.js');
const N = 2000;

function dockerfile(i: number): string {
  return [
    'FROM golang:1.24 AS build',
    'WORKDIR /src',
    'COPY . .',
    `RUN CGO_ENABLED=0 go build -o /out/svc${i} ./cmd/svc${i}`,
    '',
    'FROM alpine:3.22',
    'RUN apk add --no-cache ca-certificates',
    `COPY --from=build /out/svc${i} /usr/local/bin/svc${i}`,
    `CMD ["svc${i}", "--port", "${8000 + (i % 1000)}"]`,
    '',
  ].join(i % 7 === 0 ? '\r\n' : '\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('SIGKILL in the middle of --write leaves every file old or new, and the next run finishes cleanly', async () => {
  const root = mkdtempSync(join(tmpdir(), 'minbase-kill-'));
  const olds: string[] = [];
  const news: string[] = [];
  for (let i = 0; i < N; i++) {
    const dir = join(root, `svc-${String(i).padStart(4, '0')}`);
    mkdirSync(dir);
    const text = dockerfile(i);
    writeFileSync(join(dir, 'Dockerfile'), text);
    olds.push(text);
    const r = rewrite(text);
    assert.is(r.outcome, 'rewritten');
    news.push(r.output);
  }
  const state = () => {
    let fresh = 0;
    let stale = 0;
    const torn: string[] = [];
    for (let i = 0; i < N; i++) {
      const text = readFileSync(join(root, `svc-${String(i).padStart(4, '0')}`, 'Dockerfile'), 'utf8');
      if (text === news[i]) fresh++;
      else if (text === olds[i]) stale++;
      else torn.push(String(i));
    }
    return { fresh, stale, torn };
  };
  const temps = () =>
    readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => /\.minbase-\d+-[0-9a-f]+\.tmp$/.test(p));

  const child = spawn(process.execPath, [BIN, '--write', root], {
    stdio: 'ignore',
    env: { ...process.env, NO_COLOR: '1' },
  });
  // Kill once the run has visibly started writing, so that some files are new and some still old.
  const target = join(root, 'svc-0000', 'Dockerfile');
  for (let waited = 0; waited < 20000 && readFileSync(target, 'utf8') === olds[0]; waited += 5) await sleep(5);
  await sleep(150);
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));

  const after = state();
  assert.equal(after.torn, [], 'files neither old nor new');
  assert.ok(after.fresh > 0, 'the killed run wrote nothing');
  assert.ok(
    after.stale > 0,
    `the run finished before the kill (${after.fresh} written); the test did not interrupt it`,
  );
  assert.ok(temps().length <= 1, 'a killed run leaves at most the one temp file it was writing');

  const second = spawnSync(process.execPath, [BIN, '--write', root], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.is(second.status, 0, second.stderr);
  assert.ok(
    second.stdout.endsWith(`${after.stale} rewritten, ${after.fresh} unchanged, 0 skipped, 0 refused, 0 errors\n`),
    second.stdout.slice(-200),
  );
  const final = state();
  assert.is(final.fresh, N);
  assert.equal(temps(), [], 'temp files left behind');
  rmSync(root, { recursive: true, force: true });
});

test.run();
