/**
 * The behaviour check (RULES §4 "The container must behave the same", §7.6): the effective configuration of the old
 * and the new runtime stage, each from its base image's defaults plus its own instructions with Docker's rules, is
 * compared before anything is answered `rewritten`. A difference no rule allows and no change declares is a bug.
 */
import { joinPath, PATH_DIRS, parentDir, readCommand, type StageFacts, stageFacts } from './analysis.js';
import { distrolessImage, familyImageOf, minimalKind, RUNTIME_IMAGES, TARGETS, type TargetImage } from './catalog.js';
import { chainOf, type DockerDocument, expandVars, type Instr, parseAssignments, type Stage } from './document.js';
import type { ImageRef } from './imageref.js';
import { findProgramCopy, resolveProgram } from './provenance.js';
import { basename, splitCommand, unquoteWord } from './shell.js';

/** What a base image brings before the stage's own instructions. */
export interface ImageDefaults {
  /** null: none; undefined: unknown (an image outside the catalog). */
  entrypoint: string[] | null | undefined;
  cmd: string[] | null;
  workdir: string;
  /** uid (or name) the image runs as. */
  user: string;
  /** Users the image's /etc/passwd defines, name → uid. */
  users: Record<string, string>;
  /** Interpreter paths the image provides. */
  programs: string[];
  /** Entrypoint wrappers of the image that are not part of the app's command. */
  wrapper: boolean;
  /** A full distribution image (a shell, tools on PATH): which programs it has is not modelled. */
  full: boolean;
}

export interface EffectiveConfig {
  argv: string[];
  /** Whether ENTRYPOINT came from the base image (not the stage). */
  inheritedEntrypoint: boolean;
  workdir: string;
  user: string;
  env: Map<string, string>;
  stopsignal: string | null;
  ports: string[];
  volumes: string[];
  /** Line (1-based) of the instruction that set each property last, for messages. */
  lines: Partial<Record<'argv' | 'workdir' | 'user' | 'stopsignal', number>>;
}

const DISTROLESS_USERS = { root: '0', nobody: '65534', nonroot: '65532' };

/** Defaults of a base image, from the catalog where it knows the image. */
export function imageDefaults(ref: ImageRef | null): ImageDefaults {
  const none: ImageDefaults = {
    entrypoint: null,
    cmd: null,
    workdir: '/',
    user: '0',
    users: { root: '0' },
    programs: [],
    wrapper: false,
    full: false,
  };
  if (!ref) return none;
  const tag = ref.tag ?? '';
  const kind = minimalKind(ref);
  if (kind === 'scratch') return { ...none, users: {} };
  if (kind === 'distroless') {
    const image = distrolessImage(ref) ?? '';
    const nonroot = tag.includes('nonroot');
    const target = targetFor(image);
    return {
      ...none,
      entrypoint: target?.entrypoint ?? (target ? null : undefined),
      workdir: nonroot ? '/home/nonroot' : '/',
      user: nonroot ? '65532' : '0',
      users: { ...DISTROLESS_USERS },
      programs: target?.entrypoint ? [target.entrypoint[0] as string] : [],
    };
  }
  // DHI and Chainguard images, by the catalog's config for them (RULES §3): -dev variants run as root with a shell.
  const family = familyImageOf(ref);
  // Chainguard's -dev images are not in the catalog; DHI's keep the runtime's config, as root (dhi-images.md §3.5).
  if (family && !(family.dev && family.image.family === 'chainguard')) {
    const { image, dev } = family;
    return {
      ...none,
      entrypoint: image.entrypoint,
      cmd: image.cmd ?? null,
      workdir: image.workdir ?? '/',
      user: dev ? '0' : (image.user ?? '0'),
      users: { ...(image.users ?? DISTROLESS_USERS) },
      programs: [...(image.programs ?? [])],
      full: dev,
    };
  }
  if (kind === 'dhi') {
    // Other DHI runtime images (amazoncorretto, sapmachine, azul): their configuration is not in the catalog.
    return { ...none, entrypoint: undefined, users: {} };
  }
  // Debian's images have www-data as 33; Alpine's as 82.
  const distro = {
    root: '0',
    nobody: '65534',
    'www-data': (ref.tag ?? '').includes('alpine') || ref.name === 'alpine' ? '82' : '33',
  };
  const full = { ...none, full: true };
  switch (ref.name) {
    case 'node':
      return {
        ...full,
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['node'],
        users: { ...distro, node: '1000' },
        programs: ['/usr/local/bin/node'],
        wrapper: true,
      };
    case 'eclipse-temurin':
      return {
        ...full,
        entrypoint: ['/__cacert_entrypoint.sh'],
        users: distro,
        programs: ['/opt/java/openjdk/bin/java'],
        wrapper: true,
      };
    case 'golang':
      return { ...full, workdir: '/go', cmd: ['bash'], users: distro };
    case 'python':
      return { ...full, cmd: ['python3'], users: distro, programs: ['/usr/local/bin/python3'] };
    case 'alpine':
    case 'busybox':
      return { ...full, cmd: ['/bin/sh'], users: distro };
    case 'debian':
    case 'ubuntu':
    case 'rust':
    case 'buildpack-deps':
      return { ...full, cmd: ['bash'], users: distro };
  }
  return { ...full, entrypoint: undefined, users: distro };
}

