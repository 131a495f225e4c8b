/**
 * The target families (RULES §3) over the shared corpus (../shared/corpus): how many files are rewritten with the
 * defaults, with `--family dhi` and with `--family chainguard` (printed, for the note), the RULES §7
 * guarantees under every family, and "a file already on any family's minimal image is unchanged under every
 * family". Skipped when the corpus is absent, as test/corpus.test.ts is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rewrite } from '../src/index.js';
import type { RewriteOptions } from '../src/types.js';
import { checkGuarantees } from './guarantees.js';

const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const test = suite('families-corpus');

const FAMILIES: Array<[string, RewriteOptions]> = [
  ['defaults', {}],
  ['--family dhi', { family: 'dhi' }],
  ['--family chainguard', { family: 'chainguard' }],
];

if (!existsSync(join(corpus, 'MANIFEST.tsv'))) {
  test('skipped: no corpus', () => {});
} else {
  const rows = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
  const texts = rows.map(([file]) => [file as string, readFileSync(join(corpus, 'files', file as string), 'utf8')]);

  test('files rewritten per family (printed), with the RULES §7 guarantees under every family', () => {
    const problems: string[] = [];
    const counts: string[] = [];
    for (const [label, options] of FAMILIES) {
      let rewritten = 0;
      for (const [file, input] of texts) {
        const r = rewrite(input as string, options);
        if (r.outcome === 'rewritten') rewritten++;
        if (r.outcome === 'error' && r.reason?.startsWith('internal error'))
          problems.push(`${label} ${file}: ${r.reason}`);
        for (const p of checkGuarantees(input as string, r, options)) problems.push(`${label} ${file}: ${p}`);
      }
      counts.push(`${label}: ${rewritten}`);
    }
    console.log(`\n  corpus files rewritten (of ${texts.length}): ${counts.join(', ')}`);
    assert.equal(problems, []);
  });

  test('a file already on a minimal image stays unchanged under every family (no family-to-family moves)', () => {
    const wrong: string[] = [];
    for (const [file, input] of texts) {
      const plain = rewrite(input as string);
      if (plain.outcome !== 'unchanged' || !plain.reason?.startsWith('already minimal')) continue;
      for (const [label, options] of FAMILIES.slice(1)) {
        const r = rewrite(input as string, options);
        if (r.outcome !== 'unchanged') wrong.push(`${label} ${file}: ${r.outcome}: ${r.reason}`);
      }
    }
    assert.equal(wrong, []);
  });
}

test.run();
