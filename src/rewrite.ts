/** rewrite(text, options): the pure core. No I/O; every outcome comes with a reason. */

import { addDebugStage } from '../transforms/debug-stage.js';
import {
  createdHomes,
  inheritedHomes,
  inheritedPasswd,
  passwdHomes,
  planSplit,
  targetConflicts,
} from '../transforms/split.js';
import { hasZoneinfo, installsTzdata, tzLine } from '../transforms/tzdata.js';
import { isRootUser } from '../transforms/user.js';
import {
  CARGO_BUILD,
  type CommandInfo,
  type CopyInfo,
  classifyStage,
  commandRuntime,
  GO_BUILD,
  interpretedRuntime,
  type StageFacts,
  stageFacts,
} from './analysis.js';
import { compareStages, type Declarations, effectiveConfig, homeOf, imageDefaults } from './behaviour.js';
import {
  catalogImage,
  distrolessImage,
  EOL,
  isWindowsImage,
  LEGACY_DISTROLESS,
  minimalKind,
  NON_PRODUCTION,
  REMOVED,
  RUNTIME_IMAGES,
  type TargetImage,
} from './catalog.js';
import { type Context, type Finding, lineNo, type Plan } from './context.js';
import { type DockerDocument, type Instr, ParseError, parseDocument, type Stage } from './document.js';
import { applyEdits } from './edits.js';
import { familyEolNote, planTarget, provisionalTarget, removedImageHint, targetImage } from './families.js';
import { parseImageRef } from './imageref.js';
import { buildSteps, locateProgram, type Step, stageRef, type Trace, traceProgram } from './provenance.js';
import { RUNTIMES, TRANSFORMS } from './registry.js';
import { familyOf, familyStatic, type PlanOutcome, type RuntimeModule } from './runtime.js';
import { basename } from './shell.js';
import type { Blocker, Change, Edit, RewriteOptions, RewriteResult, Runtime } from './types.js';

export const MAX_BYTES = 1024 * 1024;

function result(
  text: string,
  outcome: RewriteResult['outcome'],
  reason: string | null,
  extra: Partial<RewriteResult> = {},
): RewriteResult {
  return { output: text, outcome, runtime: null, target: null, reason, changes: [], blockers: [], notes: [], ...extra };
}

export function rewrite(text: string, options: RewriteOptions = {}): RewriteResult {
  try {
    return rewriteText(text, options);
  } catch (err) {
    if (err instanceof ParseError) return result(text, 'error', err.message);
    const message = err instanceof Error ? err.message : String(err);
    return result(text, 'error', `internal error: ${message} (please report this file)`);
  }
}

