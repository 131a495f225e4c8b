/**
 * instructions: what the runtime stage may keep. SHELL and ONBUILD RUN are refused; ENV, EXPOSE, LABEL,
 * WORKDIR, VOLUME, STOPSIGNAL, ARG, COPY and ADD (heredocs too: they need no shell), ONBUILD COPY... stay.
 */
import { type Finding, lineNo, type Transform } from '../src/context.js';

const instructions: Transform = {
  id: 'instructions',
  summary: 'Refuses SHELL and ONBUILD RUN in the runtime stage',
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
      } else if (ins.keyword === 'ONBUILD' && /^RUN\b/i.test(ins.args.trim())) {
        // Other triggers (COPY, ENV, ...) need no shell; RUN would run in images built FROM this one.
        out.push({
          kind: 'block',
          rule: 'instructions/onbuild',
          line,
          message: `ONBUILD RUN adds a shell command to images built FROM this one, and ${target} has no shell`,
        });
      }
    }
    return out;
  },
};

export default instructions;
