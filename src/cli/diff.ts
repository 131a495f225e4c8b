import { formatPatch, OMIT_HEADERS, structuredPatch } from 'diff';
import type pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * A git-style unified diff of one file (`diff --git a/p b/p`, `--- a/p`, `+++ b/p`, hunks with
 * 3 lines of context), which `git apply` accepts. Line endings are kept as they are (a CRLF
 * file gives lines ending in `\r`), and a missing final newline is marked as git marks it.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  const patch = structuredPatch(file, file, before, after, undefined, undefined, { context: 3 });
  if (patch.hunks.length === 0) return '';
  const a = quotePath(`a/${file}`);
  const b = quotePath(`b/${file}`);
  return `diff --git ${a} ${b}\n--- ${a}\n+++ ${b}\n${formatPatch(patch, OMIT_HEADERS)}`;
}

/** Quotes a path the way git does when it holds a quote, a backslash or a control character. */
function quotePath(p: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what git quotes
  if (!/["\\\x00-\x1f\x7f]/.test(p)) return p;
  const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
  let out = '';
  for (const ch of p) {
    const code = ch.charCodeAt(0);
    if (named[ch] !== undefined) out += named[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** Colours a diff for a terminal: headers bold, hunk ranges cyan, removals red, additions green. */
export function colorDiff(diff: string, c: Colors): string {
  let header = false;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git ')) header = true;
      else if (line.startsWith('@@')) header = false;
      if (header) return c.bold(line);
      if (line.startsWith('@@')) return c.cyan(line);
      if (line.startsWith('+')) return c.green(line);
      if (line.startsWith('-')) return c.red(line);
      if (line.startsWith('\\')) return c.dim(line);
      return line;
    })
    .join('\n');
}
