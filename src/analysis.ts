/** Facts about a stage that transforms share: copies, working directory, users, command, program provenance. */

import { CONSOLE_SCRIPTS } from './catalog.js';
import {
  chainOf,
  type DockerDocument,
  expandVars,
  flagsOf,
  flagValue,
  type Instr,
  parseAssignments,
  type Stage,
  stageByRef,
} from './document.js';
import { basename, splitCommand, tokenize, unquoteWord } from './shell.js';
import type { Runtime } from './types.js';
import { JAVA_NAME } from './versions.js';

export interface CopyInfo {
  instr: Instr;
  /** The `--from` value as written, or null for the build context. */
  fromRef: string | null;
  fromStage: Stage | null;
  sources: string[];
  /** Absolute destination. */
  dest: string;
  destIsDir: boolean;
  /** The destination token as written (for edits), null for JSON form. */
  destToken: { start: number; end: number; value: string } | null;
}

export interface CommandInfo {
  instr: Instr;
  form: 'exec' | 'shell';
  /** The words (exec form, or shell form split as sh would); null when the shell form needs a shell. */
  words: string[] | null;
  needsShell: string | null;
  /** First word, even when the command needs a shell (for detection). */
  program: string | null;
}

/** Directories that exist in every common base image: a COPY to them without a trailing slash lands inside. */
export const STANDARD_DIRS = new Set([
  '/bin',
  '/sbin',
  '/usr',
  '/usr/bin',
  '/usr/sbin',
  '/usr/local',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/usr/lib',
  '/usr/share',
  '/lib',
  '/etc',
  '/opt',
  '/tmp',
  '/var',
  '/srv',
  '/root',
  '/home',
  '/mnt',
  '/media',
  '/run',
]);
export const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Whether `p` is already what normalizePath makes of it: `/`, or `/`-led non-empty parts, none `.` or `..`. */
function isNormalPath(p: string): boolean {
  const n = p.length;
  if (n === 0 || p.charCodeAt(0) !== 47) return false;
  if (n === 1) return true;
  if (p.charCodeAt(n - 1) === 47) return false;
  // Each part starts after a `/`: it must not be empty, `.` or `..`.
  for (let i = 0; i < n; i++) {
    if (p.charCodeAt(i) !== 47) continue;
    const a = p.charCodeAt(i + 1);
    if (a === 47) return false;
    if (a === 46) {
      const b = i + 2 < n ? p.charCodeAt(i + 2) : 47;
      if (b === 47) return false;
      if (b === 46 && (i + 3 >= n || p.charCodeAt(i + 3) === 47)) return false;
    }
  }
  return true;
}

export function normalizePath(p: string): string {
  if (isNormalPath(p)) return p;
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function joinPath(dir: string, p: string): string {
  return p.startsWith('/') ? normalizePath(p) : normalizePath(`${dir}/${p}`);
}

/** Exec form when the arguments are a JSON array of strings (Docker's rule); otherwise shell form. */
export function readCommand(instr: Instr, args = instr.args): CommandInfo {
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) {
        return { instr, form: 'exec', words: parsed, needsShell: null, program: parsed[0] ?? null };
      }
    } catch {
      // not JSON: shell form, as Docker reads it
    }
  }
  const split = splitCommand(args);
  const first = tokenize(args)?.[0];
  const program = first?.type === 'word' ? first.value : null;
  if (split.ok) return { instr, form: 'shell', words: split.words, needsShell: null, program };
  return { instr, form: 'shell', words: null, needsShell: split.why, program };
}

export interface StageFacts {
  chain: Stage[];
  copies: CopyInfo[];
  workdir: string;
  workdirs: Set<string>;
  /** Users and groups created by RUN adduser/useradd/addgroup/groupadd. */
  createdUsers: Set<string>;
  /** Last USER value, if any. */
  user: { value: string; instr: Instr } | null;
  entrypoint: CommandInfo | null;
  cmd: CommandInfo | null;
  /** All instructions of the chain, in order. */
  instrs: Instr[];
  /** ARG and ENV values in force at the end of the stage (ARG defaults resolved), for Docker's substitution. */
  vars: Map<string, string | null>;
}

