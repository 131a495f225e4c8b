/**
 * The guard for performance work (issue 11): records every result minbase gives today, then proves a later build
 * gives the same ones byte for byte.
 *
 *   tsx bench/same-results.ts record [--dir /tmp/perf-golden]   # once, before any change
 *   tsx bench/same-results.ts check  [--dir /tmp/perf-golden]   # after each change (builds first)
 *
 * What it records, outside the repository (the corpus is never copied into the project):
 * - `library.jsonl`: the full JSON of `rewrite(text, options)` (output, outcome, runtime, target, reason, changes,
 *   blockers, notes) for every corpus file and 2,000 generated inputs (test/arbitraries.ts, a fixed seed; the
 *   inputs themselves are stored in `inputs.json` and read back, so the check does not depend on fast-check),
 *   each under 12 option sets (families, static base, nonroot, debug stage, drop healthcheck, a named stage,
 *   a context reader, combinations), at a fixed date;
 * - `cli-*.out`: stdout and exit code of the built CLI (`bin/minbase.js`) with `--json`, `--patch`, `--check`
 *   and the text output, over the corpus folder and over a 600-file tree (bench/tree.ts), on one thread and on
 *   two.
 * Prints the differences (the first few in full) and exits 1 when there are any.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { rewrite } from '../src/index.js';
import type { RewriteOptions } from '../src/types.js';
import { dockerfile, mutated } from '../test/arbitraries.js';
import { buildTree } from './tree.js';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const mode = args[0];
const dirAt = args.indexOf('--dir');
const dir = dirAt >= 0 ? (args[dirAt + 1] as string) : '/tmp/perf-golden';
const corpusDir = join(root, '..', 'shared', 'corpus', 'files');
if (mode !== 'record' && mode !== 'check') {
  console.error('usage: tsx bench/same-results.ts record|check [--dir DIR] [--no-build] [--no-cli]');
  process.exit(2);
}
const NOW = new Date('2026-11-01T12:00:00Z');

type Input = { name: string; text: string };

function inputs(): Input[] {
  const file = join(dir, 'inputs.json');
  if (mode === 'check') return JSON.parse(readFileSync(file, 'utf8')) as Input[];
  const corpus = readdirSync(corpusDir)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(corpusDir, name), 'utf8') }));
  const generated = fc
    .sample(fc.oneof(dockerfile, mutated(dockerfile)), { seed: 11, numRuns: 2000 })
    .map((c, i) => ({ name: `generated-${i}`, text: c.input }));
  const all = [...corpus, ...generated];
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(all));
  return all;
}

/** The first `FROM ... AS name`, to rewrite a stage that is not the last. */
function firstStage(text: string): string | undefined {
  return /^\s*FROM\s+\S+\s+AS\s+(\S+)/im.exec(text)?.[1];
}

function variants(text: string): Array<[string, RewriteOptions]> {
  const ctx = (p: string) =>
    p === 'package.json' ? '{"name":"x","main":"server.js","scripts":{"start":"node server.js"}}' : null;
  const out: Array<[string, RewriteOptions]> = [
    ['default', {}],
    ['dhi', { family: 'dhi' }],
    ['chainguard', { family: 'chainguard' }],
    ['static-distroless', { staticBase: 'distroless' }],
    ['nonroot', { nonroot: true }],
    ['debug-stage', { debugStage: true }],
    ['drop-healthcheck', { dropHealthcheck: true }],
    ['dhi-nonroot-debug', { family: 'dhi', nonroot: true, debugStage: true }],
    [
      'chainguard-nonroot-debug-static',
      { family: 'chainguard', nonroot: true, debugStage: true, staticBase: 'distroless' },
    ],
    ['context-null', { readContextFile: () => null }],
    ['context-package', { readContextFile: ctx }],
  ];
  const stage = firstStage(text);
  if (stage) out.push([`stage ${stage}`, { stage }]);
  return out.map(([n, o]) => [n, { now: NOW, ...o }]);
}

const stringify = (v: unknown) => JSON.stringify(v, (_k, x) => (x === undefined ? '\u0000undefined' : x));

function library(): string[] {
  const lines: string[] = [];
  for (const { name, text } of inputs()) {
    for (const [variant, options] of variants(text)) {
      let result: unknown;
      try {
        result = rewrite(text, options);
      } catch (err) {
        result = { threw: String(err) };
      }
      lines.push(stringify({ name, variant, result }));
    }
  }
  return lines;
}

function cli(): Array<[string, string]> {
  if (!args.includes('--no-build')) {
    const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) process.exit(2);
  }
  const tree = join(dir, 'tree');
  if (!existsSync(tree)) {
    const sources = readdirSync(corpusDir)
      .sort()
      .map((f): [string, Buffer] => [f, readFileSync(join(corpusDir, f))]);
    mkdirSync(tree, { recursive: true });
    buildTree(tree, sources, 600);
  }
  const out: Array<[string, string]> = [];
  const runs: Array<[string, string, string[]]> = [];
  for (const [where, cwd] of [
    ['corpus', corpusDir],
    ['tree', tree],
  ] as const) {
    for (const flags of [
      ['--json'],
      ['--patch'],
      ['--check'],
      [],
      ['--json', '--family', 'dhi'],
      ['--patch', '--family', 'chainguard', '--nonroot', '--debug-stage'],
    ]) {
      runs.push([`${where} ${flags.join(' ') || 'text'}`, cwd, flags]);
    }
  }
  for (const [label, cwd, flags] of runs) {
    for (const threads of ['1', '2']) {
      const r = spawnSync(process.execPath, [join(root, 'bin', 'minbase.js'), '--no-config', ...flags, '.'], {
        cwd,
        env: { ...process.env, NO_COLOR: '1', MINBASE_THREADS: threads },
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      out.push([`cli ${label} threads=${threads}`, `exit ${r.status}\n${r.stdout}`]);
    }
  }
  return out;
}

const files: Array<[string, string]> = [['library.jsonl', `${library().join('\n')}\n`]];
if (!args.includes('--no-cli')) {
  for (const [label, text] of cli()) files.push([`${label.replace(/[^A-Za-z0-9=.-]+/g, '_')}.out`, text]);
}

if (mode === 'record') {
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of files) writeFileSync(join(dir, f), text);
  console.log(`recorded ${files.length} files in ${dir}`);
} else {
  let bad = 0;
  for (const [f, text] of files) {
    const path = join(dir, f);
    const golden = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (golden === text) {
      console.log(`same  ${f} (${text.length} chars)`);
      continue;
    }
    bad++;
    console.log(`DIFF  ${f}`);
    if (golden === null) continue;
    const a = golden.split('\n');
    const b = text.split('\n');
    let shown = 0;
    for (let i = 0; i < Math.max(a.length, b.length) && shown < 3; i++) {
      if (a[i] !== b[i]) {
        shown++;
        console.log(`  line ${i + 1}\n  golden: ${a[i]?.slice(0, 2000)}\n  now:    ${b[i]?.slice(0, 2000)}`);
      }
    }
    writeFileSync(join(dir, `${f}.now`), text);
  }
  if (bad === 0) {
    for (const f of readdirSync(dir)) if (f.endsWith('.now')) rmSync(join(dir, f));
  }
  console.log(bad === 0 ? 'IDENTICAL' : `${bad} file(s) differ`);
  process.exit(bad === 0 ? 0 : 1);
}
