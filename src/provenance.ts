/**
 * Program provenance (RULES §2): the program the container execs, traced back through `COPY --from` (export stages
 * included) to the one command that wrote it, with the environment in force for that command. Facts about one
 * build never transfer to another binary of the same stage; what cannot be traced stays unknown.
 */
import {
  type CopyInfo,
  joinPath,
  normalizePath,
  PATH_DIRS,
  parentDir,
  type StageFacts,
  stageFacts,
} from './analysis.js';
import { chainOf, type DockerDocument, expandVars, type Instr, parseAssignments, type Stage } from './document.js';
import { basename, tokenize } from './shell.js';

/** One simple command of a RUN, with the working directory and environment in force for it. */
export interface Step {
  stage: Stage;
  instr: Instr;
  /** The command's words, variables expanded where the environment resolves them. */
  words: string[];
  /** Whether some word still holds a variable minbase could not resolve. */
  unresolved: boolean;
  /** Indexes (in `words`) of those words. */
  unresolvedAt: Set<number>;
  cwd: string;
  env: Map<string, string>;
  /** Where the variable that decides a fact was set: `CGO_ENABLED` → line (1-based). */
  envLines: Map<string, number>;
}

export type Origin =
  /** Written by `go build`/`go install` or `cargo build`/`cargo install`. */
  | { kind: 'build'; tool: 'go' | 'cargo'; step: Step }
  /** Installed by a package manager (apk, apt-get) in that stage. */
  | { kind: 'package'; manager: 'apk' | 'apt'; step: Step; pkg: string }
  /** Copied from the build context into a stage (a script, a prebuilt binary). */
  | { kind: 'context'; stage: Stage | null; copy: CopyInfo }
  /** Copied from an external image (`COPY --from=alpine:3 ...`). */
  | { kind: 'image'; ref: string; copy: CopyInfo }
  /** Nothing in the stage writes it: it came with the stage's base image. */
  | { kind: 'base'; stage: Stage }
  /** A Java runtime a command made (`jlink --output DIR`): DIR/bin/java and the rest of the runtime. */
  | { kind: 'runtime'; tool: 'jlink'; step: Step }
  /** A command may write it but minbase cannot tell which or how (a Makefile, a script, a loop, a variable). */
  | { kind: 'untraced'; stage: Stage; instr: Instr; why: string };

export interface Trace {
  /** Absolute path of the program in the runtime stage. */
  path: string;
  /** The runtime stage's COPY that brings it. */
  copy: CopyInfo;
  /** The path in the stage the origin names. */
  sourcePath: string;
  /** The stage the last COPY --from names (whose chain holds the origin), null for the context or an image. */
  stage: Stage | null;
  origin: Origin;
}

const MAX_HOPS = 12;

