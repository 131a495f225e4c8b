/**
 * The ELF reader of --verify, on real host binaries (compared with readelf where it is installed) and on ELF files
 * written byte by byte: 32/64-bit, both byte orders, RUNPATH, RPATH, SONAME, static, cut short.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ElfError, isElf, machineName, readElf } from '../src/verify/elf.js';
import { makeElf } from './verify-fixtures.js';

const hasReadelf = spawnSync('readelf', ['--version']).status === 0;

/** What readelf says about a file: interpreter, needed, soname, runpath, rpath. */
function readelf(file: string): {
  interp: string | null;
  needed: string[];
  soname: string | null;
  runpath: string[];
  rpath: string[];
} {
  const text = execFileSync('readelf', ['-ldW', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const interp = /Requesting program interpreter: ([^\]]+)\]/.exec(text)?.[1] ?? null;
  const needed = [...text.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]!);
  const soname = /\(SONAME\)\s+Library soname: \[([^\]]+)\]/.exec(text)?.[1] ?? null;
  const runpath = /\(RUNPATH\)\s+Library runpath: \[([^\]]+)\]/.exec(text)?.[1]?.split(':') ?? [];
  const rpath = /\(RPATH\)\s+Library rpath: \[([^\]]+)\]/.exec(text)?.[1]?.split(':') ?? [];
  return { interp, needed, soname, runpath, rpath };
}

function real(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

test('/bin/ls: a dynamic x86-64 or other host program with its loader and libc', () => {
  const file = real('/bin/ls');
  if (file === null) return;
  const info = readElf(fs.readFileSync(file));
  assert.ok(info.interp !== null && /ld-/.test(info.interp), String(info.interp));
  assert.ok(info.needed.includes('libc.so.6'), info.needed.join(' '));
  assert.ok(info.dynamic);
  assert.ok(info.type === 2 || info.type === 3);
  if (process.arch === 'x64') {
    assert.is(info.machine, 62);
    assert.is(info.bits, 64);
    assert.is(info.interp, '/lib64/ld-linux-x86-64.so.2');
    assert.is(machineName(info.machine), 'x86-64');
  }
});

test('host binaries and libraries read the same as readelf says', () => {
  if (!hasReadelf) return;
  const candidates = [
    '/bin/ls',
    '/usr/bin/env',
    process.execPath,
    '/sbin/ldconfig',
    '/usr/bin/expr',
    '/usr/bin/apropos',
    '/lib/x86_64-linux-gnu/libc.so.6',
    '/lib/aarch64-linux-gnu/libc.so.6',
    '/usr/lib/x86_64-linux-gnu/libstdc++.so.6',
    '/usr/lib/x86_64-linux-gnu/libssl.so.3',
  ];
  let checked = 0;
  for (const candidate of candidates) {
    const file = real(candidate);
    if (file === null) continue;
    const buf = fs.readFileSync(file);
    if (!isElf(buf)) continue;
    const info = readElf(buf);
    const expected = readelf(file);
    assert.is(info.interp, expected.interp, `${file}: interp`);
    assert.equal(info.needed, expected.needed, `${file}: needed`);
    assert.is(info.soname, expected.soname, `${file}: soname`);
    assert.equal(info.runpath, expected.runpath, `${file}: runpath`);
    assert.equal(info.rpath, expected.rpath, `${file}: rpath`);
    checked++;
  }
  assert.ok(checked >= 3, `only ${checked} host ELF files found`);
});

test('a shared library has a SONAME and usually no interpreter', () => {
  const file = ['/lib/x86_64-linux-gnu/libm.so.6', '/lib/aarch64-linux-gnu/libm.so.6', '/usr/lib/libm.so.6']
    .map(real)
    .find((f) => f !== null);
  if (file === undefined || file === null) return;
  const info = readElf(fs.readFileSync(file));
  assert.is(info.soname, 'libm.so.6');
  assert.ok(info.needed.includes('libc.so.6'));
  assert.is(info.type, 3);
});

test('a static or static-pie program has no interpreter and needs nothing', () => {
  const file = ['/sbin/ldconfig', '/usr/sbin/ldconfig', '/bin/busybox'].map(real).find((f) => f !== null);
  if (file === undefined || file === null) return;
  const info = readElf(fs.readFileSync(file));
  assert.is(info.interp, null);
  assert.equal(info.needed, []);
});

test('written ELF files: 64/32-bit, little/big-endian, with RUNPATH, RPATH and SONAME', () => {
  for (const bits of [64, 32] as const) {
    for (const littleEndian of [true, false]) {
      const buf = makeElf({
        bits,
        littleEndian,
        machine: bits === 64 ? 183 : 40,
        interp: '/lib/ld-linux-aarch64.so.1',
        needed: ['libfoo.so.1', 'libc.so.6'],
        soname: 'libself.so.2',
        runpath: '$ORIGIN/../lib:/opt/lib',
        rpath: '/old/rpath',
      });
      const info = readElf(buf);
      const what = `${bits}-bit ${littleEndian ? 'LE' : 'BE'}`;
      assert.is(info.bits, bits, what);
      assert.is(info.littleEndian, littleEndian, what);
      assert.is(info.machine, bits === 64 ? 183 : 40, what);
      assert.is(info.interp, '/lib/ld-linux-aarch64.so.1', what);
      assert.equal(info.needed, ['libfoo.so.1', 'libc.so.6'], what);
      assert.is(info.soname, 'libself.so.2', what);
      assert.equal(info.runpath, ['$ORIGIN/../lib', '/opt/lib'], what);
      assert.equal(info.rpath, ['/old/rpath'], what);
    }
  }
});

test('an ELF file without PT_INTERP or PT_DYNAMIC is static', () => {
  const info = readElf(makeElf({ interp: null, needed: [] }));
  assert.is(info.interp, null);
  assert.is(info.dynamic, false);
  assert.equal(info.needed, []);
});

test('what is not ELF, or is cut short, is an ElfError', () => {
  assert.not.ok(isElf(Buffer.from('#!/bin/sh\n')));
  assert.throws(
    () => readElf(Buffer.from('#!/bin/sh\n')),
    (e: unknown) => e instanceof ElfError,
  );
  const buf = makeElf({ needed: ['libc.so.6'] });
  assert.throws(() => readElf(buf.subarray(0, 40)), /cut short/);
  assert.throws(
    () => readElf(buf.subarray(0, 100)),
    (e: unknown) => e instanceof ElfError,
  );
  const badClass = Buffer.from(buf);
  badClass[4] = 9;
  assert.throws(() => readElf(badClass), /class/);
});

test.run();
