/**
 * entrypoint: the target has no shell and no entrypoint. The command becomes exec form; when the old stage had
 * only CMD, its program becomes ENTRYPOINT and its arguments stay CMD. Commands that need a shell are refused.
 */
import type { CommandInfo } from '../src/analysis.js';
import { builderLibc, inheritedEntrypoint, minimalKind } from '../src/catalog.js';
import {
  type Context,
  execForm,
  type Finding,
  lineNo,
  removeInstr,
  replaceInstr,
  type Transform,
} from '../src/context.js';
import { locateProgram, traceProgram } from '../src/provenance.js';
import { RUNTIMES } from '../src/registry.js';
import type { CommandPlan } from '../src/runtime.js';
import { basename } from '../src/shell.js';
import type { Edit } from '../src/types.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);
const SCRIPT = /\.(sh|bash|ksh|zsh)$|^gradlew$|^mvnw$/;

/** Checks the program and returns the word to write (absolute path for a bare name), or a blocker message. */
function checkProgram(ctx: Context, cmd: CommandInfo, word: string): { word: string } | { message: string } {
  const target = ctx.plan.target.ref;
  const name = basename(word);
  if (SHELLS.has(name)) {
    return {
      message: `${cmd.instr.keyword} runs a shell (${word}); ${target} has none. Run the program directly in exec form`,
    };
  }
  if (SCRIPT.test(name) || /\/build\/install\/[^/]+\/bin\//.test(word)) {
    return {
      message: `${cmd.instr.keyword} runs ${word}, a shell script; ${target} has no shell to run it. Run the program it starts directly`,
    };
  }
  const found = locateProgram(ctx.doc, ctx.facts, word);
  if (!found) {
    return {
      message: `${cmd.instr.keyword} runs ${word}, which no COPY --from a build stage provides; ${target} does not have it`,
    };
  }
  if (found.copy.fromRef === null) {
    const url = found.copy.instr.keyword === 'ADD' && found.copy.sources.some((s) => /^https?:\/\//.test(s));
    return {
      message: url
        ? `${cmd.instr.keyword} runs ${word}, downloaded by ADD (line ${lineNo(found.copy.instr)}); minbase cannot tell how it is linked or whether it needs a shell${basename(word) === 'tini' ? ' (the tini release asset links glibc dynamically; tini-static is the static one)' : ''}. Build or download it in a build stage and COPY it from there`
        : `${cmd.instr.keyword} runs ${word}, copied from the build context (line ${lineNo(found.copy.instr)}); minbase cannot tell what it is or whether it needs a shell`,
    };
  }
  if (!found.origin) {
    return {
      message: `${cmd.instr.keyword} runs ${word}, copied from the image ${found.copy.fromRef} (line ${lineNo(found.copy.instr)}); minbase cannot tell what it needs`,
    };
  }
  // What the program is, by where it comes from (RULES §2): a build output, or something else judged by itself.
  const trace = traceProgram(ctx.doc, ctx.facts, word);
  const o = trace?.origin;
  const from = trace?.stage ? `stage ${trace.stage.name ?? trace.stage.index}` : 'a build stage';
  if (o?.kind === 'context') {
    return {
      message: `${cmd.instr.keyword} runs ${word}, which comes from the build context through ${from} (line ${lineNo(o.copy.instr)}), not from a build: minbase cannot tell what it is or whether it needs a shell. Run the built program directly`,
    };
  }
  if (o?.kind === 'base') {
    return {
      message: `${cmd.instr.keyword} runs ${word}, which no command of ${from} writes (it comes with that stage's image ${o.stage.rootRef?.raw ?? ''}); minbase cannot tell what it needs`,
    };
  }
  if (o?.kind === 'image') {
    return {
      message: `${cmd.instr.keyword} runs ${word}, copied from the image ${o.ref} (line ${lineNo(o.copy.instr)}); minbase cannot tell what it needs`,
    };
  }
  if (o?.kind === 'package') {
    const libc = builderLibc(trace?.stage ? (trace.stage.rootRef ?? null) : null);
    const staticBuild =
      o.pkg === 'tini' && basename(trace?.sourcePath ?? word) === 'tini-static' && o.manager === 'apt';
    if (!staticBuild && (o.manager === 'apk' || libc?.libc === 'musl')) {
      return {
        message: `${cmd.instr.keyword} runs ${word} (copied on line ${lineNo(found.copy.instr)}), installed by apk in ${from} (line ${lineNo(o.step.instr)}): Alpine's ${o.pkg} links musl, which ${target} cannot load. Copy a static build (Debian's tini package ships /usr/bin/tini-static), or drop it and run the container with docker run --init`,
      };
    }
    if (!staticBuild && ctx.plan.target.glibc === null) {
      return {
        message: `${cmd.instr.keyword} runs ${word}, installed by ${o.manager} in ${from} (line ${lineNo(o.step.instr)}): a dynamically linked program, and ${target} has no C library. Copy a static build (for tini: /usr/bin/tini-static from Debian's tini package)`,
      };
    }
  }
  return { word: word.includes('/') ? word : found.path };
}

const WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit']);

/** Interpreter images (java, nodejs, python3): the image runs the interpreter; the command supplies its arguments. */
function interpreterCommand(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const { plan, stage } = ctx;
  const target = plan.target.ref;
  const imageEntrypoint = plan.target.entrypoint ?? [];
  // DHI sets no ENTRYPOINT and has the interpreter on PATH: the command names it (`node`, `python3`, `java`).
  const onPath = plan.target.interpreter;
  const binary = imageEntrypoint[0] ?? onPath ?? '';
  /** How the command names the interpreter: the image's path, or on DHI the word as written when PATH finds it. */
  const interpreterWord = (w: string) =>
    onPath !== undefined && !w.includes('/') && (plan.target.programs ?? []).includes(w) ? w : binary;
  const interpreterOnly = (w: string[]) =>
    w.length === 1 && /^(node|nodejs|java|python[\d.]*)$/.test(basename(w[0] ?? ''));
  const module = RUNTIMES[plan.runtime];
  const translate = (c: CommandInfo, words: string[]): CommandPlan =>
    module.translate?.(ctx, words) ?? { kind: 'block', message: `${c.instr.keyword} cannot be translated` };
  const full = (p: Exclude<CommandPlan, { kind: 'block' }>) =>
    p.kind === 'full' || p.kind === 'cmd' ? p.words : [...imageEntrypoint, ...p.words];
  const { entrypoint: ep, cmd } = ctx.facts;
  const own = (c: CommandInfo | null): c is CommandInfo => c !== null && stage.body.includes(c.instr);
  const block = (c: CommandInfo, message: string) =>
    out.push({
      kind: 'block',
      rule: 'entrypoint/exec-form',
      line: lineNo(c.instr),
      message: `${c.instr.keyword} ${message}`,
    });
  const edit = (c: CommandInfo, lines: string[], why: string, p?: CommandPlan) =>
    out.push({
      kind: 'edit',
      rule: 'entrypoint/exec-form',
      line: lineNo(c.instr),
      why:
        lines.some((l) => l.startsWith('ENTRYPOINT')) && c.instr.keyword === 'CMD'
          ? `${why}${earlierNote(ctx, c)}`
          : why,
      edits: [
        replaceInstr(ctx.doc, c.instr, lines),
        ...(lines.some((l) => l.startsWith('ENTRYPOINT')) && c.instr.keyword === 'CMD' ? earlierCmds(ctx, c) : []),
      ],
      ...(p && p.kind !== 'block' && p.declares ? { declares: { argv: p.declares } } : {}),
    });
  const needsShell = (c: CommandInfo) =>
    `${c.needsShell}: it needs a shell, which ${target} does not have. Put settings in ENV (JVM options in JAVA_TOOL_OPTIONS, Node options in NODE_OPTIONS)`;
  const root = stage.rootRef;
  const sameImage = root !== null && minimalKind(root) === 'distroless';
  const inherited = root && !sameImage ? inheritedEntrypoint(root) : null;
  const wrapperNote = inherited
    ? `; the entrypoint wrapper of ${root?.raw} (${inherited.join(' ')}) is not part of the app's command and is dropped`
    : '';

  if (ep) {
    if (ep.words === null)
      return [
        {
          kind: 'block',
          rule: 'entrypoint/exec-form',
          line: lineNo(ep.instr),
          message: `ENTRYPOINT ${needsShell(ep)}`,
        },
      ];
    if (ep.form === 'shell' && cmd) {
      block(ep, `in shell form ignores CMD (line ${lineNo(cmd.instr)}); write both in exec form yourself`);
      return out;
    }
    if (cmd && cmd.form === 'shell') {
      block(
        cmd,
        `in shell form passes "/bin/sh -c …" to the ENTRYPOINT as arguments; ${target} has no /bin/sh. Write CMD in exec form`,
      );
      return out;
    }
    const words = ep.words;
    const first = words[0] ?? '';
    if (interpreterOnly(words)) {
      const word = interpreterWord(first);
      if (own(ep) && JSON.stringify([word]) !== JSON.stringify(words)) {
        edit(
          ep,
          [`ENTRYPOINT ${execForm([word])}`],
          onPath !== undefined
            ? `the stage's ENTRYPOINT is the interpreter and CMD names the program: ${target} has ${word} on PATH, not ${first}`
            : `the stage's ENTRYPOINT is the interpreter and CMD names the program: ${first} is written as ${binary}, its absolute path in ${target}`,
        );
      }
      return out;
    }
    if (WRAPPERS.has(basename(first))) {
      const found = locateProgram(ctx.doc, ctx.facts, first);
      if (!found?.origin) {
        block(
          ep,
          `runs ${first}, which ${found ? 'is not copied from a build stage' : 'the runtime stage installs with a package manager or the old image provides'}; ${target} cannot have it that way. COPY a static ${basename(first)} from a build stage, or drop it and run the container with docker run --init`,
        );
        return out;
      }
      const dash = words.indexOf('--');
      const split = dash >= 0 ? dash + 1 : words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
      const wrapper = split < 0 ? words : words.slice(0, split);
      const rest = split < 0 ? [] : words.slice(split);
      const wrapperWords = [first.includes('/') ? first : found.path, ...wrapper.slice(1)];
      if (interpreterOnly(rest)) {
        const next = [...wrapperWords, interpreterWord(rest[0] as string)];
        if (own(ep) && JSON.stringify(next) !== JSON.stringify(words)) {
          edit(
            ep,
            [`ENTRYPOINT ${execForm(next)}`],
            `${basename(first)} starts ${rest[0]} by path and CMD names the program: ${rest[0]} is written as ${binary}, its absolute path in ${target}`,
          );
        }
        return out;
      }
      if (rest.length > 0) {
        const p = translate(ep, rest);
        if (p.kind === 'block')
          return [
            { kind: 'block', rule: 'entrypoint/exec-form', line: lineNo(ep.instr), message: `ENTRYPOINT ${p.message}` },
          ];
        const next = [...wrapperWords, ...full(p)];
        if (own(ep) && JSON.stringify(next) !== JSON.stringify(words))
          edit(
            ep,
            [`ENTRYPOINT ${execForm(next)}`],
            p.kind === 'cmd'
              ? p.why
              : `${p.why}; ${basename(first)} starts it by path, so the interpreter is named absolutely`,
            p,
          );
      } else if (cmd?.words) {
        const p = translate(cmd, cmd.words);
        if (p.kind === 'block')
          return [
            { kind: 'block', rule: 'entrypoint/exec-form', line: lineNo(cmd.instr), message: `CMD ${p.message}` },
          ];
        const next = full(p);
        if (own(cmd) && JSON.stringify(next) !== JSON.stringify(cmd.words))
          edit(
            cmd,
            [`CMD ${execForm(next)}`],
            p.kind === 'cmd'
              ? p.why
              : `${p.why}; ${basename(first)} (ENTRYPOINT) starts it by path, so the interpreter is named absolutely`,
            p,
          );
      }
      return out;
    }
    const p = translate(ep, words);
    if (p.kind === 'block') {
      block(ep, p.message);
      return out;
    }
    const next = full(p);
    if (own(ep) && (ep.form === 'shell' || JSON.stringify(next) !== JSON.stringify(words))) {
      const why =
        (p.kind === 'full' || p.kind === 'cmd') && JSON.stringify(p.words) === JSON.stringify(words)
          ? ep.form === 'shell'
            ? 'exec form runs the same words without a shell'
            : p.why
          : p.kind === 'cmd'
            ? p.why
            : `the stage's own ENTRYPOINT replaces the image's, so it names the interpreter by its absolute path (${next[0]}) instead of ${words[0]}; the same words run`;
      edit(ep, [`ENTRYPOINT ${execForm(next)}`], why, p);
    }
    return out;
  }
  if (!cmd) return out;
  if (cmd.words === null) {
    block(cmd, needsShell(cmd));
    return out;
  }
  if (sameImage) return out;
  // CMD ["dumb-init", "node", "server.js"]: the wrapper becomes the ENTRYPOINT (the image's own would run before it)
  // and the program with its arguments the CMD, as a CMD-only command is written on images without one.
  const first = cmd.words[0] ?? '';
  if (WRAPPERS.has(basename(first)) && own(cmd)) {
    const found = locateProgram(ctx.doc, ctx.facts, first);
    if (!found?.origin) {
      block(
        cmd,
        `runs ${first}, which ${found ? 'is not copied from a build stage' : 'the runtime stage installs with a package manager or the old image provides'}; ${target} cannot have it that way. COPY a static ${basename(first)} from a build stage, or drop it and run the container with docker run --init`,
      );
      return out;
    }
    const words = cmd.words;
    const dash = words.indexOf('--');
    const split = dash >= 0 ? dash + 1 : words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
    const rest = split < 0 ? [] : words.slice(split);
    if (rest.length === 0) {
      block(cmd, `runs ${first} with no program to start`);
      return out;
    }
    const p = translate(cmd, rest);
    if (p.kind === 'block') {
      block(cmd, p.message);
      return out;
    }
    const wrapperWords = [first.includes('/') ? first : found.path, ...words.slice(1, split)];
    edit(
      cmd,
      [`ENTRYPOINT ${execForm(wrapperWords)}`, `CMD ${execForm(full(p))}`],
      `${basename(first)} starts the program: it becomes the ENTRYPOINT (by its path ${wrapperWords[0]}), and the program with its arguments the CMD, with ${full(p)[0]} named absolutely${wrapperNote}`,
      p,
    );
    return out;
  }
  const p = translate(cmd, cmd.words);
  if (p.kind === 'block') {
    block(cmd, p.message);
    return out;
  }
  if (!own(cmd)) return out;
  if (
    (p.kind === 'args' || p.kind === 'cmd') &&
    cmd.form === 'exec' &&
    JSON.stringify(p.words) === JSON.stringify(cmd.words)
  ) {
    // The command stays as written; the wrapper the old image ran before it is gone all the same.
    if (inherited && p.kind === 'cmd')
      out.push({
        kind: 'note',
        rule: 'entrypoint/exec-form',
        line: lineNo(cmd.instr),
        message: `the entrypoint wrapper of ${root?.raw} (${inherited.join(' ')}) is not part of the app's command: ${target} runs the command as written, without it`,
      });
    return out;
  }
  if (p.kind === 'args' || p.kind === 'cmd') edit(cmd, [`CMD ${execForm(p.words)}`], `${p.why}${wrapperNote}`, p);
  else edit(cmd, [`ENTRYPOINT ${execForm(p.words)}`], `${p.why}${wrapperNote}`, p);
  return out;
}

const entrypoint: Transform = {
  id: 'entrypoint',
  summary: 'Writes the command in exec form: the program as ENTRYPOINT, its arguments as CMD',
  run(ctx) {
    if (ctx.plan.target.entrypoint !== null || ctx.plan.target.interpreter !== undefined)
      return interpreterCommand(ctx);
    const out: Finding[] = [];
    const { entrypoint: ep, cmd } = ctx.facts;
    const own = (c: CommandInfo | null) => c !== null && ctx.stage.body.includes(c.instr);
    const target = ctx.plan.target.ref;
    const block = (c: CommandInfo, message: string) =>
      out.push({ kind: 'block', rule: 'entrypoint/exec-form', line: lineNo(c.instr), message });
    const needsShell = (c: CommandInfo) =>
      `${c.instr.keyword} ${c.needsShell}: it needs a shell, which ${target} does not have. Put the logic in the program, or pass settings through ENV`;

    if (ep) {
      if (ep.form === 'shell' && cmd) {
        block(
          ep,
          `ENTRYPOINT in shell form ignores CMD (line ${lineNo(cmd.instr)}); in exec form CMD would become its arguments. Write both in exec form yourself`,
        );
        return out;
      }
      if (cmd && cmd.form === 'shell') {
        block(
          cmd,
          `CMD in shell form passes "/bin/sh -c …" to the ENTRYPOINT as arguments; ${target} has no /bin/sh. Write CMD in exec form`,
        );
      }
      if (ep.words === null) {
        block(ep, needsShell(ep));
        return out;
      }
      const prog = ep.words[0];
      if (prog === undefined) return out;
      const checked = checkProgram(ctx, ep, prog);
      if ('message' in checked) {
        block(ep, checked.message);
        return out;
      }
      if (ep.form === 'shell' || checked.word !== prog) {
        if (!own(ep)) return out;
        const words = [checked.word, ...ep.words.slice(1)];
        const why =
          ep.form === 'shell'
            ? `${target} has no shell: exec form runs ${checked.word} directly with the same arguments`
            : `${target} has no shell to search PATH: name the file the stage copies (${checked.word})`;
        out.push({
          kind: 'edit',
          rule: 'entrypoint/exec-form',
          line: lineNo(ep.instr),
          why,
          edits: [replaceInstr(ctx.doc, ep.instr, [`ENTRYPOINT ${execForm(words)}`])],
        });
      }
      return out;
    }
    if (!cmd) return out;
    if (cmd.words === null) {
      block(cmd, needsShell(cmd));
      return out;
    }
    const prog = cmd.words[0];
    if (prog === undefined) return out;
    const checked = checkProgram(ctx, cmd, prog);
    if ('message' in checked) {
      block(cmd, checked.message);
      return out;
    }
    if (!own(cmd)) return out;
    const args = cmd.words.slice(1);
    const lines = [`ENTRYPOINT ${execForm([checked.word])}`];
    if (args.length > 0) lines.push(`CMD ${execForm(args)}`);
    const root = ctx.stage.rootRef;
    const inherited = root ? inheritedEntrypoint(root) : null;
    let why = `${target} has no shell and no entrypoint: ${checked.word} becomes ENTRYPOINT${args.length ? ', its arguments stay CMD so `docker run IMAGE ARGS` still replaces only the arguments' : ''}`;
    if (cmd.form === 'shell') why += '; the shell-form words are kept as sh would split them';
    if (inherited)
      why += `; the entrypoint wrapper of ${root?.raw} (${inherited.join(' ')}) is not part of the app's command and is dropped`;
    if (inherited === undefined && root) {
      why += `; ${root.raw} is not in minbase's catalog: if it set an ENTRYPOINT, the new image no longer runs it`;
    }
    out.push({
      kind: 'edit',
      rule: 'entrypoint/exec-form',
      line: lineNo(cmd.instr),
      why: `${why}${earlierNote(ctx, cmd)}`,
      edits: [replaceInstr(ctx.doc, cmd.instr, lines), ...earlierCmds(ctx, cmd)],
    });
    return out;
  },
};

/**
 * Earlier CMD lines of the stage: Docker keeps a CMD the stage set before a later ENTRYPOINT (it resets only an
 * inherited one), so when the last CMD becomes ENTRYPOINT they would come back as its arguments. They were dead
 * in the old file (a later CMD replaced them): delete them.
 */
function earlierCmds(ctx: Context, cmd: CommandInfo): Edit[] {
  return ctx.stage.body
    .filter((i) => i.keyword === 'CMD' && i.line < cmd.instr.line)
    .map((i) => removeInstr(ctx.doc, i));
}

function earlierNote(ctx: Context, cmd: CommandInfo): string {
  const lines = ctx.stage.body.filter((i) => i.keyword === 'CMD' && i.line < cmd.instr.line).map(lineNo);
  if (lines.length === 0) return '';
  return `; the earlier CMD on line${lines.length > 1 ? 's' : ''} ${lines.join(', ')} (replaced by this one) is deleted, since a CMD the stage sets before an ENTRYPOINT stays in force after it`;
}

export default entrypoint;
