/** The instruction lexer: BuildKit's reading of lines, continuations and heredocs, checked against dockerfile-ast. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { escapeCharacter, lexInstructions } from '../src/lexer.js';

const texts = (src: string) => lexInstructions(src, escapeCharacter(src)).map((s) => src.slice(s.start, s.end));

test('comments and blank lines between instructions are skipped; indentation is not part of the instruction', () => {
  assert.equal(texts('# syntax=docker/dockerfile:1\n\nFROM a\n  # note\n  RUN x\n'), ['FROM a', 'RUN x']);
});

test('a continuation skips comment and blank lines inside it and ends at the first line without the escape', () => {
  const src = 'RUN a \\\n# inside\n\n  b \\\n  c\nCMD d\n';
  assert.equal(texts(src), ['RUN a \\\n# inside\n\n  b \\\n  c', 'CMD d']);
});

test('CRLF line endings are not part of the instruction', () => {
  assert.equal(texts('FROM a\r\nRUN b \\\r\n  c\r\n'), ['FROM a', 'RUN b \\\r\n  c']);
});

test('# escape=` makes the backtick the continuation character', () => {
  assert.equal(texts('# escape=`\nRUN a `\n  b\nCMD c\n'), ['RUN a `\n  b', 'CMD c']);
});

test('heredocs: plain, <<- with tabs, quoted, two on one line, with a file descriptor', () => {
  assert.equal(texts('RUN <<EOF\necho hi\nEOF\nCMD x\n'), ['RUN <<EOF\necho hi\nEOF', 'CMD x']);
  assert.equal(texts('RUN <<-EOT\n\techo hi\n\tEOT\nCMD x\n'), ['RUN <<-EOT\n\techo hi\n\tEOT', 'CMD x']);
  assert.equal(texts('COPY <<"A" /a\n$x\nA\n'), ['COPY <<"A" /a\n$x\nA']);
  assert.equal(texts('RUN cat 5<<F1 6<<F2\none\nF1\ntwo\nF2\nCMD x\n'), [
    'RUN cat 5<<F1 6<<F2\none\nF1\ntwo\nF2',
    'CMD x',
  ]);
  assert.equal(texts('ONBUILD RUN <<EOF\nls\nEOF\n'), ['ONBUILD RUN <<EOF\nls\nEOF']);
});

test('<< with a space is no heredoc (BuildKit reads the body lines as instructions)', () => {
  assert.equal(texts('RUN cat << EOF\nhello\nEOF\n'), ['RUN cat << EOF', 'hello', 'EOF']);
});

test('an unclosed heredoc is an error naming its line', () => {
  assert.throws(() => lexInstructions('FROM a\nRUN <<EOF\necho\n', '\\'), /line 2: the heredoc <<EOF is never closed/);
});

test('a 100,000-character line is read in linear time (no quadratic rescans)', () => {
  const src = `RUN echo ${'a '.repeat(50_000)}\nCMD x\n`;
  assert.is(texts(src).length, 2);
});

// Differential check: on every fixture and corpus file the lexer and dockerfile-ast agree on where instructions
// start and end, except where dockerfile-ast does not know BuildKit's fd-prefixed heredocs (`5<<FILE`).
const files: string[] = [];
const fixtures = join(import.meta.dirname, '..', '__fixtures__');
for (const d of readdirSync(fixtures, { withFileTypes: true })) {
  if (!d.isDirectory()) continue;
  for (const f of readdirSync(join(fixtures, d.name)))
    if (f.endsWith('.Dockerfile')) files.push(join(fixtures, d.name, f));
}
const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'files');
if (existsSync(corpus)) for (const f of readdirSync(corpus)) files.push(join(corpus, f));

test('the lexer and dockerfile-ast agree on instruction boundaries', () => {
  const differ: string[] = [];
  for (const file of files) {
    let text = readFileSync(file, 'utf8');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    if (/\d<</.test(text) || /\r(?!\n)/.test(text)) continue;
    const td = TextDocument.create('file:///x', 'dockerfile', 1, text);
    const ast = DockerfileParser.parse(text)
      .getInstructions()
      .map((n) => {
        const r = n.getRange();
        const s = td.offsetAt(r.start);
        let e = td.offsetAt(r.end);
        while (e > s && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
        return `${s}-${e}`;
      });
    let lexed: string[];
    try {
      lexed = lexInstructions(text, escapeCharacter(text)).map((s) => `${s.start}-${s.end}`);
    } catch {
      continue;
    }
    if (ast.join() !== lexed.join()) differ.push(file);
  }
  assert.equal(differ, []);
  assert.ok(files.length > 150, `only ${files.length} files compared`);
});

test.run();
