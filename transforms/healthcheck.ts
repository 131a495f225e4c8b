/**
 * healthcheck: a HEALTHCHECK that runs curl, wget or a shell cannot run on the target. Refused by default;
 * --drop-healthcheck removes it. An exec-form check that runs a program copied from a build stage stays.
 */
import { locateProgram, readCommand } from '../src/analysis.js';
import { type Finding, lineNo, removeInstr, type Transform } from '../src/context.js';

const healthcheck: Transform = {
  id: 'healthcheck',
  summary: 'Refuses (or with --drop-healthcheck removes) a HEALTHCHECK the target cannot run',
  run(ctx) {
    const out: Finding[] = [];
    const target = ctx.plan.target.ref;
    for (const ins of ctx.stage.body) {
      if (ins.keyword !== 'HEALTHCHECK') continue;
      const m = /^((?:--\S+\s+)*)(\S+)\s*(.*)$/s.exec(ins.args);
      const kind = m?.[2]?.toUpperCase();
      if (!m || kind === 'NONE') continue;
      const command = readCommand(ins, m[3] ?? '');
      let problem: string | null = null;
      if (command.form === 'shell') {
        problem = `HEALTHCHECK runs ${command.program ?? 'its command'} through a shell; ${target} has no shell`;
      } else {
        const prog = command.words?.[0] ?? '';
        const found = locateProgram(ctx.doc, ctx.facts, prog);
        if (!found || found.copy.fromRef === null || !found.origin) {
          problem = `HEALTHCHECK runs ${prog}, which ${target} does not have`;
        }
      }
      if (problem === null) continue;
      if (ctx.options.dropHealthcheck) {
        out.push({
          kind: 'edit',
          rule: 'healthcheck/drop',
          line: lineNo(ins),
          why: `${problem}: removed (--drop-healthcheck); check health from outside (an orchestrator probe)`,
          edits: [removeInstr(ctx.doc, ins)],
        });
      } else {
        out.push({
          kind: 'block',
          rule: 'healthcheck/drop',
          line: lineNo(ins),
          message: `${problem} (drop it with --drop-healthcheck, or use a healthcheck binary copied from a build stage)`,
        });
      }
    }
    return out;
  },
};

export default healthcheck;
