import { execFile } from 'node:child_process';
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';

/** Why a file must not be written, or null when it may be. */
export type Verdict = string | null;

export const UNCOMMITTED = 'has uncommitted changes in git; commit or stash them, or pass --force';

/** What one work tree says: the files (real, absolute paths) with staged or unstaged changes, or why it cannot tell. */
type TreeStatus = { ok: true; changed: Set<string> } | { ok: false; reason: string };

/** Variables that would point git at another repository than the one the file is in (e.g. inside a git hook). */
const LOCATING_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_NAMESPACE'];

/**
 * Tells whether a file may be written: not when git tracks it with uncommitted (staged or unstaged) changes.
 * Untracked and ignored files may be written, and so may files outside any work tree or when git is not installed.
 *
 * `git status` runs once per work tree, the first time a file in it is asked about; the work tree of a folder is
 * found by looking for `.git` upwards, cached per folder, so thousands of files cost a few `stat` calls each.
 */
export class GitGuard {
  /** Folder → the nearest folder at or above it holding `.git`, or null. */
  private readonly roots = new Map<string, Promise<string | null>>();
  /** Folder holding `.git` → its status. */
  private readonly trees = new Map<string, Promise<TreeStatus | null>>();
  private gitMissing = false;

  constructor(private readonly env: Record<string, string | undefined>) {}

  /** `file` is a real (symlink-free) absolute path. */
  async check(file: string): Promise<Verdict> {
    if (this.gitMissing) return null;
    const root = await this.rootOf(path.dirname(file));
    if (root === null) return null;
    let status = this.trees.get(root);
    if (!status) {
      status = this.status(root);
      this.trees.set(root, status);
    }
    const tree = await status;
    if (tree === null) return null;
    if (!tree.ok)
      return `cannot tell whether it has uncommitted changes (${tree.reason}); pass --force to write anyway`;
    return tree.changed.has(file) ? UNCOMMITTED : null;
  }

  private rootOf(dir: string): Promise<string | null> {
    let root = this.roots.get(dir);
    if (!root) {
      root = lstat(path.join(dir, '.git')).then(
        () => dir,
        () => {
          const parent = path.dirname(dir);
          return parent === dir ? null : this.rootOf(parent);
        },
      );
      this.roots.set(dir, root);
    }
    return root;
  }

  /** Runs `git status` in the work tree whose `.git` is in `dir`; null when it is no repository or git is missing. */
  private async status(dir: string): Promise<TreeStatus | null> {
    const top = await this.git(dir, ['rev-parse', '--show-toplevel']);
    if (top === null) return null;
    if (!top.ok) return notARepository(top.stderr) ? null : { ok: false, reason: firstLine(top.stderr) };
    // Paths in porcelain output are relative to the top of the work tree.
    const topDir = await realpath(top.stdout.replace(/\n$/, '')).catch(() => top.stdout.replace(/\n$/, ''));
    const out = await this.git(topDir, ['status', '--porcelain', '-z', '--untracked-files=no', '--ignore-submodules']);
    if (out === null) return null;
    if (!out.ok) return { ok: false, reason: firstLine(out.stderr) };
    return { ok: true, changed: parsePorcelain(out.stdout, topDir) };
  }

  /** Runs git without a shell; null when git is not installed. */
  private git(cwd: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string } | null> {
    const env: Record<string, string | undefined> = { ...this.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
    for (const name of LOCATING_VARIABLES) delete env[name];
    return new Promise((resolve) => {
      execFile(
        'git',
        ['-C', cwd, ...args],
        { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, windowsHide: true },
        (err, stdout, stderr) => {
          if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
            this.gitMissing = true;
            resolve(null);
          } else resolve({ ok: !err, stdout, stderr: stderr || (err?.message ?? '') });
        },
      );
    });
  }
}

/**
 * The files with staged or unstaged changes in `git status --porcelain -z` output (`XY path\0`, and for renames
 * and copies `XY new\0old\0`), as absolute paths under `top`.
 */
export function parsePorcelain(output: string, top: string): Set<string> {
  const changed = new Set<string>();
  const fields = output.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (field.length < 4) continue;
    const xy = field.slice(0, 2);
    if (xy !== '??' && xy !== '!!') changed.add(path.join(top, ...field.slice(3).split('/')));
    if (xy.includes('R') || xy.includes('C')) i++; // the old path of a rename or copy
  }
  return changed;
}

function notARepository(stderr: string): boolean {
  return /not a git repository/i.test(stderr);
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return `git: ${line.replace(/^(fatal|error): /, '') || 'failed'}`;
}
