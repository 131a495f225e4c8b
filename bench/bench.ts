/**
 * Speed and memory of minbase over a synthetic monorepo, each figure against a baseline measured in the same run.
 * Asserts nothing: it prints, and bench/README.md records what it printed.
 *
 * 1. The engine: rewrite() per file over the corpus (the fixtures without it) against a bare dockerfile-ast parse.
 * 2. A monorepo of 10,000 Dockerfiles built in a temp folder from ../shared/corpus (bench/tree.ts: the same tree
 *    every run, with decoys in node_modules, .git and ignored folders). Interleaved runs, `--runs` of each: the
 *    baseline (bench/baseline.mjs: discover, read and parse every file once, on one thread), `minbase --check`,
 *    the same on one thread (MINBASE_THREADS=1), `--json`, `--patch`, `--write` on a fresh copy, and a one-file
 *    dry run against `node -e 0`. Medians, ratios to the baseline, peak RSS (the whole process, worker threads
 *    included), when the first output came, and the core count.
 * 3. Scaling: `--check` and the baseline over 1,000 and 10,000 files (100,000 with --huge), in files per second.
 *
 * Usage: npm run bench [-- --files 10000] [--runs 5] [--huge] [--keep] [--bin OTHER/bin/minbase.js]
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { rewrite } from '../src/index.js';
import { buildTree, type TreeStats } from './tree.js';

const root = join(import.meta.dirname, '..');
const BASELINE = join(root, 'bench', 'baseline.mjs');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const FILES = Number(flag('--files') ?? 10000);
const RUNS = Number(flag('--runs') ?? 5);
const HUGE = args.includes('--huge');
const KEEP = args.includes('--keep');
// Another build's bin/minbase.js, to time it against the same baseline (a checkout of an older commit, say).
const BIN = flag('--bin') ?? join(root, 'bin', 'minbase.js');

// --- Inputs -------------------------------------------------------------------------------------

function sources(): Array<[string, Buffer]> {
  const corpus = join(root, '..', 'shared', 'corpus', 'files');
  if (existsSync(corpus)) {
    return readdirSync(corpus)
      .sort()
      .map((f) => [f, readFileSync(join(corpus, f))]);
  }
  const out: Array<[string, Buffer]> = [];
  const fx = join(root, '__fixtures__');
  for (const d of readdirSync(fx, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(fx, d.name)).sort()) {
      if (f.endsWith('.input.Dockerfile')) out.push([`${d.name}__Dockerfile`, readFileSync(join(fx, d.name, f))]);
    }
  }
  return out;
}

// --- Timing -------------------------------------------------------------------------------------

interface Sample {
  ms: number;
  /** When the first byte came on stdout, or NaN. */
  firstMs: number;
  rssMiB: number;
  status: number | null;
}

const scratch = mkdtempSync(join(tmpdir(), 'minbase-bench-'));
const RSS_HOOK = join(scratch, 'rss.cjs');
writeFileSync(
  RSS_HOOK,
  `const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const out = process.env.MINBASE_BENCH_RSS;
if (isMainThread && out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
`,
);

