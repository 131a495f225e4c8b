/**
 * node: a Node.js app. The Node major (runtime stage's image, else the build stage's) picks
 * gcr.io/distroless/nodejs{22,24,26}-debian13; others are refused with the removal date. The image's entrypoint is
 * /nodejs/bin/node (node is not on PATH), so `node` is dropped from CMD; `npm start` resolves to its script, read
 * from the package.json of the directory npm runs in. node_modules installed on Alpine move to the glibc image only
 * when package.json and the lock file show no native package (RULES §4, "Files the program used from the old base").
 * --family dhi: dhi.io/node on the libc of the stage that installs node_modules (Alpine ones stay on musl), the
 * command keeps node; --family chainguard: cgr.dev/chainguard/node (ENTRYPOINT /usr/bin/node) for its one version.
 */
import { joinPath, normalizePath, type StageFacts, stageFacts } from '../src/analysis.js';
import { runtimeImageOf } from '../src/catalog.js';
import type { Context } from '../src/context.js';
import { type DockerDocument, type Instr, parseAssignments, type Stage } from '../src/document.js';
import type { ImageRef } from '../src/imageref.js';
import { familyImageFor, findVersion, imageFor } from '../src/interpreted.js';
import type { CommandPlan, PlanInput, PlanOutcome, RuntimeModule } from '../src/runtime.js';
import { familyOf, glibcCheck } from '../src/runtime.js';
import { basename, splitCommand } from '../src/shell.js';
import { isAlpine, nodeVersion } from '../src/versions.js';

/** Packages that download a prebuilt native binary for the platform they are installed on (musl on Alpine). */
export const PREBUILT =
  /^(sharp|esbuild|@swc\/core|bcrypt|sqlite3|better-sqlite3|canvas|argon2|node-sass|@parcel\/watcher|lightningcss|re2|grpc|@grpc\/grpc-js-native|utf-8-validate|bufferutil|cpu-features|ssh2|@napi-rs\/.*|@node-rs\/.*|@prisma\/client|prisma|@prisma\/engines|puppeteer|playwright|onnxruntime-node|@tensorflow\/tfjs-node|usb|serialport|@serialport\/bindings-cpp|node-pty|msgpackr-extract|farmhash|kerberos|zeromq|snappy|@resvg\/resvg-js|@img\/sharp-.*|libsql|@libsql\/.*|isolated-vm|@sentry\/profiling-node|ffi-napi|ref-napi|iconv|leveldown|classic-level|deasync|@datadog\/.*-native|dtrace-provider|unix-dgram|node-expat|libxmljs2?|oracledb|@mapbox\/node-pre-gyp|node-gyp-build|prebuild-install)$/;
export const NATIVE_TOOLCHAIN =
  /\b(?:apk|apt-get|apt)\b[^;&|]*\s(?:add|install)\b[^;&|]*\s(?:python3?|make|g\+\+|gcc|build-base|build-essential)(?:[\s;&|]|$)|node-gyp/;

