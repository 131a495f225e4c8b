/**
 * tzdata: a program that reads its time zone from /usr/share/zoneinfo (the stage sets TZ on a base that has tzdata)
 * would silently run in UTC on scratch. Copy the zoneinfo from the builder when it has it; otherwise the static
 * target is distroless static, which ships tzdata (RULES §4 "Files the program used from the old base").
 */
import type { StageFacts } from '../src/analysis.js';
import { builderLibc } from '../src/catalog.js';
import { bodyIndent, type Finding, insertAfter, lineNo, type Transform } from '../src/context.js';
import { parseAssignments } from '../src/document.js';

const TZDATA_INSTALL = /\b(?:apk|apt-get|apt)\b[^;&|]*\s(?:add|install)\b[^;&|]*\stzdata\b/;
/** Base images with /usr/share/zoneinfo: Debian and the official images built on it. */
const TZ_IMAGES = new Set([
  'debian',
  'ubuntu',
  'golang',
  'rust',
  'python',
  'node',
  'buildpack-deps',
  'eclipse-temurin',
]);

/** Whether a stage chain surely has /usr/share/zoneinfo. */
export function hasZoneinfo(facts: StageFacts): boolean {
  const root = facts.chain[0]?.rootRef ?? null;
  if (facts.instrs.some((i) => i.keyword === 'RUN' && TZDATA_INSTALL.test(i.args))) return true;
  if (!root || builderLibc(root)?.libc === 'musl') return false;
  return TZ_IMAGES.has(root.name);
}

/** The line of a runtime-stage RUN that installs tzdata, or null. */
export function installsTzdata(facts: StageFacts): number | null {
  const run = facts.instrs.find((i) => i.keyword === 'RUN' && TZDATA_INSTALL.test(i.args));
  return run ? lineNo(run) : null;
}

/** The line of `ENV TZ=...` when the old stage relies on the base's time zone data, else null. */
export function tzLine(facts: StageFacts): number | null {
  if (facts.instrs.some((i) => i.keyword === 'RUN' && TZDATA_INSTALL.test(i.args))) return null;
  if (facts.copies.some((c) => c.sources.some((s) => s.startsWith('/usr/share/zoneinfo')))) return null;
  const env = facts.instrs.find((i) => i.keyword === 'ENV' && parseAssignments(i.args).some(([k]) => k === 'TZ'));
  if (!env || !hasZoneinfo({ ...facts, instrs: [] })) return null;
  return lineNo(env);
}

const tzdata: Transform = {
  id: 'tzdata',
  summary: 'Copies /usr/share/zoneinfo into scratch when the stage sets TZ on a base that had tzdata',
  run({ doc, stage, facts, plan }): Finding[] {
    if (plan.target.ships.includes('tzdata')) return [];
    const line = tzLine(facts);
    if (line === null) return [];
    if (!plan.builderFacts || plan.builderRef === null || !hasZoneinfo(plan.builderFacts)) {
      return [
        {
          kind: 'block',
          rule: 'tzdata/zoneinfo',
          line,
          message: `the stage sets TZ and its base ${stage.rootRef?.raw ?? ''} has time zone data, but ${plan.target.ref} has none and no build stage surely has /usr/share/zoneinfo to copy: ${plan.target.ref === 'scratch' ? 'use --static-base distroless (which ships tzdata)' : 'install tzdata in the build stage the program comes from'}`,
        },
      ];
    }
    const copy = `COPY --from=${plan.builderRef} /usr/share/zoneinfo /usr/share/zoneinfo`;
    return [
      {
        kind: 'edit',
        rule: 'tzdata/zoneinfo',
        line,
        why: `TZ is set (line ${line}) and ${stage.rootRef?.raw ?? 'the old base'} had /usr/share/zoneinfo; ${plan.target.ref} has none, so copy the builder's or the program would run in UTC`,
        edits: [insertAfter(doc, stage.from.instr, [copy], bodyIndent(doc, stage))],
      },
    ];
  },
};

export default tzdata;
