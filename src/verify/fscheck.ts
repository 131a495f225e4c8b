/**
 * Check 2 of `--verify`: does the new image's file system have what its command needs? Everything is read from the
 * image itself (an `ImageFs`), nothing runs: the program of ENTRYPOINT+CMD exists and the image's user may execute
 * it; an ELF program's loader and every library it needs (and they need) resolve as the loader would find them; a
 * `#!` script's interpreter likewise; the script, module or jar that node, python or java is told to run exists; a
 * named USER is in /etc/passwd.
 */
import path from 'node:path/posix';
import { type ElfInfo, machineName } from './elf.js';
import type { ImageFs, Resolved } from './imagefs.js';
import { allowed, octal, type RunUser, resolveUser } from './users.js';

/** The parts of `docker image inspect` that the checks use. */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  user: string;
  workdir: string;
  env: string[];
  /** Docker's names: `amd64`, `arm64`, `arm`, … */
  architecture: string;
  os: string;
}

export type FsCheck = { ok: true; detail: string; notes: string[] } | { ok: false; message: string; hint?: string };

/** Docker's PATH when the image sets none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** `e_machine` for Docker's architecture names. */
const ARCH_MACHINE: Record<string, number> = {
  amd64: 62,
  '386': 3,
  arm64: 183,
  arm: 40,
  ppc64le: 21,
  ppc64: 21,
  s390x: 22,
  riscv64: 243,
  mips64le: 8,
  loong64: 258,
};

/** Debian's multiarch folder names, by `e_machine` and class. */
function multiarch(elf: ElfInfo): string[] {
  switch (elf.machine) {
    case 62:
      return elf.bits === 64 ? ['x86_64-linux-gnu'] : ['x86_64-linux-gnux32'];
    case 3:
      return ['i386-linux-gnu'];
    case 183:
      return ['aarch64-linux-gnu'];
    case 40:
      return ['arm-linux-gnueabihf', 'arm-linux-gnueabi'];
    case 21:
      return ['powerpc64le-linux-gnu', 'powerpc64-linux-gnu'];
    case 22:
      return ['s390x-linux-gnu'];
    case 243:
      return ['riscv64-linux-gnu'];
    default:
      return [];
  }
}

/** Where glibc's loader looks when nothing else names a folder (Debian adds the multiarch folders). */
export function defaultLibraryDirs(elf: ElfInfo): string[] {
  const dirs: string[] = [];
  for (const triplet of multiarch(elf)) dirs.push(`/lib/${triplet}`, `/usr/lib/${triplet}`);
  if (elf.bits === 64) dirs.push('/lib64', '/usr/lib64');
  else dirs.push('/lib32', '/usr/lib32');
  dirs.push('/lib', '/usr/lib');
  return dirs;
}

const MUSL_DEFAULT = ['/lib', '/usr/local/lib', '/usr/lib'];

/** Expands `$ORIGIN`, `$LIB` and `$PLATFORM` in a RUNPATH/RPATH entry; `$LIB` and `$PLATFORM` give several. */
export function expandDst(entry: string, origin: string, elf: ElfInfo): string[] {
  let out = [entry.replace(/\$(\{ORIGIN\}|ORIGIN)/g, origin)];
  if (/\$(\{LIB\}|LIB)/.test(entry)) {
    const libs = elf.bits === 64 ? ['lib64', 'lib'] : ['lib', 'lib32'];
    for (const t of multiarch(elf)) libs.push(`lib/${t}`);
    out = out.flatMap((e) => libs.map((l) => e.replace(/\$(\{LIB\}|LIB)/g, l)));
  }
  if (/\$(\{PLATFORM\}|PLATFORM)/.test(entry)) {
    const platform = machineName(elf.machine).replace('-', '_');
    out = out.map((e) => e.replace(/\$(\{PLATFORM\}|PLATFORM)/g, platform));
  }
  return out.map((e) => path.normalize(e));
}

