/**
 * The long fuzzer: the properties of test/property.test.ts with random seeds, for a time budget.
 *
 *   tsx bench/fuzz.ts [--minutes N] [--seed S]
 *
 * Prints progress every 30 s. On a failure, fast-check shrinks the case; the fuzzer then removes lines while the
 * same kind of problem remains, writes the input byte for byte to bench/fuzz-failures/<n>.Dockerfile, and the
 * seed, the property, the problems and what rewrite returned to <n>.json, and continues. A kind of failure already
 * on file (same property, same first problem up to numbers) is counted but not written again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { rewrite } from '../src/index.js';
import { type Case, dockerfile, type PropertyDef, properties, timing } from '../test/arbitraries.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const minutes = Number(flag('--minutes') ?? 10);
// The speed goal: a file takes at most this long (after warm-up); slower inputs are reported like failures.
timing.limitMs = Number(flag('--limit-ms') ?? 100);
const baseSeed = Number(flag('--seed') ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isFinite(minutes) || minutes <= 0 || !Number.isInteger(baseSeed)) {
  console.error('usage: tsx bench/fuzz.ts [--minutes N] [--seed S]');
  process.exit(2);
}

const corpusDir = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'files');
const outDir = join(import.meta.dirname, 'fuzz-failures');
const corpus = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .sort()
      .map((name) => ({ name, text: readFileSync(join(corpusDir, name), 'utf8') }))
  : [];
const props = properties(corpus);

/** The kind of a failure: the property and its first problem, without numbers and quoted text. */
function signature(property: string, problems: string[]): string {
  const first = (problems[0] ?? 'unknown').split('\n')[0] as string;
  const kind = first
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\d+(\.\d+)?/g, 'N')
    .slice(0, 80);
  return `${property}: ${kind}`;
}

/**
 * Removes chunks of lines, then halves long lines, while the same kind of failure remains. Returns the smallest
 * input seen failing, with the problems it had then (a timing failure may not come back on a later run).
 */
function minimize(c: Case, p: PropertyDef, sig: string, problems: string[]): { small: Case; problems: string[] } {
  let last = problems;
  const fails = (input: string) => {
    const found = p.check({ ...c, input });
    if (found.length === 0 || signature(p.name, found) !== sig) return false;
    last = found;
    return true;
  };
  let lines = c.input.split('\n');
  for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let i = 0; i < lines.length; ) {
      const candidate = [...lines.slice(0, i), ...lines.slice(i + chunk)];
      if (candidate.length > 0 && fails(candidate.join('\n'))) lines = candidate;
      else i += chunk;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    while (line.length > 200) {
      const half = line.slice(0, Math.ceil(line.length / 2));
      if (!fails([...lines.slice(0, i), half, ...lines.slice(i + 1)].join('\n'))) break;
      line = half;
      lines[i] = line;
    }
  }
  return { small: { ...c, input: lines.join('\n') }, problems: last };
}

mkdirSync(outDir, { recursive: true });
const known = new Set<string>();
let nextId = 1;
for (const f of readdirSync(outDir)) {
  const m = /^(\d+)\.json$/.exec(f);
  if (!m) continue;
  nextId = Math.max(nextId, Number(m[1]) + 1);
  try {
    known.add((JSON.parse(readFileSync(join(outDir, f), 'utf8')) as { signature: string }).signature);
  } catch {
    // not one of ours: ignore
  }
}

/** Writes a new kind of failure: the input (shrunk by fast-check, then by lines) and what went wrong. */
function record(
  p: PropertyDef,
  seed: number,
  sig: string,
  shrunk: Case,
  path: string | null,
  problems: string[],
): void {
  known.add(sig);
  const { small, problems: found } = minimize(shrunk, p, sig, problems);
  const r = rewrite(small.input, small.options);
  const id = nextId++;
  writeFileSync(join(outDir, `${id}.Dockerfile`), small.input);
  const report = {
    property: p.name,
    signature: sig,
    seed,
    path,
    options: small.options,
    origin: shrunk.origin,
    problems: found,
    returned: {
      outcome: r.outcome,
      reason: r.reason,
      changes: r.changes,
      output: r.output === small.input ? '(the input)' : r.output,
    },
    shrunkInput:
      shrunk.input === small.input
        ? '(the same)'
        : shrunk.input.length > 20_000
          ? `(${shrunk.input.length} characters)`
          : shrunk.input,
  };
  writeFileSync(join(outDir, `${id}.json`), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`  FAILURE ${id}: ${sig}\n    bench/fuzz-failures/${id}.Dockerfile (${small.input.length} characters)`);
}

/**
 * Shrinks a new kind of failure: the same seed generates the same cases, and a property that fails only on this
 * kind keeps fast-check from shrinking towards another, already known, failure.
 */
function shrinkKind(p: PropertyDef, seed: number, sig: string, runs: number): { c: Case; path: string | null } | null {
  const details = fc.check(
    fc.property(p.arbitrary, (c: Case) => {
      const problems = p.check(c);
      if (problems.length > 0 && signature(p.name, problems) === sig) throw new Error(problems.join('\n'));
    }),
    { seed, numRuns: runs },
  );
  return details.failed && details.counterexample
    ? { c: details.counterexample[0], path: details.counterexamplePath }
    : null;
}

// Warm-up, so that the 100 ms limit measures rewrite() and not the JIT.
for (const c of fc.sample(dockerfile, { seed: 1, numRuns: 100 })) rewrite(c.input, c.options);
for (const f of corpus) rewrite(f.text);

/** Seeds for the chunks, from the base seed (mulberry32), so that a whole run replays with --seed. */
let state = baseSeed >>> 0;
const nextSeed = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) & 0x7fffffff;
};

const start = performance.now();
const deadline = start + minutes * 60_000;
let nextReport = start + 30_000;
let cases = 0;
let failures = 0;
let chunks = 0;
console.log(
  `fuzz: ${props.length} properties, base seed ${baseSeed}, ${minutes} minutes${corpus.length ? '' : ' (no corpus)'}`,
);

const CHUNK = 100;
const kindsSeen = new Set<string>();
while (performance.now() < deadline) {
  const p = props[chunks % props.length] as PropertyDef;
  const seed = nextSeed();
  chunks++;
  // Every case is checked; only a kind of failure not yet on file is shrunk and written.
  const batch = fc.sample(p.arbitrary, { seed, numRuns: CHUNK });
  for (const c of batch) {
    cases++;
    const problems = p.check(c);
    if (problems.length === 0) continue;
    failures++;
    const sig = signature(p.name, problems);
    kindsSeen.add(sig);
    if (known.has(sig)) continue;
    const shrunk = shrinkKind(p, seed, sig, CHUNK);
    if (shrunk) record(p, seed, sig, shrunk.c, shrunk.path, problems);
    else {
      console.log(`  ${sig}: did not fail again when replayed (timing?); writing it unshrunk`);
      record(p, seed, sig, c, null, problems);
    }
  }
  const now = performance.now();
  if (now >= nextReport) {
    console.log(
      `  ${((now - start) / 60_000).toFixed(1)} min: ${cases} cases, ${failures} failures (${kindsSeen.size} kinds)`,
    );
    nextReport = now + 30_000;
  }
}

console.log(
  `fuzz: ${cases} cases in ${((performance.now() - start) / 60_000).toFixed(1)} minutes, ${failures} failures`,
);
for (const k of kindsSeen) console.log(`  ${k}`);
process.exitCode = failures > 0 ? 1 : 0;