/**
 * Facts of a stage and its alias chain; computed once per stage (stages belong to one parsed document), kept in
 * the stage's memo (see Stage.memo).
 */
export function stageFacts(doc: DockerDocument, stage: Stage): StageFacts {
  let facts = stage.memo.facts as StageFacts | undefined;
  if (!facts) {
    facts = computeStageFacts(doc, stage);
    stage.memo.facts = facts;
  }
  return facts;
}

function computeStageFacts(doc: DockerDocument, stage: Stage): StageFacts {
  const chain = chainOf(stage);
  const copies: CopyInfo[] = [];
  const workdirs = new Set<string>();
  const createdUsers = new Set<string>();
  let workdir = '/';
  let user: StageFacts['user'] = null;
  let entrypoint: CommandInfo | null = null;
  let cmd: CommandInfo | null = null;
  let cmdStage = -1;
  let epStage = -1;
  const instrs: Instr[] = [];
  const vars = new Map<string, string | null>();
  for (const s of chain) {
    for (const ins of s.body) {
      instrs.push(ins);
      switch (ins.keyword) {
        case 'ARG':
          for (const [k, v] of parseAssignments(ins.args)) vars.set(k, v ?? doc.globalArgs.get(k) ?? null);
          break;
        case 'ENV':
          for (const [k, v] of parseAssignments(ins.args)) if (v !== null) vars.set(k, expandVars(v, vars).value);
          break;
        case 'WORKDIR':
          // Docker substitutes ARG and ENV values in WORKDIR.
          workdir = joinPath(workdir, expandVars(unquoteWord(ins.args), vars).value);
          workdirs.add(workdir);
          break;
        case 'COPY':
        case 'ADD': {
          const c = readCopy(doc, s, ins, workdir, vars);
          if (c) copies.push(c);
          break;
        }
        case 'USER':
          user = { value: ins.args.trim(), instr: ins };
          break;
        case 'RUN':
          for (const name of usersCreatedBy(ins.args)) createdUsers.add(name);
          break;
        case 'ENTRYPOINT':
          entrypoint = readCommand(ins);
          epStage = s.index;
          break;
        case 'CMD':
          cmd = readCommand(ins);
          cmdStage = s.index;
          break;
      }
    }
  }
  // ENTRYPOINT resets a CMD inherited from an earlier stage, not one set in the same stage.
  if (entrypoint && cmd && cmdStage < epStage) cmd = null;
  return { chain, copies, workdir, workdirs, createdUsers, user, entrypoint, cmd, instrs, vars };
}

function readCopy(
  doc: DockerDocument,
  stage: Stage,
  ins: Instr,
  workdir: string,
  vars: Map<string, string | null>,
): CopyInfo | null {
  if (ins.heredoc) return null;
  const { flags, rest } = flagsOf(ins);
  const fromRef = flagValue(flags.get('from'));
  const fromStage = fromRef === null ? null : stageByRef(doc, fromRef, stage.index);
  let words: string[];
  let destToken: CopyInfo['destToken'] = null;
  const restText = rest.map((t) => t.value).join(' ');
  if (restText.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(restText);
      if (!Array.isArray(parsed) || !parsed.every((w) => typeof w === 'string')) return null;
      words = parsed;
    } catch {
      return null;
    }
  } else {
    words = rest.map((t) => t.value);
    const last = rest[rest.length - 1];
    destToken = last ? { start: last.start, end: last.end, value: last.value } : null;
  }
  if (words.length < 2) return null;
  // Docker substitutes ARG and ENV values in COPY paths; a variable without a value stays as written.
  words = words.map((w) => {
    if (!w.includes('$')) return w;
    const r = expandVars(w, vars);
    return r.missing === null ? r.value : w;
  });
  const rawDest = words[words.length - 1] as string;
  const sources = words.slice(0, -1);
  const dest = joinPath(workdir, rawDest);
  const destIsDir =
    rawDest.endsWith('/') || sources.length > 1 || rawDest === '.' || rawDest === './' || STANDARD_DIRS.has(dest);
  return { instr: ins, fromRef, fromStage, sources, dest, destIsDir, destToken };
}

