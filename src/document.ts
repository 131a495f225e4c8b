/**
 * The document model: the lexer finds the instructions (dockerfile-ast reads the directives); everything else
 * (offsets, arguments, flags) is read from the original text, so that edits land on the exact bytes and nothing is
 * re-printed.
 */
import { type ImageRef, parseImageRef } from './imageref.js';
import { escapeCharacter, LexError, lexInstructions, type Span } from './lexer.js';

export interface Token {
  value: string;
  start: number;
  end: number;
}

export interface Instr {
  keyword: string;
  /** Offsets of the whole instruction in the original text (end excludes the line ending). */
  start: number;
  end: number;
  /** 0-based first and last line. */
  line: number;
  endLine: number;
  /** The arguments as Docker reads them: continuations joined, comment lines inside them dropped. */
  args: string;
  /** Whitespace-separated argument tokens with offsets in the original text. */
  tokens: Token[];
  heredoc: boolean;
}

export interface FromInfo {
  instr: Instr;
  flags: Token[];
  /** The image token as written (may contain variables). */
  image: Token | null;
  /** The image after resolving global ARG defaults; null when a variable has no default. */
  resolved: string | null;
  unresolvedVar: string | null;
  name: string | null;
}

export interface Stage {
  index: number;
  name: string | null;
  from: FromInfo;
  /** Instructions after FROM, up to the next FROM. */
  body: Instr[];
  /** The stage this one starts from (`FROM build AS final`), if any. */
  parent: Stage | null;
  /** The external image at the root of the alias chain (null for scratch-less unresolved cases). */
  rootRef: ImageRef | null;
  start: number;
  end: number;
  /**
   * What analysis and provenance derive from the stage, computed once (stageFacts, stageSteps). Kept on the stage
   * rather than in a module's WeakMap: an entry of a long-lived WeakMap keeps its young key and value alive through
   * V8's minor collections, so every document survived them and was promoted (a fifth of the engine's time was the
   * collector); held here, it dies young with its document.
   */
  memo: { facts?: unknown; steps?: unknown; config?: unknown; userAdds?: unknown };
}

export interface DockerDocument {
  text: string;
  escape: string;
  eol: string;
  lineStarts: number[];
  globalArgs: Map<string, string | null>;
  preamble: Instr[];
  stages: Stage[];
  instrs: Instr[];
}

/**
 * An instruction as parseDocument reads it. Its tokens are read from the text when first asked for: most
 * instructions (RUN above all, the most words) are only ever read through `args`.
 */
class Instruction implements Instr {
  private tokenList: Token[] | undefined;
  constructor(
    public keyword: string,
    public start: number,
    public end: number,
    public line: number,
    public endLine: number,
    public args: string,
    public heredoc: boolean,
    private readonly text: string,
    private readonly bodyStart: number,
    private readonly escapeChar: string,
  ) {}
  get tokens(): Token[] {
    this.tokenList ??= readArguments(this.text, this.bodyStart, this.end, this.escapeChar, true).tokens;
    return this.tokenList;
  }
  set tokens(tokens: Token[]) {
    this.tokenList = tokens;
  }
}

/** The instructions Docker knows. */
export const KNOWN = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

