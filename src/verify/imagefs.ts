/**
 * The file system of an image as read from `docker export`: every path with its type, mode and owner, the target of
 * each symlink, and for the files that matter to starting a program what they start with (ELF facts, a `#!` line)
 * or their contents (`/etc/passwd`, `/etc/group`, the loader's configuration, `.pth` files). Nothing else of the
 * image is kept. Paths are resolved inside the image, following its own symlinks.
 */
import path from 'node:path/posix';
import { type ElfInfo, isElf, readElf } from './elf.js';
import { type TarHeader, TarParser, type TarSink } from './tar.js';

export type NodeType = 'file' | 'dir' | 'symlink' | 'other';

/** What a regular file starts with. */
export type FileKind =
  | { kind: 'elf'; elf: ElfInfo }
  /** An ELF file that could not be read (cut short, too large to keep): not checked further. */
  | { kind: 'elf-unreadable'; reason: string }
  | { kind: 'script'; line: string }
  | { kind: 'other' };

export interface FsNode {
  type: NodeType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Symlink target as stored. */
  target?: string;
  /** For regular files. */
  file?: FileKind;
  /** Contents, only for files that `keepContent` selects. */
  content?: Buffer;
}

/** Files whose contents are kept: small configuration files that the checks read. */
export function keepContent(p: string): boolean {
  return (
    p === '/etc/passwd' ||
    p === '/etc/group' ||
    p === '/etc/ld.so.conf' ||
    (p.startsWith('/etc/ld.so.conf.d/') && p.endsWith('.conf')) ||
    /^\/etc\/ld-musl-[^/]+\.path$/.test(p) ||
    (p.endsWith('.pth') && /\/(site|dist)-packages\/[^/]+$/.test(p)) ||
    p.endsWith('/pyvenv.cfg')
  );
}

/** Kept contents and `#!` lines are cut at these sizes; larger ELF files are not read. */
const MAX_CONTENT = 1024 * 1024;
const MAX_SHEBANG = 512;
export const MAX_ELF = 512 * 1024 * 1024;
const HEAD = 64;

export type Resolved =
  | {
      ok: true;
      /** The real path, every symlink followed. */
      path: string;
      node: FsNode;
      /** Symlinks followed on the way, as absolute paths of the links. */
      links: string[];
    }
  | {
      ok: false;
      /** What was looked for, with symlinks followed so far: the path the image does not have. */
      missing: string;
      links: string[];
      /** Why, when it is not a plain "does not exist": a symlink loop, a file used as a folder. */
      problem?: string;
    };

export class ImageFs {
  readonly nodes = new Map<string, FsNode>();
  /** Names in each folder, including folders known only from their contents. */
  private readonly children = new Map<string, Set<string>>();

