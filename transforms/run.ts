/**
 * run: the target has no shell, so no RUN can stay. Known idioms are replaced (user creation, CA and tzdata
 * installs, packages the target already ships, chmod +x, mkdir of a WORKDIR, no-ops); anything else is refused.
 */
import { joinPath, normalizePath, parentDir } from '../src/analysis.js';
import { builderLibc } from '../src/catalog.js';
import { type Context, type Finding, lineNo, removeInstr, replaceInstr, type Transform } from '../src/context.js';
import type { Instr } from '../src/document.js';
import { basename, splitSimpleCommands, type Token } from '../src/shell.js';
import type { Edit } from '../src/types.js';

type Effect =
  | { kind: 'noop'; what: string }
  | { kind: 'user'; what: string }
  | { kind: 'packages'; packages: string[] }
  | { kind: 'chmod'; files: string[] }
  | { kind: 'mkdir'; dirs: string[] }
  | { kind: 'unknown'; what: string };

const CLEANUP = /^\/var\/(lib\/apt\/lists|cache\/apk|cache\/apt)(\/\*?)?$|^\/tmp\/\*$/;

/** Classifies one simple command of a runtime-stage RUN. */
function classify(cmd: Token[]): Effect {
  const words = cmd.map((t) => (t.type === 'word' ? t.value : ''));
  const text = words.join(' ');
  const prog = basename(words[0] ?? '');
  const expands = cmd.some((t) => t.type === 'word' && (t.expansion || t.tilde));
  if (expands) return { kind: 'unknown', what: text };
  const plain = words.slice(1).filter((w) => !w.startsWith('-'));
  switch (prog) {
    case 'true':
    case ':':
      return words.length === 1 ? { kind: 'noop', what: text } : { kind: 'unknown', what: text };
    case 'set':
      return words.slice(1).every((w) => /^[-+][a-z]+$/.test(w))
        ? { kind: 'noop', what: text }
        : { kind: 'unknown', what: text };
    case 'adduser':
    case 'useradd':
    case 'addgroup':
    case 'groupadd':
      return { kind: 'user', what: text };
    case 'mkdir':
      return words.slice(1).every((w) => !w.startsWith('-') || w === '-p') && plain.length > 0
        ? { kind: 'mkdir', dirs: plain }
        : { kind: 'unknown', what: text };
    case 'update-ca-certificates':
      return { kind: 'noop', what: text };
    case 'rm':
      return words.slice(1).every((w) => w.startsWith('-') || CLEANUP.test(w))
        ? { kind: 'noop', what: text }
        : { kind: 'unknown', what: text };
    case 'apk':
      return packageCommand(
        words.slice(1),
        { install: ['add'], noop: ['update', 'upgrade', 'cache'], valued: ['-t', '--virtual', '-X', '--repository'] },
        text,
      );
    case 'apt-get':
    case 'apt':
      return packageCommand(
        words.slice(1),
        {
          install: ['install'],
          noop: ['update', 'upgrade', 'dist-upgrade', 'clean', 'autoclean', 'autoremove'],
          valued: ['-o', '-t'],
        },
        text,
      );
    case 'chmod': {
      const mode = plain[0];
      if (words.slice(1).some((w) => w.startsWith('-') && !/^-[rwx]+$/.test(w))) return { kind: 'unknown', what: text };
      if (mode && /^(\+x|a\+x|u\+x|ugo\+x|\+rx|a\+rx|0?755)$/.test(mode) && plain.length > 1) {
        return { kind: 'chmod', files: plain.slice(1) };
      }
      return { kind: 'unknown', what: text };
    }
    default:
      return { kind: 'unknown', what: text };
  }
}

