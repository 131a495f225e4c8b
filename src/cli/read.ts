import { closeSync, fstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { osReason } from './errors.js';

export const MAX_BYTES = 1024 * 1024;
const BOM = '\uFEFF';

export type ReadResult =
  | {
      ok: true;
      /** The text without a leading byte-order mark. */
      text: string;
      /** `'\uFEFF'` when the file starts with one (kept on write), else `''`. */
      bom: string;
      /** The bytes as read, to detect a change before writing. */
      bytes: Buffer;
    }
  | { ok: false; reason: string };

/** One decoder per thread: `fatal` throws on bad UTF-8, and each call without `stream` starts afresh. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes Dockerfile bytes, refusing what is not UTF-8 text. */
export function decode(bytes: Buffer): ReadResult {
  if (bytes.length > MAX_BYTES) return { ok: false, reason: 'larger than 1 MiB' };
  if (bytes.includes(0)) return { ok: false, reason: 'binary file' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  const bom = text.startsWith(BOM) ? BOM : '';
  return { ok: true, text: text.slice(bom.length), bom, bytes };
}

/** Reads a Dockerfile without ever loading more than 1 MiB (plus one byte). */
export async function readDockerfile(file: string): Promise<ReadResult> {
  return readDockerfileSync(file);
}

/** One buffer per thread to read into; a file's bytes are copied out of it, so it is never handed on. */
let scratch: Buffer | null = null;

/**
 * `readDockerfile`, synchronously: one open, fstat, read and close, with no buffer allocated beyond the file's own
 * bytes. Worker threads read this way, and a read of a file in the page cache takes microseconds, less than the
 * round trips through the thread pool that awaited calls take.
 */
export function readDockerfileSync(file: string): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > MAX_BYTES) return { ok: false, reason: 'larger than 1 MiB' };
    scratch ??= Buffer.allocUnsafe(MAX_BYTES + 1);
    let length = 0;
    // The file may have grown since fstat: read on to the end, up to one byte past the limit.
    while (length < scratch.length) {
      const bytesRead = readSync(fd, scratch, length, scratch.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return decode(Buffer.from(scratch.subarray(0, length)));
  } catch (err) {
    return { ok: false, reason: osReason(err) };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {}
    }
  }
}

/** Reads all of a stream (stdin) into one buffer. */
export async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * `readContextFile` for the core: reads a file of the build context `dir`, synchronously.
 * Returns null when the file is missing, unreadable, not UTF-8, too large, or outside `dir`
 * (by `..`, an absolute path, or a symlink).
 */
export function contextReader(dir: string): (relativePath: string) => string | null {
  return (relativePath) => {
    try {
      if (relativePath === '' || relativePath.includes('\0') || path.isAbsolute(relativePath)) return null;
      const file = path.resolve(dir, relativePath);
      if (!isInside(dir, file)) return null;
      if (!isInside(realpathSync(dir), realpathSync(file))) return null;
      const info = statSync(file);
      if (!info.isFile() || info.size > MAX_BYTES) return null;
      const read = decode(readFileSync(file));
      return read.ok ? read.text : null;
    } catch {
      return null;
    }
  };
}

/** Whether `file` is strictly inside the folder `dir` (both absolute). */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
