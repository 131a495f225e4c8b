/**
 * Property tests: rewrite() on generated Dockerfiles (a small grammar, see arbitraries.ts) and on mutated ones
 * (corpus files and generated files with lines swapped, cut continuations and heredocs, CRLF, BOM, unicode, very
 * long lines, random bytes...). Every input must: not throw (the 100 ms speed goal is checked by bench/fuzz.ts, not here); end in one of the five outcomes;
 * keep the RULES §7 guarantees; leave the input untouched on `error`; give each change a rule, a why and an
 * existing line; name an existing line in a refusal; and rewrite CRLF files exactly as their LF versions.
 *
 * The seed is fixed: a failure prints the shrunk counterexample, which replays with the same seed. The long
 * random-seed run is `bench/fuzz.ts`. Without the shared corpus (a user's machine), the corpus property is
 * replaced by a test named `skipped: no corpus`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rewrite } from '../src/index.js';
import { type Case, checkCrlf, checkRewrite, dockerfile, type PropertyDef, properties } from './arbitraries.js';

const SEED = 20261127;
const corpusDir = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'files');

/** Runs per property: a few thousand cases in all, the whole file well under 40 s on two cores. */
const RUNS: Record<string, number> = {
  'mutated corpus files': 1500,
  'generated Dockerfiles': 2000,
  'generated Dockerfiles with CRLF or a BOM': 1000,
  'mutated generated Dockerfiles': 1000,
  'random bytes and odd line breaks': 800,
  'very long lines': 100,
};
/** Per property: on a loaded machine, fewer runs rather than a suite that takes minutes (shrinking included). */
const TIME_LIMIT_MS = 8_000;

const corpus = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .sort()
      .map((name) => ({ name, text: readFileSync(join(corpusDir, name), 'utf8') }))
  : [];

const test = suite('property');

/** Warm-up, so that the 100 ms limit measures rewrite() and not the JIT compiling it. */
test.before(() => {
  for (const c of fc.sample(dockerfile, { seed: 1, numRuns: 100 })) rewrite(c.input, c.options);
  for (const f of corpus) rewrite(f.text);
});

if (corpus.length === 0) test('skipped: no corpus', () => {});

function holds(p: PropertyDef): void {
  fc.assert(
    fc.property(p.arbitrary, (c: Case) => {
      const problems = p.check(c);
      if (problems.length > 0) throw new Error(`${p.name}: ${c.origin}\n${problems.join('\n')}`);
    }),
    { seed: SEED, numRuns: RUNS[p.name] ?? 200, includeErrorInReport: true, interruptAfterTimeLimit: TIME_LIMIT_MS },
  );
}

for (const p of properties(corpus)) test(p.name, () => holds(p));

/** Inputs at the edges, each also with CRLF line endings and a BOM. */
const EDGES = [
  '',
  '\n',
  ' \t\n  ',
  '\uFEFF',
  '\uFEFF\n',
  '\r\n',
  '\0',
  '\\',
  '\\\n',
  '# only a comment',
  '# only\n# comments 🚀 e\u0301 שלום 𐍈\n',
  '# syntax=docker/dockerfile:1\n# escape=`\n',
  'FROM',
  'FROM scratch\\',
  'FROM golang:1.24 AS build\nRUN <<EOF',
  'FROM golang:1.24 AS build\nRUN go build -o /out/app . && \\',
  `# ${'x'.repeat(100_000)}`,
  `FROM alpine:3.21\nCMD ["${'a'.repeat(100_000)}"]\n`,
  'FROM golang:1.24 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.21\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n\\',
  'FROM golang:1.24 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.21\nRUN cat << EOF\nhello\nEOF\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
];

test('edge inputs: empty, comments only, stray backslash, cut heredoc, long lines', () => {
  const problems: string[] = [];
  for (const edge of EDGES) {
    for (const input of [edge, edge.replace(/\r?\n/g, '\r\n'), `\uFEFF${edge}`]) {
      for (const p of checkRewrite(input)) problems.push(`${JSON.stringify(input.slice(0, 80))}: ${p}`);
    }
    for (const p of checkCrlf(edge)) problems.push(`${JSON.stringify(edge.slice(0, 80))}: ${p}`);
  }
  assert.equal(problems, []);
});

test.run();