/** 0-based line of an offset. */
export function lineAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function parseDocument(text: string): DockerDocument {
  const escapeChar = escapeCharacter(text);
  const lineStarts = lineStartsOf(text);
  const firstNl = text.indexOf('\n');
  const eol = firstNl > 0 && text[firstNl - 1] === '\r' ? '\r\n' : '\n';
  const instrs: Instr[] = [];
  let spans: Span[];
  try {
    spans = lexInstructions(text, escapeChar);
  } catch (err) {
    if (err instanceof LexError) throw new ParseError(err.message, err.line);
    throw err;
  }
  // The next `<<` at or after the instruction being read (-1: none left), moved forward only.
  let ltlt = text.indexOf('<<');
  for (const { start, end } of spans) {
    // The keyword is the first word (Docker splits on whitespace): `FROM\x01 image` is no FROM. It is the run of
    // ASCII letters at the start, followed by a space, tab or line break, by a `\` that ends the instruction, by
    // the end, or by spaces and tabs and a `\`.
    const keywordEnd = keywordEndOf(text, start, end);
    const line = lineAt(lineStarts, start);
    const keyword =
      keywordEnd < 0
        ? (/^\S+/.exec(text.slice(start, end))?.[0] ?? '').toUpperCase()
        : upper(text.slice(start, keywordEnd));
    if (!KNOWN.has(keyword) || keywordEnd < 0) {
      const shown = /^[A-Z]+$/.test(keyword) ? keyword : JSON.stringify(keyword);
      throw new ParseError(`line ${line + 1}: unknown instruction ${shown}${heredocHint(instrs)}`, line + 1);
    }
    const nl = text.indexOf('\n', keywordEnd);
    // One physical line (the common case): the arguments are a slice.
    const args =
      nl < 0 || nl >= end
        ? text.slice(keywordEnd, end).trim()
        : readArguments(text, keywordEnd, end, escapeChar, false).args;
    let heredoc = false;
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      if (ltlt >= 0 && ltlt < start) ltlt = text.indexOf('<<', start);
      if (ltlt >= 0 && ltlt < end) {
        const raw = text.slice(start, end);
        heredoc = /<<-?(["']?)[A-Za-z0-9_.-]+\1/.test(firstLineOf(raw));
      }
    }
    instrs.push(
      new Instruction(keyword, start, end, line, lineAt(lineStarts, end), args, heredoc, text, keywordEnd, escapeChar),
    );
  }

  const globalArgs = new Map<string, string | null>();
  const preamble: Instr[] = [];
  const stages: Stage[] = [];
  let current: Stage | null = null;
  for (const ins of instrs) {
    if (ins.keyword === 'FROM') {
      const from = readFrom(ins, globalArgs);
      if (from.image === null) throw new ParseError(`line ${ins.line + 1}: FROM names no image`, ins.line + 1);
      if (current) current.end = lineStarts[ins.line] ?? ins.start;
      current = {
        index: stages.length,
        name: from.name,
        from,
        body: [],
        parent: null,
        rootRef: null,
        start: lineStarts[ins.line] ?? ins.start,
        end: text.length,
        memo: {},
      };
      const resolved = from.resolved?.toLowerCase();
      const parent = resolved === undefined ? undefined : stages.find((s) => s.name?.toLowerCase() === resolved);
      if (parent) {
        current.parent = parent;
        current.rootRef = parent.rootRef;
      } else if (from.resolved !== null) {
        current.rootRef = parseImageRef(from.resolved);
      }
      stages.push(current);
    } else if (current) {
      current.body.push(ins);
    } else {
      preamble.push(ins);
      if (ins.keyword === 'ARG') for (const [k, v] of parseAssignments(ins.args)) globalArgs.set(k, v);
    }
  }
  return { text, escape: escapeChar, eol, lineStarts, globalArgs, preamble, stages, instrs };
}

/**
 * Where the keyword of the instruction at [start, end) ends, or -1 when it has none: what
 * `/^[A-Za-z]+(?=[ \t\r\n]|\\?$)/` or else `/^[A-Za-z]+(?=[ \t]*\\)/` match of the instruction's text (only
 * the whole run of letters can match either: a shorter one is followed by a letter).
 */
function keywordEndOf(text: string, start: number, end: number): number {
  let k = start;
  for (; k < end; k++) {
    const c = text.charCodeAt(k) | 32;
    if (c < 97 || c > 122) break;
  }
  if (k === start) return -1;
  if (k === end) return k;
  const next = text.charCodeAt(k);
  if (next === 32 || next === 9 || next === 13 || next === 10) return k;
  if (next === 92 && k + 1 === end) return k;
  let j = k;
  while (j < end && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  return j < end && text.charCodeAt(j) === 92 ? k : -1;
}

/** ASCII letters in upper case; most keywords are written so already, and are kept as they are. */
function upper(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 65 || c > 90) return word.toUpperCase();
  }
  return word;
}