/** Folders named by /etc/ld.so.conf and what it includes. */
export function ldSoConfDirs(fs: ImageFs): string[] {
  const dirs: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, depth: number): void => {
    if (depth > 8 || seen.has(file)) return;
    seen.add(file);
    const text = fs.read(file)?.toString('utf8');
    if (text === undefined) return;
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') continue;
      const include = /^include\s+(.+)$/.exec(line);
      if (include) {
        for (const pattern of include[1]!.trim().split(/\s+/)) {
          const abs = path.isAbsolute(pattern) ? pattern : path.join(path.dirname(file), pattern);
          for (const match of glob(fs, abs)) visit(match, depth + 1);
        }
      } else if (line.startsWith('/')) {
        for (const dir of line.split(/[:\s,]+/)) if (dir.startsWith('/')) dirs.push(path.normalize(dir));
      }
    }
  };
  visit('/etc/ld.so.conf', 0);
  return dirs;
}

/** Matches a path whose last component may hold `*` and `?`. */
function glob(fs: ImageFs, pattern: string): string[] {
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  if (!/[*?[]/.test(base)) return [pattern];
  const re = new RegExp(
    `^${base
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  const real = fs.resolve(dir);
  if (!real.ok) return [];
  return fs
    .list(real.path)
    .filter((name) => re.test(name))
    .map((name) => `${dir}/${name}`);
}

/**
 * `, which the new image does not have` or `, which links to /b, which …`: the end of a sentence about `shown`, a
 * path that did not resolve. "Links to" only when `shown` itself is a symlink, not when a folder above it is one.
 */
export function whichMissing(fs: ImageFs, shown: string, r: Extract<Resolved, { ok: false }>): string {
  if (r.problem === 'too many levels of symlinks') return `, which has too many levels of symlinks (at ${r.missing})`;
  if (r.problem !== undefined) return `, which cannot be reached: ${r.problem}`;
  if (fs.isLink(shown) && r.missing !== shown)
    return `, which links to ${r.missing}, which the new image does not have`;
  return ', which the new image does not have';
}

/** `/a links to /b, which the new image does not have` and the like, for a path that did not resolve. */
export function describeMissing(fs: ImageFs, shown: string, r: Extract<Resolved, { ok: false }>): string {
  if (r.problem === 'too many levels of symlinks') return `${shown} has too many levels of symlinks (at ${r.missing})`;
  if (r.problem !== undefined) return `${shown} cannot be reached: ${r.problem}`;
  if (fs.isLink(shown) && r.missing !== shown)
    return `${shown} links to ${r.missing}, which the new image does not have`;
  return `${shown} is not in the new image`;
}

interface Loaded {
  /** The real path. */
  path: string;
  elf: ElfInfo;
  /** How it is named in messages: the path it was asked for, or the library name and where it was found. */
  shown: string;
}

const MAX_SCRIPT_DEPTH = 4;

export function checkFilesystem(fs: ImageFs, config: ImageConfig): FsCheck {
  return new Checker(fs, config).run();
}

class Checker {
  private readonly env = new Map<string, string>();
  private readonly notes: string[] = [];
  private user!: RunUser;
  private readonly workdir: string;

  constructor(
    private readonly fs: ImageFs,
    private readonly config: ImageConfig,
  ) {
    for (const e of config.env) {
      const eq = e.indexOf('=');
      if (eq > 0) this.env.set(e.slice(0, eq), e.slice(eq + 1));
    }
    this.workdir = config.workdir === '' ? '/' : path.normalize(config.workdir);
  }

  run(): FsCheck {
    try {
      return this.check();
    } catch (err) {
      if (err instanceof Failure) return err.hint === undefined ? { ok: false, message: err.message } : err.result();
      throw err;
    }
  }

  private check(): FsCheck {
    const user = resolveUser(this.config.user, this.fs);
    if (!user.ok) throw new Failure(user.message, 'add the user to the image, or use a numeric USER (uid:gid)');
    this.user = user.user;
    const argv = [...this.config.entrypoint, ...this.config.cmd];
    if (argv.length === 0 || argv[0] === '') throw new Failure('the new image has no command (no ENTRYPOINT or CMD)');
    const program = argv[0]!;
    const found = this.findProgram(program);
    const parts: string[] = [];
    const kind = this.checkExecutable(found, 0);
    parts.push(kind);
    const runtime = this.checkRuntime(argv, found);
    if (runtime !== null) parts.push(runtime);
    parts.push(`run as ${this.user.label}`);
    return { ok: true, detail: parts.join('; '), notes: this.notes };
  }

  /** Finds argv[0] as runc does: a path with a slash relative to the working folder, else in the image's PATH. */
  private findProgram(program: string): { shown: string; r: Extract<Resolved, { ok: true }> } {
    if (program.includes('/')) {
      const shown = path.isAbsolute(program) ? program : path.join(this.workdir, program);
      const r = this.fs.resolve(shown);
      if (!r.ok)
        throw new Failure(
          describeMissing(this.fs, shown, r),
          'copy it into the new stage, or fix the path in the command',
        );
      return { shown, r };
    }
    const pathVar = this.env.get('PATH') ?? DEFAULT_PATH;
    let notExecutable: { shown: string; r: Extract<Resolved, { ok: true }> } | null = null;
    for (const dir of pathVar.split(':')) {
      if (dir === '') continue;
      const shown = path.join(path.isAbsolute(dir) ? dir : path.join(this.workdir, dir), program);
      const r = this.fs.resolve(shown);
      if (!r.ok || r.node.type !== 'file') continue;
      if ((r.node.mode & 0o111) !== 0) return { shown, r };
      notExecutable ??= { shown, r };
    }
    if (notExecutable) return notExecutable;
    throw new Failure(
      `${program} is not in the new image (looked in PATH=${pathVar})`,
      'copy the program into the new stage, or name it by its full path',
    );
  }

  /** Checks that a found program can be executed, and what it needs to start; returns how to describe it. */
  private checkExecutable(found: { shown: string; r: Extract<Resolved, { ok: true }> }, depth: number): string {
    const { r } = found;
    const display = found.shown;
    const real = r.path !== display ? ` (${r.path})` : '';
    if (r.node.type === 'dir') throw new Failure(`${display}${real} is a folder, not a program`);
    if (r.node.type !== 'file') throw new Failure(`${display}${real} is not a regular file`);
    this.checkSearchable(r.path, display);
    if (!allowed(r.node, this.user, 1)) {
      throw new Failure(
        `${display}${real} is not executable by ${this.user.label} (mode ${octal(r.node.mode)}, owner ${r.node.uid}:${r.node.gid})`,
        "make it executable in the build stage, or copy it with COPY --chmod=755 (or --chown to the image's user)",
      );
    }
    const file = r.node.file ?? { kind: 'other' as const };
    if (file.kind === 'elf') return this.checkElf(display, r.path, file.elf);
    if (file.kind === 'elf-unreadable') {
      this.notes.push(`${display}: the ELF file could not be read (${file.reason}); its libraries were not checked`);
      return `${display}${real}: ELF (not read)`;
    }
    if (file.kind === 'script') return this.checkScript(display, real, file.line, depth);
    if (r.node.size === 0) throw new Failure(`${display}${real} is an empty file, so it cannot be run`);
    throw new Failure(
      `${display}${real} is neither an ELF program nor a #! script, so it cannot be executed (exec format error)`,
    );
  }

  /** Every folder above the program must let the user through. */
  private checkSearchable(real: string, display: string): void {
    if (this.user.uid === 0) return;
    let dir = path.dirname(real);
    const dirs: string[] = [];
    while (true) {
      dirs.unshift(dir);
      if (dir === '/') break;
      dir = path.dirname(dir);
    }
    for (const d of dirs) {
      const node = this.fs.lookup(d);
      if (node && !allowed(node, this.user, 1)) {
        throw new Failure(
          `${display} is inside ${d}, which ${this.user.label} cannot enter (mode ${octal(node.mode)}, owner ${node.uid}:${node.gid})`,
        );
      }
    }
  }

  private checkElf(display: string, real: string, elf: ElfInfo): string {
    const expected = ARCH_MACHINE[this.config.architecture];
    if (expected !== undefined && elf.machine !== expected) {
      throw new Failure(
        `${display} is built for ${machineName(elf.machine)}, but the image is ${this.config.os}/${this.config.architecture} (exec format error)`,
        'build the program for the platform of the image (GOARCH, --target, --platform)',
      );
    }
    const exe: Loaded = { path: real, elf, shown: display };
    if (elf.interp === null) {
      if (elf.needed.length > 0) {
        throw new Failure(
          `${display} needs libraries (${elf.needed.join(', ')}) but names no program loader (PT_INTERP)`,
        );
      }
      return `${display}: static ELF for ${machineName(elf.machine)}`;
    }
    const interp = this.fs.resolve(elf.interp, this.workdir);
    const musl = /ld-musl/.test(elf.interp);
    if (!interp.ok || interp.node.type !== 'file') {
      const what = interp.ok ? ', which is not a regular file' : whichMissing(this.fs, elf.interp, interp);
      const libc = musl ? 'musl' : /ld-linux|ld\.so|ld64/.test(elf.interp) ? 'glibc' : null;
      throw new Failure(
        `${display} needs the program loader ${elf.interp}${what}`,
        libc === 'glibc'
          ? 'it is linked against glibc: use a base that has it (gcr.io/distroless/base-debian13 or cc-debian13), or build a static binary'
          : libc === 'musl'
            ? 'it is linked against musl (Alpine): no distroless image has musl; build a static binary (CGO_ENABLED=0, or +crt-static)'
            : undefined,
      );
    }
    const loaded = this.checkLibraries(exe, musl);
    return `${display}: ELF for ${machineName(elf.machine)}, loader ${elf.interp} and ${loaded} ${loaded === 1 ? 'library' : 'libraries'} found`;
  }

  /** Resolves every DT_NEEDED, breadth first, as the loader does; returns how many libraries were found. */
  private checkLibraries(exe: Loaded, musl: boolean): number {
    const ldLibraryPath = (this.env.get('LD_LIBRARY_PATH') ?? '').split(/[:;]/).filter((d) => d !== '');
    let system: string[];
    if (musl) {
      const arch = /ld-musl-([^.]+)\.so/.exec(exe.elf.interp ?? '')?.[1] ?? '';
      const conf = this.fs.read(`/etc/ld-musl-${arch}.path`)?.toString('utf8');
      system =
        conf !== undefined
          ? conf
              .split(/[:\n]/)
              .map((d) => d.trim())
              .filter((d) => d.startsWith('/'))
          : MUSL_DEFAULT;
    } else system = [...ldSoConfDirs(this.fs), ...defaultLibraryDirs(exe.elf)];

    const byName = new Map<string, Loaded>();
    const queue: Loaded[] = [exe];
    const all: Loaded[] = [exe];
    while (queue.length > 0) {
      const obj = queue.shift()!;
      for (const name of obj.elf.needed) {
        if (byName.has(name)) continue;
        const already = all.find((l) => l.elf.soname === name);
        if (already) {
          byName.set(name, already);
          continue;
        }
        const lib = this.findLibrary(name, obj, exe, ldLibraryPath, system, musl);
        byName.set(name, lib);
        if (!all.some((l) => l.path === lib.path)) {
          all.push(lib);
          queue.push(lib);
        }
      }
    }
    return all.length - 1;
  }

  private findLibrary(
    name: string,
    obj: Loaded,
    exe: Loaded,
    ldLibraryPath: string[],
    system: string[],
    musl: boolean,
  ): Loaded {
    const needer = obj === exe ? obj.shown : `${obj.shown} (needed by ${exe.shown})`;
    if (name.includes('/')) {
      const r = this.fs.resolve(name, this.workdir);
      if (r.ok && r.node.type === 'file' && r.node.file?.kind === 'elf')
        return { path: r.path, elf: r.node.file.elf, shown: name };
      throw new Failure(`${needer} needs ${name}, which the new image does not have`);
    }
    const dst = (list: string[], owner: Loaded): string[] =>
      list.flatMap((e) => expandDst(e, path.dirname(owner.path), owner.elf));
    const dirs: string[] = [];
    if (musl) {
      dirs.push(...ldLibraryPath, ...dst([...obj.elf.rpath, ...obj.elf.runpath], obj), ...system);
    } else {
      // DT_RPATH counts only without DT_RUNPATH: first the object's own, then the executable's.
      if (obj.elf.runpath.length === 0) dirs.push(...dst(obj.elf.rpath, obj));
      if (obj !== exe && exe.elf.runpath.length === 0) dirs.push(...dst(exe.elf.rpath, exe));
      dirs.push(...ldLibraryPath, ...dst(obj.elf.runpath, obj), ...system);
    }
    const searched: string[] = [];
    let dangling: string | null = null;
    let otherArch: string | null = null;
    for (const dir of dirs) {
      if (searched.includes(dir)) continue;
      searched.push(dir);
      const candidate = `${dir === '/' ? '' : dir}/${name}`;
      const r = this.fs.resolve(candidate, this.workdir);
      if (!r.ok) {
        if (dangling === null) {
          // Name the link by its real path: the folders above it may be links too (/lib → usr/lib).
          const link = this.fs.resolve(candidate, this.workdir, false);
          if (link.ok && link.node.type === 'symlink') dangling = describeMissing(this.fs, link.path, r);
        }
        continue;
      }
      if (r.node.type !== 'file') continue;
      const file = r.node.file;
      if (file?.kind === 'elf') {
        if (file.elf.machine !== obj.elf.machine || file.elf.bits !== obj.elf.bits) {
          otherArch ??= `${r.path} (${machineName(file.elf.machine)}, ${file.elf.bits}-bit)`;
          continue;
        }
        return { path: r.path, elf: file.elf, shown: r.path };
      }
      if (file?.kind === 'elf-unreadable') {
        this.notes.push(`${candidate} could not be read (${file.reason}); what it needs was not checked`);
        return {
          path: r.path,
          elf: { ...obj.elf, needed: [], runpath: [], rpath: [], soname: name },
          shown: candidate,
        };
      }
    }
    let message = `${needer} needs ${name}, which the new image does not have`;
    if (dangling !== null) message = `${needer} needs ${name}: ${dangling}`;
    else if (otherArch !== null) message += ` for ${machineName(obj.elf.machine)} (only ${otherArch})`;
    throw new Failure(
      `${message} (looked in ${searched.join(', ')})`,
      'copy the library from the build stage, or use a base that ships it (distroless base/cc have glibc, libssl and libstdc++)',
    );
  }

  private checkScript(display: string, real: string, line: string, depth: number): string {
    const body = line.slice(2).trim();
    if (body === '') throw new Failure(`${display}${real} starts with an empty #! line`);
    if (depth >= MAX_SCRIPT_DEPTH) throw new Failure(`${display}: too many levels of #! interpreters`);
    const [interp = '', ...rest] = body.split(/\s+/);
    const arg = rest.join(' ');
    const r = this.fs.resolve(interp, this.workdir);
    if (!r.ok) {
      throw new Failure(
        `${display}${real} is a script for ${interp}: ${describeMissing(this.fs, interp, r)}`,
        'the new base has no shell or interpreter at that path: run the program directly in exec form, or choose a base with that interpreter',
      );
    }
    const inner = this.checkExecutable({ shown: interp, r }, depth + 1);
    if (path.basename(r.path) === 'env' || path.basename(interp) === 'env') {
      const words = arg.split(/\s+/).filter((w) => w !== '' && w !== '-S' && !/^-/.test(w) && !w.includes('='));
      const name = words[0];
      if (name !== undefined) {
        const found = this.findProgram(name);
        const target = this.checkExecutable(found, depth + 1);
        return `${display}${real}: #! script run by ${interp} ${name}, ${target}`;
      }
    }
    return `${display}${real}: #! script run by ${inner}`;
  }

  /** For node, python and java: the script, module or jar the command names. Returns a description or null. */
  private checkRuntime(argv: string[], found: { shown: string; r: Extract<Resolved, { ok: true }> }): string | null {
    const names = [path.basename(argv[0]!), path.basename(found.r.path)];
    const args = argv.slice(1);
    if (names.some((n) => n === 'node' || n === 'nodejs')) return this.checkNode(args);
    if (names.some((n) => /^python(\d+(\.\d+)?)?$/.test(n))) return this.checkPython(args);
    if (names.some((n) => n === 'java')) return this.checkJava(args);
    return null;
  }

  private checkNode(args: string[]): string | null {
    const withValue = new Set([
      '-r',
      '--require',
      '--import',
      '--loader',
      '--experimental-loader',
      '-C',
      '--conditions',
    ]);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '-' || a === '--test') return null;
      if (a === '-v' || a === '--version' || a === '-h' || a === '--help') return null;
      if (a === '--') return this.nodeScript(args[i + 1]);
      if (withValue.has(a)) {
        i++;
        continue;
      }
      if (a.startsWith('-')) continue;
      return this.nodeScript(a);
    }
    return null;
  }

  private nodeScript(script: string | undefined): string | null {
    if (script === undefined) return null;
    const abs = path.isAbsolute(script) ? script : path.join(this.workdir, script);
    for (const candidate of [abs, `${abs}.js`, `${abs}.mjs`, `${abs}.cjs`, `${abs}.json`, `${abs}.node`]) {
      const r = this.fs.resolve(candidate);
      if (r.ok && r.node.type === 'file') return `script ${candidate} found`;
    }
    const dir = this.fs.resolve(abs);
    if (dir.ok && dir.node.type === 'dir') {
      for (const index of ['package.json', 'index.js', 'index.mjs', 'index.cjs']) {
        if (this.fs.resolve(`${abs}/${index}`).ok) return `script folder ${abs} found`;
      }
    }
    const r = this.fs.resolve(abs);
    throw new Failure(
      `node runs ${script}, but ${r.ok ? `${abs} is not a file` : describeMissing(this.fs, abs, r)}`,
      'copy the application into the new stage, or fix the script path (relative paths start at WORKDIR)',
    );
  }

  private checkPython(args: string[]): string | null {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-' || a === '--help' || a === '--version' || a === '-h' || a === '-V') return null;
      if (a === '--check-hash-based-pycs') {
        i++;
        continue;
      }
      if (a.startsWith('--')) continue;
      if (a.startsWith('-') && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const flag = a[j];
          if (flag === 'c') return null;
          if (flag === 'm') return this.pythonModule(a.slice(j + 1) || (args[i + 1] ?? ''));
          if (flag === 'W' || flag === 'X') {
            if (j === a.length - 1) i++;
            break;
          }
        }
        continue;
      }
      const abs = path.isAbsolute(a) ? a : path.join(this.workdir, a);
      const r = this.fs.resolve(abs);
      if (r.ok && r.node.type !== 'symlink') return `script ${abs} found`;
      throw new Failure(
        `python runs ${a}, but ${r.ok ? `${abs} is not a file` : describeMissing(this.fs, abs, r)}`,
        'copy the application into the new stage, or fix the script path (relative paths start at WORKDIR)',
      );
    }
    return null;
  }

  /** sys.path candidates: the working folder, PYTHONPATH, every site- and dist-packages and standard library folder. */
  private pythonPath(): { dirs: string[]; opaque: string[] } {
    const dirs = [this.workdir];
    const opaque: string[] = [];
    for (const p of (this.env.get('PYTHONPATH') ?? '').split(':')) {
      if (p === '') continue;
      const abs = path.isAbsolute(p) ? path.normalize(p) : path.join(this.workdir, p);
      const r = this.fs.resolve(abs);
      if (r.ok && r.node.type === 'file') opaque.push(abs);
      else dirs.push(abs);
    }
    const site: string[] = [];
    for (const p of this.fs.folders()) {
      if (/\/lib(64)?\/python3(\.\d+)?(\/(site|dist)-packages|\/lib-dynload)?$/.test(p)) site.push(p);
    }
    site.sort();
    dirs.push(...site);
    for (const dir of site) {
      if (!/-packages$/.test(dir)) continue;
      for (const name of this.fs.list(dir)) {
        if (!name.endsWith('.pth')) continue;
        const text = this.fs.read(`${dir}/${name}`)?.toString('utf8') ?? '';
        for (const raw of text.split('\n')) {
          const line = raw.trim();
          if (line === '' || line.startsWith('#') || /^import[\s\t]/.test(line)) continue;
          dirs.push(path.isAbsolute(line) ? path.normalize(line) : path.join(dir, line));
        }
      }
    }
    return { dirs: [...new Set(dirs)], opaque };
  }

  private pythonModule(module: string): string {
    if (module === '' || !/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(module)) {
      throw new Failure(`python -m is given no valid module name ('${module}')`);
    }
    const parts = module.split('.');
    const last = parts.at(-1)!;
    const { dirs, opaque } = this.pythonPath();
    let packageWithoutMain: string | null = null;
    for (const dir of dirs) {
      const parent = [dir, ...parts.slice(0, -1)].join('/');
      const pr = this.fs.resolve(parent);
      if (!pr.ok || pr.node.type !== 'dir') continue;
      const names = this.fs.list(pr.path);
      if (names.includes(`${last}.py`) || names.includes(`${last}.pyc`)) return `module ${module} found in ${dir}`;
      if (names.some((n) => n.startsWith(`${last}.`) && /\.(so|pyd)$/.test(n)))
        return `module ${module} found in ${dir}`;
      const pkg = this.fs.resolve(`${pr.path}/${last}`);
      if (pkg.ok && pkg.node.type === 'dir') {
        const inside = this.fs.list(pkg.path);
        if (inside.includes('__main__.py') || inside.includes('__main__.pyc'))
          return `module ${module} found in ${dir}`;
        packageWithoutMain ??= `${pr.path}/${last}`;
      }
    }
    if (opaque.length > 0) {
      this.notes.push(
        `python -m ${module}: not found in folders; PYTHONPATH has ${opaque.join(', ')}, not looked into`,
      );
      return `module ${module} not checked (PYTHONPATH has archives)`;
    }
    if (packageWithoutMain !== null) {
      throw new Failure(
        `python -m ${module}: ${packageWithoutMain} is a package without __main__.py, so it cannot be run`,
      );
    }
    const candidates =
      parts.length > 1
        ? `${parts.join('/')}.py or ${parts.join('/')}/__main__.py`
        : `${last}.py or ${last}/__main__.py`;
    throw new Failure(
      `python -m ${module}: no ${candidates} in ${dirs.join(', ')}`,
      'copy the package (or the virtual environment holding it) into the new stage, or set PYTHONPATH to where it is',
    );
  }

  private checkJava(args: string[]): string | null {
    const withValue = new Set([
      '-p',
      '--module-path',
      '--upgrade-module-path',
      '--add-modules',
      '--add-opens',
      '--add-exports',
      '--add-reads',
      '--patch-module',
      '--limit-modules',
      '--source',
    ]);
    const checked: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.startsWith('@')) return checked.length > 0 ? checked.join('; ') : null;
      if (a === '-jar') {
        const jar = args[i + 1];
        if (jar === undefined) throw new Failure('java -jar is given no jar');
        this.javaPath('-jar', jar, false);
        return [...checked, `jar ${path.isAbsolute(jar) ? jar : path.join(this.workdir, jar)} found`].join('; ');
      }
      if (a === '-cp' || a === '-classpath' || a === '--class-path') {
        for (const entry of (args[i + 1] ?? '').split(':')) if (entry !== '') this.javaPath(a, entry, true);
        checked.push('class path found');
        i++;
        continue;
      }
      if (a === '-m' || a === '--module') return checked.length > 0 ? checked.join('; ') : null;
      if (withValue.has(a)) {
        i++;
        continue;
      }
      if (a.startsWith('-')) continue;
      break; // the main class
    }
    return checked.length > 0 ? checked.join('; ') : null;
  }

  private javaPath(option: string, entry: string, classpath: boolean): void {
    const wildcard = classpath && (entry === '*' || entry.endsWith('/*'));
    const target = wildcard ? entry.replace(/\/?\*$/, '') || '.' : entry;
    const abs = path.isAbsolute(target) ? path.normalize(target) : path.join(this.workdir, target);
    const r = this.fs.resolve(abs);
    if (r.ok && (classpath || r.node.type === 'file')) return;
    throw new Failure(
      `java ${option} ${entry}: ${r.ok ? `${abs} is not a file` : describeMissing(this.fs, abs, r)}`,
      'copy the jar into the new stage, or fix its path (relative paths start at WORKDIR)',
    );
  }
}

class Failure extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  result(): FsCheck {
    return this.hint === undefined
      ? { ok: false, message: this.message }
      : { ok: false, message: this.message, hint: this.hint };
  }
}