function rewriteText(input: string, options: RewriteOptions): RewriteResult {
  if (input.includes('\0')) return result(input, 'error', 'binary file (contains NUL bytes)');
  if (input.length > MAX_BYTES) return result(input, 'error', 'larger than 1 MiB: not a Dockerfile minbase will edit');
  if (input.trim() === '') return result(input, 'skipped', 'empty file');
  const bom = input.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = input.slice(bom.length);
  // Vertical tab, form feed and the Unicode line separators: Docker, dockerfile-ast and minbase's own reading
  // disagree on whether they separate words or lines, so a file using them outside comments is left alone.
  // (Each whole-text scan below first asks whether what it looks for occurs at all: most files have none of it.)
  const odd = /[\v\f\u0085\u2028\u2029]/.test(text) ? /^(?![ \t]*#).*?([\v\f\u0085\u2028\u2029])/m.exec(text) : null;
  if (odd) {
    const line = text.slice(0, odd.index).split('\n').length;
    const code = (odd[1] as string).charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return result(
      input,
      'error',
      `line ${line}: the character U+${code} separates words or lines differently for Docker and other parsers, so minbase leaves this file alone`,
    );
  }
  const loneCr = /\r(?!\n)/.exec(text);
  if (loneCr) {
    const line = text.slice(0, loneCr.index).split('\n').length;
    return result(
      input,
      'error',
      `line ${line}: a carriage return without a line feed; Docker reads it as part of the line, other tools as a line break, so minbase leaves this file alone`,
    );
  }
  // Blanking comments keeps every line break, so it cannot make a `{{` or `{%` the text does not have.
  const braces = text.includes('{{') || text.includes('{%');
  if (braces && /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/.test(text.replace(/^[ \t]*#.*$/gm, '')))
    return result(input, 'skipped', 'template ({{ }} or {% %}): not a Dockerfile as it stands');
  const ignore = /minbase/i.test(text) ? /^[ \t]*#[ \t]*minbase:[ \t]*ignore\b/im.exec(text) : null;
  if (ignore)
    return result(input, 'skipped', `\`# minbase: ignore\` on line ${text.slice(0, ignore.index).split('\n').length}`);
  const doc = parseDocument(text);
  if (doc.stages.length === 0) return result(input, 'skipped', 'not a Dockerfile: no FROM instruction');
  const win = doc.stages.find((s) => s.rootRef && isWindowsImage(s.rootRef));
  if (win) return result(input, 'skipped', `Windows image (${win.rootRef?.raw}, line ${win.from.instr.line + 1})`);

  const r = rewriteDoc(doc, options);
  if (r.outcome === 'rewritten') r.output = bom + r.output;
  else r.output = input;
  return r;
}

function stageList(doc: DockerDocument): string {
  return doc.stages.map((s) => `${s.name ?? `#${s.index}`} (line ${s.from.instr.line + 1})`).join(', ');
}

function pickStage(doc: DockerDocument, options: RewriteOptions): Stage | RewriteResult {
  if (options.stage !== undefined) {
    const want = options.stage.toLowerCase();
    const s =
      doc.stages.find((x) => x.name?.toLowerCase() === want) ??
      (/^\d+$/.test(want) ? doc.stages[Number(want)] : undefined);
    if (!s) return result(doc.text, 'skipped', `no stage named ${options.stage} (stages: ${stageList(doc)})`);
    return s;
  }
  const last = doc.stages[doc.stages.length - 1] as Stage;
  if (last.name && NON_PRODUCTION.has(last.name.toLowerCase())) {
    return result(
      doc.text,
      'refused',
      `the last stage, ${last.name} (line ${last.from.instr.line + 1}), is named as not for production; pick the production stage with --stage NAME (stages: ${stageList(doc)})`,
      {
        blockers: [
          {
            rule: 'stage/non-production',
            line: last.from.instr.line + 1,
            message: 'last stage is not for production',
            fundamental: true,
          },
        ],
      },
    );
  }
  return last;
}

function rewriteDoc(doc: DockerDocument, options: RewriteOptions, allowSplit = true): RewriteResult {
  const r = rewriteInPlace(doc, options);
  if (!allowSplit || r.outcome !== 'refused') return r;
  return trySplit(doc, options, r) ?? r;
}

/** Blockers a split answers: the stage does work (single stage, inherited work, RUN lines). */
const WORK_RULES = new Set(['stage/single-stage', 'stage/alias', 'user/home']);

/**
 * RULES §6: when the runtime stage does work, keep it as a build stage and append a minimal stage that copies what
 * the program needs. Null when a split does not apply (the in-place refusal stands).
 */
function trySplit(doc: DockerDocument, options: RewriteOptions, inPlace: RewriteResult): RewriteResult | null {
  const stage = doc.stages[doc.stages.length - 1] as Stage;
  // With --stage the user picks a stage to move in place; a split would append another and move the target.
  if (options.stage !== undefined) return null;
  if (!inPlace.runtime || !stage.rootRef || minimalKind(stage.rootRef)) return null;
  const facts = stageFacts(doc, stage);
  const works = facts.instrs.some((i) => i.keyword === 'RUN') || facts.chain.length > 1;
  if (!works) return null;
  // A version or libc with no image is not answered by a split.
  if (inPlace.blockers.some((b) => b.fundamental && !WORK_RULES.has(b.rule))) return null;
  // A command that needs a shell stays refused as it is: no split gives it one.
  const command = facts.entrypoint ?? facts.cmd;
  if (!command?.words) return null;
  const planned = planSplit(doc, stage, facts, inPlace.runtime);
  if (!planned.ok) {
    // What a split cannot answer, plus what blocks in place beyond the work itself (RUN lines, the single stage).
    const rest = inPlace.blockers.filter((b) => !b.rule.startsWith('run/') && !WORK_RULES.has(b.rule));
    return refuse(doc, inPlace.runtime, null, [...planned.blockers, ...rest]);
  }
  const plan = planned.plan;
  const synth = parseDocument(plan.text);
  const synthStage = synth.stages[synth.stages.length - 1] as Stage;
  // Users the old stage created own the files the new stage copies and name its USER: to the rules they are the
  // new stage's created users (they become nonroot on the target).
  const synthFacts = stageFacts(synth, synthStage);
  for (const u of facts.createdUsers) synthFacts.createdUsers.add(u);
  inheritedHomes.set(synthStage, createdHomes(doc, stage));
  inheritedPasswd.set(synthStage, passwdHomes(doc, stage));
  const map = (line: number) =>
    line > doc.lineStarts.length ? (plan.lineMap.get(line - 1) ?? stage.from.instr.line + 1) : line;
  const mapText = (t: string) => t.replace(/\bline (\d+)/g, (_m, n: string) => `line ${map(Number(n))}`);
  // The new stage, still on the old base, must configure the container as the old stage did.
  const drift = compareStages(doc, stage, synth, synthStage, { env: new Set(plan.droppedEnv), argv: [] }, {});
  if (drift.length > 0) {
    return refuse(
      doc,
      inPlace.runtime,
      null,
      drift.map((d) => ({
        rule: `check/${d.property}`,
        line: d.line,
        message: `internal check (split): ${d.message}; minbase will not write it (please report this file)`,
        fundamental: true,
      })),
    );
  }
  const r = rewriteDoc(synth, { ...options, stage: undefined }, false);
  if (r.outcome === 'refused') {
    const blockers = r.blockers.map((b) => ({ ...b, line: map(b.line), message: mapText(b.message) }));
    return refuse(doc, r.runtime, null, blockers);
  }
  if (r.outcome !== 'rewritten') return null;
  const missing = targetConflicts(plan, r.target === null ? null : catalogImage(parseImageRef(r.target)));
  if (missing.length > 0) return refuse(doc, r.runtime, null, missing);
  const keptHead = plan.text.slice(0, plan.appendedAt);
  if (!r.output.startsWith(keptHead)) throw new Error('the split changed the old stage');
  const fromLine = stage.from.instr.line + 1;
  const workLines = facts.instrs.filter((i) => i.keyword === 'RUN').map((i) => i.line + 1);
  const split: Change = {
    rule: 'split/stage',
    line: fromLine,
    why: `the runtime stage does work the minimal image cannot (${workLines.length > 0 ? `RUN on line${workLines.length > 1 ? 's' : ''} ${workLines.join(', ')}` : 'instructions inherited from another stage'}): it stays as it is${stage.name ? '' : ` as stage ${plan.name}`}, and a new last stage on ${r.target} copies what the program needs (${plan.copied.join(', ')})${plan.droppedEnv.length > 0 ? `; build-only ENV left out: ${plan.droppedEnv.join(', ')}` : ''}`,
  };
  const changes = [split, ...r.changes.map((c) => ({ ...c, line: map(c.line), why: mapText(c.why) }))].sort(
    (a, b) => a.line - b.line,
  );
  const notes = r.notes.map(mapText);
  if (plan.skipped.length > 0) {
    notes.push(
      `the source the build read (${plan.skipped.join(', ')}) is not copied into the new stage; if the program reads files from it at run time, add a COPY --from=${plan.name} for them`,
    );
  }
  if (
    inPlace.runtime === 'node' &&
    facts.instrs.some(
      (i) =>
        i.keyword === 'RUN' && /\bnpm\s+(ci|install|i)\b/.test(i.args) && !/--omit[= ]dev|--production/.test(i.args),
    )
  ) {
    notes.push(
      'node_modules are copied as the build installed them, dev dependencies included; `npm ci --omit=dev` would make the image smaller',
    );
  }
  const reason = `${r.runtime} → ${r.target} (split: the old stage is kept as ${plan.name})${notes.length ? `\n${notes.join('\n')}` : ''}`;
  return { ...r, changes, notes, reason };
}

function rewriteInPlace(doc: DockerDocument, options: RewriteOptions): RewriteResult {
  const picked = pickStage(doc, options);
  if (!('index' in picked)) return picked;
  const stage = picked;
  const fromLine = stage.from.instr.line + 1;
  if (stage.from.resolved === null) {
    return refuse(doc, null, null, [
      {
        rule: 'stage/unresolved',
        line: fromLine,
        message: `FROM uses \${${stage.from.unresolvedVar}}, which has no default; minbase cannot tell the base image. Give the ARG a default before the first FROM`,
        fundamental: true,
      },
    ]);
  }
  const root = stage.rootRef;
  const facts = stageFacts(doc, stage);

  // Already minimal (or a removed minimal image to move).
  const minimal = root ? minimalKind(root) : null;
  if (root && minimal) return minimalOutcome(doc, options, stage, facts, root.raw, minimal);

  // Runtime detection.
  const command = facts.entrypoint ?? facts.cmd;
  if (!command) {
    return result(
      doc.text,
      'unchanged',
      `no command: nothing runs in stage ${stage.name ?? `#${stage.index}`} (a toolchain or base image)`,
    );
  }
  const ownBuild = facts.instrs.find((i) => i.keyword === 'RUN' && (GO_BUILD.test(i.args) || CARGO_BUILD.test(i.args)));
  if (ownBuild) {
    const runtime: Runtime = GO_BUILD.test(ownBuild.args) ? 'go' : 'rust';
    const single: Blocker = {
      rule: 'stage/single-stage',
      line: ownBuild.line + 1,
      message: `single stage: the runtime stage builds the program itself (line ${ownBuild.line + 1}), so it needs the toolchain. Move the build into its own stage (FROM ${runtime === 'go' ? 'golang' : 'rust'}… AS build) and COPY --from=build the binary; minbase will then rewrite the runtime stage`,
      fundamental: true,
    };
    const self = stage.name ?? String(stage.index);
    const steps = buildSteps(doc, stage);
    const build = steps[steps.length - 1]?.step ?? null;
    const prov: Provenance = { buildRun: ownBuild, build, untraced: null, trace: null };
    return planAndFinish(doc, options, stage, facts, runtime, stage, self, prov, null, null, [single]);
  }
  // The program the container execs (past an init wrapper such as tini), traced to the command that wrote it.
  const appWord = appProgram(command, facts.entrypoint ? facts.cmd : null);
  const trace = appWord ? traceProgram(doc, facts, appWord) : null;
  const located = command.program ? locateProgram(doc, facts, command.program) : null;
  let builder: Stage | null = null;
  let builderRef: string | null = null;
  let runtime: Runtime | null = null;
  const prov: Provenance = { buildRun: null, build: null, untraced: null, trace };
  const early: Blocker[] = [];
  if (trace?.stage) {
    const o = trace.origin;
    if (o.kind === 'build') {
      runtime = o.tool === 'go' ? 'go' : 'rust';
      prov.build = o.step;
      prov.buildRun = o.step.instr;
      builder = trace.stage;
    } else if (o.kind === 'untraced') {
      const c = classifyStage(trace.stage);
      if (c.runtime === 'go' || c.runtime === 'rust') {
        runtime = c.runtime;
        prov.buildRun = o.instr;
        prov.untraced = { line: o.instr.line + 1, why: o.why };
        builder = trace.stage;
      }
    }
    if (builder) {
      // The CA bundle and zoneinfo come from the stage that built the program, not from an export stage.
      builderRef = trace.copy.fromStage === builder ? trace.copy.fromRef : stageRef(builder);
    }
  }
  if (runtime === null) {
    runtime = interpretedRuntime(root?.name ?? '') ?? commandRuntime(command.program);
  }
  if (runtime === null) {
    // A build copied in, while the command runs something else (a script, a wrapper)? Compiled binaries and
    // the app's own artifacts (a jar, node_modules, a venv) say more than, say, a frontend bundle built by node.
    let best = 0;
    for (const c of facts.copies) {
      if (!c.fromStage || !stage.body.includes(c.instr)) continue;
      const k = classifyStage(c.fromStage);
      if (k.runtime === null) continue;
      const score = k.runtime === 'go' || k.runtime === 'rust' ? 3 : c.sources.some((s) => ARTIFACT.test(s)) ? 2 : 1;
      if (score > best) {
        best = score;
        runtime = k.runtime;
        prov.buildRun = k.buildRun;
        prov.untraced = untracedWhy(c, k.buildRun, trace);
        prov.fallback = true;
        builder = c.fromStage;
        builderRef = c.fromRef;
      }
    }
  }
  if (runtime === 'java' || runtime === 'node' || runtime === 'python') {
    // The stage the app and its dependencies come from: the last COPY --from a stage on the same runtime.
    builder = null;
    builderRef = null;
    for (const c of facts.copies) {
      if (!c.fromStage || !stage.body.includes(c.instr)) continue;
      if (classifyStage(c.fromStage).runtime === runtime) {
        builder = c.fromStage;
        builderRef = c.fromRef;
      }
    }
    // Else a stage on that runtime that a copied-from stage itself copies from (a split's build stage on debian
    // holding a JRE from a temurin stage).
    if (!builder) {
      const seen = new Set<Stage>();
      const walk = (s: Stage, depth: number): Stage | null => {
        if (depth > 6 || seen.has(s)) return null;
        seen.add(s);
        let found: Stage | null = null;
        for (const c of stageFacts(doc, s).copies) {
          if (!c.fromStage) continue;
          found =
            classifyStage(c.fromStage).runtime === runtime ? c.fromStage : (walk(c.fromStage, depth + 1) ?? found);
        }
        return found;
      };
      for (const c of facts.copies) {
        if (!c.fromStage || !stage.body.includes(c.instr)) continue;
        const deeper = walk(c.fromStage, 0);
        if (deeper) {
          builder = deeper;
          builderRef = stageRef(deeper);
        }
      }
    }
    const steps = facts.instrs.filter((i) => i.keyword === 'RUN' && DEPENDENCY_STEP.test(i.args));
    if (!builder && steps.length > 0) {
      const lines = steps.map((i) => i.line + 1).join(', ');
      early.push({
        rule: 'stage/single-stage',
        line: (steps[0] as Instr).line + 1,
        message: `single stage: the stage that runs the app also installs or builds it (line${steps.length > 1 ? 's' : ''} ${lines}), and the minimal image has no package manager. minbase splits such a stage (RULES §6) once the other blockers listed here are fixed`,
        fundamental: true,
      });
    }
  }
  const module = runtime ? RUNTIMES[runtime] : undefined;
  if (!runtime || !module || ((runtime === 'go' || runtime === 'rust') && (!builder || builderRef === null))) {
    const what = runtime
      ? `${runtime}`
      : located?.copy.fromRef === null
        ? `the program ${command.program} comes from the build context`
        : `minbase cannot tell what ${command.program ?? 'the command'} is built with`;
    return result(doc.text, 'unchanged', `runtime not supported yet: ${what}`, { runtime: runtime ?? null });
  }
  return planAndFinish(
    doc,
    options,
    stage,
    facts,
    runtime,
    builder,
    builderRef,
    prov,
    trace?.path ?? located?.path ?? null,
    null,
    early,
  );
}

/** Why a build copied into the runtime stage is not known to be the program the command runs. */
function untracedWhy(c: CopyInfo, buildRun: Instr | null, trace: Trace | null): { line: number; why: string } {
  const line = c.instr.line + 1;
  if (trace && trace.copy === c && trace.stage) {
    const o = trace.origin;
    const from = `stage ${trace.stage.name ?? trace.stage.index}`;
    if (o.kind === 'base')
      return {
        line,
        why: `nothing in ${from} writes ${trace.sourcePath} (line ${line} copies it), so it is not that stage's build output`,
      };
    if (o.kind === 'context')
      return {
        line,
        why: `${trace.path} comes from the build context through ${from} (line ${lineNo(o.copy.instr)}), not from its build`,
      };
    if (o.kind === 'package')
      return {
        line,
        why: `${trace.path} is installed by ${o.manager} in ${from} (line ${lineNo(o.step.instr)}), not built there`,
      };
  }
  if (buildRun)
    return { line, why: `the command does not run a program that line ${buildRun.line + 1} is known to build` };
  return { line, why: `line ${line} copies from a stage where no command builds the program` };
}

/** What the plan knows about how the program was built (RULES §2). */
interface Provenance {
  /** The command runs something other than a traced build output (a script, a wrapper): the build decides nothing. */
  fallback?: boolean;
  buildRun: Instr | null;
  build: Step | null;
  untraced: { line: number; why: string } | null;
  trace: Trace | null;
}

const NO_PROVENANCE: Provenance = { buildRun: null, build: null, untraced: null, trace: null };

/** Init wrappers that exec the program named after their own options. */
const INIT_WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit']);

/** The program a command execs: its first word, or for an init wrapper the first word after its options. */
function appProgram(command: CommandInfo, cmd: CommandInfo | null = null): string | null {
  // An ENTRYPOINT wrapper (`ENTRYPOINT ["tini", "--"]`) execs what CMD names.
  const words = command.words && cmd && cmd !== command && cmd.words ? [...command.words, ...cmd.words] : command.words;
  if (!words || words.length === 0) return command.program;
  const first = words[0] as string;
  if (!INIT_WRAPPERS.has(basename(first))) return first;
  const dash = words.indexOf('--');
  const next = dash >= 0 ? words[dash + 1] : words.slice(1).find((w) => !w.startsWith('-'));
  return next ?? first;
}

/** A target chosen before planning (a removed distroless image moving to its current version). */
interface Forced {
  target: TargetImage;
  /** The tag to keep (`:nonroot`), or '' for none. */
  tag: string;
  rule: string;
  why: string;
  line: number;
}

function planAndFinish(
  doc: DockerDocument,
  options: RewriteOptions,
  stage: Stage,
  facts: StageFacts,
  runtime: Runtime,
  builder: Stage | null,
  builderRef: string | null,
  prov: Provenance,
  program: string | null,
  forced: Forced | null,
  early: Blocker[] = [],
): RewriteResult {
  const module = RUNTIMES[runtime] as RuntimeModule;
  const fromLine = stage.from.instr.line + 1;
  // The runtime stage must not inherit instructions from another stage: they would be lost.
  const inherited = facts.chain.slice(0, -1).flatMap((s) => s.body);
  const blockers: Blocker[] = [...early];
  if (inherited.length > 0) {
    const parent = stage.parent as Stage;
    blockers.push({
      rule: 'stage/alias',
      line: fromLine,
      message: `the runtime stage starts from stage ${parent.name} (line ${parent.from.instr.line + 1}), whose instructions (lines ${inherited.map((i) => i.line + 1).join(', ')}) would be lost with a new base. Write them into the runtime stage, or start it FROM an image`,
      fundamental: true,
    });
  }
  const builderFacts = builder ? stageFacts(doc, builder) : null;
  const decision: PlanOutcome = forced
    ? { ok: true, target: forced.target, rule: forced.rule, why: forced.why, line: forced.line }
    : planTarget(module, { doc, options, stage, facts, builder, builderFacts, ...prov });
  if (!decision.ok) {
    // When the command does not run the build's output, what it runs (a script) is the blocker to lead with.
    const lead = !prov.fallback;
    blockers.unshift({ rule: decision.rule, line: decision.line, message: decision.message, fundamental: lead });
  }
  let tzNote: string | null = null;
  // scratch has no time zone data: with TZ set on a base that had it and no builder to copy it from, the family's
  // static image (which ships tzdata) is the static target, unless the user asked for scratch.
  if (
    decision.ok &&
    decision.target === 'scratch' &&
    options.staticBase === undefined &&
    (tzLine(facts) ?? installsTzdata(facts)) !== null &&
    !(builderFacts && hasZoneinfo(builderFacts))
  ) {
    const at = tzLine(facts) ?? installsTzdata(facts);
    const what = tzLine(facts) !== null ? 'sets TZ' : 'installs tzdata';
    const fallback = familyStatic(options, builderFacts?.chain[0]?.rootRef ?? null);
    decision.target = fallback.image;
    const ref = targetImage(fallback.image).ref;
    tzNote = `line ${at}: the stage ${what} and no build stage has /usr/share/zoneinfo for scratch, so the static target is ${ref}, which ships tzdata`;
    decision.why += `; the stage ${what} (line ${at}) and no build stage has /usr/share/zoneinfo to copy into scratch, so the static target is ${familyOf(options) === 'distroless' ? 'distroless static' : ref}, which ships tzdata`;
    if (fallback.note) decision.note = fallback.note;
  }
  // Without a target, the line rules still run against a generic minimal image, so one run lists every blocker.
  const target: TargetImage = decision.ok
    ? targetImage(decision.target)
    : { ...provisionalTarget(runtime, options), ref: 'a minimal image' };
  // Only distroless publishes :nonroot tags; DHI and Chainguard images run as a non-root user already.
  const nonrootTag =
    target.passwd &&
    target.family === undefined &&
    (options.nonroot === true || (facts.user !== null && !isRootUser(facts.user.value)));
  const plan: Plan = {
    runtime,
    target,
    targetRef: target.ref + (forced ? forced.tag : nonrootTag ? ':nonroot' : ''),
    nonrootTag,
    builderRef,
    builder,
    builderFacts,
    program,
    targetRule: decision.rule,
    targetWhy: decision.ok ? decision.why : decision.message,
    targetLine: decision.line,
  };
  const ctx: Context = { doc, stage, facts, options, plan };
  // A target chosen without tracing the build says so: the user may know better and make the build traceable.
  const notes = decision.ok && prov.untraced ? [`line ${decision.line}: ${decision.why}`] : [];
  if (tzNote) notes.push(tzNote);
  if (decision.ok && decision.note) notes.push(`line ${decision.line}: ${decision.note}`);
  return finish(doc, ctx, blockers, notes);
}

/** What an interpreted app copies from its build stage. */
const ARTIFACT = /\.(jar|war)$|node_modules|venv|site-packages|\.local$/;

/** RUN lines that install dependencies or build the app: they need the toolchain the minimal image lacks. */
const DEPENDENCY_STEP =
  /(^|[\s;&|(])(npm\s+(ci|i|install|run\s+build)|yarn(\s+install)?(\s|$)|pnpm\s+(i|install)|pip3?\s+install|python3?\s+-m\s+pip\s+install|poetry\s+install|uv\s+(sync|pip\s+install)|pipenv\s+install|mvn|\.\/mvnw|gradle|\.\/gradlew|javac)\b/;

function finish(doc: DockerDocument, ctx: Context, early: Blocker[], earlyNotes: string[] = []): RewriteResult {
  const findings: Finding[] = [];
  for (const t of TRANSFORMS) findings.push(...t.run(ctx));
  const blockers: Blocker[] = [...early];
  const changes: Change[] = [];
  const notes: string[] = [...earlyNotes];
  const edits: Edit[] = [];
  for (const f of findings) {
    if (f.kind === 'block')
      blockers.push({
        rule: f.rule,
        line: f.line,
        message: f.message,
        ...(f.fundamental ? { fundamental: true } : {}),
      });
    else if (f.kind === 'note') notes.push(`line ${f.line}: ${f.message}`);
    else {
      changes.push({ rule: f.rule, line: f.line, why: f.why });
      edits.push(...f.edits);
    }
  }
  const { plan, stage } = ctx;
  // A refusal reports the target only when one was chosen (not the stand-in used to list every blocker).
  const chosen = plan.target.ref === 'a minimal image' ? null : plan.targetRef;
  if (blockers.length > 0) return refuse(doc, plan.runtime, chosen, blockers);
  for (const e of edits) {
    if (e.start < stage.start || e.end > stage.end)
      throw new Error(`edit outside the runtime stage at offset ${e.start}`);
  }
  let output = applyEdits(doc.text, edits);
  if (output === doc.text)
    return result(doc.text, 'unchanged', 'nothing to do', { runtime: plan.runtime, target: plan.targetRef });
  // The behaviour check: the new stage must run what the old one ran, where and as whom it ran (RULES §4, §7.6).
  const declared: Declarations = { env: new Set(), argv: [] };
  for (const f of findings) {
    if (f.kind !== 'edit' || !f.declares) continue;
    for (const name of f.declares.env ?? []) declared.env.add(name);
    if (f.declares.argv) declared.argv.push(f.declares.argv);
  }
  const after = parseDocument(output);
  const newStage = after.stages[stage.index];
  if (!newStage) throw new Error('the rewritten file lost the runtime stage');
  const diffs = compareStages(doc, stage, after, newStage, declared, ctx.options);
  // HOME comes from the image's /etc/passwd: not a setting of the stage, but a program may write there.
  const oldConfig = effectiveConfig(doc, stage);
  const newConfig = effectiveConfig(after, newStage);
  if (!oldConfig.env.has('HOME')) {
    const homes = passwdHomes(doc, stage);
    const oldHome = homeOf(oldConfig.user, imageDefaults(stage.rootRef), homes);
    const newHome = homeOf(newConfig.user, imageDefaults(newStage.rootRef), {});
    // Root's /root rarely matters to a program; a user's own home (/home/node, a created user's) may hold its files.
    if (oldHome !== newHome && oldHome !== '/root')
      notes.push(
        `HOME becomes ${newHome} (it was ${oldHome}): the new image's /etc/passwd sets it; if the program writes there, add ENV HOME=${oldHome}`,
      );
  }
  if (diffs.length > 0) {
    return refuse(
      doc,
      plan.runtime,
      plan.targetRef,
      diffs.map((d) => ({
        rule: `check/${d.property}`,
        line: d.line,
        message: `internal check: ${d.message}; minbase will not write a rewrite that changes what the container does (please report this file)`,
        fundamental: true,
      })),
    );
  }
  if (ctx.options.debugStage) {
    const end = stage.end + (output.length - doc.text.length);
    const added = addDebugStage(ctx, output, stage.start, end);
    if (added) {
      output = added.output;
      changes.push(added.change);
      if (added.note) notes.push(added.note);
    } else {
      notes.push('the file already has a stage named debug: no debug stage added');
    }
  }
  changes.sort((a, b) => a.line - b.line);
  const reason = `${plan.runtime} → ${plan.targetRef}${notes.length ? `\n${notes.join('\n')}` : ''}`;
  return {
    output,
    outcome: 'rewritten',
    runtime: plan.runtime,
    target: plan.targetRef,
    reason,
    changes,
    blockers: [],
    notes,
  };
}

function refuse(
  doc: DockerDocument,
  runtime: Runtime | null,
  target: string | null,
  blockers: Blocker[],
): RewriteResult {
  const fundamental = blockers.filter((b) => b.fundamental);
  // A line a fundamental blocker already names (e.g. the build step of a single stage) is not listed twice.
  const named = new Set(
    fundamental.flatMap((b) => [
      b.line,
      ...[...b.message.matchAll(/\blines? ([\d, ]+)/g)].flatMap((m) => (m[1] as string).split(/,\s*/).map(Number)),
    ]),
  );
  const others = blockers.filter((b) => !b.fundamental && !named.has(b.line)).sort((a, b) => a.line - b.line);
  const head = fundamental[0];
  const rest = [...fundamental.slice(1), ...others];
  const item = (b: Blocker) => `  ${b.line > 0 ? `line ${b.line}: ` : ''}${b.message}`;
  let reason: string;
  if (head) {
    reason = `${head.line > 0 ? `line ${head.line}: ` : ''}${head.message}`;
    if (rest.length > 0) reason += `\nAlso blocking:\n${rest.map(item).join('\n')}`;
  } else {
    const n = rest.length;
    reason = `${n} line${n === 1 ? '' : 's'} of the runtime stage cannot move to ${target ?? 'a minimal image'}:\n${rest.map(item).join('\n')}`;
  }
  return result(doc.text, 'refused', reason, { runtime, target, blockers: [...fundamental, ...others] });
}

function minimalOutcome(
  doc: DockerDocument,
  options: RewriteOptions,
  stage: Stage,
  facts: StageFacts,
  raw: string,
  kind: string,
): RewriteResult {
  const ref = stage.rootRef;
  const image = ref ? distrolessImage(ref) : null;
  const line = stage.from.instr.line + 1;
  if (image !== null && ref) {
    if (LEGACY_DISTROLESS.test(image)) {
      return refuse(doc, null, null, [
        {
          rule: 'catalog/removed-image',
          line,
          message: `${raw} is a legacy distroless name that no longer receives updates (its versioned tags were removed in 2022–2023); move to a current -debian13 image of your runtime version`,
          fundamental: true,
        },
      ]);
    }
    const removal = REMOVED.find((r) => r.pattern.test(image));
    if (removal) {
      const replacement = removal.replacement?.(image) ?? null;
      if (replacement === null || !/^(static|base|base-nossl|cc|java-base)-/.test(image)) {
        const m = replacement === null ? null : /^(java|nodejs|python)(\d+)-/.exec(replacement);
        const token = stage.from.image;
        if (m && token && !stage.parent) {
          const runtime: Runtime = m[1] === 'java' ? 'java' : m[1] === 'nodejs' ? 'node' : 'python';
          const target = RUNTIME_IMAGES[`${runtime}:${m[2]}`];
          if (target) {
            return planAndFinish(doc, options, stage, facts, runtime, null, null, NO_PROVENANCE, null, {
              target,
              tag: ref.tag ? `:${ref.tag}` : '',
              rule: 'catalog/removed-image',
              why: `${raw} was removed on ${removal.removed}, so the file no longer builds; ${target.ref} is the same ${runtime === 'node' ? 'Node' : 'Java'} ${m[2]} on Debian 13${ref.digest ? '; pin its digest yourself' : ''}`,
              line,
            });
          }
        }
        return refuse(doc, null, null, [
          {
            rule: 'catalog/removed-image',
            line,
            message: `${raw} was removed on ${removal.removed} and there is no current image for that runtime version; upgrade the runtime (see the distroless README for current images)${removedImageHint(image, options)}`,
            fundamental: true,
          },
        ]);
      }
      const token = stage.from.image;
      if (!token || stage.parent) {
        return refuse(doc, null, null, [
          {
            rule: 'catalog/removed-image',
            line,
            message: `${raw} was removed on ${removal.removed}; change it to gcr.io/distroless/${replacement}`,
            fundamental: true,
          },
        ]);
      }
      const tag = ref.tag ? `:${ref.tag}` : '';
      const newRef = `gcr.io/distroless/${replacement}${tag}`;
      const output = applyEdits(doc.text, [{ start: token.start, end: token.end, text: newRef }]);
      return {
        output,
        outcome: 'rewritten',
        runtime: null,
        target: newRef,
        reason: `${raw} → ${newRef}`,
        changes: [
          {
            rule: 'catalog/removed-image',
            line,
            why: `${raw} was removed on ${removal.removed}, so the file no longer builds; ${newRef} is the same image on Debian 13${ref.digest ? '; pin its digest yourself' : ''}`,
          },
        ],
        blockers: [],
        notes: [],
      };
    }
    const eol = EOL.find((e) => e.pattern.test(image));
    if (eol) {
      return result(
        doc.text,
        'unchanged',
        `already minimal: ${raw} (note: ${image} reached end of life in ${eol.eol}; consider gcr.io/distroless/${image.replace(/-debian12$/, '-debian13')})`,
        {
          target: raw,
          notes: [`${image} reached end of life in ${eol.eol}`],
        },
      );
    }
  }
  const eolNote = ref ? familyEolNote(ref, options) : null;
  if (eolNote) {
    return result(doc.text, 'unchanged', `already minimal: ${raw} (${kind}; note: ${eolNote})`, {
      target: raw,
      notes: [eolNote],
    });
  }
  return result(doc.text, 'unchanged', `already minimal: ${raw} (${kind})`, { target: raw });
}
