/**
 * Splits a Dockerfile into instructions the way BuildKit reads it, in one linear pass: lines end at `\n`; blank
 * and comment lines between instructions are skipped; a line ending in the escape character continues (blank and
 * comment lines inside a continuation are skipped); RUN, COPY and ADD (also under ONBUILD) may open heredocs
 * (`<<EOF`, `<<-EOF`, `<<'EOF'`, no space after `<<`) whose bodies run to their terminator line.
 * dockerfile-ast reads the directives; it is not used for the rest because it slows down superlinearly on long
 * lines (180 ms for one 100k-character RUN, against a few ms here).
 */
import { DockerfileParser } from 'dockerfile-ast';

export interface Span {
  /** Offset of the keyword. */
  start: number;
  /** End of the instruction's last line, line ending excluded. */
  end: number;
}

export class LexError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The escape character set by a `# escape=` directive at the top of the file (default `\`). */
export function escapeCharacter(text: string): string {
  // Directives are the leading `# key=value` lines; dockerfile-ast reads them from that short prefix. Without the
  // word "escape" in it no directive can set the escape character: the default, without a parse (most files).
  const prefix = /^(?:[ \t]*#[ \t]*[A-Za-z][A-Za-z0-9]*[ \t]*=[^\n]*\n)*/.exec(text)?.[0] ?? '';
  if (!/escape/i.test(prefix)) return '\\';
  return DockerfileParser.parse(prefix).getEscapeCharacter();
}

const HEREDOC = /(?:^|[ \t])\d*<<(-?)(["']?)([^\s"'<>|;&]+)\2(?=[ \t;|&><]|$)/g;

const SPACE = 32;
const TAB = 9;
const HASH = 35;

/**
 * The instructions of `text`. Lines are kept as offsets (no copy of each line); the joined text of an instruction
 * is built only when it may open a heredoc (it contains `<<`), the only case that needs it.
 */
export function lexInstructions(text: string, esc: string): Span[] {
  // Line i is [starts[i], ends[i]): its content without `\r\n` or `\n`.
  const starts: number[] = [];
  const ends: number[] = [];
  for (let pos = 0; ; ) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    starts.push(pos);
    ends.push(lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
    if (nl < 0) break;
    pos = nl + 1;
  }
  const count = starts.length;
  const escCode = esc.length === 1 ? esc.charCodeAt(0) : -1;
  const content = (k: number) => text.slice(starts[k], ends[k]);
  /** Blank after spaces and tabs, or a comment. */
  const skippable = (k: number) => {
    let p = starts[k] as number;
    const e = ends[k] as number;
    while (p < e) {
      const c = text.charCodeAt(p);
      if (c !== SPACE && c !== TAB) return c === HASH;
      p++;
    }
    return true;
  };
  /** Ends in the escape character (trailing spaces and tabs aside) and is not a comment. */
  const continues = (k: number) => {
    const s = starts[k] as number;
    let e = ends[k] as number;
    if (escCode < 0) {
      const t = content(k).replace(/[ \t]+$/, '');
      return t.endsWith(esc) && !/^[ \t]*#/.test(t);
    }
    while (e > s && (text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === TAB)) e--;
    if (e === s || text.charCodeAt(e - 1) !== escCode) return false;
    let p = s;
    while (p < e && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
    return text.charCodeAt(p) !== HASH;
  };
  const out: Span[] = [];
  // The next `<<` at or after the instruction being read (-1: none left), moved forward only.
  let ltlt = text.indexOf('<<');
  let i = 0;
  // Parser directives and comments at the top are not instructions.
  while (i < count) {
    if (skippable(i)) {
      i++;
      continue;
    }
    let lead = starts[i] as number;
    while (lead < (ends[i] as number) && (text.charCodeAt(lead) === SPACE || text.charCodeAt(lead) === TAB)) lead++;
    const start = lead;
    let last = i;
    while (continues(last)) {
      let j = last + 1;
      while (j < count && skippable(j)) j++;
      if (j >= count) break;
      last = j;
    }
    let end = ends[last] as number;
    if (ltlt >= 0 && ltlt < (starts[i] as number)) ltlt = text.indexOf('<<', starts[i]);
    if (ltlt >= 0 && ltlt < end) {
      // The logical line: the lines of the instruction joined, comment and blank lines inside it left out.
      let logical = content(i);
      for (let k = i; k < last; ) {
        k++;
        while (skippable(k)) k++;
        logical += content(k);
      }
      const keyword = (/^[ \t]*(\S+)/.exec(logical)?.[1] ?? '').toUpperCase();
      const rest = logical.replace(/^[ \t]*\S+[ \t]*/, '');
      const sub = keyword === 'ONBUILD' ? (/^(\S+)/.exec(rest)?.[1] ?? '').toUpperCase() : keyword;
      if (sub === 'RUN' || sub === 'COPY' || sub === 'ADD') {
        for (const m of logical.matchAll(HEREDOC)) {
          const chomp = m[1] === '-';
          const name = m[3] as string;
          let j = last + 1;
          for (; j < count; j++) {
            let p = starts[j] as number;
            const e = ends[j] as number;
            if (chomp) while (p < e && text.charCodeAt(p) === TAB) p++;
            if (e - p === name.length && text.startsWith(name, p)) break;
          }
          if (j >= count) {
            throw new LexError(`line ${i + 1}: the heredoc <<${name} is never closed (no line ${name} follows)`, i + 1);
          }
          last = j;
          end = ends[j] as number;
        }
      }
    }
    out.push({ start, end });
    i = last + 1;
  }
  return out;
}
