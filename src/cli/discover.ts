import { type Dirent, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { osReason } from './errors.js';
import { isInside } from './read.js';

/** A path to process, or one that is reported without being read. */
export type Entry =
  | { kind: 'file'; display: string; abs: string; real: string; symlink: boolean }
  | { kind: 'error' | 'skipped'; display: string; abs: string; reason: string };

/** Whether a file name looks like a Dockerfile (any case). */
export function isDockerfileName(name: string): boolean {
  return /^(dockerfile|containerfile)(\..*)?$|.\.dockerfile$/i.test(name);
}

/** `abs` relative to `cwd`, with `/` separators. */
export function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs) || '.';
  return rel.split(path.sep).join('/');
}

/**
 * Resolves the command-line paths to a list sorted by display path, without reading any contents.
 * Missing paths and the like become `error` entries; they never stop the others. `onFile` is called for each
 * regular file found, as it is found (main.ts starts the worker threads once there are enough).
 */
export async function discover(paths: string[], cwd: string, onFile?: () => void): Promise<Entry[]> {
  const found: Entry[] = [];
  for (const arg of paths) {
    const abs = path.resolve(cwd, arg);
    const display = displayPath(cwd, abs);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(abs);
    } catch (err) {
      found.push({ kind: 'error', display, abs, reason: osReason(err) });
      continue;
    }
    if (info.isDirectory()) {
      // `minbase Dockerfile` names a file; a folder by that name is a mistake (`Dockerfile/` searches it).
      if (!/[\\/]$/.test(arg) && isDockerfileName(path.basename(arg))) {
        found.push({ kind: 'error', display, abs, reason: 'is a directory, not a Dockerfile (add a / to search it)' });
        continue;
      }
      try {
        await (await opendir(abs)).close(); // the walk skips unreadable folders silently; a named one is an error
        found.push(...(await searchFolder(abs, cwd, onFile)));
      } catch (err) {
        found.push({ kind: 'error', display, abs, reason: osReason(err) });
      }
    } else if (info.isFile()) {
      const real = await realpath(abs).catch(() => abs);
      found.push({ kind: 'file', display, abs, real, symlink: false });
      onFile?.();
    } else {
      found.push({ kind: 'error', display, abs, reason: 'not a regular file' });
    }
  }
  return dedupe(found).sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

/** Drops repeats of one file: the same path twice, or a symlink to a file that is also listed itself. */
function dedupe(entries: Entry[]): Entry[] {
  const byAbs = new Map<string, Entry>();
  for (const e of entries) if (!byAbs.has(e.abs)) byAbs.set(e.abs, e);
  const listed = new Set<string>();
  for (const e of byAbs.values()) if (e.kind === 'file' && !e.symlink) listed.add(e.real);
  const seenReal = new Set<string>();
  const out: Entry[] = [];
  for (const e of byAbs.values()) {
    if (e.kind === 'file') {
      if (e.symlink && listed.has(e.real)) continue;
      if (seenReal.has(e.real)) continue;
      seenReal.add(e.real);
    }
    out.push(e);
  }
  return out;
}

/**
 * What a folder search takes: the names of `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`,
 * `Containerfile` and `Containerfile.*` in any case, as the glob patterns read (an empty `*` included).
 */
const FOUND_NAME = /^(?:dockerfile|containerfile)(?:\.[\s\S]*)?$|\.dockerfile$/i;

/**
 * The names in each folder where this run's walks found a Dockerfile, so that the config search (config.ts) need
 * not list those folders again.
 */
const listings = new Map<string, string[]>();

/** The names in folder `dir` (absolute) as the walk listed them, if it found a Dockerfile there. */
export function folderListing(dir: string): string[] | undefined {
  return listings.get(dir);
}

/** Folders never searched, in any case. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/**
 * The .gitignore rules in force, one `ignore` per folder that has a .gitignore, keyed by the folder's path from
 * the repository root (`''` for the root itself, `/` separators).
 */
type Levels = Map<string, Ignore>;

/**
 * Walks `root` once, in one thread and without awaiting (a listing of a folder in the page cache takes
 * microseconds, an awaited call a round trip through the thread pool): every folder's .gitignore is read when the
 * walk enters it, ignored folders are not entered, and only names that look like Dockerfiles are looked at.
 * The .gitignore files of the folders above `root`, up to the repository root (the nearest folder above with a
 * `.git`), count as well, so a subfolder finds what a search of the whole repository finds in it.
 */
