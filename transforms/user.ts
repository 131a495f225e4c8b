/**
 * user: the target's /etc/passwd has only root, nobody and nonroot (distroless), the users its catalog entry lists
 * (DHI, Chainguard), or nothing at all (scratch). A user the old stage created by name becomes nonroot (65532);
 * names the target cannot resolve are refused. Where the new image starts as another user or in another directory
 * than the old one (the :nonroot tag, DHI, Chainguard), `USER 0` and an absolute WORKDIR keep them as they were.
 */

import { joinPath } from '../src/analysis.js';
import { imageDefaults } from '../src/behaviour.js';
import { bodyIndent, type Context, type Finding, insertAfter, lineNo, type Transform } from '../src/context.js';
import { expandVars, flagsOf } from '../src/document.js';
import { unquoteWord } from '../src/shell.js';
import { createdHomes, workdirMadeAs } from './split.js';

const NUMERIC: Record<string, string> = { root: '0', nobody: '65534', nonroot: '65532' };

/** Users that official images define: `node` (uid 1000) in node images. */
const DEBIAN_USERS = { 'www-data': '33' };
const IMAGE_USERS: Record<string, Record<string, string>> = {
  node: { node: '1000', ...DEBIAN_USERS },
  python: DEBIAN_USERS,
  debian: DEBIAN_USERS,
  ubuntu: DEBIAN_USERS,
  golang: DEBIAN_USERS,
  rust: DEBIAN_USERS,
};

/** Maps one user or group name to what the target can resolve, or null when it cannot. */
function mapName(ctx: Context, name: string): string | null {
  if (/^\d+$/.test(name)) return name;
  const passwd = ctx.plan.target.passwd;
  const users = ctx.plan.target.users;
  if (ctx.facts.createdUsers.has(name)) return passwd && (!users || 'nonroot' in users) ? 'nonroot' : '65532';
  // Users the old base image defines keep their uid, so files and volumes stay theirs.
  const root = ctx.stage.rootRef;
  const alpine = root !== null && (root.name === 'alpine' || (root.tag ?? '').includes('alpine'));
  const uid = root ? (name === 'www-data' && alpine ? '82' : IMAGE_USERS[root.name]?.[name]) : undefined;
  if (users) {
    // DHI and Chainguard: a name the image has, with the same uid, stays (DHI node's node is 1000, as before).
    if (name in users && (uid === undefined || users[name] === uid)) return name;
    return uid ?? NUMERIC[name] ?? null;
  }
  if (name in NUMERIC) return passwd ? name : (NUMERIC[name] as string);
  return uid ?? null;
}

function mapSpec(ctx: Context, spec: string): string | null {
  const [u, g] = spec.split(':');
  const mu = mapName(ctx, u ?? '');
  if (mu === null) return null;
  if (g === undefined) {
    // A numeric user as written stays; a name that became a number names its group too (no entry to look it up).
    if (/^\d+$/.test(mu) && mu !== u) return `${mu}:${mu}`;
    // A uid the old image's /etc/passwd gave a group (nobody 65534, node 1000) that the target's does not have:
    // without the group written, Docker would run it with gid 0.
    if (/^\d+$/.test(mu) && mu !== '0') {
      const oldUsers = Object.values(imageDefaults(ctx.stage.rootRef).users);
      const targetUsers = ctx.plan.target.passwd ? Object.values(ctx.plan.target.users ?? NUMERIC) : [];
      if (oldUsers.includes(mu) && !targetUsers.includes(mu)) return `${mu}:${mu}`;
    }
    return mu;
  }
  const mg = mapGroup(ctx, g);
  if (mg === null) return null;
  // A group the target cannot name is written as a number, and then the user too, so the line reads as ids.
  if (/^\d+$/.test(mg) && mg !== g) return `${NUMERIC[mu] ?? mu}:${mg}`;
  return `${mu}:${mg}`;
}

/** Groups of Debian's base images by id; distroless /etc/group has root, nobody, tty, staff and nonroot. */
const GROUPS: Record<string, string> = { root: '0', nogroup: '65534', nobody: '65534', nonroot: '65532' };
const DISTROLESS_GROUPS = new Set(['root', 'nobody', 'tty', 'staff', 'nonroot']);

function mapGroup(ctx: Context, name: string): string | null {
  if (/^\d+$/.test(name) || ctx.facts.createdUsers.has(name)) return mapName(ctx, name);
  const users = ctx.plan.target.users;
  if (users) return mapName(ctx, name) ?? GROUPS[name] ?? null;
  if (ctx.plan.target.passwd && DISTROLESS_GROUPS.has(name)) return name;
  return GROUPS[name] ?? mapName(ctx, name);
}

