/**
 * The streamed tar reader of --verify: archives written by hand (ustar, GNU long names, PAX, base-256 sizes) and by
 * the system's `tar`, fed in chunks of every size, and the image file system built from them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ImageFs } from '../src/verify/imagefs.js';
import { normalizeMember, parsePax, TarError, type TarHeader, TarParser } from '../src/verify/tar.js';
import { feed, makeElf, makeTar, paxRecord } from './verify-fixtures.js';

interface Seen extends TarHeader {
  content: string;
}

function readAll(archive: Buffer, sizes: number[]): Seen[] {
  const seen: Seen[] = [];
  const parser = new TarParser((h) => {
    const entry: Seen = { ...h, content: '' };
    seen.push(entry);
    const chunks: Buffer[] = [];
    return {
      data: (c) => chunks.push(Buffer.from(c)),
      end: () => {
        entry.content = Buffer.concat(chunks).toString('utf8');
      },
    };
  });
  feed(archive, sizes, (c) => parser.write(c));
  parser.end();
  return seen;
}

const CHUNKINGS = [[1], [7], [511, 513], [512], [100_000], [3, 1024, 5]];

test('member names become absolute, normal paths', () => {
  assert.is(normalizeMember('./usr/bin/'), '/usr/bin');
  assert.is(normalizeMember('etc/passwd'), '/etc/passwd');
  assert.is(normalizeMember('./'), '/');
  assert.is(normalizeMember('a/../../b'), '/b');
});

test('ustar files, folders, symlinks and hard links, in chunks of every size', () => {
  const archive = makeTar([
    { name: './', type: '5', mode: 0o755 },
    { name: './etc/', type: '5', mode: 0o755 },
    { name: './etc/passwd', data: 'root:x:0:0::/root:/bin/sh\n', mode: 0o644 },
    { name: './bin/app', data: Buffer.alloc(1500, 0x41), mode: 0o4755, uid: 1000, gid: 1001 },
    { name: './bin/link', type: '2', linkname: 'app', mode: 0o777 },
    { name: './bin/hard', type: '1', linkname: './bin/app' },
    { name: 'file', prefix: 'very/long/prefix', data: 'x' },
  ]);
  for (const sizes of CHUNKINGS) {
    const seen = readAll(archive, sizes);
    assert.equal(
      seen.map((s) => [s.path, s.type]),
      [
        ['/', 'dir'],
        ['/etc', 'dir'],
        ['/etc/passwd', 'file'],
        ['/bin/app', 'file'],
        ['/bin/link', 'symlink'],
        ['/bin/hard', 'hardlink'],
        ['/very/long/prefix/file', 'file'],
      ],
      `chunks ${sizes}`,
    );
    const app = seen[3]!;
    assert.is(app.mode, 0o4755);
    assert.is(app.uid, 1000);
    assert.is(app.gid, 1001);
    assert.is(app.content, 'A'.repeat(1500));
    assert.is(seen[2]!.content, 'root:x:0:0::/root:/bin/sh\n');
    assert.is(seen[4]!.linkname, 'app');
    assert.is(seen[5]!.linkname, '/bin/app');
  }
});

test('GNU long names and long link names (L, K)', () => {
  const long = `${'d'.repeat(120)}/${'f'.repeat(130)}`;
  const target = `/${'t'.repeat(150)}`;
  const archive = makeTar([
    { name: '././@LongLink', type: 'L', data: `${long}\0` },
    { name: long.slice(0, 100), data: 'long' },
    { name: '././@LongLink', type: 'K', data: `${target}\0` },
    { name: '././@LongLink', type: 'L', data: `${long}.lnk\0` },
    { name: 'short', type: '2' },
    { name: 'after', data: 'plain' },
  ]);
  for (const sizes of CHUNKINGS) {
    const seen = readAll(archive, sizes);
    assert.equal(
      seen.map((s) => s.path),
      [`/${long}`, `/${long}.lnk`, '/after'],
    );
    assert.is(seen[0]!.content, 'long');
    assert.is(seen[1]!.linkname, target);
    assert.is(seen[2]!.content, 'plain', 'the long name applies to one entry only');
  }
});

test('PAX headers: path, linkpath, size, uid and gid for the next entry; global ones for all', () => {
  const name = `${'p'.repeat(200)}/ünïcode-名前`;
  const pax = paxRecord('path', name) + paxRecord('uid', '4000000') + paxRecord('gid', '65532');
  const archive = makeTar([
    { name: 'pax_global_header', type: 'g', data: paxRecord('uid', '7') },
    { name: 'PaxHeaders/x', type: 'x', data: pax },
    { name: 'truncated-name', data: 'pax' },
    { name: 'PaxHeaders/y', type: 'x', data: paxRecord('linkpath', '/a/b/c') },
    { name: 'ln', type: '2', linkname: 'ignored' },
    { name: 'plain', data: 'g' },
  ]);
  for (const sizes of CHUNKINGS) {
    const seen = readAll(archive, sizes);
    assert.is(seen.length, 3);
    assert.is(seen[0]!.path, `/${name}`);
    assert.is(seen[0]!.uid, 4000000);
    assert.is(seen[0]!.gid, 65532);
    assert.is(seen[0]!.content, 'pax');
    assert.is(seen[1]!.linkname, '/a/b/c');
    assert.is(seen[2]!.uid, 7, 'the global header applies to later entries');
    assert.is(seen[2]!.path, '/plain');
  }
});

test('base-256 sizes are read', () => {
  const archive = makeTar([
    { name: 'big', data: 'x'.repeat(700), base256Size: true },
    { name: 'next', data: 'n' },
  ]);
  const seen = readAll(archive, [13]);
  assert.is(seen[0]!.size, 700);
  assert.is(seen[0]!.content.length, 700);
  assert.is(seen[1]!.content, 'n');
});

test('PAX records are length-prefixed; a bad length is an error', () => {
  const values = parsePax(Buffer.from(paxRecord('path', 'a=b') + paxRecord('mtime', '1.5')));
  assert.is(values.get('path'), 'a=b');
  assert.is(values.get('mtime'), '1.5');
  assert.throws(() => parsePax(Buffer.from('99 path=x\n')), /bad PAX record/);
});

test('a corrupt header or a cut archive is an error, not a silent success', () => {
  const archive = makeTar([{ name: 'a', data: 'hello' }]);
  const bad = Buffer.from(archive);
  bad[0] = 0x42; // checksum no longer matches
  assert.throws(() => new TarParser(() => null).write(bad), /checksum/);
  for (const at of [100, 514, 600]) {
    const cut = new TarParser(() => null);
    cut.write(archive.subarray(0, at));
    assert.throws(() => cut.end(), /middle of an entry/, `cut at ${at}`);
  }
  const notTar = new TarParser(() => null);
  assert.throws(
    () => notTar.write(Buffer.from('this is not a tar archive'.repeat(30))),
    (err: unknown) => err instanceof TarError,
  );
});

const hasTar = spawnSync('tar', ['--version']).status === 0;

test('archives written by the system tar (gnu, pax, ustar formats) read the same', () => {
  if (!hasTar) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minbase-tar-'));
  try {
    const root = path.join(dir, 'root');
    const deep = path.join(root, 'a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60));
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'long-file-name.txt'), 'deep');
    fs.mkdirSync(path.join(root, 'bin'));
    fs.writeFileSync(path.join(root, 'bin', 'tool'), '#!/bin/sh\necho hi\n', { mode: 0o750 });
    fs.symlinkSync('tool', path.join(root, 'bin', 'alias'));
    fs.symlinkSync(`/${'x'.repeat(140)}`, path.join(root, 'bin', 'far'));
    fs.linkSync(path.join(root, 'bin', 'tool'), path.join(root, 'bin', 'hard'));
    for (const format of ['gnu', 'pax', 'ustar']) {
      // ustar cannot hold a link name over 100 bytes.
      const exclude = format === 'ustar' ? ['--exclude=./bin/far'] : [];
      const archive = execFileSync('tar', ['-C', root, `--format=${format}`, ...exclude, '-cf', '-', '.']);
      const seen = readAll(archive, [4096, 1]);
      const by = new Map(seen.map((s) => [s.path, s]));
      const deepFile = `/${path.relative(root, deep)}/long-file-name.txt`;
      assert.is(by.get(deepFile)?.content, 'deep', `${format}: ${[...by.keys()].join(' ')}`);
      assert.is(by.get('/bin/tool')?.mode, 0o750, format);
      assert.is(by.get('/bin/alias')?.type, 'symlink', format);
      assert.is(by.get('/bin/alias')?.linkname, 'tool', format);
      if (format !== 'ustar') assert.is(by.get('/bin/far')?.linkname, `/${'x'.repeat(140)}`, format);
      const hardlinks = seen.filter((s) => s.type === 'hardlink');
      assert.is(hardlinks.length, 1, `${format}: one of tool and hard is a hard link to the other`);
      assert.ok(['/bin/tool', '/bin/hard'].includes(hardlinks[0]!.linkname), format);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('ImageFs from a tar: ELF facts, #! lines and kept files; hard links share their target; symlinks resolve', () => {
  const elf = makeElf({ needed: ['libc.so.6', 'libssl.so.3'], runpath: '$ORIGIN/../lib' });
  const archive = makeTar([
    { name: './', type: '5' },
    { name: './etc/passwd', data: 'root:x:0:0::/root:/bin/sh\n' },
    { name: './etc/hostname', data: 'not kept' },
    { name: './app/server', data: elf, mode: 0o755 },
    { name: './app/same', type: '1', linkname: './app/server' },
    { name: './app/run.sh', data: `#!/bin/sh -e\n${'echo x\n'.repeat(200)}`, mode: 0o755 },
    { name: './usr/local/bin/server', type: '2', linkname: '../../../app/server' },
    { name: './empty', data: '' },
    { name: './short', data: '#!' },
  ]);
  for (const sizes of [[1], [3, 64, 65], [100_000]]) {
    const reader = ImageFs.reader();
    feed(archive, sizes, (c) => reader.parser.write(c));
    const image = reader.finish();
    const server = image.lookup('/app/server');
    assert.is(server?.file?.kind, 'elf');
    if (server?.file?.kind === 'elf') {
      assert.equal(server.file.elf.needed, ['libc.so.6', 'libssl.so.3']);
      assert.equal(server.file.elf.runpath, ['$ORIGIN/../lib']);
    }
    assert.is(image.lookup('/app/same'), server, 'a hard link is the same file');
    const script = image.lookup('/app/run.sh');
    assert.equal(script?.file, { kind: 'script', line: '#!/bin/sh -e' });
    assert.is(image.read('/etc/passwd')?.toString(), 'root:x:0:0::/root:/bin/sh\n');
    assert.is(image.read('/etc/hostname'), null, 'only the files the checks read are kept');
    assert.is(image.lookup('/empty')?.file?.kind, 'other');
    const r = image.resolve('/usr/local/bin/server');
    assert.ok(r.ok && r.path === '/app/server' && r.links.length === 1, JSON.stringify(r));
    assert.is(image.lookup('/usr/local')?.type, 'dir', 'folders known only from their contents exist');
  }
});

test.run();
