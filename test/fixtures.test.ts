/**
 * Fixture tests: every `__fixtures__/<rule>/<case>.input.Dockerfile` runs through the whole rewrite() pipeline.
 * The expected output (`.output.Dockerfile`, byte for byte) and outcome (`.expect.json`) were written by hand
 * from RULES.md; they are never generated from the code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rewrite } from '../src/index.js';
import type { RewriteOptions } from '../src/types.js';
import { checkGuarantees } from './guarantees.js';

interface Expect {
  outcome: string;
  target?: string;
  reasonIncludes?: string[];
  rules?: string[];
  /** RewriteOptions, with `now` as a date string (YYYY-MM-DD) for the catalog's end-of-life dates. */
  options?: Omit<RewriteOptions, 'now'> & { now?: string };
  /** Files of the build context (e.g. package.json), by relative path. */
  context?: Record<string, string>;
}

const root = join(import.meta.dirname, '..', '__fixtures__');
const toCrlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

for (const folder of readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()) {
  const test = suite(`fixtures/${folder}`);
  const dir = join(root, folder);
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.input.Dockerfile'))
    .map((f) => f.slice(0, -'.input.Dockerfile'.length));
  for (const name of cases.sort()) {
    test(name, () => {
      const input = readFileSync(join(dir, `${name}.input.Dockerfile`), 'utf8');
      const outPath = join(dir, `${name}.output.Dockerfile`);
      const expectPath = join(dir, `${name}.expect.json`);
      assert.ok(existsSync(expectPath), `${name}.expect.json is missing`);
      const expect = JSON.parse(readFileSync(expectPath, 'utf8')) as Expect;
      const context = expect.context;
      const { now, ...given } = expect.options ?? {};
      const options: RewriteOptions = {
        ...given,
        ...(now !== undefined ? { now: new Date(`${now}T12:00:00Z`) } : {}),
        ...(context ? { readContextFile: (p: string) => context[p] ?? null } : {}),
      };
      const r = rewrite(input, options);
      assert.is(r.outcome, expect.outcome, `outcome (reason: ${r.reason})`);
      if (existsSync(outPath)) {
        const output = readFileSync(outPath, 'utf8');
        assert.is.not(output, input, 'an .output fixture identical to its input is a fixture error');
        assert.fixture(r.output, output);
      } else {
        assert.is(r.output, input, 'no .output file: the input must come back byte for byte');
      }
      if (expect.target !== undefined) assert.is(r.target, expect.target, 'target');
      let from = 0;
      for (const part of expect.reasonIncludes ?? []) {
        const at = (r.reason ?? '').indexOf(part, from);
        assert.ok(at >= 0, `reason should contain ${JSON.stringify(part)} (in order) but is:\n${r.reason}`);
        from = at + part.length;
      }
      for (const rule of expect.rules ?? []) {
        assert.ok(
          r.changes.some((c) => c.rule === rule),
          `expected a change by ${rule}; got ${r.changes.map((c) => c.rule).join(', ')}`,
        );
      }
      assert.equal(checkGuarantees(input, r, options), []);
      // The same file with CRLF line endings gives the same result with CRLF line endings.
      if (!input.includes('\r')) {
        const crlf = rewrite(toCrlf(input), options);
        assert.is(crlf.outcome, r.outcome, 'CRLF copy: same outcome');
        assert.is(crlf.output, toCrlf(r.output), 'CRLF copy: same output with CRLF');
      }
    });
  }
  test.run();
}