export function isRootUser(spec: string): boolean {
  const u = spec.split(':')[0];
  return u === 'root' || u === '0';
}

const user: Transform = {
  id: 'user',
  summary: 'Maps USER and COPY --chown names to ones the target has (nonroot, 65532)',
  run(ctx) {
    const out: Finding[] = [];
    const target = ctx.plan.target.ref;
    // A working directory the old stage made as its user, where the target already has that directory as root's
    // (DHI node's /app): WORKDIR does not re-own it, so the user could no longer write there.
    const made = workdirMadeAs(ctx.stage, ctx.facts);
    if (made && ctx.plan.target.dirs?.[ctx.facts.workdir] === '0') {
      out.push({
        kind: 'block',
        rule: 'user/workdir-owner',
        line: made.line + 1,
        message: `WORKDIR ${ctx.facts.workdir} runs as ${made.user}, which makes the directory ${made.user.split(':')[0]}'s; ${target} already has ${ctx.facts.workdir} as root's, and WORKDIR never re-owns a directory that exists, so the program could not write there. Use another directory (WORKDIR /home/node/app), or keep this image`,
      });
    }
    let sawUser = false;
    for (const ins of ctx.stage.body) {
      if (ins.keyword === 'USER') {
        sawUser = true;
        const written = ins.args.trim();
        let spec = written;
        if (written.includes('$')) {
          // Docker substitutes ARG and ENV values in USER: with defaults that give a numeric id, it stays as written.
          const r = expandVars(written, ctx.facts.vars);
          if (r.missing !== null || !/^\d+(:\d+)?$/.test(r.value)) {
            out.push({
              kind: 'block',
              rule: 'user/nonroot',
              line: lineNo(ins),
              message:
                r.missing !== null
                  ? `USER ${written} uses \${${r.missing}}, which has no default; minbase cannot tell which user that is. Give the ARG a numeric default`
                  : `USER ${written} names the user ${r.value} through a variable; write the numeric uid (minbase cannot rewrite a name inside a variable)`,
            });
            continue;
          }
          spec = r.value;
        }
        const mapped = mapSpec(ctx, spec);
        if (mapped === null) {
          out.push({
            kind: 'block',
            rule: 'user/nonroot',
            line: lineNo(ins),
            message: `USER ${spec}: ${target} has no user ${spec.split(':')[0]} (it has ${Object.keys(ctx.plan.target.users ?? NUMERIC).join(', ')}); use a numeric uid such as 65532`,
          });
        } else if (mapped !== spec && written === spec) {
          const tok = ins.tokens[0];
          if (!tok) continue;
          const name = spec.split(':')[0] ?? '';
          const created = ctx.facts.createdUsers.has(name);
          const why =
            !created && !(name in NUMERIC)
              ? ctx.plan.target.users?.[name] !== undefined
                ? `user ${name} comes from ${ctx.stage.rootRef?.raw}, and ${target}'s ${name} is uid ${ctx.plan.target.users[name]}, another uid: the old uid and gid (${mapped}) keep files and volumes owned as before`
                : `user ${name} comes from ${ctx.stage.rootRef?.raw}, and ${target} has no such user: its uid and gid (${mapped}) keep files and volumes owned as before`
              : created
                ? `user ${spec.split(':')[0]} was created by a RUN that cannot run on ${target}; ${mapped.startsWith('nonroot') ? "the image's nonroot user (65532)" : 'uid 65532'} takes its place`
                : `${target} has no /etc/passwd to resolve ${spec}: use the numeric id`;
          out.push({
            kind: 'edit',
            rule: 'user/nonroot',
            line: lineNo(ins),
            why,
            edits: [{ start: tok.start, end: ins.end, text: mapped }],
          });
        }
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const chown = flagsOf(ins).flags.get('chown');
        if (!chown) continue;
        const spec = chown.value.slice(chown.value.indexOf('=') + 1);
        if (spec.includes('$')) continue;
        const mapped = mapSpec(ctx, spec);
        if (mapped === null) {
          out.push({
            kind: 'block',
            rule: 'user/nonroot',
            line: lineNo(ins),
            message: `${ins.keyword} --chown=${spec}: ${target} has no such user; use a numeric uid:gid such as 65532:65532`,
          });
        } else if (mapped !== spec) {
          out.push({
            kind: 'edit',
            rule: 'user/nonroot',
            line: lineNo(ins),
            why: `--chown=${spec} names a user ${target} does not have; ${mapped} takes its place`,
            edits: [{ start: chown.start, end: chown.end, text: `--chown=${mapped}` }],
          });
        }
      }
    }
    // A home directory the stage made for its user, used as the WORKDIR: in the new image WORKDIR would make it
    // owned by root, and the user that replaces the created one could not write where it works. The split keeps it.
    for (const h of createdHomes(ctx.doc, ctx.stage, false)) {
      if (!ctx.facts.workdirs.has(h.home)) continue;
      out.push({
        kind: 'block',
        rule: 'user/home',
        line: h.line,
        message: `creates user ${h.user} with the home ${h.home}, which is the WORKDIR: on ${target} WORKDIR would create it owned by root, and the user could not write where it works`,
      });
    }
    // Where the new image starts: the :nonroot tag in /home/nonroot as 65532; DHI and Chainguard as their own
    // non-root user, DHI node and Chainguard's node and jre in /app. The old image's defaults are the catalog's.
    const root = ctx.stage.rootRef;
    const old = imageDefaults(root);
    const image = ctx.plan.target;
    const nonrootTag = ctx.plan.nonrootTag;
    const newWorkdir = image.workdir ?? (nonrootTag ? '/home/nonroot' : '/');
    const newUser = image.user ?? (nonrootTag ? '65532' : '0');
    const starts = nonrootTag && image.family === undefined ? 'the :nonroot tag' : target;
    // DHI and Chainguard have no root default: a stage that ran as root says so (RULES §3, DHI family).
    if (!ctx.options.nonroot && ctx.facts.user === null && newUser !== '0' && isRootUser(old.user)) {
      const at = ctx.stage.from.instr;
      const name = Object.entries(image.users ?? {}).find(([, uid]) => uid === newUser)?.[0];
      out.push({
        kind: 'edit',
        rule: 'user/root',
        line: lineNo(at),
        why: `${target} runs as ${name ? `${name} (${newUser})` : newUser} by default, and the old stage ran as root: USER 0 keeps the user the same (--nonroot leaves it out and runs as the image's user)`,
        edits: [insertAfter(ctx.doc, at, ['USER 0'], bodyIndent(ctx.doc, ctx.stage))],
      });
    }
    if (newWorkdir !== old.workdir) {
      const firstWorkdir = ctx.facts.instrs.find((i) => i.keyword === 'WORKDIR');
      // COPY and ADD to a relative destination before any WORKDIR land in the image's working directory too.
      const relativeCopy = ctx.facts.copies.some(
        (c) =>
          ctx.stage.body.includes(c.instr) &&
          (!firstWorkdir || c.instr.line < firstWorkdir.line) &&
          c.destToken !== null &&
          !/^["']?(\/|\$)/.test(c.destToken.value),
      );
      if (ctx.facts.workdirs.size === 0 || relativeCopy) {
        const at = ctx.stage.from.instr;
        out.push({
          kind: 'edit',
          rule: 'user/nonroot',
          line: lineNo(at),
          why: `${starts} sets WORKDIR ${newWorkdir}, and the old image ran in ${old.workdir}: WORKDIR ${old.workdir} keeps relative paths and the working directory as they were`,
          edits: [insertAfter(ctx.doc, at, [`WORKDIR ${old.workdir}`], bodyIndent(ctx.doc, ctx.stage))],
        });
      } else if (
        firstWorkdir &&
        ctx.stage.body.includes(firstWorkdir) &&
        !/^["']?(\/|\$)/.test(firstWorkdir.args.trim())
      ) {
        // A relative first WORKDIR resolves against the image's own: write it as the absolute path it had.
        const abs = joinPath(old.workdir, unquoteWord(firstWorkdir.args));
        const tok = firstWorkdir.tokens[0];
        if (tok) {
          out.push({
            kind: 'edit',
            rule: 'user/nonroot',
            line: lineNo(firstWorkdir),
            why: `WORKDIR ${firstWorkdir.args.trim()} is relative: the old image started in ${old.workdir}, so it was ${abs}; ${starts} starts in ${newWorkdir}${newWorkdir === '/home/nonroot' ? ' (mode 0700)' : ''}, where it would resolve elsewhere. The absolute path keeps the app where it was`,
            edits: [{ start: tok.start, end: firstWorkdir.end, text: abs }],
          });
        }
      }
    }
    if (ctx.options.nonroot && !sawUser && !ctx.plan.target.passwd) {
      const at = ctx.stage.from.instr;
      out.push({
        kind: 'edit',
        rule: 'user/nonroot',
        line: lineNo(at),
        why: 'scratch has no nonroot tag: run as uid 65532 (--nonroot)',
        edits: [insertAfter(ctx.doc, at, ['USER 65532:65532'], bodyIndent(ctx.doc, ctx.stage))],
      });
    }
    return out;
  },
};

export default user;
