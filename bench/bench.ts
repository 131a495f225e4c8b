/**
 * Speed and memory figures, each against a baseline measured in the same run:
 * 1. rewrite() over the corpus (or the fixtures when the corpus is absent) vs parsing alone (dockerfile-ast).
 * 2. A CLI dry run over N generated Dockerfiles (default 2,000) vs `node -e ""`: wall time and peak RSS.
 * Usage: npm run bench [-- --files N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { rewrite } from '../src/index.js';

const root = join(import.meta.dirname, '..');
const filesArg = process.argv.indexOf('--files');
const N = filesArg > 0 ? Number(process.argv[filesArg + 1]) : 2000;

function inputs(): string[] {
  const corpus = join(root, '..', 'shared', 'corpus', 'files');
  if (existsSync(corpus)) return readdirSync(corpus).map((f) => readFileSync(join(corpus, f), 'utf8'));
  const out: string[] = [];
  const fx = join(root, '__fixtures__');
  for (const d of readdirSync(fx, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(fx, d.name))) {
      if (f.endsWith('.input.Dockerfile')) out.push(readFileSync(join(fx, d.name, f), 'utf8'));
    }
  }
  return out;
}

function perSecond(label: string, texts: string[], fn: (t: string) => unknown): number {
  for (const t of texts) fn(t); // warm-up
  const rounds = 5;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) fn(t);
  const ms = performance.now() - start;
  const rate = (texts.length * rounds) / (ms / 1000);
  console.log(
    `${label.padEnd(28)} ${rate.toFixed(0).padStart(8)} files/s  (${(ms / (texts.length * rounds)).toFixed(3)} ms/file)`,
  );
  return rate;
}

const texts = inputs();
console.log(`core: ${texts.length} Dockerfiles, 5 rounds`);
const parseRate = perSecond('baseline: dockerfile-ast parse', texts, (t) => DockerfileParser.parse(t));
const rewriteRate = perSecond('rewrite()', texts, (t) => rewrite(t));
console.log(`rewrite costs ${(parseRate / rewriteRate).toFixed(2)}x a bare parse\n`);

const dir = mkdtempSync(join(tmpdir(), 'minbase-bench-'));
const seed = readFileSync(join(root, 'examples', 'go-worker', 'Dockerfile'), 'utf8');
for (let i = 0; i < N; i++) {
  const sub = join(dir, `svc-${String(i).padStart(5, '0')}`);
  mkdirSync(sub);
  writeFileSync(join(sub, 'Dockerfile'), seed.replace('/out/api', `/out/api${i}`));
}
function measure(args: string[]): { ms: number; rssMiB: number; status: number | null } {
  const probe = `const {spawnSync}=require('node:child_process');const t=Date.now();const r=spawnSync(process.execPath,${JSON.stringify(args)},{stdio:['ignore','ignore','ignore']});const u=require('node:process').resourceUsage();console.log(JSON.stringify({ms:Date.now()-t,status:r.status}));`;
  const out = spawnSync(
    '/usr/bin/env',
    [
      'bash',
      '-c',
      `command -v /usr/bin/time >/dev/null && /usr/bin/time -f '%M' ${process.execPath} ${args.map((a) => `'${a}'`).join(' ')} >/dev/null 2>/tmp/minbase-bench-time || true`,
    ],
    { encoding: 'utf8' },
  );
  void out;
  const timed = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  const { ms, status } = JSON.parse(timed.stdout) as { ms: number; status: number | null };
  let rssMiB = Number.NaN;
  try {
    const lines = readFileSync('/tmp/minbase-bench-time', 'utf8').trim().split('\n');
    rssMiB = Number(lines[lines.length - 1]) / 1024;
  } catch {
    // no /usr/bin/time on this machine
  }
  return { ms, rssMiB, status };
}
const base = measure(['-e', '']);
const run = measure([join(root, 'bin', 'minbase.js'), '--check', dir]);
rmSync(dir, { recursive: true, force: true });
console.log(`cli: dry run (--check) over ${N} generated Dockerfiles`);
console.log(`baseline: node -e ""          ${String(base.ms).padStart(6)} ms   peak RSS ${base.rssMiB.toFixed(1)} MiB`);
console.log(
  `minbase --check               ${String(run.ms).padStart(6)} ms   peak RSS ${run.rssMiB.toFixed(1)} MiB   (exit ${run.status})`,
);
console.log(
  `per file: ${((run.ms - base.ms) / N).toFixed(2)} ms; memory above baseline: ${(run.rssMiB - base.rssMiB).toFixed(1)} MiB`,
);