/** Runs `node [-r rss hook] ...argv` in `cwd`, stdout read and dropped, stderr dropped. */
function run(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<Sample> {
  const rssFile = join(scratch, `rss-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let firstMs = Number.NaN;
    const child = spawn(process.execPath, ['-r', RSS_HOOK, ...argv], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', MINBASE_BENCH_RSS: rssFile, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.on('data', () => {
      if (Number.isNaN(firstMs)) firstMs = performance.now() - start;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - start;
      let rssMiB = Number.NaN;
      try {
        rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
        rmSync(rssFile);
      } catch {}
      resolve({ ms, firstMs, rssMiB, status });
    });
  });
}

const median = (xs: number[]): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const max = (xs: number[]): number => Math.max(...xs.filter((x) => !Number.isNaN(x)));

interface Case {
  label: string;
  argv: () => string[];
  cwd: string;
  env?: Record<string, string>;
  /** Runs before each timed run, untimed (a fresh copy for --write). */
  before?: () => void;
}

/** Lists every folder and reads every file under `dir`, so that each timed run starts with the tree in the cache. */
function warm(dir: string): void {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) warm(p);
    else if (d.isFile()) readFileSync(p);
  }
}

/** Runs every case `runs` times, interleaved (case 1, case 2, ..., case 1, case 2, ...), each on a warm cache. */
async function interleaved(cases: Case[], runs: number): Promise<Sample[][]> {
  const samples: Sample[][] = cases.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (const [i, c] of cases.entries()) {
      c.before?.();
      warm(c.cwd);
      samples[i]?.push(await run(c.argv(), c.cwd, c.env));
    }
  }
  return samples;
}

/**
 * How many cores other work leaves free: a CPU-bound loop alone, then in two processes at once. Two free cores run
 * both in the time of one; a machine busy with other work shows it here, and the threaded runs suffer first.
 */
async function freeCores(): Promise<number> {
  const loop = ['-e', 'let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i) % 1000003; console.log(x)'];
  const alone = await run(loop, scratch);
  const both = await Promise.all([run(loop, scratch), run(loop, scratch)]);
  return (2 * alone.ms) / Math.max(...both.map((b) => b.ms));
}

const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const pad = (s: string, n: number): string => s.padEnd(n);

function table(cases: Case[], samples: Sample[][], baseIndex: number): void {
  const base = median((samples[baseIndex] ?? []).map((s) => s.ms));
  console.log(
    `${pad('', 40)}${'median'.padStart(9)}${'min'.padStart(10)}${'× base'.padStart(8)}${'peak RSS'.padStart(11)}${'1st output'.padStart(12)}  exit`,
  );
  cases.forEach((c, i) => {
    const s = samples[i] ?? [];
    const ms = median(s.map((x) => x.ms));
    const first = median(s.map((x) => x.firstMs));
    console.log(
      `${pad(c.label, 40)}${fmtMs(ms).padStart(9)}${fmtMs(Math.min(...s.map((x) => x.ms))).padStart(10)}${(ms / base).toFixed(2).padStart(8)}${`${max(s.map((x) => x.rssMiB)).toFixed(0)} MiB`.padStart(11)}${(Number.isNaN(first) ? '-' : fmtMs(first)).padStart(12)}  ${[...new Set(s.map((x) => x.status))].join(',')}`,
    );
  });
}

function describe(stats: TreeStats): string {
  return (
    `${stats.dockerfiles.toLocaleString('en')} Dockerfiles (${(stats.bytes / 1048576).toFixed(1)} MiB), ` +
    `${stats.decoys.toLocaleString('en')} decoys (node_modules, .git, ignored), ${stats.others.toLocaleString('en')} other files, ` +
    `${stats.folders.toLocaleString('en')} folders`
  );
}

// --- 1. The engine ------------------------------------------------------------------------------

function perSecond(label: string, texts: string[], fn: (t: string) => unknown): number {
  for (const t of texts) fn(t); // warm-up
  const rounds = 5;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) fn(t);
  const ms = performance.now() - start;
  const rate = (texts.length * rounds) / (ms / 1000);
  console.log(
    `${label.padEnd(34)} ${rate.toFixed(0).padStart(8)} files/s  (${(ms / (texts.length * rounds)).toFixed(3)} ms/file)`,
  );
  return rate;
}

const src = sources();
const cores = availableParallelism();
console.log(
  `minbase bench (${BIN}): node ${process.version}, ${cores} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${RUNS} runs each\n`,
);
{
  const texts = src.map(([, b]) => b.toString('utf8'));
  console.log(`engine: ${texts.length} Dockerfiles, 5 rounds, one thread`);
  const parseRate = perSecond('baseline: dockerfile-ast parse', texts, (t) => DockerfileParser.parse(t));
  const rewriteRate = perSecond('rewrite()', texts, (t) => rewrite(t));
  console.log(`rewrite() costs ${(parseRate / rewriteRate).toFixed(2)}× a bare parse\n`);
}

// --- 2. The monorepo ----------------------------------------------------------------------------

function tree(count: number): { dir: string; stats: TreeStats } {
  const dir = join(scratch, `tree-${count}`);
  mkdirSync(dir);
  const start = performance.now();
  const stats = buildTree(dir, src, count);
  console.log(`tree of ${describe(stats)}: built in ${fmtMs(performance.now() - start)}`);
  return { dir, stats };
}

console.log(`free cores (a loop alone, then two at once): ${(await freeCores()).toFixed(2)} of ${cores}`);
const main = tree(FILES);
const fresh = join(scratch, 'fresh');
const one = join(scratch, 'one');
mkdirSync(one);
cpSync(join(root, 'examples', 'go-worker', 'Dockerfile'), join(one, 'Dockerfile'));

const cases: Case[] = [
  { label: 'baseline: walk + read + parse, 1 thread', argv: () => [BASELINE, '.'], cwd: main.dir },
  { label: 'minbase --check', argv: () => [BIN, '--check', '.'], cwd: main.dir },
  {
    label: 'minbase --check (MINBASE_THREADS=1)',
    argv: () => [BIN, '--check', '.'],
    cwd: main.dir,
    env: { MINBASE_THREADS: '1' },
  },
  { label: 'minbase --json', argv: () => [BIN, '--json', '.'], cwd: main.dir },
  { label: 'minbase --patch', argv: () => [BIN, '--patch', '.'], cwd: main.dir },
  {
    label: 'minbase --write (fresh copy)',
    argv: () => [BIN, '--write', '.'],
    cwd: fresh,
    before: () => {
      rmSync(fresh, { recursive: true, force: true });
      cpSync(main.dir, fresh, { recursive: true });
    },
  },
];
console.log(`\n${FILES.toLocaleString('en')} files, interleaved:`);
const samples = await interleaved(cases, RUNS);
table(cases, samples, 0);
rmSync(fresh, { recursive: true, force: true });

const single: Case[] = [
  { label: 'node -e 0', argv: () => ['-e', '0'], cwd: one },
  { label: 'minbase Dockerfile (dry run, 1 file)', argv: () => [BIN, 'Dockerfile'], cwd: one },
];
console.log('\none file, interleaved:');
const singleSamples = await interleaved(single, Math.max(RUNS * 4, 11));
table(single, singleSamples, 0);

// --- 3. Scaling ---------------------------------------------------------------------------------

const ratio = (i: number) => median((samples[i] ?? []).map((s) => s.ms)) / median((samples[0] ?? []).map((s) => s.ms));
const singleRatio =
  median((singleSamples[1] ?? []).map((s) => s.ms)) / median((singleSamples[0] ?? []).map((s) => s.ms));

console.log('\nscaling (--check against the baseline, files per second):');
const sizes = [1000, FILES, ...(HUGE ? [100000] : [])].filter((n, i, all) => all.indexOf(n) === i);
for (const n of sizes) {
  const t = n === FILES ? main : tree(n);
  const runs = n >= 100000 ? Math.max(1, Math.min(RUNS, 3)) : RUNS;
  const scale =
    n === FILES
      ? samples.slice(0, 2)
      : await interleaved(
          cases.slice(0, 2).map((c) => ({ ...c, cwd: t.dir })),
          runs,
        );
  const baseMs = median((scale[0] ?? []).map((s) => s.ms));
  const checkMs = median((scale[1] ?? []).map((s) => s.ms));
  const rate = (ms: number) => `${Math.round(t.stats.dockerfiles / (ms / 1000)).toLocaleString('en')} files/s`;
  console.log(
    `${n.toLocaleString('en').padStart(8)} files: baseline ${fmtMs(baseMs)} (${rate(baseMs)}), --check ${fmtMs(checkMs)} (${rate(checkMs)}), ${(checkMs / baseMs).toFixed(2)}× the baseline, peak RSS ${max((scale[1] ?? []).map((s) => s.rssMiB)).toFixed(0)} MiB`,
  );
  if (n !== FILES && !KEEP) rmSync(t.dir, { recursive: true, force: true });
}

console.log('\ngoals (issue 11):');
const goal = (label: string, value: number, limit: number, extra = '') =>
  console.log(
    `  ${label.padEnd(44)} ${value.toFixed(2).padStart(6)}  (goal ≤ ${limit.toFixed(2)}${extra})  ${value <= limit ? 'met' : 'NOT met'}`,
  );
goal('--check / baseline', ratio(1), 0.4);
goal('--json / baseline', ratio(3), 0.5);
goal('--patch / baseline', ratio(4), 0.5);
for (const i of [3, 4]) {
  const rss = max((samples[i] ?? []).map((s) => s.rssMiB));
  console.log(
    `  ${`${cases[i]?.label} peak RSS`.padEnd(44)} ${rss.toFixed(0).padStart(6)} MiB (goal ≤ 250 MB = 238 MiB)  ${rss * 1048576 <= 250e6 ? 'met' : 'NOT met'}`,
  );
}
goal('one-file dry run / node -e 0', singleRatio, 2.0);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' ',
    )}; free cores now: ${(await freeCores()).toFixed(2)} of ${cores} (other work on the machine slows the threaded runs most)`,
);

if (KEEP) console.log(`trees kept in ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
