/**
 * healthcheck: a HEALTHCHECK that runs curl, wget or a shell cannot run on the target. Refused by default;
 * --drop-healthcheck removes it. An exec-form check that runs a program copied from a build stage stays.
 */
import { readCommand } from '../src/analysis.js';
import { execForm, type Finding, lineNo, removeInstr, replaceInstr, type Transform } from '../src/context.js';
import { locateProgram } from '../src/provenance.js';
import { basename } from '../src/shell.js';

/** Is `prog` the interpreter the target image runs (`python3` for /usr/bin/python3.13, `node` for /nodejs/bin/node)? */
function sameInterpreter(prog: string, binary: string): boolean {
  const b = basename(prog);
  if (binary.endsWith('/java')) return b === 'java';
  if (binary.endsWith('/node')) return b === 'node' || b === 'nodejs';
  return /^python(3(\.13)?)?$/.test(b) && (prog === b || /^\/usr\/(local\/)?bin\//.test(prog));
}

/** java and python are on the images' PATH (/usr/bin); node is not (/nodejs/bin). */
function onPath(binary: string, prog: string): boolean {
  return binary.startsWith('/usr/bin/') && !prog.includes('/');
}

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
        const words = command.words ?? [];
        const prog = words[0] ?? '';
        const binary = ctx.plan.target.entrypoint?.[0];
        const interpreter = binary !== undefined && sameInterpreter(prog, binary);
        const found = interpreter ? null : locateProgram(ctx.doc, ctx.facts, prog);
        if (interpreter && binary && prog !== binary && !onPath(binary, prog)) {
          // node is not on the nodejs image's PATH: name it by its absolute path.
          const next = `HEALTHCHECK ${m[1] ?? ''}${m[2]} ${execForm([binary, ...words.slice(1)])}`;
          out.push({
            kind: 'edit',
            rule: 'healthcheck/exec',
            line: lineNo(ins),
            why: `${prog} is not on the PATH of ${target}: the check runs ${binary}, the same interpreter`,
            edits: [replaceInstr(ctx.doc, ins, [next])],
          });
          continue;
        }
        if (!interpreter && (!found || found.copy.fromRef === null || !found.origin)) {
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