async function searchFolder(root: string, cwd: string, onFile?: () => void): Promise<Entry[]> {
  const rootReal = realpathSync(root);
  const { levels, base } = outerLevels(root);
  const entries: Entry[] = [];
  const walk = (dir: string, rel: string, realRel: string): void => {
    let listing: Dirent[];
    try {
      listing = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable folder below the root is skipped, as git and the glob search do
    }
    for (const d of listing) {
      if (d.name === '.gitignore' && d.isFile()) {
        const text = readTextOrNull(path.join(dir, d.name));
        if (text !== null) levels.set(rel, ignore().add(text));
      }
    }
    const before = entries.length;
    for (const d of listing) {
      const name = d.name;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const childRealRel = realRel === '' ? name : `${realRel}/${name}`;
      if (d.isDirectory()) {
        if (ALWAYS_SKIPPED.has(name.toLowerCase())) continue;
        if (levels.size > 0 && isIgnored(levels, childRel, true)) continue;
        walk(path.join(dir, name), childRel, childRealRel);
        continue;
      }
      if (!FOUND_NAME.test(name)) continue;
      if (levels.size > 0 && isIgnored(levels, childRel, false)) continue;
      const abs = path.join(dir, name);
      const display = displayPath(cwd, abs);
      if (d.isFile()) {
        entries.push({ kind: 'file', display, abs, real: path.join(rootReal, childRealRel), symlink: false });
        onFile?.();
      } else if (d.isSymbolicLink()) {
        const entry = symlinkEntry(abs, display, rootReal);
        if (entry) entries.push(entry);
      }
      // Special files (a pipe named Dockerfile) are not Dockerfiles: skipped silently.
    }
    if (entries.length > before)
      listings.set(
        dir,
        listing.map((d) => d.name),
      );
  };
  walk(root, base, '');
  return entries;
}

function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The .gitignore files of the folders from the repository root down to `root` (not `root`'s own, which the walk
 * reads), and `root`'s path from the repository root. When `root` is not in a repository, or is itself ignored
 * (a folder named on the command line is searched even then, like a file named there), only the .gitignore files
 * from `root` down count, as they did before.
 */
function outerLevels(root: string): { levels: Levels; base: string } {
  const levels: Levels = new Map();
  let top: string | null = null;
  for (let dir = root; ; ) {
    try {
      lstatSync(path.join(dir, '.git'));
      top = dir;
      break;
    } catch {}
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (top === null || top === root) return { levels, base: '' };
  const parts = path.relative(top, root).split(path.sep);
  let rel = '';
  let dir = top;
  for (const part of parts) {
    const file = path.join(dir, '.gitignore');
    const text = lstatSync(file, { throwIfNoEntry: false })?.isFile() ? readTextOrNull(file) : null;
    if (text !== null) levels.set(rel, ignore().add(text));
    rel = rel === '' ? part : `${rel}/${part}`;
    dir = path.join(dir, part);
    if (levels.size > 0 && isIgnored(levels, rel, true)) return { levels: new Map(), base: '' };
  }
  return { levels, base: rel };
}

function symlinkEntry(abs: string, display: string, rootReal: string): Entry | null {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return { kind: 'skipped', display, abs, reason: 'broken symlink' };
  }
  let isFile = false;
  try {
    isFile = statSync(real).isFile();
  } catch {}
  if (!isFile) return null; // a symlinked folder is not followed
  if (!isInside(rootReal, real)) {
    return { kind: 'skipped', display, abs, reason: 'symlink to outside the searched root' };
  }
  return { kind: 'file', display, abs, real, symlink: true };
}

/**
 * Whether `rel` (from the repository root, `/` separators) is ignored by the .gitignore files of the folders above
 * it: each one tests the path relative to its folder, and a deeper one decides over a shallower one (a negation
 * there re-includes). Whether a folder above `rel` is ignored is not asked here: the walk never enters one.
 */
function isIgnored(levels: Levels, rel: string, isDir: boolean): boolean {
  let ignored = false;
  const suffix = isDir ? '/' : '';
  let at = 0;
  for (;;) {
    const ig = levels.get(at === 0 ? '' : rel.slice(0, at - 1));
    if (ig) {
      const result = ig.test(rel.slice(at) + suffix);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    const slash = rel.indexOf('/', at);
    if (slash < 0) return ignored;
    at = slash + 1;
  }
}
