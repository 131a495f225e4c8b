/** A small POSIX `sh` tokenizer: enough to know whether a command needs a shell, and to split it into words. */

export type Token =
  | {
      readonly type: 'word';
      readonly value: string;
      readonly expansion: boolean;
      readonly glob: boolean;
      readonly tilde: boolean;
    }
  | { readonly type: 'op'; readonly value: string };

const OPERATOR_START = new Set(['&', '|', ';', '<', '>', '(', ')']);
const OPERATORS = ['&&', '||', ';;', '>>', '<<', '>&', '<&', '>|', '|', '&', ';', '<', '>', '(', ')'];

/**
 * Texts tokenized lately and their tokens. The same RUN, CMD or HEALTHCHECK text is read by several rules (stage
 * facts, provenance, the split, users, packages), so each is tokenized once; the tokens are shared and never
 * changed by a caller (the type says so). Bounded: cleared when it grows past MEMO_SIZE texts.
 */
const memo = new Map<string, readonly Token[] | null>();
const MEMO_SIZE = 256;

/** Tokenizes a shell command line. Returns null when a quote is not closed. A `#` comment ends the input. */
export function tokenize(input: string): readonly Token[] | null {
  const known = memo.get(input);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_SIZE) memo.clear();
  const tokens = tokenizeText(input);
  memo.set(input, tokens);
  return tokens;
}

function tokenizeText(input: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  let cur: { value: string; expansion: boolean; glob: boolean; tilde: boolean } | null = null;
  const start = () => {
    if (cur === null) cur = { value: '', expansion: false, glob: false, tilde: false };
    return cur;
  };
  const flush = () => {
    if (cur !== null) tokens.push({ type: 'word', ...cur });
    cur = null;
  };
  const plain = /[^\s'"\\$`*?[~#&|;<>()]+/y;
  while (i < input.length) {
    // Runs of ordinary characters are taken whole.
    plain.lastIndex = i;
    const run = plain.exec(input);
    if (run) {
      start().value += run[0];
      i += run[0].length;
      continue;
    }
    const c = input[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      flush();
      i++;
      continue;
    }
    if (c === '#' && cur === null) break;
    const op = OPERATOR_START.has(c) ? OPERATORS.find((o) => input.startsWith(o, i)) : undefined;
    if (op !== undefined) {
      flush();
      tokens.push({ type: 'op', value: op });
      i += op.length;
      continue;
    }
    const w = start();
    if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) return null;
      w.value += input.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < input.length) {
        const d = input[i] as string;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < input.length && '$`"\\\n'.includes(input[i + 1] as string)) {
          if (input[i + 1] !== '\n') w.value += input[i + 1];
          i += 2;
          continue;
        }
        if (d === '$' || d === '`') w.expansion = true;
        w.value += d;
        i++;
      }
      if (!closed) return null;
    } else if (c === '\\') {
      if (i + 1 < input.length) {
        if (input[i + 1] !== '\n') w.value += input[i + 1];
        i += 2;
      } else {
        i++;
      }
    } else {
      if (c === '$' || c === '`') w.expansion = true;
      if (c === '*' || c === '?' || c === '[') w.glob = true;
      if (c === '~' && w.value === '') w.tilde = true;
      w.value += c;
      i++;
    }
  }
  flush();
  return tokens;
}

const SHELL_WORDS = new Set([
  'exec',
  'cd',
  'export',
  'set',
  'source',
  '.',
  'eval',
  'if',
  'for',
  'while',
  'until',
  'case',
  'then',
  'do',
  '!',
  '{',
  '}',
  'time',
  'trap',
  'ulimit',
  'umask',
  'unset',
  'alias',
  'read',
  'wait',
  'test',
  '[',
  '[[',
]);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

export type SplitResult = { ok: true; words: string[] } | { ok: false; why: string };

/** Splits a shell-form command into words as `sh` would, or says why it needs a shell. */
export function splitCommand(input: string): SplitResult {
  const tokens = tokenize(input);
  if (tokens === null) return { ok: false, why: 'has an unclosed quote' };
  const words: string[] = [];
  for (const t of tokens) {
    if (t.type === 'op') return { ok: false, why: `uses the shell operator \`${t.value}\`` };
    if (t.expansion) return { ok: false, why: `expands a variable or command (\`${t.value}\`)` };
    if (t.glob) return { ok: false, why: `has a glob (\`${t.value}\`)` };
    if (t.tilde) return { ok: false, why: `uses \`~\` expansion (\`${t.value}\`)` };
    words.push(t.value);
  }
  if (words.length === 0) return { ok: false, why: 'is empty' };
  const first = words[0] as string;
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first))
    return { ok: false, why: `sets a variable for the command (\`${first}\`)` };
  if (SHELL_WORDS.has(first)) return { ok: false, why: `starts with the shell builtin \`${first}\`` };
  if (SHELLS.has(basename(first))) return { ok: false, why: `runs a shell (\`${first}\`)` };
  return { ok: true, words };
}

/** A shell word with its quotes removed (`"/app dir"` → `/app dir`); the trimmed text when it is not one word. */
export function unquoteWord(v: string): string {
  const w = tokenize(v)?.[0];
  return w?.type === 'word' ? w.value : v.trim();
}

export function basename(p: string): string {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  return i >= 0 ? p.replace(/\/+$/, '').slice(i + 1) : p;
}

/** Splits a RUN command into simple commands joined by `&&` or `;`. Null when any other operator appears. */
export function splitSimpleCommands(input: string): Token[][] | null {
  const tokens = tokenize(input);
  if (tokens === null) return null;
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.type === 'op') {
      if (t.value !== '&&' && t.value !== ';') return null;
      out.push([]);
    } else {
      (out[out.length - 1] as Token[]).push(t);
    }
  }
  return out.filter((c) => c.length > 0);
}
