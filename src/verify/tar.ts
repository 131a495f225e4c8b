/**
 * A streaming reader for tar archives as `docker export` writes them (ustar with GNU and PAX extensions). It is a
 * push parser: feed it chunks of any size with `write()`, then `end()`. For each entry it calls `onEntry` with the
 * header; the entry's data goes to the sink that `onEntry` returns (or is skipped), so an archive of any size is read
 * with memory bounded by what the sinks keep.
 */

export type TarType = 'file' | 'hardlink' | 'symlink' | 'dir' | 'char' | 'block' | 'fifo' | 'other';

export interface TarHeader {
  /** Absolute, normalized: `/etc/passwd`, `/` for the root; no trailing slash. */
  path: string;
  type: TarType;
  /** Permission bits and set-id bits (`mode & 0o7777`). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** For symlinks, the target as written; for hard links, the normalized absolute path of the linked entry. */
  linkname: string;
}

/** Receives one entry's data, in order. */
export interface TarSink {
  data(chunk: Buffer): void;
  end(): void;
}

export class TarError extends Error {
  override name = 'TarError';
}

const BLOCK = 512;

/** Makes an archive member name absolute and normal: `./usr/bin/` → `/usr/bin`. `..` cannot climb above `/`. */
export function normalizeMember(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Reads a NUL- or space-terminated string field. */
function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/** Reads a numeric field: octal ASCII, or GNU base-256 when the high bit of the first byte is set. */
export function numeric(block: Buffer, offset: number, length: number): number {
  const raw = block.subarray(offset, offset + length);
  if (raw.length > 0 && (raw[0]! & 0x80) !== 0) {
    // Base-256, big-endian, two's complement; negative values do not occur in sizes or ids.
    let value = raw[0]! & 0x7f;
    for (let i = 1; i < raw.length; i++) value = value * 256 + raw[i]!;
    return value;
  }
  const text = raw
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarError(`bad number '${text}' in a tar header`);
  return Number.parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = numeric(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === stored;
}

/** Parses PAX extended header records: `"<len> <key>=<value>\n"` each. */
export function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const length = Number.parseInt(data.subarray(pos, space).toString('latin1'), 10);
    if (!Number.isFinite(length) || length <= space - pos || pos + length > data.length) {
      throw new TarError('bad PAX record');
    }
    const record = data.subarray(space + 1, pos + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return out;
}

const TYPES: Record<string, TarType> = {
  '0': 'file',
  '': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
};

type State =
  | { kind: 'header' }
  /** Data of an entry (or of a meta entry: PAX or GNU long name) still to come, then padding. */
  | { kind: 'data'; remaining: number; padding: number; sink: TarSink | null; meta: Buffer[] | null; metaType: string }
  | { kind: 'padding'; remaining: number }
  | { kind: 'done' };

export class TarParser {
  private state: State = { kind: 'header' };
  private pending: Buffer = Buffer.alloc(0);
  /** PAX values for the next entry (`x`), and for all later ones (`g`). */
  private pax = new Map<string, string>();
  private globalPax = new Map<string, string>();
  private longName: string | null = null;
  private longLink: string | null = null;
  private zeroBlocks = 0;
  /** Entries seen, for tests and sanity checks. */
  entries = 0;

  constructor(private readonly onEntry: (header: TarHeader) => TarSink | null | undefined) {}

  write(chunk: Buffer): void {
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (buf.length > 0) {
      const state = this.state;
      if (state.kind === 'done') return;
      if (state.kind === 'header') {
        if (buf.length < BLOCK) {
          this.pending = Buffer.from(buf);
          return;
        }
        this.header(buf.subarray(0, BLOCK));
        buf = buf.subarray(BLOCK);
      } else if (state.kind === 'data') {
        const take = Math.min(state.remaining, buf.length);
        const part = buf.subarray(0, take);
        if (take > 0) {
          if (state.meta) state.meta.push(Buffer.from(part));
          else state.sink?.data(part);
        }
        state.remaining -= take;
        buf = buf.subarray(take);
        if (state.remaining === 0) this.finishData(state);
      } else {
        const take = Math.min(state.remaining, buf.length);
        state.remaining -= take;
        buf = buf.subarray(take);
        if (state.remaining === 0) this.state = { kind: 'header' };
      }
    }
  }

  /** The archive ended: throws when it was cut in the middle of an entry. */
  end(): void {
    const state = this.state;
    if (state.kind === 'done') return;
    if (state.kind === 'header' && this.pending.length === 0) return; // no end-of-archive blocks: tolerated
    throw new TarError('the archive ends in the middle of an entry');
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      this.zeroBlocks++;
      if (this.zeroBlocks >= 2) this.state = { kind: 'done' };
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(block)) throw new TarError('bad tar header checksum (not a tar archive, or a corrupt one)');
    const typeflag = field(block, 156, 1);
    const size = numeric(block, 124, 12);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;

    if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
      this.state = { kind: 'data', remaining: size, padding, sink: null, meta: [], metaType: typeflag };
      if (size === 0) this.finishData(this.state);
      return;
    }

    const magic = field(block, 257, 6);
    let name = field(block, 0, 100);
    const prefix = magic.startsWith('ustar') ? field(block, 345, 155) : '';
    if (prefix !== '' && magic === 'ustar') name = `${prefix}/${name}`;
    let linkname = field(block, 157, 100);
    const values = new Map([...this.globalPax, ...this.pax]);
    if (this.longName !== null) name = this.longName;
    if (this.longLink !== null) linkname = this.longLink;
    name = values.get('path') ?? name;
    linkname = values.get('linkpath') ?? linkname;
    const paxNumber = (key: string, fallback: number): number => {
      const v = values.get(key);
      if (v === undefined) return fallback;
      const n = Number(v);
      return Number.isFinite(n) ? n : fallback;
    };
    const type = TYPES[typeflag] ?? 'other';
    const header: TarHeader = {
      path: normalizeMember(name),
      type,
      mode: numeric(block, 100, 8) & 0o7777,
      uid: paxNumber('uid', numeric(block, 108, 8)),
      gid: paxNumber('gid', numeric(block, 116, 8)),
      size: paxNumber('size', size),
      linkname: type === 'hardlink' ? normalizeMember(linkname) : linkname,
    };
    this.pax = new Map();
    this.longName = null;
    this.longLink = null;
    this.entries++;

    // The data that follows is as long as the header says, whatever the type (hard links with data exist in PAX).
    const dataSize = header.size;
    const dataPadding = (BLOCK - (dataSize % BLOCK)) % BLOCK;
    const sink = this.onEntry(header) ?? null;
    if (dataSize === 0) {
      sink?.end();
      this.state = dataPadding > 0 ? { kind: 'padding', remaining: dataPadding } : { kind: 'header' };
      return;
    }
    this.state = { kind: 'data', remaining: dataSize, padding: dataPadding, sink, meta: null, metaType: '' };
  }

  private finishData(state: Extract<State, { kind: 'data' }>): void {
    if (state.meta) {
      const data = Buffer.concat(state.meta);
      if (state.metaType === 'x') this.pax = parsePax(data);
      else if (state.metaType === 'g') this.globalPax = new Map([...this.globalPax, ...parsePax(data)]);
      else {
        const end = data.indexOf(0);
        const text = data.subarray(0, end === -1 ? data.length : end).toString('utf8');
        if (state.metaType === 'L') this.longName = text;
        else this.longLink = text;
      }
    } else state.sink?.end();
    this.state = state.padding > 0 ? { kind: 'padding', remaining: state.padding } : { kind: 'header' };
  }
}
