/** The guarantees of RULES §7, checked on any input: used by the fixture and corpus tests. */
import { DockerfileParser } from 'dockerfile-ast';
import { KNOWN, parseDocument } from '../src/document.js';

import { rewrite } from '../src/index.js';
import type { RewriteOptions, RewriteResult } from '../src/types.js';

/** Returns a list of broken guarantees (empty when all hold). */
export function checkGuarantees(input: string, r: RewriteResult, options: RewriteOptions = {}): string[] {
  const problems: string[] = [];
  if (r.outcome !== 'rewritten' && r.output !== input)
    problems.push(`${r.outcome} file has output different from input`);
  if (r.outcome === 'rewritten' && r.output === input) problems.push('rewritten but output equals input');
  if (r.outcome === 'refused' && (!r.reason || r.blockers.length === 0))
    problems.push('refused without reason or blockers');
  if (!r.reason) problems.push(`${r.outcome} without a reason`);
  if (r.outcome !== 'rewritten') return problems;
  for (const c of r.changes) {
    if (!c.rule || !c.why || c.line < 1) problems.push(`change without rule, why or line: ${JSON.stringify(c)}`);
  }
  // 1. Idempotent.
  const again = rewrite(r.output, options);
  if (again.outcome !== 'unchanged' || again.output !== r.output) {
    problems.push(`not idempotent: second run is ${again.outcome}: ${again.reason}`);
  }
  // 2./3. Only the runtime stage changes; the output parses and keeps every other instruction.
  const bom = input.startsWith('\uFEFF') ? 1 : 0;
  const before = parseDocument(input.slice(bom));
  let after: ReturnType<typeof parseDocument>;
  try {
    after = parseDocument(r.output.slice(bom));
  } catch (e) {
    problems.push(`output does not parse: ${(e as Error).message}`);
    return problems;
  }
  const runtimeIndex =
    options.stage === undefined
      ? before.stages.length - 1
      : before.stages.findIndex((s) => s.name?.toLowerCase() === options.stage?.toLowerCase());
  const stage = before.stages[runtimeIndex];
  if (!stage) return [...problems, 'runtime stage not found'];
  const head = input.slice(0, stage.start + bom);
  const tail = input.slice(stage.end + bom);
  if (!r.output.startsWith(head)) problems.push('bytes before the runtime stage changed');
  if (!r.output.endsWith(tail)) problems.push('bytes after the runtime stage changed');
  if (after.stages.length < before.stages.length) problems.push('a stage disappeared');
  // An independent parser (dockerfile-ast) must read the output as instructions Docker knows.
  for (const ins of DockerfileParser.parse(r.output.slice(bom)).getInstructions()) {
    if (!KNOWN.has(ins.getKeyword().toUpperCase()))
      problems.push(`dockerfile-ast reads an unknown instruction ${ins.getKeyword()} in the output`);
  }
  const outside = (d: typeof before, skip: number) =>
    d.stages
      .filter((_, i) => i !== skip)
      .flatMap((s) => [s.from.instr, ...s.body])
      .map((i) => d.text.slice(i.start, i.end));
  const kept = outside(after, runtimeIndex);
  for (const text of outside(before, runtimeIndex))
    if (!kept.includes(text)) problems.push(`instruction lost: ${text.slice(0, 60)}`);
  return problems;
}