function targetFor(image: string): Pick<TargetImage, 'entrypoint'> | null {
  const ref = `gcr.io/distroless/${image}`;
  for (const t of [...Object.values(TARGETS), ...Object.values(RUNTIME_IMAGES)]) if (t.ref === ref) return t;
  // Older and removed images of the same families set the same entrypoints (the reference lists them).
  if (/^java\d+-/.test(image)) return { entrypoint: ['/usr/bin/java', '-jar'] };
  if (/^nodejs\d+-/.test(image)) return { entrypoint: ['/nodejs/bin/node'] };
  const py = /^python3-debian(\d+)/.exec(image);
  if (py)
    return {
      entrypoint: [
        ({ '11': '/usr/bin/python3.9', '12': '/usr/bin/python3.11' } as Record<string, string>)[py[1] as string] ??
          '/usr/bin/python3',
      ],
    };
  if (/^(static|base|base-nossl|cc|java-base)-/.test(image)) return { entrypoint: null };
  return null;
}

/**
 * The effective configuration of a stage (its alias chain on top of its root image's defaults). Kept on the stage
 * (read by the in-place rules, the split and both behaviour checks); callers only read it.
 */
export function effectiveConfig(doc: DockerDocument, stage: Stage): EffectiveConfig {
  const known = stage.memo.config as EffectiveConfig | undefined;
  if (known !== undefined) return known;
  const config = computeEffectiveConfig(doc, stage);
  stage.memo.config = config;
  return config;
}

function computeEffectiveConfig(doc: DockerDocument, stage: Stage): EffectiveConfig {
  const chain = chainOf(stage);
  const base = imageDefaults(chain[0]?.rootRef ?? null);
  let ep: string[] | null = base.entrypoint ?? null;
  let cmd: string[] | null = base.cmd;
  let cmdOwn = -1;
  let inheritedEntrypoint = true;
  let workdir = base.workdir;
  let user = base.user;
  const env = new Map<string, string>();
  const vars = new Map<string, string | null>();
  let stopsignal: string | null = null;
  const ports: string[] = [];
  const volumes: string[] = [];
  const lines: EffectiveConfig['lines'] = {};
  const expand = (v: string) => expandVars(v, vars).value;
  for (const s of chain) {
    for (const ins of s.body) {
      const line = ins.line + 1;
      switch (ins.keyword) {
        case 'ARG':
          for (const [k, v] of parseAssignments(ins.args)) {
            if (!env.has(k)) vars.set(k, v ?? doc.globalArgs.get(k) ?? null);
          }
          break;
        case 'ENV': {
          // Every pair of one ENV is expanded with the values from before the instruction.
          const before = new Map(vars);
          for (const [k, v] of parseAssignments(ins.args)) {
            if (v === null) continue;
            const value = expandVars(v, before).value;
            env.set(k, value);
            vars.set(k, value);
          }
          break;
        }
        case 'ENTRYPOINT':
          ep = commandArgv(ins);
          inheritedEntrypoint = false;
          // Docker resets a CMD inherited from the base image (or a parent stage), not one this stage set.
          if (cmdOwn !== s.index) cmd = null;
          lines.argv = line;
          break;
        case 'CMD':
          cmd = commandArgv(ins);
          cmdOwn = s.index;
          lines.argv = line;
          break;
        case 'WORKDIR':
          workdir = joinPath(workdir, expand(unquoteWord(ins.args)));
          lines.workdir = line;
          break;
        case 'USER':
          user = expand(ins.args.trim());
          lines.user = line;
          break;
        case 'STOPSIGNAL':
          stopsignal = expand(ins.args.trim());
          lines.stopsignal = line;
          break;
        case 'EXPOSE':
          for (const p of ins.args.trim().split(/\s+/))
            if (p) ports.push(expand(p).includes('/') ? expand(p) : `${expand(p)}/tcp`);
          break;
        case 'VOLUME':
          for (const v of listArgs(ins.args)) volumes.push(expand(v));
          break;
      }
    }
  }
  return {
    argv: [...(ep ?? []), ...(cmd ?? [])],
    inheritedEntrypoint: inheritedEntrypoint && ep !== null,
    workdir,
    user,
    env,
    stopsignal,
    ports: [...new Set(ports)].sort(),
    volumes: [...new Set(volumes)].sort(),
    lines,
  };
}