export interface ProgramSource {
  /** Absolute path of the program in the runtime stage. */
  path: string;
  copy: CopyInfo;
  /** The stage that produced the file, after following COPY --from chains (null: the context or an image). */
  origin: Stage | null;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The PATH the stage sets (`ENV PATH=/opt/jre/bin:$PATH`), expanded against the default; null when it sets none. */
export function stagePath(facts: StageFacts): string[] | null {
  let path: string | null = null;
  const vars = new Map<string, string | null>([['PATH', DEFAULT_PATH]]);
  for (const i of facts.instrs) {
    if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
    for (const [k, v] of parseAssignments(i.args)) {
      if (v === null) continue;
      const value = expandVars(v, vars).value;
      vars.set(k, value);
      if (k === 'PATH' && i.keyword === 'ENV') path = value;
    }
  }
  return path === null ? null : path.split(':').filter(Boolean);
}

/** A bare program name looked up on the stage's own PATH among the files the stage copies, else as PATH_DIRS. */
export function resolveProgram(facts: StageFacts, word: string): { path: string; copy: CopyInfo } | null {
  if (word.includes('/')) return findProgramCopy(facts, word);
  for (const dir of stagePath(facts) ?? imagePath(facts) ?? []) {
    const path = `${dir.replace(/\/+$/, '')}/${word}`;
    const hit = findProgramCopy(facts, path);
    // A directory copied somewhere above a PATH entry does not show that the program is there (node_modules/.bin);
    // a Java runtime copied whole does have bin/java.
    if (hit && (hit.copy.dest === path || parentDir(path) === hit.copy.dest || word === 'java')) return hit;
  }
  return findProgramCopy(facts, word);
}

/** The PATH an official image sets beyond the default (cargo's and Go's bin directories). */
function imagePath(facts: StageFacts): string[] | null {
  const name = facts.chain[0]?.rootRef?.name;
  const extra =
    name === 'rust' ? ['/usr/local/cargo/bin'] : name === 'golang' ? ['/go/bin', '/usr/local/go/bin'] : null;
  return extra ? [...extra, ...DEFAULT_PATH.split(':')] : null;
}

/** Where does the program come from? Null when no COPY in the stage provides it. */
export function locateProgram(doc: DockerDocument, facts: StageFacts, word: string): ProgramSource | null {
  const hit = resolveProgram(facts, word);
  if (!hit) return null;
  let origin: Stage | null = hit.copy.fromStage;
  let path = sourcePath(hit.copy, hit.path);
  for (let depth = 0; origin && path && depth < MAX_HOPS; depth++) {
    const w = findWriter(doc, origin, path);
    if (w.kind !== 'copy' || !w.copy.fromStage) break;
    path = w.path;
    origin = w.copy.fromStage;
  }
  return { path: hit.path, copy: hit.copy, origin };
}

/** Traces the program `word` (as the command names it) of the runtime stage; null when no COPY brings it. */
export function traceProgram(doc: DockerDocument, facts: StageFacts, word: string): Trace | null {
  const hit = resolveProgram(facts, word);
  if (!hit) return null;
  let copy = hit.copy;
  let path = sourcePath(copy, hit.path);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (copy.fromRef === null)
      return { path: hit.path, copy: hit.copy, sourcePath: path ?? '', stage: null, origin: ctxOrigin(copy) };
    const from = copy.fromStage;
    if (!from) {
      const origin: Origin = { kind: 'image', ref: copy.fromRef, copy };
      return { path: hit.path, copy: hit.copy, sourcePath: path ?? '', stage: null, origin };
    }
    if (path === null) {
      return {
        path: hit.path,
        copy: hit.copy,
        sourcePath: '',
        stage: from,
        origin: {
          kind: 'untraced',
          stage: from,
          instr: copy.instr,
          why: `line ${copy.instr.line + 1} copies several sources, so minbase cannot tell which one is the program`,
        },
      };
    }
    const writer = findWriter(doc, from, path);
    if (writer.kind === 'copy') {
      copy = writer.copy;
      path = writer.path;
      if (copy.fromRef === null) {
        const origin: Origin = { kind: 'context', stage: from, copy };
        return { path: hit.path, copy: hit.copy, sourcePath: path ?? '', stage: from, origin };
      }
      continue;
    }
    return { path: hit.path, copy: hit.copy, sourcePath: writer.path, stage: from, origin: writer.origin };
  }
  return null;
}

function ctxOrigin(copy: CopyInfo): Origin {
  return { kind: 'context', stage: null, copy };
}

