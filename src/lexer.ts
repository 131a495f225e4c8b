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

interface Line {
  start: number;
  /** Content end, without `\r\n` or `\n`. */
  end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const end = lineEnd > pos && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    lines.push({ start: pos, end });
    if (nl < 0) return lines;
    pos = nl + 1;
  }
}

/** The escape character set by a `# escape=` directive at the top of the file (default `\`). */
export function escapeCharacter(text: string): string {
  // Directives are the leading `# key=value` lines; dockerfile-ast reads them from that short prefix.
  const prefix = /^(?:[ \t]*#[ \t]*[A-Za-z][A-Za-z0-9]*[ \t]*=[^\n]*\n)*/.exec(text)?.[0] ?? '';
  return DockerfileParser.parse(prefix).getEscapeCharacter();
}

const HEREDOC = /(?:^|[ \t])\d*<<(-?)(["']?)([^\s"'<>|;&]+)\2(?=[ \t;|&><]|$)/g;

export function lexInstructions(text: string, esc: string): Span[] {
  const lines = linesOf(text);
  const content = (l: Line) => text.slice(l.start, l.end);
  const skippable = (l: Line) => /^[ \t]*(#|$)/.test(content(l));
  const continues = (l: Line) => {
    const s = content(l).replace(/[ \t]+$/, '');
    return s.endsWith(esc) && !/^[ \t]*#/.test(s);
  };
  const out: Span[] = [];
  let i = 0;
  // Parser directives and comments at the top are not instructions.
  while (i < lines.length) {
    const l = lines[i] as Line;
    if (skippable(l)) {
      i++;
      continue;
    }
    const lead = /^[ \t]*/.exec(content(l))?.[0].length ?? 0;
    const start = l.start + lead;
    let last = i;
    let logical = content(l);
    while (continues(lines[last] as Line)) {
      let j = last + 1;
      while (j < lines.length && skippable(lines[j] as Line)) j++;
      if (j >= lines.length) break;
      last = j;
      logical += content(lines[j] as Line);
    }
    let end = (lines[last] as Line).end;
    const keyword = (/^[ \t]*(\S+)/.exec(logical)?.[1] ?? '').toUpperCase();
    const rest = logical.replace(/^[ \t]*\S+[ \t]*/, '');
    const sub = keyword === 'ONBUILD' ? (/^(\S+)/.exec(rest)?.[1] ?? '').toUpperCase() : keyword;
    if (sub === 'RUN' || sub === 'COPY' || sub === 'ADD') {
      for (const m of logical.matchAll(HEREDOC)) {
        const chomp = m[1] === '-';
        const name = m[3] as string;
        let j = last + 1;
        for (; j < lines.length; j++) {
          const body = content(lines[j] as Line);
          if ((chomp ? body.replace(/^\t+/, '') : body) === name) break;
        }
        if (j >= lines.length) {
          throw new LexError(`line ${i + 1}: the heredoc <<${name} is never closed (no line ${name} follows)`, i + 1);
        }
        last = j;
        end = (lines[j] as Line).end;
      }
    }
    out.push({ start, end });
    i = last + 1;
  }
  return out;
}