  constructor() {
    this.nodes.set('/', { type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
  }

  /** Adds or replaces a path (later entries of an archive win, as when extracting it). */
  add(p: string, node: FsNode): void {
    this.nodes.set(p, node);
    let child = p;
    while (child !== '/') {
      const parent = path.dirname(child);
      let names = this.children.get(parent);
      if (!names) {
        names = new Set();
        this.children.set(parent, names);
      }
      const base = path.basename(child);
      if (names.has(base)) break;
      names.add(base);
      child = parent;
    }
  }

  /** The node at exactly `p` (no symlink followed); folders known only from their contents are `dir` 0755 root. */
  lookup(p: string): FsNode | undefined {
    const node = this.nodes.get(p);
    if (node) return node;
    if (this.children.has(p)) return { type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
    return undefined;
  }

  /** Names directly inside folder `p` (the real path). */
  list(p: string): string[] {
    return [...(this.children.get(p) ?? [])].sort();
  }

  /** Every folder of the image (also those known only from their contents), for searches such as site-packages. */
  *folders(): IterableIterator<string> {
    for (const [p, node] of this.nodes) if (node.type === 'dir') yield p;
    for (const p of this.children.keys()) if (!this.nodes.has(p)) yield p;
  }

  /** Whether `p` itself (its last component not followed) is a symlink. */
  isLink(p: string, cwd = '/'): boolean {
    const r = this.resolve(p, cwd, false);
    return r.ok && r.node.type === 'symlink';
  }

  /**
   * Resolves `p` (absolute, or relative to `cwd`) inside the image, following symlinks in every component and, when
   * `followLast`, in the last one, at most 40 in all as Linux does.
   */
  resolve(p: string, cwd = '/', followLast = true): Resolved {
    const links: string[] = [];
    let pending = splitPath(path.isAbsolute(p) ? p : path.join(cwd, p));
    let current = '/';
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '..') {
        current = path.dirname(current);
        continue;
      }
      const candidate = current === '/' ? `/${part}` : `${current}/${part}`;
      const node = this.lookup(candidate);
      if (!node) return { ok: false, missing: joinRest(candidate, pending), links };
      if (node.type === 'symlink' && (pending.length > 0 || followLast)) {
        if (++hops > 40) return { ok: false, missing: candidate, links, problem: 'too many levels of symlinks' };
        links.push(candidate);
        const target = node.target ?? '';
        if (target.startsWith('/')) current = '/';
        pending = [...splitPath(target), ...pending];
        continue;
      }
      if (pending.length > 0 && node.type !== 'dir') {
        return { ok: false, missing: joinRest(candidate, pending), links, problem: `${candidate} is not a folder` };
      }
      current = candidate;
    }
    const node = this.lookup(current);
    if (!node) return { ok: false, missing: current, links };
    return { ok: true, path: current, node, links };
  }

  /** Contents of a kept file, following symlinks; null when absent or not kept. */
  read(p: string): Buffer | null {
    const r = this.resolve(p);
    if (!r.ok || r.node.type !== 'file') return null;
    return r.node.content ?? null;
  }

  /** Builds the file system from a stream of tar data (`docker export`), keeping what the checks need. */
  static reader(): { fs: ImageFs; parser: TarParser; finish(): ImageFs } {
    const fs = new ImageFs();
    /** Hard links refer to an earlier entry: they share its node. */
    const parser = new TarParser((header) => fs.entry(header));
    return {
      fs,
      parser,
      finish: () => {
        parser.end();
        return fs;
      },
    };
  }

  private entry(h: TarHeader): TarSink | null {
    if (h.path === '/') {
      this.nodes.set('/', { type: 'dir', mode: h.mode, uid: h.uid, gid: h.gid, size: 0 });
      return null;
    }
    if (h.type === 'hardlink') {
      const target = this.nodes.get(h.linkname);
      if (target) this.add(h.path, target);
      return null;
    }
    const type: NodeType = h.type === 'file' || h.type === 'dir' || h.type === 'symlink' ? h.type : 'other';
    const node: FsNode = { type, mode: h.mode, uid: h.uid, gid: h.gid, size: h.size };
    if (type === 'symlink') node.target = h.linkname;
    this.add(h.path, node);
    if (type !== 'file') return null;
    node.file = { kind: 'other' };
    return fileSink(h.path, node);
  }
}

/** Collects what is kept of one regular file as its data streams by. */
function fileSink(p: string, node: FsNode): TarSink {
  const keep = keepContent(p);
  const chunks: Buffer[] = [];
  let length = 0;
  type Mode = 'head' | 'elf' | 'script' | 'content' | 'skip';
  let mode: Mode = keep ? 'content' : 'head';
  const take = (chunk: Buffer, limit: number): void => {
    if (length >= limit) return;
    const part = chunk.subarray(0, limit - length);
    chunks.push(Buffer.from(part));
    length += part.length;
  };
  const decide = (): Mode => {
    const head = Buffer.concat(chunks);
    if (isElf(head)) {
      if (node.size <= MAX_ELF) return 'elf';
      node.file = { kind: 'elf-unreadable', reason: `larger than ${MAX_ELF / 1024 / 1024} MiB` };
      return 'skip';
    }
    if (head.length >= 2 && head[0] === 0x23 && head[1] === 0x21) return 'script';
    return 'skip';
  };
  return {
    data(chunk) {
      if (mode === 'head') {
        const used = Math.min(chunk.length, HEAD - length);
        take(chunk, HEAD);
        if (length < HEAD && length < node.size) return;
        mode = decide();
        // What came past the head in this chunk still counts.
        const extra = chunk.subarray(used);
        if (extra.length > 0 && mode === 'elf') take(extra, MAX_ELF);
        else if (extra.length > 0 && mode === 'script') take(extra, MAX_SHEBANG);
        return;
      }
      if (mode === 'elf') take(chunk, MAX_ELF);
      else if (mode === 'script') take(chunk, MAX_SHEBANG);
      else if (mode === 'content') take(chunk, MAX_CONTENT);
    },
    end() {
      if (mode === 'head') mode = decide();
      const data = Buffer.concat(chunks);
      if (mode === 'content') {
        node.content = data;
      } else if (mode === 'elf') {
        try {
          node.file = { kind: 'elf', elf: readElf(data) };
        } catch (err) {
          node.file = { kind: 'elf-unreadable', reason: err instanceof Error ? err.message : String(err) };
        }
      } else if (mode === 'script') {
        const nl = data.indexOf(0x0a);
        node.file = { kind: 'script', line: data.subarray(0, nl === -1 ? data.length : nl).toString('utf8') };
      }
    },
  };
}

function splitPath(p: string): string[] {
  return p.split('/').filter((part) => part !== '' && part !== '.');
}

function joinRest(candidate: string, rest: string[]): string {
  return path.normalize([candidate, ...rest].join('/'));
}