/** The runtime stage's COPY that provides the program, and its absolute path. */
export function findProgramCopy(facts: StageFacts, word: string): { path: string; copy: CopyInfo } | null {
  const copies = facts.copies;
  if (word.includes('/')) {
    const abs = joinPath(facts.workdir, word);
    for (let i = copies.length - 1; i >= 0; i--) {
      const c = copies[i] as CopyInfo;
      if (c.destIsDir ? namedInDir(c, abs) : abs === c.dest) return { path: abs, copy: c };
    }
    // A path below a COPY's destination: that COPY copied a directory there, with or without a trailing slash.
    for (let i = copies.length - 1; i >= 0; i--) {
      const c = copies[i] as CopyInfo;
      if (abs.startsWith(c.dest === '/' ? '/' : `${c.dest}/`)) return { path: abs, copy: c };
    }
    return null;
  }
  // A bare name is looked up on PATH: a file copied into a PATH directory by name, or a directory copied there.
  for (let i = copies.length - 1; i >= 0; i--) {
    const c = copies[i] as CopyInfo;
    if (!c.destIsDir && basename(c.dest) === word && PATH_DIRS.includes(parentDir(c.dest))) {
      return { path: c.dest, copy: c };
    }
    if (c.destIsDir && PATH_DIRS.includes(c.dest)) {
      const named = c.sources.some((s) => basename(s) === word && !/[*?[]/.test(s));
      const dirCopy = c.sources.length === 1 && isDirSource(c.sources[0] as string);
      if (named || dirCopy) return { path: `${c.dest}/${word}`, copy: c };
    }
  }
  return null;
}

function isDirSource(s: string): boolean {
  return s.endsWith('/') || s === '.' || s.endsWith('/.');
}

function namedInDir(c: CopyInfo, path: string): boolean {
  return parentDir(path) === c.dest && c.sources.some((s) => basename(s) === basename(path) && !/[*?[]/.test(s));
}

/** The path in the COPY's source that lands at `path`; null when that cannot be told. */
export function sourcePath(c: CopyInfo, path: string): string | null {
  if (!c.destIsDir) {
    if (c.sources.length !== 1) return null;
    const src = c.sources[0] as string;
    if (path === c.dest) return normalizePath(src);
    return /[*?[]/.test(src) ? null : joinPath(src, path.slice(c.dest.length + 1));
  }
  const rest = path === c.dest ? '' : path.slice(c.dest === '/' ? 1 : c.dest.length + 1);
  const named = c.sources.find((s) => basename(s) === rest.split('/')[0] && !isDirSource(s) && !/[*?[]/.test(s));
  if (named) return normalizePath(`${named}${rest.includes('/') ? rest.slice(rest.indexOf('/')) : ''}`);
  if (c.sources.length === 1) {
    const s = c.sources[0] as string;
    if (/[*?[]/.test(s)) return null;
    return joinPath(s === '.' ? '/' : s, rest);
  }
  return null;
}

type Writer = { kind: 'copy'; copy: CopyInfo; path: string | null } | { kind: 'origin'; origin: Origin; path: string };

/**
 * Finds what writes `path` in a stage (and its alias chain): the last COPY or RUN command that surely does. When
 * none does, the last RUN that may have (a build tool, a script, a loop, a variable output path) leaves it untraced;
 * with neither, the file came with the base image.
 */
function findWriter(doc: DockerDocument, stage: Stage, path: string): Writer {
  const facts = stageFacts(doc, stage);
  const steps = stageSteps(doc, stage);
  let target = path;
  const chain = chainOf(stage);
  const instrs = chain.flatMap((s) => s.body.map((i) => ({ s, i })));
  let maybe: Origin | null = null;
  for (let k = instrs.length - 1; k >= 0; k--) {
    const { s, i } = instrs[k] as { s: Stage; i: Instr };
    if (i.keyword === 'COPY' || i.keyword === 'ADD') {
      const c = facts.copies.find((x) => x.instr === i);
      if (!c) continue;
      // A path below a COPY's destination means it copied a directory there, slash or not.
      const covers = target === c.dest || target.startsWith(c.dest === '/' ? '/' : `${c.dest}/`);
      if (!covers) continue;
      if (c.destIsDir && c.sources.length > 1 && !namedInDir(c, target)) {
        // Several sources into one directory and none named like the file: any of them may hold it.
        if (maybe) break;
        return { kind: 'copy', copy: c, path: null };
      }
      if (maybe) break;
      return { kind: 'copy', copy: c, path: sourcePath(c, target) };
    }
    if (i.keyword !== 'RUN') continue;
    const own = steps.filter((st) => st.instr === i);
    let moved = false;
    for (let j = own.length - 1; j >= 0; j--) {
      const st = own[j] as Step;
      const w = writes(st, target);
      if (w === null) continue;
      if (w.kind === 'moved') {
        target = w.from;
        moved = true;
        continue;
      }
      return { kind: 'origin', origin: w.origin, path: target };
    }
    if (!maybe && !moved) maybe = opaqueWriter(s, i, own, target);
  }
  if (maybe) return { kind: 'origin', origin: maybe, path: target };
  return { kind: 'origin', origin: { kind: 'base', stage: chain[0] as Stage }, path: target };
}

type Write = { kind: 'moved'; from: string } | { kind: 'origin'; origin: Origin };

const GO_TOOL = /^(?:xx-)?go$/;
const CARGO_TOOL = /^(?:xx-)?cargo$/;

/** Whether one simple command writes `target`, and how. */
function writes(st: Step, target: string): Write | null {
  const w = st.words;
  let k = 0;
  while (k < w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[k] as string)) k++;
  if (w[k] === 'env') {
    k++;
    while (k < w.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w[k] as string) || (w[k] as string).startsWith('-'))) k++;
  }
  const prog = basename(w[k] ?? '');
  const args = w.slice(k + 1);
  if (GO_TOOL.test(prog) && (args[0] === 'build' || args[0] === 'install')) {
    return goWrites(st, args, k + 1, target)
      ? { kind: 'origin', origin: { kind: 'build', tool: 'go', step: st } }
      : null;
  }
  if (CARGO_TOOL.test(prog) && cargoSub(args) !== null) {
    return cargoWrites(st, args, k + 1, target)
      ? { kind: 'origin', origin: { kind: 'build', tool: 'cargo', step: st } }
      : null;
  }
  if (prog === 'cp' || prog === 'mv' || prog === 'install') {
    const plain: string[] = [];
    let dirDest: string | null = null;
    for (let a = 0; a < args.length; a++) {
      const x = args[a] as string;
      if (x === '-t' || x === '--target-directory') {
        dirDest = args[++a] ?? null;
        continue;
      }
      if (x.startsWith('--target-directory=')) {
        dirDest = x.slice(x.indexOf('=') + 1);
        continue;
      }
      if (prog === 'install' && (x === '-m' || x === '-o' || x === '-g' || x === '--mode' || x === '--owner')) {
        a++;
        continue;
      }
      if (x.startsWith('-')) continue;
      plain.push(x);
    }
    const dest = dirDest ?? plain.pop();
    if (!dest || plain.length === 0) return null;
    const absDest = joinPath(st.cwd, dest);
    const intoDir = dirDest !== null || dest.endsWith('/') || plain.length > 1;
    for (const src of plain) {
      const absSrc = joinPath(st.cwd, src);
      if (!intoDir && absDest === target) return { kind: 'moved', from: absSrc };
      if (parentDir(target) === absDest && basename(absSrc) === basename(target))
        return { kind: 'moved', from: absSrc };
    }
    if (!intoDir && plain.length === 1 && target.startsWith(`${absDest}/`)) {
      return { kind: 'moved', from: `${joinPath(st.cwd, plain[0] as string)}${target.slice(absDest.length)}` };
    }
    return null;
  }
  if (prog === 'jlink') {
    for (let a = 0; a < args.length; a++) {
      const x = args[a] as string;
      const out = x === '--output' ? args[a + 1] : x.startsWith('--output=') ? x.slice(9) : undefined;
      if (out === undefined || st.unresolvedAt.has(k + 1 + a + (x === '--output' ? 1 : 0))) continue;
      const dir = joinPath(st.cwd, out);
      if (target === dir || target.startsWith(`${dir}/`))
        return { kind: 'origin', origin: { kind: 'runtime', tool: 'jlink', step: st } };
    }
    return null;
  }
  if (prog === 'apk' || prog === 'apt-get' || prog === 'apt') {
    const sub = args.find((a) => !a.startsWith('-'));
    if (sub !== 'add' && sub !== 'install') return null;
    const pkgs = args.filter((a) => !a.startsWith('-') && a !== sub).map((p) => p.replace(/[=<>~].*$/, ''));
    const name = basename(target);
    const pkg = pkgs.find((p) => p === name || (name === 'tini-static' && p === 'tini') || name === `${p}-static`);
    if (pkg && /^\/(usr\/)?(local\/)?s?bin\//.test(target)) {
      return { kind: 'origin', origin: { kind: 'package', manager: prog === 'apk' ? 'apk' : 'apt', step: st, pkg } };
    }
    return null;
  }
  if (
    (prog === 'curl' || prog === 'wget') &&
    args.some((a, i) => /^-(o|O|-output)$/.test(a) && joinPath(st.cwd, args[i + 1] ?? '') === target)
  ) {
    return {
      kind: 'origin',
      origin: { kind: 'untraced', stage: st.stage, instr: st.instr, why: `line ${st.instr.line + 1} downloads it` },
    };
  }
  return null;
}

function cargoSub(args: string[]): string | null {
  let a = 0;
  if ((args[a] ?? '').startsWith('+')) a++;
  const sub = args[a];
  if (sub === 'build' || sub === 'install' || sub === 'zigbuild' || sub === 'auditable') return sub;
  if (sub === 'chef') return null;
  return null;
}

/** Where `go build`/`go install` writes, compared with `target`. */
function goWrites(st: Step, args: string[], offset: number, target: string): boolean {
  const sub = args[0];
  const dark = (a: number) => st.unresolvedAt.has(offset + a);
  let out: string | null = null;
  const pkgs: string[] = [];
  for (let a = 1; a < args.length; a++) {
    const x = args[a] as string;
    if (x === '-o') {
      if (dark(a + 1)) return false;
      out = args[++a] ?? null;
      continue;
    }
    if (x.startsWith('-o=')) {
      if (dark(a)) return false;
      out = x.slice(3);
      continue;
    }
    if (
      /^-(ldflags|gcflags|asmflags|tags|mod|modfile|p|pkgdir|installsuffix|overlay|pgo|toolexec|exec|C|buildmode|compiler|gccgoflags|covermode|coverpkg)$/.test(
        x,
      )
    ) {
      a++;
      continue;
    }
    if (x.startsWith('-')) continue;
    if (dark(a)) return false;
    pkgs.push(x);
  }
  const last = pkgs[pkgs.length - 1];
  const pkgName = last && last !== '.' && !last.endsWith('...') ? basename(last.replace(/@.*$/, '')) : null;
  if (sub === 'install') {
    const bin = st.env.get('GOBIN') ?? `${st.env.get('GOPATH') ?? '/go'}/bin`;
    return parentDir(target) === normalizePath(bin) && (pkgName === null || pkgName === basename(target));
  }
  if (out !== null) {
    const abs = joinPath(st.cwd, out);
    if (out.endsWith('/') || (pkgs.length > 1 && !out.includes('.'))) {
      return parentDir(target) === abs && (pkgName === null || pkgs.length > 1 || pkgName === basename(target));
    }
    return abs === target || (parentDir(target) === abs && pkgName !== null && pkgName === basename(target));
  }
  // No -o: the binary lands in the working directory, named after the package (or the module for `.`).
  if (parentDir(target) !== st.cwd) return false;
  return pkgName === null || pkgName === basename(target);
}

/** Where `cargo build`/`cargo install` writes, compared with `target`. */
function cargoWrites(st: Step, args: string[], offset: number, target: string): boolean {
  const sub = cargoSub(args);
  if (
    args.some(
      (x, a) =>
        /^--(target-dir|root|manifest-path)/.test(x) &&
        (st.unresolvedAt.has(offset + a) || st.unresolvedAt.has(offset + a + 1)),
    )
  )
    return false;
  const flag = (name: string): string | null => {
    for (let a = 0; a < args.length; a++) {
      const x = args[a] as string;
      if (x === name) return args[a + 1] ?? null;
      if (x.startsWith(`${name}=`)) return x.slice(name.length + 1);
    }
    return null;
  };
  if (sub === 'install') {
    const root = flag('--root') ?? st.env.get('CARGO_INSTALL_ROOT') ?? st.env.get('CARGO_HOME') ?? '/usr/local/cargo';
    return parentDir(target) === joinPath(st.cwd, `${root}/bin`);
  }
  const dir = flag('--target-dir') ?? st.env.get('CARGO_TARGET_DIR') ?? 'target';
  const targetDir = joinPath(
    joinPath(st.cwd, flag('--manifest-path') ? parentDir(joinPath(st.cwd, flag('--manifest-path') as string)) : '.'),
    dir,
  );
  if (!target.startsWith(`${targetDir}/`)) return false;
  const rest = target.slice(targetDir.length + 1).split('/');
  // target/<profile>/<bin> or target/<triple>/<profile>/<bin>
  return rest.length === 2 || rest.length === 3;
}

const BUILD_TOOLS = /^(make|gmake|task|just|mage|bazel|bazelisk|goreleaser|sh|bash|ash|npm|yarn|pnpm|gradle|mvn)$/;

/** A RUN that may write the path without minbase telling how: a build tool, a script, a loop, a variable. */
function opaqueWriter(stage: Stage, instr: Instr, steps: Step[], target: string): Origin | null {
  const line = instr.line + 1;
  const builds = /(^|[\s;&|(`])(?:xx-)?(go\s+(build|install)|cargo\s+(\+\S+\s+)?(build|install|zigbuild))\b/.test(
    instr.args,
  );
  if (builds) {
    // A build whose commands minbase could read wrote elsewhere; one in a loop or with a variable may have written here.
    const looped = /(^|[\s;&|])(for|while|until|if|case)\s/.test(instr.args);
    const variable = steps.some(
      (st) => st.unresolved && /^(?:xx-)?(go|cargo)$/.test(basename(commandWords(st)[0] ?? '')),
    );
    const unread = steps.length === 0;
    if (looped || variable || unread) {
      const why = looped
        ? 'builds in a loop or a condition'
        : variable
          ? 'builds with a variable minbase cannot resolve'
          : 'builds in a way minbase cannot read';
      return {
        kind: 'untraced',
        stage,
        instr,
        why: `line ${line} ${why}, so minbase cannot tell which command wrote ${target}`,
      };
    }
  }
  const tool = steps.find((st) => {
    const p = commandWords(st)[0] ?? '';
    return BUILD_TOOLS.test(basename(p)) || /^\.{0,2}\/.*/.test(p) || /\.sh$/.test(p);
  });
  if (tool) {
    return {
      kind: 'untraced',
      stage,
      instr,
      why: `line ${line} runs ${commandWords(tool)[0]}, so minbase cannot tell how ${target} was built`,
    };
  }
  return null;
}

/** Every simple command of every RUN of a stage chain, with its working directory and environment. */
export function stageSteps(doc: DockerDocument, stage: Stage): Step[] {
  // Kept on the stage, not in a module-level WeakMap, so that it dies young with its document (see Stage.memo).
  const known = stage.memo.steps as Step[] | undefined;
  if (known) return known;
  const steps: Step[] = [];
  const env = new Map<string, string>();
  const lines = new Map<string, number>();
  // Names ENV set: an ARG of the same name does not override them, nor does `go env -w` (Go warns and ignores it).
  const fromEnv = new Set<string>();
  let cwd = '/';
  for (const s of chainOf(stage)) {
    for (const ins of s.body) {
      const line = ins.line + 1;
      if (ins.keyword === 'ARG') {
        for (const [k, v] of parseAssignments(ins.args)) {
          const value = v ?? doc.globalArgs.get(k) ?? null;
          if (value !== null && !fromEnv.has(k)) {
            env.set(k, expand(value, env));
            lines.set(k, line);
          }
        }
      } else if (ins.keyword === 'ENV') {
        // Every pair of one ENV is expanded with the values from before the instruction.
        const before = new Map(env);
        for (const [k, v] of parseAssignments(ins.args)) {
          if (v === null) continue;
          env.set(k, expand(v, before));
          lines.set(k, line);
          fromEnv.add(k);
        }
      } else if (ins.keyword === 'WORKDIR') {
        cwd = joinPath(cwd, expand(ins.args.trim().replace(/^["']|["']$/g, ''), env));
      } else if (ins.keyword === 'RUN') {
        const json = execRun(ins);
        if (json) {
          const unresolvedAt = new Set<number>();
          steps.push({
            stage: s,
            instr: ins,
            words: json,
            unresolved: false,
            unresolvedAt,
            cwd,
            env: new Map(env),
            envLines: new Map(lines),
          });
          continue;
        }
        const body = ins.heredoc ? heredocScript(doc, ins) : ins.args.replace(/^(--[\w-]+(=\S*)?\s+)+/, '');
        if (body !== null) runSteps(s, ins, body, cwd, env, lines, steps, fromEnv);
      }
    }
  }
  stage.memo.steps = steps;
  return steps;
}

/**
 * The script of `RUN <<EOF` (a shell reads the body line by line): its lines joined with `;`, continuations kept.
 * Null for other heredoc forms (`RUN python3 <<EOF`), whose body is not shell.
 */
/** The words of an exec-form `RUN ["go", "build", ...]` (no shell, no expansion), or null. */
function execRun(ins: Instr): string[] | null {
  const args = ins.args.replace(/^(--[\w-]+(=\S*)?\s+)+/, '');
  if (!args.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((w) => typeof w === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

function heredocScript(doc: DockerDocument, ins: Instr): string | null {
  const lines = doc.text.slice(ins.start, ins.end).split(/\r?\n/);
  const m = /^RUN\s+(?:--[\w-]+(?:=\S*)?\s+)*<<(-?)(["']?)([A-Za-z_][\w]*)\2\s*$/i.exec(lines[0] ?? '');
  if (!m) return null;
  const delim = m[3] as string;
  const body: string[] = [];
  for (const l of lines.slice(1)) {
    const t = m[1] === '-' ? l.replace(/^\t+/, '') : l;
    if (t === delim) break;
    body.push(t);
  }
  return body.join('\n').replace(/\\\n/g, ' ').split('\n').join(' ; ');
}

function expand(value: string, env: Map<string, string>): string {
  return expandVars(value, env as Map<string, string | null>).value;
}

function runSteps(
  stage: Stage,
  ins: Instr,
  body: string,
  stageCwd: string,
  env: Map<string, string>,
  lines: Map<string, number>,
  out: Step[],
  fromEnv: Set<string>,
): void {
  const tokens = tokenize(body);
  if (!tokens) return;
  // `exported` is the environment commands get; `shell` also holds plain assignments, which only expand words.
  const exported = new Map(env);
  const exportedLines = new Map(lines);
  const shell = new Map(env);
  let cwd = stageCwd;
  let cur: Array<{ value: string; expansion: boolean }> = [];
  const line = ins.line + 1;
  const flush = () => {
    if (cur.length === 0) return;
    const unresolvedAt = new Set<number>();
    const words = cur.map((t, idx) => {
      if (!t.expansion) return t.value;
      const r = expandVars(t.value, shell as Map<string, string | null>);
      if (r.missing !== null || /\$\(|`/.test(t.value)) unresolvedAt.add(idx);
      return r.value;
    });
    cur = [];
    const unresolved = unresolvedAt.size > 0;
    // Inline assignments (`X=1 cmd`, `env X=1 cmd`) apply to this command only.
    let k = 0;
    const assigned: Array<[string, string]> = [];
    while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k] as string)) {
      const w = words[k] as string;
      assigned.push([w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
      k++;
    }
    if (k === words.length) {
      // Plain assignments: shell variables for the rest of the RUN; exported only if the name already is.
      for (const [n, v] of assigned) {
        shell.set(n, v);
        if (exported.has(n)) {
          exported.set(n, v);
          exportedLines.set(n, line);
        }
      }
      return;
    }
    if (words[k] === 'env') {
      k++;
      while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k] as string)) {
        const w = words[k] as string;
        assigned.push([w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
        k++;
      }
    }
    const prog = words[k];
    if (prog === 'export') {
      for (const w of words.slice(k + 1)) {
        const eq = w.indexOf('=');
        const name = eq > 0 ? w.slice(0, eq) : w;
        const value = eq > 0 ? w.slice(eq + 1) : shell.get(name);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || value === undefined) continue;
        shell.set(name, value);
        exported.set(name, value);
        exportedLines.set(name, line);
      }
      return;
    }
    if (prog === 'unset') {
      for (const w of words.slice(k + 1)) {
        shell.delete(w);
        exported.delete(w);
      }
      return;
    }
    if (prog === 'cd') {
      cwd = joinPath(cwd, words[k + 1] ?? '/');
      return;
    }
    if (prog && GO_TOOL.test(basename(prog)) && words[k + 1] === 'env' && words[k + 2] === '-w') {
      // Persists for later RUNs of the stage, but never over a variable the environment sets.
      for (const w of words.slice(k + 3)) {
        const eq = w.indexOf('=');
        const name = w.slice(0, eq);
        if (eq <= 0 || fromEnv.has(name) || exported.has(name)) continue;
        env.set(name, w.slice(eq + 1));
        lines.set(name, line);
        exported.set(name, w.slice(eq + 1));
        exportedLines.set(name, line);
      }
      return;
    }
    const stepEnv = new Map(exported);
    const stepLines = new Map(exportedLines);
    for (const [n, v] of assigned) {
      stepEnv.set(n, v);
      stepLines.set(n, line);
    }
    out.push({ stage, instr: ins, words, unresolved, unresolvedAt, cwd, env: stepEnv, envLines: stepLines });
  };
  for (const t of tokens) {
    if (t.type === 'op') {
      flush();
      continue;
    }
    cur.push({ value: t.value, expansion: t.expansion });
  }
  flush();
}

