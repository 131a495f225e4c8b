/**
 * instructions: what the runtime stage may keep. SHELL and ONBUILD, and heredoc COPY/ADD, are refused;
 * ENV, EXPOSE, LABEL, WORKDIR, VOLUME, STOPSIGNAL, ARG, COPY and ADD stay.
 */
import { type Finding, lineNo, type Transform } from '../src/context.js';

const instructions: Transform = {
  id: 'instructions',
  summary: 'Refuses SHELL, ONBUILD and heredoc COPY/ADD in the runtime stage',
  run(ctx) {
    const out: Finding[] = [];
    const target = ctx.plan.target.ref;
    for (const ins of ctx.stage.body) {
      const line = lineNo(ins);
      if (ins.keyword === 'SHELL') {
        out.push({
          kind: 'block',
          rule: 'instructions/shell',
          line,
          message: `SHELL sets a shell that ${target} does not have`,
        });
      } else if (ins.keyword === 'ONBUILD') {
        out.push({
          kind: 'block',
          rule: 'instructions/onbuild',
          line,
          message: `ONBUILD ${ins.args.split(/\s/)[0] ?? ''} adds a trigger to images built FROM this one; minbase cannot tell whether it can run on ${target}`,
        });
      } else if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.heredoc) {
        out.push({
          kind: 'block',
          rule: 'instructions/heredoc',
          line,
          message: `${ins.keyword} with a heredoc: minbase does not rewrite heredocs in the runtime stage; move it to a build stage`,
        });
      }
    }
    return out;
  },
};

export default instructions;