/** Names created by `adduser`/`useradd`/`addgroup`/`groupadd` in a RUN (the last non-option word of each). */
export function usersCreatedBy(run: string): string[] {
  const names: string[] = [];
  if (!/\b(adduser|useradd|addgroup|groupadd)\b/.test(run)) return names;
  const tokens = tokenize(run);
  if (!tokens) return names;
  let cmd: string[] = [];
  const flush = () => {
    const prog = cmd[0];
    if (prog && /^(adduser|useradd|addgroup|groupadd)$/.test(basename(prog))) {
      const args = cmd.slice(1).filter((w) => !w.startsWith('-'));
      const last = args[args.length - 1];
      // `adduser -S app app` (alpine: user then group) and `adduser --ingroup g u`: every plain word may be a name.
      for (const a of args) if (/^[a-z_][a-z0-9_.-]*\$?$/i.test(a) && !/^\d+$/.test(a)) names.push(a);
      if (last && !names.includes(last)) names.push(last);
    }
    cmd = [];
  };
  for (const t of tokens) {
    if (t.type === 'op') flush();
    else cmd.push(t.value);
  }
  flush();
  return names;
}

export function parentDir(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export const GO_BUILD = /(^|[\s;&|(`])(?:xx-)?go\s+(?:build|install)\b/;
export const CARGO_BUILD = /(^|[\s;&|(`])(?:xx-)?cargo\s+(?:\+\S+\s+)?(?:build|install|zigbuild|auditable\s+build)\b/;

/** The build runtime of a stage chain, by its images and RUN lines. */
export function classifyStage(stage: Stage): { runtime: Runtime | null; buildRun: Instr | null } {
  const chain = chainOf(stage);
  let runtime: Runtime | null = null;
  let buildRun: Instr | null = null;
  const root = chain[0]?.rootRef ?? null;
  const name = root?.name ?? '';
  if (name === 'golang') runtime = 'go';
  else if (['rust', 'muslrust', 'rust-musl-cross', 'rust-musl-builder', 'cargo-chef'].includes(name)) runtime = 'rust';
  for (const s of chain) {
    for (const ins of s.body) {
      if (ins.keyword !== 'RUN' || ins.heredoc) continue;
      if (GO_BUILD.test(ins.args) && runtime !== 'rust') {
        runtime = 'go';
        buildRun = ins;
      } else if (CARGO_BUILD.test(ins.args) && runtime !== 'go') {
        runtime = 'rust';
        buildRun = ins;
      }
    }
  }
  if (runtime === null) runtime = interpretedRuntime(name);
  return { runtime, buildRun };
}

export function interpretedRuntime(name: string): Runtime | null {
  if (JAVA_NAME.test(name) || name === 'java') return 'java';
  if (name === 'uv') return 'python';
  if (
    ['eclipse-temurin', 'openjdk', 'amazoncorretto', 'maven', 'gradle', 'ibm-semeru-runtimes', 'sapmachine'].includes(
      name,
    )
  ) {
    return 'java';
  }
  if (name === 'node') return 'node';
  if (name === 'python') return 'python';
  return null;
}

/** Runtime suggested by the command itself (`node x.js`, `java -jar`, `python app.py`, `gunicorn`). */
export function commandRuntime(program: string | null): Runtime | null {
  if (!program) return null;
  const p = basename(program);
  if (p === 'node' || p === 'npm' || p === 'yarn' || p === 'npx' || p === 'pnpm') return 'node';
  if (p === 'java') return 'java';
  if (/^python[\d.]*$/.test(p) || p in CONSOLE_SCRIPTS || p === 'uv' || p === 'poetry' || p === 'pipenv')
    return 'python';
  return null;
}