function listArgs(args: string): string[] {
  const t = args.trim();
  if (t.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(t);
      if (Array.isArray(parsed)) return parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      // shell form
    }
  }
  return t.split(/\s+/).filter(Boolean);
}

/** The argv an ENTRYPOINT or CMD contributes: exec form as written, shell form as `/bin/sh -c TEXT`. */
function commandArgv(ins: Instr): string[] {
  const c = readCommand(ins);
  if (c.form === 'exec') return c.words ?? [];
  return ['/bin/sh', '-c', ins.args];
}

/** Differences a change states on purpose (the PYTHONPATH it sets, the command it translates). */
export interface Declarations {
  env: Set<string>;
  argv: Array<{ from: string[]; to: string[] }>;
}

export interface Difference {
  property: 'argv' | 'workdir' | 'user' | 'env' | 'stopsignal' | 'ports' | 'volumes' | 'program';
  line: number;
  message: string;
}

const WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit']);

const INTERPRETERS: Array<[RegExp, string]> = [
  [/^(node|nodejs)$/, 'node'],
  [/^python(\d(\.\d+)?)?$/, 'python'],
  [/^java$/, 'java'],
];

/**
 * Compares the old runtime stage with the new one. `oldDoc`/`oldStage` are the input; `newDoc`/`newStage` the
 * output. Returns every difference that no rule allows and no declaration states.
 */