function firstLineOf(raw: string): string {
  const nl = raw.indexOf('\n');
  return nl < 0 ? raw : raw.slice(0, nl);
}

function heredocHint(prev: Instr[]): string {
  const last = prev[prev.length - 1];
  if (last && /<<-?\s+\S/.test(last.args)) {
    return ` (line ${last.line + 1} writes a heredoc as \`<< WORD\`; Docker reads a heredoc only without a space after \`<<\`)`;
  }
  return '';
}

const isTokenBreak = (c: number) => c === 32 || c === 9 || c === 13;

/** Reads the arguments of an instruction from the original text. */
function readArguments(
  text: string,
  from: number,
  to: number,
  esc: string,
  wantTokens: boolean,
): { args: string; tokens: Token[] } {
  const nl = text.indexOf('\n', from);
  if (nl < 0 || nl >= to) {
    // One physical line (the common case, and the one that can be very long): slice, do not walk.
    const tokens: Token[] = [];
    if (!wantTokens) return { args: text.slice(from, to).trim(), tokens };
    // The runs of characters other than space, tab and carriage return.
    let i = from;
    for (;;) {
      while (i < to && isTokenBreak(text.charCodeAt(i))) i++;
      if (i >= to) break;
      const at = i;
      while (i < to && !isTokenBreak(text.charCodeAt(i))) i++;
      tokens.push({ value: text.slice(at, i), start: at, end: i });
    }
    return { args: text.slice(from, to).trim(), tokens };
  }
  // Characters kept (continuations, line endings and comment lines inside the instruction are dropped) come in
  // runs of the original text: each run is sliced once, for the arguments and for the token it belongs to.
  let args = '';
  let runStart = from;
  let runEnd = from;
  const keep = (at: number) => {
    if (at !== runEnd) {
      if (runEnd > runStart) args += text.slice(runStart, runEnd);
      runStart = at;
    }
    runEnd = at + 1;
  };
  const tokens: Token[] = [];
  let tok: Token | null = null;
  let tokRunStart = 0;
  let tokRunEnd = 0;
  const tokFlush = (t: Token) => {
    if (tokRunEnd > tokRunStart) t.value += text.slice(tokRunStart, tokRunEnd);
  };
  let i = from;
  let atLineStart = false;
  while (i < to) {
    const c = text[i] as string;
    if (atLineStart) {
      // Inside a continuation, whole-line comments and blank lines are skipped.
      let j = i;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '#' || text[j] === '\n' || (text[j] === '\r' && text[j + 1] === '\n')) {
        const nl = text.indexOf('\n', j);
        i = nl < 0 || nl >= to ? to : nl + 1;
        continue;
      }
      atLineStart = false;
    }
    if (c === esc) {
      let j = i + 1;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\n' || (text[j] === '\r' && text[j + 1] === '\n') || j >= to) {
        i = text[j] === '\r' ? j + 2 : j + 1;
        atLineStart = true;
        continue;
      }
    }
    if (c === '\n' || c === '\r') {
      i++;
      atLineStart = c === '\n';
      continue;
    }
    keep(i);
    if (!wantTokens) {
      // the arguments only
    } else if (c === ' ' || c === '\t') {
      if (tok) {
        tokFlush(tok);
        tokens.push(tok);
      }
      tok = null;
    } else {
      if (!tok) {
        tok = { value: '', start: i, end: i };
        tokRunStart = i;
        tokRunEnd = i;
      }
      if (i !== tokRunEnd) {
        tokFlush(tok);
        tokRunStart = i;
      }
      tokRunEnd = i + 1;
      tok.end = i + 1;
    }
    i++;
  }
  if (tok) {
    tokFlush(tok);
    tokens.push(tok);
  }
  if (runEnd > runStart) args += text.slice(runStart, runEnd);
  return { args: args.trim(), tokens };
}

