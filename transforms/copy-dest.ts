/**
 * copy-dest: `COPY --from=build /out/app /usr/local/bin` puts the file inside /usr/local/bin because the old base
 * has that directory; scratch does not (and distroless images need not), so the same line would create a file named
 * /usr/local/bin. A trailing slash keeps the old meaning on every base.
 */
import { normalizePath, STANDARD_DIRS } from '../src/analysis.js';
import { type Finding, lineNo, type Transform } from '../src/context.js';
import { basename } from '../src/shell.js';

const copyDest: Transform = {
  id: 'copy-dest',
  summary: 'Adds a trailing slash to COPY destinations that are directories in the old base',
  run(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.facts.copies) {
      if (!ctx.stage.body.includes(c.instr) || !c.destToken || c.destToken.value.endsWith('/')) continue;
      if (c.sources.length !== 1 || !STANDARD_DIRS.has(c.dest)) continue;
      // A directory copied onto its namesake (`COPY --from=b /usr/local /usr/local`) lands the same way either way.
      const src = c.sources[0] as string;
      if (src.endsWith('/') || STANDARD_DIRS.has(normalizePath(src)) || basename(src) === basename(c.dest)) continue;
      if (ctx.facts.workdirs.has(c.dest)) continue;
      out.push({
        kind: 'edit',
        rule: 'copy-dest/directory',
        line: lineNo(c.instr),
        why: `${c.destToken.value} is a directory in the old base, so the file went inside it; ${ctx.plan.target.ref} may not have ${c.dest}, and a trailing slash keeps that meaning either way`,
        edits: [{ start: c.destToken.end, end: c.destToken.end, text: '/' }],
      });
    }
    return out;
  },
};

export default copyDest;
