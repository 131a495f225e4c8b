import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The file on disk is no longer what was read: someone edited it during the run. */
export class ChangedError extends Error {
  constructor() {
    super('changed while minbase was running');
  }
}

/** Temp files are `.<basename>.minbase-<pid>-<random>.tmp`, in the folder of the file. */
const TEMP_NAME = /^\..+\.minbase-(\d+)-[0-9a-f]+\.tmp$/;

export function tempName(file: string): string {
  return `.${path.basename(file)}.minbase-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

/** State of one `--write` run: folders whose stale temp files were already removed. */
export class Writer {
  private readonly cleaned = new Set<string>();

  /**
   * Replaces `file` (a real path, not a symlink) with `content`, atomically: a temp file in the same
   * folder is written, synced, given the original's mode and owner, then renamed over the original.
   * Throws ChangedError if the file no longer holds `expected`; the temp file never stays behind.
   */
  async write(file: string, content: Buffer, expected: Buffer): Promise<void> {
    const dir = path.dirname(file);
    await this.removeStaleTemps(dir);
    const current = await readFile(file);
    if (!current.equals(expected)) throw new ChangedError();
    const info = await lstat(file);

    const temp = path.join(dir, tempName(file));
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(content);
        await handle.chmod(info.mode & 0o7777);
        await handle.chown(info.uid, info.gid).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EPERM') throw err;
        });
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Last look before replacing: the window for a lost edit is as small as it can be.
      if (!(await readFile(file)).equals(expected)) throw new ChangedError();
      await rename(temp, file);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
    await syncFolder(dir);
  }

  /** Removes temp files that a killed earlier run left in `dir` (only when their process is gone). */
  private async removeStaleTemps(dir: string): Promise<void> {
    if (this.cleaned.has(dir)) return;
    this.cleaned.add(dir);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const pid = TEMP_NAME.exec(name)?.[1];
      if (pid === undefined || isRunning(Number(pid))) continue;
      const temp = path.join(dir, name);
      const info = await lstat(temp).catch(() => null);
      if (info?.isFile()) await unlink(temp).catch(() => {});
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes the rename durable where the platform allows it; failing to do so is not an error. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported everywhere (e.g. Windows); the data itself is already synced.
  }
}