export function compareStages(
  oldDoc: DockerDocument,
  oldStage: Stage,
  newDoc: DockerDocument,
  newStage: Stage,
  declared: Declarations,
  options: { nonroot?: boolean },
): Difference[] {
  const before = effectiveConfig(oldDoc, oldStage);
  const after = effectiveConfig(newDoc, newStage);
  const oldFacts = stageFacts(oldDoc, oldStage);
  const newFacts = stageFacts(newDoc, newStage);
  const oldBase = imageDefaults(chainOf(oldStage)[0]?.rootRef ?? null);
  const newBase = imageDefaults(chainOf(newStage)[0]?.rootRef ?? null);
  const diffs: Difference[] = [];
  // Lines are the input's: the old stage's instruction that set the property, else its FROM.
  const at = (p: keyof EffectiveConfig['lines']) => before.lines[p] ?? oldStage.from.instr.line + 1;

  // The exec'd program and its arguments.
  let oldArgv = canonicalArgv(before.argv, oldFacts, oldBase, before.inheritedEntrypoint);
  const newArgv = canonicalArgv(after.argv, newFacts, newBase, after.inheritedEntrypoint);
  for (const d of declared.argv) {
    const from = canonicalArgv(d.from, oldFacts, oldBase, false);
    if (startsWith(oldArgv, from))
      oldArgv = [...canonicalArgv(d.to, newFacts, newBase, false), ...oldArgv.slice(from.length)];
  }
  if (!sameWords(oldArgv, newArgv)) {
    diffs.push({
      property: 'argv',
      line: at('argv'),
      message: `the container would run ${show(newArgv)} instead of ${show(oldArgv)}`,
    });
  }
  const program = after.argv[0];
  if (program === undefined) {
    diffs.push({ property: 'program', line: at('argv'), message: 'the new image would have no command to run' });
  } else if (!provides(program, newFacts, newBase)) {
    diffs.push({
      property: 'program',
      line: at('argv'),
      message: `the new image runs ${program}, which neither ${newStage.from.resolved ?? 'the new base'} nor a COPY of the stage provides`,
    });
  }

  if (before.workdir !== after.workdir) {
    diffs.push({
      property: 'workdir',
      line: at('workdir'),
      message: `the working directory would be ${after.workdir} instead of ${before.workdir}`,
    });
  }

  const oldUser = canonicalUser(before.user, oldBase, oldFacts);
  const newUser = canonicalUser(after.user, newBase, newFacts);
  // The rules that change the user on purpose: a created user becomes 65532, --nonroot makes root 65532.
  const remapped =
    (oldUser.uid.startsWith('created:') && newUser.uid === '65532') ||
    // --nonroot: root becomes the new image's own non-root user (65532; DHI node's is node, 1000).
    (options.nonroot === true &&
      oldUser.uid === '0' &&
      (newUser.uid === '65532' || (newUser.uid !== '0' && newUser.uid === newBase.user)));
  const userAllowed = oldUser.uid === newUser.uid || remapped;
  const groupAllowed = remapped || oldUser.gid === null || newUser.gid === null || oldUser.gid === newUser.gid;
  if (!userAllowed || !groupAllowed) {
    diffs.push({
      property: 'user',
      line: at('user'),
      message: `the container would run as ${after.user} (${newUser.uid}) instead of ${before.user} (${oldUser.uid})`,
    });
  }

  for (const name of new Set([...before.env.keys(), ...after.env.keys()])) {
    if (declared.env.has(name)) continue;
    const a = before.env.get(name);
    const b = after.env.get(name);
    if (a !== b) {
      diffs.push({
        property: 'env',
        line: oldStage.from.instr.line + 1,
        message: `${name} would be ${b === undefined ? 'unset' : JSON.stringify(b)} instead of ${a === undefined ? 'unset' : JSON.stringify(a)}`,
      });
    }
  }
  if (before.stopsignal !== after.stopsignal) {
    diffs.push({
      property: 'stopsignal',
      line: at('stopsignal'),
      message: `STOPSIGNAL would be ${after.stopsignal ?? 'the default'} instead of ${before.stopsignal ?? 'the default'}`,
    });
  }
  if (before.ports.join(' ') !== after.ports.join(' ')) {
    diffs.push({
      property: 'ports',
      line: oldStage.from.instr.line + 1,
      message: `exposed ports would be ${after.ports.join(' ') || 'none'} instead of ${before.ports.join(' ') || 'none'}`,
    });
  }
  if (before.volumes.join(' ') !== after.volumes.join(' ')) {
    diffs.push({
      property: 'volumes',
      line: oldStage.from.instr.line + 1,
      message: `volumes would be ${after.volumes.join(' ') || 'none'} instead of ${before.volumes.join(' ') || 'none'}`,
    });
  }
  return diffs;
}

function startsWith(a: string[], prefix: string[]): boolean {
  return prefix.length > 0 && prefix.every((w, i) => a[i] === w);
}

/** PATH directories of the images minbase knows: the default, and cargo's and Go's bin directories. */
const BIN_DIRS = [...PATH_DIRS, '/usr/local/cargo/bin', '/go/bin', '/usr/local/go/bin'];

function sameWords(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  // A bare program name and the absolute path in a PATH directory it resolves to are the same program.
  const [x = '', y = ''] = [a[0], b[0]];
  const samePath =
    x === y ||
    (!x.includes('/') && BIN_DIRS.includes(parentDir(y)) && basename(y) === x) ||
    (!y.includes('/') && BIN_DIRS.includes(parentDir(x)) && basename(x) === y);
  return samePath && a.every((w, i) => i === 0 || w === b[i]);
}

function show(argv: string[]): string {
  return JSON.stringify(argv);
}

/**
 * The argv as the comparison sees it: a dropped inherited wrapper and the implicit `node` of node's
 * docker-entrypoint.sh, `sh -c` of one plain program, interpreters by name instead of path, bare programs by the
 * path the stage copies them to.
 */