/** The `go build`/`cargo build` steps of a stage chain (for the toolchain a single stage uses). */
export function buildSteps(doc: DockerDocument, stage: Stage): Array<{ tool: 'go' | 'cargo'; step: Step }> {
  const out: Array<{ tool: 'go' | 'cargo'; step: Step }> = [];
  for (const st of stageSteps(doc, stage)) {
    let k = 0;
    while (k < st.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(st.words[k] as string)) k++;
    if (st.words[k] === 'env') k++;
    while (k < st.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(st.words[k] as string)) k++;
    const prog = basename(st.words[k] ?? '');
    const args = st.words.slice(k + 1);
    if (GO_TOOL.test(prog) && (args[0] === 'build' || args[0] === 'install')) out.push({ tool: 'go', step: st });
    else if (CARGO_TOOL.test(prog) && cargoSub(args) !== null) out.push({ tool: 'cargo', step: st });
  }
  return out;
}

/** The words of a build step after its inline assignments and `env`: `["go", "build", ...]`. */
export function commandWords(st: Step): string[] {
  let k = 0;
  while (k < st.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(st.words[k] as string)) k++;
  if (st.words[k] === 'env') {
    k++;
    while (
      k < st.words.length &&
      (/^[A-Za-z_][A-Za-z0-9_]*=/.test(st.words[k] as string) || (st.words[k] as string).startsWith('-'))
    )
      k++;
  }
  return st.words.slice(k);
}

/** A stage reference usable in `COPY --from=`: its name, else its index. */
export function stageRef(stage: Stage): string {
  return stage.name ?? String(stage.index);
}
