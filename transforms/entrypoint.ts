/**
 * entrypoint: the target has no shell and no entrypoint. The command becomes exec form; when the old stage had
 * only CMD, its program becomes ENTRYPOINT and its arguments stay CMD. Commands that need a shell are refused.
 */
import { type CommandInfo, locateProgram } from '../src/analysis.js';
import { inheritedEntrypoint } from '../src/catalog.js';
import { type Context, execForm, type Finding, lineNo, replaceInstr, type Transform } from '../src/context.js';
import { basename } from '../src/shell.js';

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
    return {
      message: `${cmd.instr.keyword} runs ${word}, copied from the build context (line ${lineNo(found.copy.instr)}); minbase cannot tell what it is or whether it needs a shell`,
    };
  }
  if (!found.origin) {
    return {
      message: `${cmd.instr.keyword} runs ${word}, copied from the image ${found.copy.fromRef} (line ${lineNo(found.copy.instr)}); minbase cannot tell what it needs`,
    };
  }
  return { word: word.includes('/') ? word : found.path };
}

const entrypoint: Transform = {
  id: 'entrypoint',
  summary: 'Writes the command in exec form: the program as ENTRYPOINT, its arguments as CMD',
  run(ctx) {
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
      why,
      edits: [replaceInstr(ctx.doc, cmd.instr, lines)],
    });
    return out;
  },
};

export default entrypoint;
