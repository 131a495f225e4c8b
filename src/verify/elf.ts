/**
 * Reads what the loader needs from an ELF file: its class, byte order, machine, the program interpreter
 * (`PT_INTERP`) and, from the dynamic section, `DT_NEEDED`, `DT_SONAME`, `DT_RUNPATH` and `DT_RPATH`. Only the
 * program headers are used (as the kernel and the loader do), so stripped files read the same.
 */

export interface ElfInfo {
  bits: 32 | 64;
  littleEndian: boolean;
  /** `e_machine`, e.g. 62 for x86-64. */
  machine: number;
  /** `e_type`: 2 executable, 3 shared object (or PIE). */
  type: number;
  /** The program interpreter, e.g. `/lib64/ld-linux-x86-64.so.2`; null for static programs and most libraries. */
  interp: string | null;
  needed: string[];
  soname: string | null;
  /** Colon-separated lists split into entries, `$ORIGIN` left in place. */
  runpath: string[];
  rpath: string[];
  /** Whether there is a dynamic section at all (static binaries have none, static-pie ones have one). */
  dynamic: boolean;
}

export class ElfError extends Error {
  override name = 'ElfError';
}

export const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

/** Machines by `e_machine`, named as `uname -m` would. */
export const MACHINES: Record<number, string> = {
  3: 'i386',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  22: 's390x',
  40: 'arm',
  62: 'x86-64',
  183: 'aarch64',
  243: 'riscv64',
  258: 'loongarch64',
};

export function machineName(machine: number): string {
  return MACHINES[machine] ?? `machine ${machine}`;
}

/** Whether the buffer starts like an ELF file. */
export function isElf(buf: Buffer): boolean {
  return buf.length >= 4 && buf.subarray(0, 4).equals(ELF_MAGIC);
}

export function readElf(buf: Buffer): ElfInfo {
  if (!isElf(buf)) throw new ElfError('not an ELF file');
  if (buf.length < 52) throw new ElfError('ELF header cut short');
  const cls = buf[4];
  const data = buf[5];
  if (cls !== 1 && cls !== 2) throw new ElfError(`unknown ELF class ${cls}`);
  if (data !== 1 && data !== 2) throw new ElfError(`unknown ELF byte order ${data}`);
  const bits = cls === 1 ? 32 : 64;
  const le = data === 1;
  const u16 = (o: number): number => {
    check(o, 2);
    return le ? buf.readUInt16LE(o) : buf.readUInt16BE(o);
  };
  const u32 = (o: number): number => {
    check(o, 4);
    return le ? buf.readUInt32LE(o) : buf.readUInt32BE(o);
  };
  const u64 = (o: number): number => {
    check(o, 8);
    const v = le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
    return Number(v);
  };
  const addr = (o: number): number => (bits === 64 ? u64(o) : u32(o));
  /** A signed tag of a dynamic entry (64-bit tags above 2^31 are OS-specific and ignored here). */
  const tag = (o: number): number => {
    if (bits === 32) {
      check(o, 4);
      return le ? buf.readInt32LE(o) : buf.readInt32BE(o);
    }
    check(o, 8);
    const v = le ? buf.readBigInt64LE(o) : buf.readBigInt64BE(o);
    return v > 0x7fffffffn || v < -0x80000000n ? -1 : Number(v);
  };
  function check(offset: number, length: number): void {
    if (offset < 0 || offset + length > buf.length) throw new ElfError('ELF file cut short');
  }

  if (bits === 64 && buf.length < 64) throw new ElfError('ELF header cut short');
  const type = u16(16);
  const machine = u16(18);
  const phoff = bits === 64 ? u64(32) : u32(28);
  const phentsize = u16(bits === 64 ? 54 : 42);
  const phnum = u16(bits === 64 ? 56 : 44);
  if (phnum === 0xffff) throw new ElfError('too many program headers (PN_XNUM) to read');
  if (phnum > 0 && phentsize < (bits === 64 ? 56 : 32)) throw new ElfError('program header entries too small');

  interface Segment {
    type: number;
    offset: number;
    vaddr: number;
    filesz: number;
  }
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (bits === 64) {
      segments.push({ type: u32(o), offset: u64(o + 8), vaddr: u64(o + 16), filesz: u64(o + 32) });
    } else {
      segments.push({ type: u32(o), offset: u32(o + 4), vaddr: u32(o + 8), filesz: u32(o + 16) });
    }
  }

  const cString = (offset: number, limit: number): string => {
    if (offset < 0 || offset >= buf.length) throw new ElfError('string outside the file');
    const end = buf.indexOf(0, offset);
    const stop = end === -1 || end > limit ? limit : end;
    return buf.subarray(offset, Math.min(stop, buf.length)).toString('utf8');
  };

  let interp: string | null = null;
  const interpSeg = segments.find((s) => s.type === PT_INTERP);
  if (interpSeg) interp = cString(interpSeg.offset, interpSeg.offset + interpSeg.filesz);

  const info: ElfInfo = {
    bits,
    littleEndian: le,
    machine,
    type,
    interp,
    needed: [],
    soname: null,
    runpath: [],
    rpath: [],
    dynamic: false,
  };
  const dyn = segments.find((s) => s.type === PT_DYNAMIC);
  if (!dyn) return info;
  info.dynamic = true;

  const entrySize = bits === 64 ? 16 : 8;
  const entries: Array<[number, number]> = [];
  for (let o = dyn.offset; o + entrySize <= dyn.offset + dyn.filesz; o += entrySize) {
    const t = tag(o);
    if (t === DT_NULL) break;
    entries.push([t, addr(o + entrySize / 2)]);
  }
  const strtabAddr = entries.find(([t]) => t === DT_STRTAB)?.[1];
  const strsz = entries.find(([t]) => t === DT_STRSZ)?.[1] ?? Number.MAX_SAFE_INTEGER;
  if (strtabAddr === undefined) {
    if (entries.some(([t]) => t === DT_NEEDED)) throw new ElfError('dynamic section without a string table');
    return info;
  }
  // The string table is given by its address in memory: find the file offset through the loaded segments.
  const load = segments.find((s) => s.type === PT_LOAD && strtabAddr >= s.vaddr && strtabAddr < s.vaddr + s.filesz);
  const strtab = load ? load.offset + (strtabAddr - load.vaddr) : strtabAddr;
  const str = (value: number): string => {
    if (value >= strsz) throw new ElfError('string index outside the string table');
    return cString(strtab + value, strsz === Number.MAX_SAFE_INTEGER ? buf.length : strtab + strsz);
  };
  const split = (list: string): string[] => list.split(':').filter((p) => p !== '');
  for (const [t, value] of entries) {
    if (t === DT_NEEDED) info.needed.push(str(value));
    else if (t === DT_SONAME) info.soname = str(value);
    else if (t === DT_RUNPATH) info.runpath.push(...split(str(value)));
    else if (t === DT_RPATH) info.rpath.push(...split(str(value)));
  }
  return info;
}
