import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { osReason } from './errors.js';
import { isInside } from './read.js';

/** A path to process, or one that is reported without being read. */
export type Entry =
  | { kind: 'file'; display: string; abs: string; real: string; symlink: boolean }
  | { kind: 'error' | 'skipped'; display: string; abs: string; reason: string };

const NAME_PATTERNS = [
  'Dockerfile',
  'Dockerfile.*',
  '*.Dockerfile',
  '*.dockerfile',
  'Containerfile',
  'Containerfile.*',
];
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

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
 * Missing paths and the like become `error` entries; they never stop the others.
 */
export async function discover(paths: string[], cwd: string): Promise<Entry[]> {
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
        await (await opendir(abs)).close(); // fast-glob would silently find nothing in an unreadable folder
        found.push(...(await searchFolder(abs, cwd)));
      } catch (err) {
        found.push({ kind: 'error', display, abs, reason: osReason(err) });
      }
    } else if (info.isFile()) {
      const real = await realpath(abs).catch(() => abs);
      found.push({ kind: 'file', display, abs, real, symlink: false });
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

async function searchFolder(root: string, cwd: string): Promise<Entry[]> {
  const rootReal = await realpath(root);
  const globOptions = {
    cwd: root,
    dot: true,
    caseSensitiveMatch: false,
    followSymbolicLinks: false,
    onlyFiles: false,
    suppressErrors: true,
    ignore: ALWAYS_SKIPPED,
  };
  const isIgnored = await gitignoreMatcher(root, globOptions);
  const matches = await fg(
    NAME_PATTERNS.map((p) => `**/${p}`),
    { ...globOptions, objectMode: true },
  );
  const entries: Entry[] = [];
  for (const m of matches) {
    if (isIgnored(m.path)) continue;
    const abs = path.join(root, ...m.path.split('/'));
    const display = displayPath(cwd, abs);
    if (m.dirent.isFile()) {
      entries.push({ kind: 'file', display, abs, real: path.join(rootReal, ...m.path.split('/')), symlink: false });
    } else if (m.dirent.isSymbolicLink()) {
      const entry = await symlinkEntry(abs, display, rootReal);
      if (entry) entries.push(entry);
    }
    // Directories (a folder named Dockerfile) and special files are not Dockerfiles: skip silently.
  }
  return entries;
}

async function symlinkEntry(abs: string, display: string, rootReal: string): Promise<Entry | null> {
  let real: string;
  try {
    real = await realpath(abs);
  } catch {
    return { kind: 'skipped', display, abs, reason: 'broken symlink' };
  }
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return null; // a symlinked folder is not followed
  if (!isInside(rootReal, real)) {
    return { kind: 'skipped', display, abs, reason: 'symlink to outside the searched root' };
  }
  return { kind: 'file', display, abs, real, symlink: true };
}

/**
 * Reads every .gitignore of the tree and returns a test for paths relative to `root` (with `/`).
 * Deeper .gitignore files override shallower ones, and nothing inside an ignored folder comes back.
 */
async function gitignoreMatcher(root: string, globOptions: fg.Options): Promise<(rel: string) => boolean> {
  const files = await fg('**/.gitignore', { ...globOptions, onlyFiles: true });
  const levels = new Map<string, Ignore>();
  for (const file of files) {
    const text = await readFile(path.join(root, ...file.split('/')), 'utf8').catch(() => null);
    if (text === null) continue;
    const dir = path.posix.dirname(file);
    levels.set(dir === '.' ? '' : dir, ignore().add(text));
  }
  if (levels.size === 0) return () => false;

  const test = (rel: string, isDir: boolean): boolean => {
    let ignored = false;
    const parts = rel.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const ig = levels.get(dir);
      if (!ig) continue;
      const sub = parts.slice(i).join('/') + (isDir ? '/' : '');
      const result = ig.test(sub);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  };
  const dirCache = new Map<string, boolean>();
  const dirIgnored = (dir: string): boolean => {
    let hit = dirCache.get(dir);
    if (hit === undefined) {
      const parent = path.posix.dirname(dir);
      hit = (parent !== '.' && dirIgnored(parent)) || test(dir, true);
      dirCache.set(dir, hit);
    }
    return hit;
  };
  return (rel) => {
    const parent = path.posix.dirname(rel);
    return (parent !== '.' && dirIgnored(parent)) || test(rel, false);
  };
}