function packageCommand(
  args: string[],
  spec: { install: string[]; noop: string[]; valued: string[] },
  text: string,
): Effect {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (spec.valued.includes(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  const sub = words[0];
  if (sub === undefined) return { kind: 'unknown', what: text };
  if (spec.noop.includes(sub)) return { kind: 'noop', what: text };
  if (spec.install.includes(sub)) {
    const packages = words.slice(1).map((p) => p.replace(/[=<>~].*$/, ''));
    return packages.length > 0 ? { kind: 'packages', packages } : { kind: 'noop', what: text };
  }
  return { kind: 'unknown', what: text };
}

const TZDATA_INSTALL = /\b(?:apk|apt-get|apt)\b[^;&|]*\s(?:add|install)\b[^;&|]*\stzdata\b/;

const run: Transform = {
  id: 'run',
  summary: 'Replaces runtime-stage RUN idioms (users, CA/tzdata installs, chmod +x); refuses any other RUN',
  run(ctx) {
    const out: Finding[] = [];
    for (const ins of ctx.stage.body) {
      if (ins.keyword === 'RUN') out.push(...handleRun(ctx, ins));
    }
    return out;
  },
};

function handleRun(ctx: Context, ins: Instr): Finding[] {
  const { doc, plan } = ctx;
  const targetName = plan.target.ref;
  const line = lineNo(ins);
  const block = (message: string): Finding[] => [{ kind: 'block', rule: 'run/no-shell', line, message }];
  if (ins.heredoc) return block(`RUN with a heredoc needs a shell, which ${targetName} does not have`);
  if (ins.args.startsWith('[')) return block(`RUN in exec form runs a program that ${targetName} does not have`);
  const flagged = /^--\w/.test(ins.args);
  if (flagged) return block(`RUN ${ins.args.split(/\s/)[0]} … needs a shell, which ${targetName} does not have`);
  const commands = splitSimpleCommands(ins.args);
  if (commands === null)
    return block(
      `RUN uses pipes, redirects or other shell features; ${targetName} has no shell. Do this work in a build stage and COPY the result`,
    );
  const effects = commands.map(classify);
  const unknown = effects.filter((e): e is Extract<Effect, { kind: 'unknown' }> => e.kind === 'unknown');
  if (unknown.length > 0) {
    const what = unknown.map((u) => `\`${shorten(u.what)}\``).join(', ');
    return block(
      `RUN ${what} cannot run on ${targetName} (no shell, no tools). Do it in a build stage and COPY the result`,
    );
  }
  const findings: Finding[] = [];
  const edits: Edit[] = [];
  const whys: string[] = [];
  let rule = 'run/drop-noop';
  let replacement: string | null = null;
  const packages = effects.flatMap((e) => (e.kind === 'packages' ? e.packages : []));
  if (effects.some((e) => e.kind === 'user')) {
    rule = 'run/drop-user-creation';
    whys.push(
      `creates a user, which cannot run without a shell; the ${plan.target.passwd ? 'nonroot user (65532) of the image' : 'numeric uid 65532'} takes its place`,
    );
  }
  if (packages.length > 0) {
    if (rule === 'run/drop-noop') rule = 'run/drop-packages';
    const ships = new Set(plan.target.ships);
    const isScratch = !plan.target.caCerts;
    // Targets without time zone data: scratch, and some DHI images (node on Alpine, eclipse-temurin on Debian).
    const noTz = isScratch || !ships.has('tzdata');
    const ca: string[] = packages.filter((p) => p === 'ca-certificates' || p === 'ca-certificates-bundle');
    const tz: string[] = packages.filter((p) => p === 'tzdata');
    const others = packages.filter((p) => !ca.includes(p) && !tz.includes(p) && !ships.has(p));
    if (others.length > 0) {
      return block(
        `RUN installs ${others.join(', ')}, which ${targetName} does not have and cannot install (no package manager). Copy what you need from a build stage`,
      );
    }
    if (noTz && tz.length > 0) {
      const builderRoot = plan.builderFacts?.chain[0]?.rootRef ?? null;
      const debianBuilder = builderLibc(builderRoot)?.libc === 'glibc' && builderRoot?.name !== 'ubuntu';
      const builderHasTz =
        debianBuilder || !!plan.builderFacts?.instrs.some((i) => i.keyword === 'RUN' && TZDATA_INSTALL.test(i.args));
      if (!builderHasTz) {
        return block(
          `RUN installs tzdata; ${isScratch ? 'scratch' : targetName} has no time zone data and the builder ${plan.builderRef} may not have /usr/share/zoneinfo. Install tzdata in the builder${isScratch ? ', or use --static-base distroless (which ships it)' : ''}`,
        );
      }
      rule = 'run/tzdata';
      replacement = `COPY --from=${plan.builderRef} /usr/share/zoneinfo /usr/share/zoneinfo`;
      whys.push(
        `installs tzdata: ${isScratch ? 'scratch' : targetName} has no time zone data, so copy the builder's /usr/share/zoneinfo`,
      );
    }
    const dropped = packages.filter((p) => !(noTz && tz.includes(p)));
    if (dropped.length > 0) {
      whys.push(
        isScratch
          ? `installs ${dropped.join(', ')}: the CA bundle is copied from the builder instead`
          : `installs ${dropped.join(', ')}, which ${targetName} already ships`,
      );
    }
  }
  for (const e of effects) {
    if (e.kind !== 'mkdir') continue;
    const missing = e.dirs.filter((d) => !ctx.facts.workdirs.has(joinPath(ctx.facts.workdir, d)));
    if (missing.length > 0) {
      return block(
        `RUN mkdir ${missing.join(' ')} cannot run on ${targetName}; create the directory with WORKDIR, or COPY --from a build stage where it exists`,
      );
    }
    whys.push(`mkdir ${e.dirs.join(' ')}: WORKDIR already creates it`);
  }
  for (const e of effects) {
    if (e.kind !== 'chmod') continue;
    for (const file of e.files) {
      const target = joinPath(ctx.facts.workdir, file);
      const copy = [...ctx.facts.copies].reverse().find(
        (c) =>
          c.instr.line < ins.line &&
          // --chmod sets the mode of everything the COPY copies: only a COPY of exactly that file will do.
          (c.destIsDir
            ? parentDir(target) === c.dest &&
              c.sources.length === 1 &&
              basename(c.sources[0] as string) === basename(target) &&
              !/\/$|[*?[]/.test(c.sources[0] as string)
            : c.dest === normalizePath(target) && c.sources.length === 1),
      );
      if (!copy || !ctx.stage.body.includes(copy.instr)) {
        return block(
          `RUN chmod ${file}: no COPY in this stage copies exactly ${file} (a --chmod on a directory COPY would change the mode of every file in it), so it cannot become COPY --chmod. Set the mode in the build stage, or COPY the file on its own line`,
        );
      }
      if (!/--chmod=/.test(doc.text.slice(copy.instr.start, copy.instr.end))) {
        const at = copy.instr.start + 'COPY'.length;
        if (!edits.some((x) => x.start === at + 1)) edits.push({ start: at + 1, end: at + 1, text: '--chmod=755 ' });
      }
      if (rule === 'run/drop-noop') rule = 'run/chmod-to-copy';
      whys.push(`chmod ${file} becomes COPY --chmod=755 on line ${lineNo(copy.instr)}`);
    }
  }
  if (whys.length === 0)
    whys.push(
      `does nothing the target needs (${effects
        .map((e) => (e.kind === 'noop' ? e.what : ''))
        .filter(Boolean)
        .join('; ')})`,
    );
  edits.push(replacement === null ? removeInstr(doc, ins) : replaceInstr(doc, ins, [replacement]));
  findings.push({ kind: 'edit', rule, line, why: `RUN ${whys.join('; ')}`, edits });
  return findings;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export default run;
