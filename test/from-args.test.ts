/** The FROM rule says when the old runtime image was chosen by a build argument and the new one is fixed. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rewrite } from '../src/index.js';

// Docker's substitution, written as text.
const ARG = '$' + '{NODE_VERSION}';
const file = (from: string) =>
  `ARG NODE_VERSION=22\nFROM node:22-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\n\nFROM ${from}\nWORKDIR /app\nCOPY --from=build /app /app\nCMD ["node", "server.js"]\n`;

test('an ARG-chosen runtime image: the change says the build argument no longer changes it', () => {
  const r = rewrite(file(`node:${ARG}-slim`));
  assert.is(r.outcome, 'rewritten', r.reason ?? '');
  const why = r.changes.find((c) => c.rule === 'node/version')?.why ?? '';
  assert.match(why, `the old image was chosen by --build-arg NODE_VERSION (node:${ARG}-slim)`);
});

test('a fixed runtime image: no such words', () => {
  const r = rewrite(file('node:22-slim'));
  assert.is(r.outcome, 'rewritten', r.reason ?? '');
  assert.not.match(r.changes.map((c) => c.why).join('\n'), '--build-arg');
});

test.run();