/** Names of per-platform binary packages (napi-rs, esbuild, sharp, swc...): `@napi-rs/snappy-linux-x64-musl`. */
const PLATFORM_PACKAGE = /(?:^|[-/@_])(?:linux|linuxmusl|musl)(?:[-_]|$)|-musl(?:eabihf)?(?:[-_]|$)/i;
/** Lock files npm, yarn and pnpm read, in the order npm looks for them. */
const LOCK_NAMES = ['npm-shrinkwrap.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'];
/** A RUN that installs node_modules (npm ci/install, yarn, pnpm install, npm rebuild). */
const INSTALL =
  /(?:^|[\s;&|(`])(?:npm(?:\s+-\S+)*\s+(?:ci|i|install|add|rebuild|update)|pnpm(?:\s+-\S+)*\s+(?:i|install|add|rebuild)|yarn(?:\s+(?:install|add)|\s+--|\s*(?:$|[;&|)])))(?=[\s;&|)`]|$)/;
/** Install options, or a later prune, that leave dev dependencies out of node_modules. */
const OMIT_DEV =
  /--omit[= ]dev\b|--production\b|--only[= ]prod(?:uction)?\b|\bpnpm\s+(?:i|install|prune)\b[^;&|]*\s--prod\b/;
/** An app's own install script that builds or downloads native code. */
const NATIVE_SCRIPT = /node-gyp|prebuild|cmake-js|napi|\bmake\b|\bgcc\b|g\+\+|prisma/;

export function packageJson(
  read: ((p: string) => string | null) | undefined,
  path = 'package.json',
): Record<string, unknown> | null {
  const text = read?.(path);
  if (!text) return null;
  return parseObject(text);
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const GLOB = /[*?[]/;
const FILE_NAME = /.\.(?:json|lock|ya?ml|[cm]?[jt]sx?|txt|md|npmrc|yarnrc|tgz|gz|zip|tar|sh)$/i;

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/**
 * Build-context paths the file at absolute `path` of a stage may come from, most likely first: the last COPY/ADD
 * whose destination covers it wins, and a `COPY --from` stage is followed through that stage's own COPY lines.
 * `before`: only the COPY lines before this instruction count (the state a RUN sees).
 */
export function contextSources(
  doc: DockerDocument,
  facts: StageFacts,
  path: string,
  before: Instr | null = null,
  depth = 0,
): string[] {
  const out: string[] = [];
  const limit = before ? facts.instrs.indexOf(before) : facts.instrs.length;
  const copies = facts.copies.filter((c) => facts.instrs.indexOf(c.instr) < limit).reverse();
  for (const c of copies) {
    for (const src of copySources(c.sources, c.dest, c.destIsDir, path)) {
      if (c.fromRef === null) {
        const rel = normalizePath(`/${src}`).slice(1);
        if (rel !== '') out.push(rel);
      } else if (c.fromStage && depth < 8) {
        out.push(...contextSources(doc, stageFacts(doc, c.fromStage), joinPath('/', src), null, depth + 1));
      }
    }
  }
  return [...new Set(out)];
}

/** The sources of one COPY (as written) that may put a file at `path`. */
function copySources(sources: string[], dest: string, destIsDir: boolean, path: string): string[] {
  const out: string[] = [];
  const real = sources.filter((s) => !s.includes('://'));
  if (path === dest) {
    // A file copied to its exact path (a directory destination is not a file).
    if (!destIsDir) for (const s of real) if (!GLOB.test(s)) out.push(s);
    return out;
  }
  const prefix = dest === '/' ? '/' : `${dest}/`;
  if (!path.startsWith(prefix)) return out;
  const rel = path.slice(prefix.length);
  for (const s of real) {
    const src = s.replace(/\/+$/, '') || '/';
    const name = basename(src);
    if (GLOB.test(src)) {
      // `COPY *.json ./`: a file whose name matches lands in the destination.
      if (destIsDir && !rel.includes('/') && globToRegExp(name).test(rel) && !GLOB.test(src.slice(0, -name.length)))
        out.push(`${src.slice(0, -name.length)}${rel}`);
      continue;
    }
    if (destIsDir && rel === name) out.push(src);
    // A source named like a file (package.json, yarn.lock, server.js) is not a directory to look inside.
    if (!FILE_NAME.test(name)) out.push(`${src}/${rel}`);
  }
  return out;
}

/** The first readable context file among the candidates. */
function readFirst(
  read: ((p: string) => string | null) | undefined,
  candidates: string[],
): { path: string; text: string } | null {
  if (!read) return null;
  for (const path of candidates) {
    const text = read(path);
    if (text != null) return { path, text };
  }
  return null;
}

/**
 * The stages whose installed packages may end up in the runtime stage: itself and the stages reached through
 * COPY --from. From the runtime stage, a COPY of another stage's output that neither holds its node_modules nor the
 * script node runs (a frontend's `dist` served as static files) brings no code node loads; build stages' own COPY
 * lines are all followed (a build step may bundle or trace anything it installed).
 */
function sourceStages(doc: DockerDocument, stage: Stage): Stage[] {
  const runtimeFacts = stageFacts(doc, stage);
  const script = appScript(runtimeFacts);
  const seen: Stage[] = [stage];
  for (let i = 0; i < seen.length; i++) {
    const current = seen[i] as Stage;
    for (const c of stageFacts(doc, current).copies) {
      const from = c.fromStage;
      if (!from || seen.includes(from)) continue;
      if (current === stage && script !== null) {
        const facts = stageFacts(doc, from);
        const installs = facts.instrs.filter((ins) => installSegments(ins).length > 0);
        const modules = installs.map((ins) => joinPath(workdirAt(facts, ins), 'node_modules'));
        const carries =
          installs.length === 0 ||
          copySources(c.sources, c.dest, c.destIsDir, script).length > 0 ||
          c.sources.some((src) => {
            const p = joinPath('/', src);
            return (
              GLOB.test(src) ||
              p.includes('/node_modules') ||
              modules.some((m) => m === p || m.startsWith(p === '/' ? '/' : `${p}/`))
            );
          });
        if (!carries) continue;
      }
      seen.push(from);
    }
  }
  return seen;
}

/** The absolute path of the script the runtime stage's command runs with node, when the command shows it. */
function appScript(facts: StageFacts): string | null {
  const words = [...(facts.entrypoint?.words ?? []), ...(facts.cmd?.words ?? [])];
  if ((facts.entrypoint && !facts.entrypoint.words) || (facts.cmd && !facts.cmd.words)) return null;
  let i = 0;
  if (/^(node|nodejs)$/.test(basename(words[0] ?? ''))) {
    i = 1;
    while (i < words.length && (words[i] as string).startsWith('-')) {
      // Options that take a value in the next word: --require x, -r x, --import x, --loader x.
      if (/^(?:-r|--require|--import|--loader|--experimental-loader|-e|--eval|-p|--print)$/.test(words[i] as string))
        return null;
      i++;
    }
  } else if (!/\.[cm]?js$/.test(words[0] ?? '')) return null;
  const script = words[i];
  return script ? joinPath(facts.workdir, script) : null;
}

/** The commands of a RUN that install packages into a project's node_modules (not `npm install -g`). */
function installSegments(ins: Instr): string[] {
  if (ins.keyword !== 'RUN' || ins.heredoc) return [];
  return ins.args
    .split(/&&|\|\||;|\n/)
    .filter((seg) => INSTALL.test(seg) && !/\s(?:-g|--global)(?=\s|$)|\bglobal\s+add\b/.test(seg));
}

/** Packages a RUN names on the command line (`pnpm add prisma@7`, `npm install sharp`), by name. */
function namedPackages(ins: Instr): string[] {
  const names: string[] = [];
  for (const seg of installSegments(ins)) {
    const m =
      /\b(?:npm(?:\s+-\S+)*\s+(?:i|install|add)|pnpm(?:\s+-\S+)*\s+(?:add|i|install)|yarn(?:\s+-\S+)*\s+add)\s+(.*)$/s.exec(
        seg,
      );
    if (!m) continue;
    for (const word of (m[1] as string).split(/\s+/)) {
      const w = word.replace(/^['"]|['"]$/g, '').replace(/\\$/, '');
      if (w === '' || w.startsWith('-') || /^[.~/]|^(?:file|git|https?|link|workspace):/.test(w)) continue;
      const at = w.indexOf('@', 1);
      const name = at > 0 ? w.slice(0, at) : w;
      if (/^(?:@[\w.-]+\/)?[\w.-]+$/.test(name)) names.push(name);
    }
  }
  return names;
}

/** The working directory in force at an instruction of a stage chain. */
function workdirAt(facts: StageFacts, at: Instr): string {
  let dir = '/';
  for (const ins of facts.instrs) {
    if (ins === at) break;
    if (ins.keyword === 'WORKDIR') dir = joinPath(dir, ins.args.trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  return dir;
}

/** A package found to carry native code, and why. */
interface Native {
  name: string;
  why: string;
  dev: boolean;
}

/** Whether a package with this `os`/`libc` list is installed on linux with musl (npm skips it otherwise). */
function installedOn(list: unknown, value: string): boolean {
  if (!Array.isArray(list) || list.length === 0) return true;
  const words = list.filter((w): w is string => typeof w === 'string');
  if (words.includes(value)) return true;
  if (words.includes(`!${value}`)) return false;
  return words.every((w) => w.startsWith('!'));
}

/** Native packages recorded by package-lock.json / npm-shrinkwrap.json (lockfileVersion 2 or 3). */
function npmLockNatives(lock: Record<string, unknown>, omitDev: boolean): Native[] | string {
  const packages = lock.packages;
  if (!packages || typeof packages !== 'object') {
    return lock.dependencies
      ? 'it is a lockfileVersion 1 lock (npm 6), which records neither install scripts nor platform fields; regenerate it with npm 7 or newer'
      : 'it has no "packages" section';
  }
  const entries = Object.entries(packages as Record<string, unknown>).filter(
    (e): e is [string, Record<string, unknown>] => e[0] !== '' && !!e[1] && typeof e[1] === 'object',
  );
  const nameOf = (key: string, entry: Record<string, unknown>) =>
    typeof entry.name === 'string' ? entry.name : key.slice(key.lastIndexOf('node_modules/') + 13) || key;
  const installed = new Map<string, Record<string, unknown>>();
  for (const [key, entry] of entries) {
    if (entry.link === true) continue;
    if (!installedOn(entry.os, 'linux') || !installedOn(entry.libc, 'musl')) continue;
    installed.set(nameOf(key, entry), entry);
  }
  const natives: Native[] = [];
  // Per-platform packages a parent lists as optional dependencies are named through that parent.
  const claimed = new Set<string>();
  for (const entry of installed.values())
    for (const d of Object.keys((entry.optionalDependencies as object | undefined) ?? {}))
      if (PLATFORM_PACKAGE.test(d)) claimed.add(d);
  for (const [name, entry] of installed) {
    const dev = entry.dev === true;
    if ((omitDev && dev) || (claimed.has(name) && entry.hasInstallScript !== true)) continue;
    const reasons: string[] = [];
    if (entry.hasInstallScript === true) reasons.push('install script');
    const platform = Object.keys((entry.optionalDependencies as object | undefined) ?? {}).filter((d) =>
      PLATFORM_PACKAGE.test(d),
    );
    if (platform.length > 0) {
      const musl = platform.filter((d) => installed.has(d) || /musl/i.test(d));
      const shown = musl.find((d) => installed.has(d)) ?? musl[0] ?? (platform[0] as string);
      reasons.push(`binary in ${shown}`);
    }
    if (reasons.length === 0 && PREBUILT.test(name)) reasons.push('native addon');
    if (reasons.length > 0) natives.push({ name, why: reasons.join('; '), dev });
  }
  for (const [name, entry] of installed) {
    const dev = entry.dev === true;
    if ((omitDev && dev) || claimed.has(name) || natives.some((n) => n.name === name)) continue;
    const libc = Array.isArray(entry.libc) ? ` ${entry.libc.join('/')}` : '';
    if (entry.os !== undefined || entry.cpu !== undefined || entry.libc !== undefined)
      natives.push({ name, why: `built for linux${libc}`, dev });
    else if (PLATFORM_PACKAGE.test(name)) natives.push({ name, why: 'per-platform binary', dev });
  }
  return natives;
}

/** Native packages named by a yarn.lock (v1 or Berry): known native packages, per-platform packages, conditions. */
function yarnLockNatives(text: string): Native[] {
  const natives: Native[] = [];
  const claimed = new Set<string>();
  let name: string | null = null;
  let section = '';
  let children: string[] = [];
  let conditions: string | null = null;
  const flush = () => {
    // Berry writes `conditions: os=linux & cpu=x64 & libc=musl`; a package for another platform is not installed.
    const elsewhere =
      conditions !== null && (/\bos=(?!linux\b)/.test(conditions) || /\blibc=(?!musl\b)/.test(conditions));
    if (name && !elsewhere) {
      const platform = children.filter((d) => PLATFORM_PACKAGE.test(d));
      for (const d of platform) claimed.add(d);
      if (platform.length > 0)
        natives.push({ name, why: `binary in ${platform.find((d) => /musl/i.test(d)) ?? platform[0]}`, dev: false });
      else if (conditions !== null) natives.push({ name, why: `built for ${conditions}`, dev: false });
      else if (PREBUILT.test(name)) natives.push({ name, why: 'native addon', dev: false });
      else if (PLATFORM_PACKAGE.test(name)) natives.push({ name, why: 'per-platform binary', dev: false });
    }
    name = null;
    children = [];
    conditions = null;
    section = '';
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      flush();
      const spec = line.replace(/:\s*$/, '').split(',')[0]?.trim().replace(/^"|"$/g, '') ?? '';
      if (spec === '__metadata') continue;
      const at = spec.indexOf('@', 1);
      name = at > 0 ? spec.slice(0, at) : spec;
      continue;
    }
    const indent = (/^\s*/.exec(line)?.[0] ?? '').length;
    const body = line.trim();
    if (indent <= 2) {
      section = body.endsWith(':') ? body.slice(0, -1) : '';
      const cond = /^conditions:\s*(.*)$/.exec(body)?.[1];
      if (cond) conditions = cond;
    } else if (section === 'optionalDependencies') {
      const child = /^"?((?:@[^/"\s]+\/)?[^@"\s:]+)"?/.exec(body)?.[1];
      if (child) children.push(child);
    }
  }
  flush();
  // Per-platform packages a parent lists as optional dependencies are named through that parent.
  return dedupe(natives.filter((n) => !claimed.has(n.name)));
}

/** Native packages recorded by pnpm-lock.yaml: requiresBuild, os/cpu/libc fields, per-platform names. */
function pnpmLockNatives(text: string, omitDev: boolean): Native[] {
  const natives: Native[] = [];
  const claimed = new Set<string>();
  let inPackages = false;
  let name: string | null = null;
  let fields = new Map<string, string>();
  let section = '';
  let children: string[] = [];
  const flush = () => {
    if (name) {
      const os = fields.get('os');
      const libc = fields.get('libc');
      const list = (v: string | undefined) =>
        v
          ? v
              .replace(/^\[|\]$/g, '')
              .split(',')
              .map((w) => w.trim().replace(/^['"]|['"]$/g, ''))
              .filter(Boolean)
          : undefined;
      const dev = fields.get('dev') === 'true';
      if (installedOn(list(os), 'linux') && installedOn(list(libc), 'musl') && !(omitDev && dev)) {
        const reasons: string[] = [];
        if (fields.get('requiresBuild') === 'true') reasons.push('install script');
        const platform = children.filter((d) => PLATFORM_PACKAGE.test(d));
        for (const d of platform) claimed.add(d);
        if (platform.length > 0) reasons.push(`binary in ${platform.find((d) => /musl/i.test(d)) ?? platform[0]}`);
        if (reasons.length === 0 && (os !== undefined || libc !== undefined || fields.has('cpu')))
          reasons.push(`built for linux${libc ? ` ${list(libc)?.join('/')}` : ''}`);
        if (reasons.length === 0 && (PREBUILT.test(name) || PLATFORM_PACKAGE.test(name)))
          reasons.push(PREBUILT.test(name) ? 'native addon' : 'per-platform binary');
        if (reasons.length > 0) natives.push({ name, why: reasons.join('; '), dev });
      }
    }
    name = null;
    fields = new Map();
    section = '';
    children = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = (/^\s*/.exec(line)?.[0] ?? '').length;
    const body = line.trim();
    if (indent === 0) {
      flush();
      inPackages = body === 'packages:' || body === 'snapshots:';
      continue;
    }
    if (!inPackages) continue;
    if (indent === 2) {
      flush();
      let key = body.replace(/:\s*$/, '').replace(/^['"]|['"]$/g, '');
      key = key.replace(/^\//, '').replace(/\(.*$/, '');
      const at = key.indexOf('@', 1);
      if (at > 0) name = key.slice(0, at);
      else name = key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : key;
      name = name.replace(/_.*$/, '');
      continue;
    }
    if (indent === 4) {
      const m = /^([\w-]+):\s*(.*)$/.exec(body);
      if (!m) continue;
      section = m[2] === '' ? (m[1] as string) : '';
      if (m[2] !== '') fields.set(m[1] as string, m[2] as string);
      else if (m[1] === 'os' || m[1] === 'cpu' || m[1] === 'libc') fields.set(m[1], '');
    } else if (section === 'optionalDependencies') {
      const child = /^['"]?((?:@[^/'"\s]+\/)?[^@'"\s:]+)/.exec(body)?.[1];
      if (child) children.push(child);
    } else if (section === 'os' || section === 'libc' || section === 'cpu') {
      const v = /^-\s*(.+)$/.exec(body)?.[1];
      if (v) fields.set(section, [fields.get(section), v].filter(Boolean).join(','));
    }
  }
  flush();
  return dedupe(natives.filter((n) => !claimed.has(n.name) || n.why.includes('install script')));
}

function dedupe(natives: Native[]): Native[] {
  const seen = new Set<string>();
  return natives.filter((n) => !seen.has(n.name) && seen.add(n.name));
}

/** Native packages package.json itself shows: known native dependencies, per-platform ones, a native install script. */
function packageJsonNatives(pkg: Record<string, unknown>, omitDev: boolean): Native[] {
  const natives: Native[] = [];
  const groups: Array<[string, boolean]> = [
    ['dependencies', false],
    ['optionalDependencies', false],
    ['devDependencies', true],
  ];
  for (const [field, dev] of groups) {
    if (omitDev && dev) continue;
    const deps = pkg[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const name of Object.keys(deps)) {
      if (PREBUILT.test(name)) natives.push({ name, why: 'native addon', dev });
      else if (PLATFORM_PACKAGE.test(name)) natives.push({ name, why: 'per-platform binary', dev });
    }
  }
  const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
  for (const hook of ['preinstall', 'install', 'postinstall']) {
    const script = scripts[hook];
    if (typeof script === 'string' && NATIVE_SCRIPT.test(script))
      natives.push({ name: `the app's "${hook}" script`, why: `\`${script}\``, dev: false });
  }
  if (pkg.gypfile === true) natives.push({ name: 'the app itself', why: 'binding.gyp', dev: false });
  return natives;
}

/**
 * What to do instead, for a refusal of node_modules installed on Alpine. The family that keeps Alpine's musl (DHI)
 * is named by the refusal's hint (RULES §3 "Hints").
 */
function alpineFixes(version: string, _ref: ImageRef | null): string {
  return `install the dependencies on node:${version}-bookworm-slim (glibc) instead`;
}

/** The image of the stage that installs the node_modules the runtime stage gets: its libc is theirs. */
function installRef(input: PlanInput): ImageRef | null {
  for (const stage of sourceStages(input.doc, input.stage)) {
    const facts = stageFacts(input.doc, stage);
    if (facts.instrs.some((i) => installSegments(i).length > 0)) return facts.chain[0]?.rootRef ?? null;
  }
  return null;
}

/**
 * node_modules installed on Alpine (RULES §4): each Alpine stage whose files reach the runtime stage and that installs
 * dependencies must show, through package.json and the lock file it installs from, that no package is native.
 */
function alpineDependencies(input: PlanInput, version: string, target: string): PlanOutcome | null {
  const { doc } = input;
  const read = input.options.readContextFile;
  for (const stage of sourceStages(doc, input.stage)) {
    const facts = stageFacts(doc, stage);
    const ref = facts.chain[0]?.rootRef ?? null;
    if (!isAlpine(ref)) continue;
    const install = facts.instrs.find((i) => installSegments(i).length > 0);
    const toolchain = facts.instrs.find((i) => i.keyword === 'RUN' && NATIVE_TOOLCHAIN.test(i.args));
    // A compiler installed for something else (a cgo build) is not a node_modules build.
    if (!install && !toolchain?.args.includes('node-gyp')) continue;
    if (toolchain) {
      return {
        ok: false,
        rule: 'node/native-addons',
        hint: true,
        line: toolchain.line + 1,
        message: `node_modules are built on Alpine with native addons (line ${toolchain.line + 1} installs a compiler or runs node-gyp): they link musl, and ${target} is glibc. ${capital(alpineFixes(version, ref))}`,
      };
    }
    const run = install as Instr;
    const line = run.line + 1;
    const where = `node_modules are installed on Alpine (${ref?.raw}, line ${line})`;
    const named = namedPackages(run).filter((n) => PREBUILT.test(n) || PLATFORM_PACKAGE.test(n));
    if (named.length > 0) {
      return {
        ok: false,
        rule: 'node/native-addons',
        hint: true,
        line,
        message: `node_modules are installed on Alpine (${ref?.raw}): line ${line} installs ${named.join(', ')}, which ${named.length > 1 ? 'carry' : 'carries'} native code built or downloaded for Alpine's musl; ${target} is glibc. ${capital(alpineFixes(version, ref))}`,
      };
    }
    const dir = workdirAt(facts, run);
    const inDir = (name: string) => joinPath(dir, name);
    const pkgCandidates = contextSources(doc, facts, inDir('package.json'), run);
    const pkgFile = readFirst(read, pkgCandidates);
    const tool = /\bpnpm\b/.test(run.args) ? 'pnpm' : /\byarn\b/.test(run.args) ? 'yarn' : 'npm';
    const copied = facts.copies
      .filter((c) => facts.instrs.indexOf(c.instr) < facts.instrs.indexOf(run))
      .flatMap((c) => c.sources.map((s) => basename(s.replace(/\/+$/, ''))))
      .filter((n) => LOCK_NAMES.includes(n));
    const own = tool === 'npm' ? LOCK_NAMES.slice(0, 2) : tool === 'yarn' ? ['yarn.lock'] : ['pnpm-lock.yaml'];
    const order = [...new Set([...copied, ...own, ...LOCK_NAMES])];
    let lockFile: { path: string; text: string; name: string } | null = null;
    const lockCandidates: string[] = [];
    for (const name of order) {
      const candidates = contextSources(doc, facts, inDir(name), run);
      lockCandidates.push(...candidates);
      const found = readFirst(read, candidates);
      if (found) {
        lockFile = { ...found, name };
        break;
      }
    }
    const pkg = pkgFile ? parseObject(pkgFile.text) : null;
    const missing: string[] = [];
    let fix = '';
    if (!pkgFile) {
      missing.push(
        pkgCandidates.length === 0
          ? `package.json (no COPY brings ${inDir('package.json')} into stage ${stageName(stage)} before line ${line})`
          : `package.json (${pkgCandidates.slice(0, 3).join(' or ')} in the build context)`,
      );
    } else if (!pkg) missing.push(`package.json (${pkgFile.path} is not valid JSON)`);
    if (!lockFile) {
      if (lockCandidates.length > 0) {
        missing.push(`a lock file (${[...new Set(lockCandidates)].slice(0, 4).join(', ')} in the build context)`);
      } else {
        missing.push(
          `a lock file (stage ${stageName(stage)} copies none of ${LOCK_NAMES.join(', ')} into ${dir} before line ${line}, so the versions installed, and their dependencies, are unknown)`,
        );
        fix = ` Commit the lock file and COPY it with package.json before line ${line} (\`npm ci\` installs exactly what it records), then run minbase again; or:`;
      }
    }
    if (missing.length > 0) {
      if (!fix)
        fix = read
          ? " Run minbase where the build context is (the Dockerfile's folder) so it can read them; or:"
          : ' Give minbase the build context (readContextFile) so it can read them; or:';
      return {
        ok: false,
        rule: 'node/native-addons',
        hint: true,
        line,
        message: `${where}, where any package may carry a musl-linked binary, and minbase cannot read ${missing.join(' or ')} to rule that out: moved to ${target} (glibc), such a binary would not load.${fix} ${alpineFixes(version, ref)}`,
      };
    }
    const omitDev =
      facts.instrs.some((i) => i.keyword === 'RUN' && OMIT_DEV.test(i.args)) ||
      facts.instrs.some(
        (i) =>
          i.keyword === 'ENV' &&
          facts.instrs.indexOf(i) < facts.instrs.indexOf(run) &&
          parseAssignments(i.args).some(([k, v]) => k === 'NODE_ENV' && v === 'production'),
      );
    const lock = lockFile as { path: string; text: string; name: string };
    let fromLock: Native[] | string;
    if (lock.name.endsWith('.json')) {
      const parsed = parseObject(lock.text);
      fromLock = parsed ? npmLockNatives(parsed, omitDev) : 'it is not valid JSON';
    } else fromLock = lock.name === 'yarn.lock' ? yarnLockNatives(lock.text) : pnpmLockNatives(lock.text, omitDev);
    if (typeof fromLock === 'string') {
      return {
        ok: false,
        rule: 'node/native-addons',
        hint: true,
        line,
        message: `${where}, where any package may carry a musl-linked binary, and minbase cannot check the lock file ${lock.path}: ${fromLock}. ${capital(alpineFixes(version, ref))}`,
      };
    }
    const natives = dedupe([...fromLock, ...packageJsonNatives(pkg as Record<string, unknown>, omitDev)]);
    if (natives.length > 0) {
      const shown = natives.slice(0, 8).map((n) => `${n.name} (${n.why}${n.dev ? ', dev' : ''})`);
      const more = natives.length > 8 ? ` and ${natives.length - 8} more` : '';
      const devOnly = natives.every((n) => n.dev)
        ? '. All are dev dependencies: installing with `npm ci --omit=dev` (or `npm prune --omit=dev`) would leave them out'
        : '';
      return {
        ok: false,
        rule: 'node/native-addons',
        hint: true,
        line,
        message: `${where}, and ${lock.path} / ${pkgFile?.path} show native packages: ${shown.join(', ')}${more}. Their binaries were chosen for Alpine's musl and do not load on ${target} (glibc)${devOnly}. ${capital(alpineFixes(version, ref))}`,
      };
    }
  }
  return null;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function stageName(stage: Stage): string {
  return stage.name ?? `#${stage.index}`;
}

const node: RuntimeModule = {
  runtime: 'node',
  summary: 'Node.js apps → distroless nodejs22/24/26-debian13; node dropped from CMD, npm start resolved',
  plan(input): PlanOutcome {
    const src = findVersion(
      input,
      nodeVersion,
      'Node',
      /\b(?:apk|apt-get|apt|yum|dnf|microdnf)\b[^;&|]*\s(?:add|install)\b[^;&|]*\s(?:nodejs|npm)\b/,
    );
    if ('ok' in src) return src;
    const family = familyOf(input.options);
    if (family !== 'distroless') {
      // The libc of the stage that installs node_modules (native addons are built there), else the build stage's.
      let libcRef: ImageRef | null = installRef(input) ?? input.builderFacts?.chain[0]?.rootRef ?? src.ref;
      // Chainguard is glibc only: Alpine-installed node_modules move there when they hold no native code (below).
      if (family === 'chainguard' && isAlpine(libcRef)) libcRef = null;
      const outcome = familyImageFor(input, 'node', src, libcRef, 'node/version');
      if (!outcome.ok || typeof outcome.target === 'string' || outcome.target.libc === 'musl') return outcome;
      return alpineDependencies(input, src.version, outcome.target.ref) ?? outcome;
    }
    const glibc = glibcCheck(src.ref, src.line, 'node/version');
    if (glibc) return glibc;
    const outcome = imageFor(
      'node',
      src,
      'node/version',
      'Upgrade to Node 22, 24 or 26 (e.g. node:22-bookworm-slim), then run minbase again',
    );
    if (!outcome.ok) return outcome;
    // node_modules installed on Alpine may carry musl builds of native code; the target is glibc.
    const target = typeof outcome.target === 'string' ? 'distroless nodejs' : outcome.target.ref;
    return alpineDependencies(input, src.version, target) ?? outcome;
  },
  translate(ctx, words): CommandPlan {
    const first = words[0] ?? '';
    const prog = basename(first);
    const rest = words.slice(1);
    const target = ctx.plan.target;
    const binary = target.entrypoint?.[0] ?? runtimeImageOf(target)?.binary ?? '/nodejs/bin/node';
    // DHI sets no ENTRYPOINT and has node on PATH: the command keeps (or gains) the word node (RULES §3).
    const onPath = target.interpreter !== undefined;
    const withNode = (p: CommandPlan): CommandPlan =>
      onPath && p.kind === 'args' ? { ...p, kind: 'cmd', words: ['node', ...p.words] } : p;
    if (prog === 'node' || prog === 'nodejs') {
      if (rest.length === 0)
        return { kind: 'block', message: 'runs node with no script (a REPL); name the script to run' };
      if (onPath) {
        const keep = first === 'node';
        return {
          kind: 'cmd',
          words: ['node', ...rest],
          why: keep
            ? `${target.ref} sets no ENTRYPOINT and has node on PATH, so the command stays as written`
            : `${target.ref} sets no ENTRYPOINT and has node on PATH (${binary}); ${first} is not there, so node runs the same arguments`,
        };
      }
      return {
        kind: 'args',
        words: rest,
        why: `the image runs ${binary} itself, so the word node is dropped${binary === '/nodejs/bin/node' ? ' (node is not on its PATH)' : ''}`,
      };
    }
    if (prog === 'npm' || prog === 'yarn' || prog === 'pnpm') return withNode(runScript(ctx, prog, rest));
    const root = ctx.stage.rootRef;
    if (root?.name === 'node' && (/\.(c|m)?js$/.test(first) || first.startsWith('-'))) {
      return withNode({
        kind: 'args',
        words,
        why: `the node image's docker-entrypoint.sh ran ${first} with node; ${onPath ? `${target.ref} does not, so the command names node` : 'the new image runs node itself'}`,
      });
    }
    return {
      kind: 'block',
      message: `runs ${first}, not node; ${target.ref} runs only node (no shell, no npm, no other programs)`,
    };
  },
};

/**
 * The package.json npm reads for a script: the one in the runtime stage's WORKDIR, traced to the build context
 * through the COPY lines that bring it (and, for COPY --from, through the build stage's own COPY lines).
 */
export function packageJsonOf(ctx: Context): {
  dir: string;
  candidates: string[];
  file: { path: string; text: string } | null;
} {
  const dir = ctx.facts.workdir;
  const candidates = contextSources(ctx.doc, ctx.facts, joinPath(dir, 'package.json'));
  return { dir, candidates, file: readFirst(ctx.options.readContextFile, candidates) };
}

function runScript(ctx: Context, tool: string, args: string[]): CommandPlan {
  const read = ctx.options.readContextFile;
  let name: string | undefined;
  let extra: string[] = [];
  const [sub, ...more] = args;
  if (sub === 'start' || sub === 'test') {
    name = sub;
    extra = more;
  } else if (sub === 'run' || sub === 'run-script') {
    name = more[0];
    extra = more.slice(1);
  } else if (tool !== 'npm' && sub !== undefined && !sub.startsWith('-')) {
    name = sub;
    extra = more;
  }
  const shown = [tool, ...args].join(' ');
  if (!name) return { kind: 'block', message: `runs ${shown}; the target has no ${tool}` };
  if (tool === 'npm' && extra[0] === '--') extra = extra.slice(1);
  else if (tool === 'npm' && extra.length > 0)
    return {
      kind: 'block',
      message: `runs ${shown}; npm reads options before --, minbase cannot tell which reach the script`,
    };
  const { dir, candidates, file } = packageJsonOf(ctx);
  if (candidates.length === 0)
    return {
      kind: 'block',
      message: `runs ${shown} in WORKDIR ${dir}, but no COPY brings ${joinPath(dir, 'package.json')} into the image, so minbase cannot find the script (and the target has no ${tool}). Put \`node FILE\` in the Dockerfile's CMD`,
    };
  const pkg = file ? parseObject(file.text) : null;
  if (!file || !pkg)
    return {
      kind: 'block',
      message: `runs ${shown}; the target has no ${tool}, and minbase could not ${file ? 'parse' : 'read'} ${file?.path ?? candidates.join(' or ')} in the build context (the package.json of WORKDIR ${dir}) to find the script. Put \`node FILE\` in the Dockerfile's CMD`,
    };
  const where = file.path;
  const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
  let script = scripts[name];
  if (script === undefined && name === 'start') {
    // npm's default start script, when server.js sits next to package.json.
    const server = contextSources(ctx.doc, ctx.facts, joinPath(dir, 'server.js'));
    if (readFirst(read, server)) script = 'node server.js';
  }
  if (typeof script !== 'string')
    return { kind: 'block', message: `runs ${shown}, but ${where} has no "${name}" script` };
  for (const hook of [`pre${name}`, `post${name}`]) {
    if (typeof scripts[hook] === 'string')
      return {
        kind: 'block',
        message: `runs ${shown}; ${tool} would also run the "${hook}" script of ${where}, which the target cannot`,
      };
  }
  const split = splitCommand(script);
  if (!split.ok || basename(split.words[0] ?? '') !== 'node' || split.words.length < 2) {
    return {
      kind: 'block',
      message: `runs ${shown}: the "${name}" script of ${where} (\`${script}\`) is not a plain \`node FILE [args]\`, and the target has no ${tool} or shell. Put \`node FILE\` in the Dockerfile's CMD`,
    };
  }
  return {
    kind: 'args',
    words: [...split.words.slice(1), ...extra],
    declares: { from: [tool, ...args], to: ['node', ...split.words.slice(1), ...extra] },
    why: `${shown} runs the "${name}" script \`${script}\` from ${where} (WORKDIR ${dir}); the target has no ${tool}, so the image's node runs it directly. node is then PID 1: without a SIGTERM handler in the app, docker stop waits for its timeout (npm passed the signal on); docker run --init or a handler keeps stops quick`,
  };
}

export default node;
