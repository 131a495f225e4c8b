/** The engine's fast paths (issue 11) give what the general code gives. */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizePath, stageFacts } from '../src/analysis.js';
import { expandVars, parseAssignments, parseDocument } from '../src/document.js';
import { escapeCharacter, lexInstructions } from '../src/lexer.js';
import { tokenize } from '../src/shell.js';

/** normalizePath as it was before its fast path. */
function slowNormalize(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

test('normalizePath: a path already normal is returned as it is, every other as before', () => {
  for (const p of [
    '/',
    '/a',
    '/a/',
    '/.',
    '/..',
    '/a/.',
    '/a/..',
    '/.a',
    '/..a',
    '/a..',
    '//',
    '/a//b',
    '/...',
    'a',
    '',
  ]) {
    assert.is(normalizePath(p), slowNormalize(p), p);
  }
  const part = fc.constantFrom('/', '.', '..', 'a', 'bc', './', '/.', '');
  fc.assert(
    fc.property(
      fc.array(part, { maxLength: 12 }).map((xs) => xs.join('')),
      (p) => normalizePath(p) === slowNormalize(p),
    ),
    { numRuns: 20000 },
  );
});

test('tokens are read when asked for, with the offsets and values of the original text', () => {
  const text = 'FROM a AS b\nCOPY --chown=app \\\n  # a comment\n  src\\\ndir /app/\nRUN x  y\n';
  const doc = parseDocument(text);
  const copy = doc.instrs[1];
  assert.ok(copy);
  assert.is(copy.args, '--chown=app   srcdir /app/');
  assert.equal(
    copy.tokens.map((t) => [t.value, text.slice(t.start, t.end)]),
    [
      ['--chown=app', '--chown=app'],
      ['srcdir', 'src\\\ndir'],
      ['/app/', '/app/'],
    ],
  );
  assert.is(copy.tokens, copy.tokens);
  assert.equal(
    doc.instrs[2]?.tokens.map((t) => t.value),
    ['x', 'y'],
  );
  assert.is(doc.stages[0]?.from.name, 'b');
});

test('keywords in any case, a `<<` only in a comment inside a continuation, an escape directive', () => {
  const text = 'from a\nrun echo \\\n# cat <<EOF\n  hi\nCmd ["x"]\n';
  const doc = parseDocument(text);
  assert.equal(
    doc.instrs.map((i) => [i.keyword, i.args, i.heredoc]),
    [
      ['FROM', 'a', false],
      ['RUN', 'echo   hi', false],
      ['CMD', '["x"]', false],
    ],
  );
  assert.is(escapeCharacter('# escape=`\nFROM a\n'), '`');
  assert.is(escapeCharacter('# syntax=docker/dockerfile:1\nFROM a\n'), '\\');
  assert.equal(lexInstructions('RUN a \\\n# <<X\n b\nRUN <<E\nx\nE\n', '\\').length, 2);
});

test('values without $ or backslash come back as they are', () => {
  assert.equal(expandVars('plain', new Map()), { value: 'plain', missing: null });
  assert.equal(expandVars(['$', '{A:-x}$B'].join(''), new Map([['B', 'b']])), { value: 'xb', missing: null });
  assert.equal(parseAssignments('A="a b" B="c\\"d" C=e'), [
    ['A', 'a b'],
    ['B', 'c"d'],
    ['C', 'e'],
  ]);
});

test('stage facts are computed once per stage and belong to their document', () => {
  const text = 'FROM golang AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nCMD ["/app"]\n';
  const a = parseDocument(text);
  const b = parseDocument(text);
  const stage = a.stages[1];
  assert.ok(stage);
  assert.is(stageFacts(a, stage), stageFacts(a, stage));
  assert.is.not(stageFacts(b, b.stages[1] as typeof stage), stageFacts(a, stage));
  assert.is(stageFacts(a, stage).copies[0]?.fromStage, a.stages[0]);
});

test('tokenize: a text read again (remembered, or after the memo was cleared) gives the tokens it gave first', () => {
  fc.assert(
    fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 400 }), (texts) => {
      const first = texts.map((t) => JSON.stringify(tokenize(t)));
      // Read again in the same order: some remembered, some cleared out by the texts after them.
      texts.forEach((t, i) => {
        assert.is(JSON.stringify(tokenize(t)), first[i]);
      });
    }),
    { numRuns: 30 },
  );
  const run = 'apt-get update && apt-get install -y "curl" ca-certificates; echo $HOME ~/x *.txt # done';
  assert.is(tokenize(run), tokenize(run));
  assert.equal(
    tokenize(run)?.map((t) => t.value),
    [
      'apt-get',
      'update',
      '&&',
      'apt-get',
      'install',
      '-y',
      'curl',
      'ca-certificates',
      ';',
      'echo',
      '$HOME',
      '~/x',
      '*.txt',
    ],
  );
});

test.run();
