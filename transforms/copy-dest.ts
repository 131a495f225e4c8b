/**
 * copy-dest: `COPY --from=build /out/app /usr/local/bin` puts the file inside /usr/local/bin because the old base
 * has that directory; scratch does not, so the same line would create a file named /usr/local/bin. A trailing
 * slash keeps the old meaning on every base.
 */
import { STANDARD_DIRS } from '../src/analysis.js';
import { type Finding, lineNo, type Transform } from '../src/context.js';

const copyDest: Transform = {
  id: 'copy-dest',
  summary: 'Adds a trailing slash to COPY destinations that are directories of the old base only',
  run(ctx) {
    if (ctx.plan.target.ref !== 'scratch') return [];
    const out: Finding[] = [];
    for (const c of ctx.facts.copies) {
      if (!ctx.stage.body.includes(c.instr) || !c.destToken || c.destToken.value.endsWith('/')) continue;
      if (c.sources.length !== 1 || !STANDARD_DIRS.has(c.dest)) continue;
      if (ctx.facts.workdirs.has(c.dest)) continue;
      out.push({
        kind: 'edit',
        rule: 'copy-dest/directory',
        line: lineNo(c.instr),
        why: `${c.destToken.value} is a directory in the old base, so the file went inside it; scratch has no ${c.dest}, and a trailing slash keeps that meaning`,
        edits: [{ start: c.destToken.end, end: c.destToken.end, text: '/' }],
      });
    }
    return out;
  },
};

export default copyDest;