function canonicalArgv(argv: string[], facts: StageFacts, base: ImageDefaults, inherited: boolean): string[] {
  let words = [...argv];
  if (inherited && base.wrapper && base.entrypoint) {
    words = words.slice(base.entrypoint.length);
    const first = words[0] ?? '';
    if (base.entrypoint[0] === 'docker-entrypoint.sh' && (first.startsWith('-') || /\.(c|m)?js$/.test(first)))
      words.unshift('node');
  }
  if (words.length === 3 && /^(\/bin\/)?sh$/.test(words[0] ?? '') && words[1] === '-c') {
    const split = splitCommand(words[2] as string);
    if (split.ok) words = split.words;
  }
  const first = words[0];
  if (first === undefined) return words;
  const name = basename(first);
  const interpreter = INTERPRETERS.find(([re]) => re.test(name))?.[1];
  if (interpreter) {
    // A runtime the stage copies itself (a jlink'd /opt/jre/bin/java) is a program of its own, not the image's.
    const own = first.includes('/') ? first : resolveProgram(facts, first)?.path;
    const copied = own !== undefined && !base.programs.includes(own) && findProgramCopy(facts, own) !== null;
    const venvPython = interpreter === 'python' && /\/bin\/python[\d.]*$/.test(own ?? first);
    if (!copied || venvPython) return [interpreter, ...words.slice(1)];
    return [own as string, ...words.slice(1)];
  }
  if (!first.includes('/')) {
    const hit = resolveProgram(facts, first);
    if (hit) words = [hit.path, ...words.slice(1)];
  }
  // An init wrapper execs the program named after its options: that program is compared the same way.
  if (WRAPPERS.has(name)) {
    const dash = words.indexOf('--');
    const split = dash >= 0 ? dash + 1 : words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
    if (split > 0) return [...words.slice(0, split), ...canonicalArgv(words.slice(split), facts, base, false)];
  }
  return words;
}

/** Whether the new image has the program: the base provides it, or a COPY of the stage does. */
function provides(program: string, facts: StageFacts, base: ImageDefaults): boolean {
  if (base.full || base.programs.includes(program)) return true;
  if (base.entrypoint === undefined) return true;
  return findProgramCopy(facts, program) !== null;
}

/** uid (and gid when written) of a USER value, names looked up where the image's users are known. */
function canonicalUser(spec: string, base: ImageDefaults, facts: StageFacts): { uid: string; gid: string | null } {
  const [u = '0', g] = spec.split(':');
  const look = (name: string): string => {
    if (/^\d+$/.test(name)) return name;
    if (facts.createdUsers.has(name)) return `created:${name}`;
    return base.users[name] ?? `name:${name}`;
  };
  const groupOf = (name: string): string => {
    if (/^\d+$/.test(name)) return name;
    if (facts.createdUsers.has(name)) return `created:${name}`;
    if (name === 'nogroup' || name === 'nobody') return '65534';
    return base.users[name] ?? `name:${name}`;
  };
  const uid = look(u);
  if (g !== undefined) return { uid, gid: groupOf(g) };
  // No group written: Docker takes the user's primary group from the image's /etc/passwd, else 0. Users of the
  // images minbase knows have a group of the same id; a uid the stage created has a gid minbase cannot tell.
  if (uid.startsWith('created:') || uid.startsWith('name:')) return { uid, gid: null };
  if (/^\d+$/.test(u) && facts.createdUsers.size > 0) return { uid, gid: null };
  const known = Object.values(base.users).includes(uid);
  return { uid, gid: known ? uid : '0' };
}

/**
 * The HOME Docker gives the container: the home directory /etc/passwd names for its user, `/` without an entry.
 * `homes` are the homes of users the stage created (`useradd -m`).
 */
export function homeOf(userSpec: string, base: ImageDefaults, homes: Record<string, string>): string {
  const user = userSpec.split(':')[0] ?? '0';
  if (homes[user]) return homes[user] as string;
  const byName = Object.entries(base.users).find(([name, uid]) => name === user || uid === user)?.[0];
  if (byName === undefined) return '/';
  const known: Record<string, string> = {
    root: '/root',
    nonroot: '/home/nonroot',
    nobody: '/nonexistent',
    node: '/home/node',
    'www-data': '/var/www',
  };
  return known[byName] ?? '/';
}
