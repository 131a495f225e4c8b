/**
 * Helpers for the --verify tests: tar archives and ELF files written byte by byte, and small image file systems.
 * Nothing here needs Docker.
 */
import type { ElfInfo } from '../src/verify/elf.js';
import { type FsNode, ImageFs } from '../src/verify/imagefs.js';

// ---------------------------------------------------------------------------------------------------------------
// tar

export interface TarMember {
  name: string;
  type?: '0' | '1' | '2' | '5' | 'x' | 'g' | 'L' | 'K';
  mode?: number;
  uid?: number;
  gid?: number;
  data?: Buffer | string;
  linkname?: string;
  /** Write the size in GNU base-256 instead of octal. */
  base256Size?: boolean;
  prefix?: string;
}

function octalField(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** One 512-byte ustar header. */
export function tarHeader(m: TarMember, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(m.name, 0, 100, 'utf8');
  h.write(octalField(m.mode ?? 0o644, 8), 100, 'latin1');
  h.write(octalField(m.uid ?? 0, 8), 108, 'latin1');
  h.write(octalField(m.gid ?? 0, 8), 116, 'latin1');
  if (m.base256Size) {
    h[124] = 0x80;
    let v = size;
    for (let i = 135; i > 124; i--) {
      h[i] = v % 256;
      v = Math.floor(v / 256);
    }
  } else h.write(octalField(size, 12), 124, 'latin1');
  h.write(octalField(0, 12), 136, 'latin1');
  h.write(m.type ?? '0', 156, 'latin1');
  h.write(m.linkname ?? '', 157, 100, 'utf8');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  if (m.prefix !== undefined) h.write(m.prefix, 345, 155, 'utf8');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

function pad(data: Buffer): Buffer {
  const rest = (512 - (data.length % 512)) % 512;
  return Buffer.concat([data, Buffer.alloc(rest)]);
}

/** A PAX record `"<len> key=value\n"`, its length counting itself. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return `${length}${body}`;
}

/** A whole archive: each member's header and data, then the two zero blocks. */
export function makeTar(members: TarMember[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const data = typeof m.data === 'string' ? Buffer.from(m.data) : (m.data ?? Buffer.alloc(0));
    parts.push(tarHeader(m, data.length), pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** Feeds `data` to `write` in chunks of the given sizes, cycling through them. */
export function feed(data: Buffer, sizes: number[], write: (chunk: Buffer) => void): void {
  let pos = 0;
  let i = 0;
  while (pos < data.length) {
    const n = sizes[i++ % sizes.length]!;
    write(data.subarray(pos, pos + n));
    pos += n;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// ELF

export interface ElfSpec {
  bits?: 32 | 64;
  littleEndian?: boolean;
  machine?: number;
  type?: number;
  interp?: string | null;
  needed?: string[];
  soname?: string;
  runpath?: string;
  rpath?: string;
}

/**
 * An ELF file with one PT_LOAD at a non-zero address (so that the string table must be found through it), a
 * PT_INTERP and a PT_DYNAMIC, laid out as [header][program headers][interp][strtab][dynamic].
 */
export function makeElf(spec: ElfSpec = {}): Buffer {
  const bits = spec.bits ?? 64;
  const le = spec.littleEndian ?? true;
  const is64 = bits === 64;
  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const interp = spec.interp === undefined ? '/lib64/ld-linux-x86-64.so.2' : spec.interp;
  const needed = spec.needed ?? ['libc.so.6'];
  const hasDynamic = interp !== null || needed.length > 0 || spec.soname !== undefined;
  const phnum = 1 + (interp !== null ? 1 : 0) + (hasDynamic ? 1 : 0);
  const base = 0x400000;

  const strings: string[] = [];
  let strtab = Buffer.from([0]);
  const str = (s: string): number => {
    const at = strtab.length;
    strtab = Buffer.concat([strtab, Buffer.from(s), Buffer.from([0])]);
    strings.push(s);
    return at;
  };
  const dynEntries: Array<[number, number]> = [];
  for (const n of needed) dynEntries.push([1, str(n)]);
  if (spec.soname !== undefined) dynEntries.push([14, str(spec.soname)]);
  if (spec.runpath !== undefined) dynEntries.push([29, str(spec.runpath)]);
  if (spec.rpath !== undefined) dynEntries.push([15, str(spec.rpath)]);

  const interpOff = ehsize + phnum * phentsize;
  const interpBuf = interp !== null ? Buffer.from(`${interp}\0`) : Buffer.alloc(0);
  const strtabOff = interpOff + interpBuf.length;
  const dynOff = strtabOff + strtab.length + ((8 - ((strtabOff + strtab.length) % 8)) % 8);
  const entSize = is64 ? 16 : 8;
  dynEntries.push([5, base + strtabOff], [10, strtab.length], [0, 0]);
  const dynSize = hasDynamic ? dynEntries.length * entSize : 0;
  const total = dynOff + dynSize;
  const buf = Buffer.alloc(total);

  const w16 = (o: number, v: number) => (le ? buf.writeUInt16LE(v, o) : buf.writeUInt16BE(v, o));
  const w32 = (o: number, v: number) => (le ? buf.writeUInt32LE(v, o) : buf.writeUInt32BE(v, o));
  const w64 = (o: number, v: number) => (le ? buf.writeBigUInt64LE(BigInt(v), o) : buf.writeBigUInt64BE(BigInt(v), o));
  const wAddr = (o: number, v: number) => (is64 ? w64(o, v) : w32(o, v));

  buf.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, le ? 1 : 2, 1], 0);
  w16(16, spec.type ?? 3);
  w16(18, spec.machine ?? 62);
  w32(20, 1);
  wAddr(24, base + 0x1000); // entry
  wAddr(is64 ? 32 : 28, ehsize); // phoff
  w16(is64 ? 52 : 40, ehsize);
  w16(is64 ? 54 : 42, phentsize);
  w16(is64 ? 56 : 44, phnum);

  let ph = ehsize;
  const phdr = (type: number, offset: number, vaddr: number, filesz: number) => {
    if (is64) {
      w32(ph, type);
      w32(ph + 4, 4);
      w64(ph + 8, offset);
      w64(ph + 16, vaddr);
      w64(ph + 24, vaddr);
      w64(ph + 32, filesz);
      w64(ph + 40, filesz);
      w64(ph + 48, 0x1000);
    } else {
      w32(ph, type);
      w32(ph + 4, offset);
      w32(ph + 8, vaddr);
      w32(ph + 12, vaddr);
      w32(ph + 16, filesz);
      w32(ph + 20, filesz);
      w32(ph + 24, 4);
      w32(ph + 28, 0x1000);
    }
    ph += phentsize;
  };
  if (interp !== null) phdr(3, interpOff, base + interpOff, interpBuf.length);
  phdr(1, 0, base, total);
  if (hasDynamic) phdr(2, dynOff, base + dynOff, dynSize);

  interpBuf.copy(buf, interpOff);
  strtab.copy(buf, strtabOff);
  if (hasDynamic) {
    let o = dynOff;
    for (const [tag, val] of dynEntries) {
      if (is64) {
        w64(o, tag);
        w64(o + 8, val);
      } else {
        w32(o, tag);
        w32(o + 4, val);
      }
      o += entSize;
    }
  }
  return buf;
}

// ---------------------------------------------------------------------------------------------------------------
// image file systems

export const LOADER = '/lib64/ld-linux-x86-64.so.2';
export const MULTIARCH = '/usr/lib/x86_64-linux-gnu';

export function elfInfo(spec: ElfSpec = {}): ElfInfo {
  return {
    bits: spec.bits ?? 64,
    littleEndian: spec.littleEndian ?? true,
    machine: spec.machine ?? 62,
    type: spec.type ?? 3,
    interp: spec.interp === undefined ? LOADER : spec.interp,
    needed: spec.needed ?? ['libc.so.6'],
    soname: spec.soname ?? null,
    runpath: spec.runpath?.split(':') ?? [],
    rpath: spec.rpath?.split(':') ?? [],
    dynamic: true,
  };
}

type Spec =
  | { elf: ElfSpec; mode?: number; uid?: number; gid?: number }
  | { script: string; mode?: number; uid?: number; gid?: number }
  | { text: string; mode?: number; uid?: number; gid?: number }
  | { link: string }
  | { dir: true; mode?: number; uid?: number; gid?: number }
  | { file: true; mode?: number; uid?: number; gid?: number; size?: number };

/** An image file system from a map of paths, without going through tar. */
export function fakeFs(tree: Record<string, Spec>): ImageFs {
  const fs = new ImageFs();
  for (const [p, spec] of Object.entries(tree)) {
    let node: FsNode;
    if ('link' in spec) node = { type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, target: spec.link };
    else if ('dir' in spec)
      node = { type: 'dir', mode: spec.mode ?? 0o755, uid: spec.uid ?? 0, gid: spec.gid ?? 0, size: 0 };
    else {
      const owner = { mode: spec.mode ?? 0o755, uid: spec.uid ?? 0, gid: spec.gid ?? 0 };
      if ('elf' in spec) node = { type: 'file', ...owner, size: 1000, file: { kind: 'elf', elf: elfInfo(spec.elf) } };
      else if ('script' in spec)
        node = { type: 'file', ...owner, size: 100, file: { kind: 'script', line: spec.script } };
      else if ('text' in spec) {
        node = {
          type: 'file',
          ...owner,
          mode: spec.mode ?? 0o644,
          size: spec.text.length,
          file: { kind: 'other' },
          content: Buffer.from(spec.text),
        };
      } else node = { type: 'file', ...owner, size: spec.size ?? 10, file: { kind: 'other' } };
    }
    fs.add(p, node);
  }
  return fs;
}

/** The files a glibc program needs on Debian: the loader (through its /lib64 link) and libc. */
export const GLIBC: Record<string, Spec> = {
  '/lib64': { dir: true },
  [LOADER]: { link: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' },
  '/lib': { link: 'usr/lib' },
  [`${MULTIARCH}/ld-linux-x86-64.so.2`]: { elf: { interp: null, needed: [], soname: 'ld-linux-x86-64.so.2' } },
  [`${MULTIARCH}/libc.so.6`]: { elf: { needed: ['ld-linux-x86-64.so.2'], soname: 'libc.so.6' } },
};

export const PASSWD =
  'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\napp:x:1000:1000::/home/app:/bin/sh\n';
export const GROUP = 'root:x:0:\nnonroot:x:65532:\napp:x:1000:\nshared:x:2000:app\n';