function readFrom(ins: Instr, globalArgs: Map<string, string | null>): FromInfo {
  const flags: Token[] = [];
  let image: Token | null = null;
  let name: string | null = null;
  const toks = ins.tokens;
  let k = 0;
  while (k < toks.length && (toks[k] as Token).value.startsWith('--')) flags.push(toks[k++] as Token);
  if (k < toks.length) image = toks[k++] as Token;
  if (k + 1 < toks.length && (toks[k] as Token).value.toUpperCase() === 'AS') name = (toks[k + 1] as Token).value;
  let resolved: string | null = null;
  let unresolvedVar: string | null = null;
  if (image) {
    const r = expandVars(image.value, globalArgs);
    resolved = r.value;
    unresolvedVar = r.missing;
    if (r.missing !== null) resolved = null;
  }
  return { instr: ins, flags, image, resolved, unresolvedVar, name };
}

/** Expands `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+a}`, `${X+a}` from ARG defaults. */
export function expandVars(value: string, vars: Map<string, string | null>): { value: string; missing: string | null } {
  // Without a `$` there is nothing to expand (most values).
  if (!value.includes('$')) return { value, missing: null };
  let missing: string | null = null;
  const out = value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, plain: string | undefined) => {
      const key = (braced ?? plain) as string;
      const has = vars.has(key) && vars.get(key) !== null;
      const val = has ? (vars.get(key) as string) : '';
      if (op === ':-') return val !== '' ? val : (word ?? '');
      if (op === '-') return has ? val : (word ?? '');
      if (op === ':+') return val !== '' ? (word ?? '') : '';
      if (op === '+') return has ? (word ?? '') : '';
      if (!has) missing ??= key;
      return val;
    },
  );
  return { value: out, missing };
}

/** Parses `K=V K2="v 2"` (ARG/ENV/LABEL style) or the legacy `ENV K V`. */
export function parseAssignments(args: string): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(?!\S*=)(.*)$/s.exec(args);
  if (legacy && !args.includes('=')) {
    out.push([legacy[1] as string, unquote((legacy[2] as string).trim())]);
    return out;
  }
  const re = /([A-Za-z_][A-Za-z0-9_.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (const m of args.matchAll(re)) out.push([m[1] as string, m[2] === undefined ? null : unquote(m[2])]);
  return out;
}

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    const inner = v.slice(1, -1);
    return inner.includes('\\') ? inner.replace(/\\(.)/g, '$1') : inner;
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  return v;
}

/** The chain of stages from the root of an alias chain down to this stage. */
export function chainOf(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    chain.unshift(s);
  }
  return chain;
}

/** Finds a stage by `COPY --from` value: a stage name (any case) or a stage index before `before`. */
export function stageByRef(doc: DockerDocument, ref: string, before: number): Stage | null {
  const lower = ref.toLowerCase();
  const byName = doc.stages.find((s) => s.index < before && s.name?.toLowerCase() === lower);
  if (byName) return byName;
  if (/^\d+$/.test(ref)) {
    const s = doc.stages[Number(ref)];
    if (s && s.index < before) return s;
  }
  return null;
}

/** Parses leading `--flag[=value]` tokens of an instruction. */
export function flagsOf(ins: Instr): { flags: Map<string, Token>; rest: Token[] } {
  const flags = new Map<string, Token>();
  let k = 0;
  while (k < ins.tokens.length && (ins.tokens[k] as Token).value.startsWith('--')) {
    const t = ins.tokens[k++] as Token;
    const eq = t.value.indexOf('=');
    flags.set((eq < 0 ? t.value.slice(2) : t.value.slice(2, eq)).toLowerCase(), t);
  }
  return { flags, rest: ins.tokens.slice(k) };
}

export function flagValue(t: Token | undefined): string | null {
  if (!t) return null;
  const eq = t.value.indexOf('=');
  return eq < 0 ? null : t.value.slice(eq + 1);
}
