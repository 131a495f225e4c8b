/**
 * The file-system check of --verify on small image file systems made in memory: resolution inside the image, the
 * program, its loader and libraries, permissions, users, #! scripts, and node/python/java entry points.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFilesystem, expandDst, type FsCheck, type ImageConfig, ldSoConfDirs } from '../src/verify/fscheck.js';
import { resolveUser } from '../src/verify/users.js';
import { elfInfo, fakeFs, GLIBC, GROUP, LOADER, MULTIARCH, PASSWD } from './verify-fixtures.js';

function config(over: Partial<ImageConfig> = {}): ImageConfig {
  return {
    entrypoint: [],
    cmd: [],
    user: '',
    workdir: '/',
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    architecture: 'amd64',
    os: 'linux',
    ...over,
  };
}

function failure(r: FsCheck): string {
  assert.ok(!r.ok, `expected a failure, got: ${r.ok ? r.detail : ''}`);
  return r.ok ? '' : r.message;
}

function passes(r: FsCheck): string {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.ok ? r.detail : '';
}

const STATIC = { elf: { interp: null, needed: [] } };

// --- resolution ----------------------------------------------------------------------------------------------------

test('paths resolve inside the image: relative and absolute symlinks, .., loops, files used as folders', () => {
  const fs = fakeFs({
    '/usr/bin/tool': { file: true },
    '/bin': { link: 'usr/bin' },
    '/opt/a': { link: '/opt/b' },
    '/opt/b': { link: 'a' },
    '/opt/up': { link: '../usr/./bin/tool' },
    '/etc/file': { file: true },
  });
  const r = fs.resolve('/bin/tool');
  assert.ok(r.ok && r.path === '/usr/bin/tool' && r.links.join() === '/bin', JSON.stringify(r));
  const up = fs.resolve('/opt/up');
  assert.ok(up.ok && up.path === '/usr/bin/tool');
  const rel = fs.resolve('tool', '/bin');
  assert.ok(rel.ok && rel.path === '/usr/bin/tool');
  const loop = fs.resolve('/opt/a');
  assert.ok(!loop.ok && loop.problem === 'too many levels of symlinks');
  const asDir = fs.resolve('/etc/file/x');
  assert.ok(!asDir.ok && asDir.problem === '/etc/file is not a folder');
  const missing = fs.resolve('/bin/nope');
  assert.ok(!missing.ok && missing.missing === '/usr/bin/nope' && missing.links.join() === '/bin');
  const noFollow = fs.resolve('/bin', '/', false);
  assert.ok(noFollow.ok && noFollow.node.type === 'symlink');
  assert.ok(fs.resolve('/usr').ok, 'a folder known from its contents exists');
});

// --- the program -----------------------------------------------------------------------------------------------------

test('a static program on scratch, by absolute path and through PATH', () => {
  const fs = fakeFs({ '/app': STATIC, '/usr/local/bin/svc': STATIC });
  assert.match(
    passes(checkFilesystem(fs, config({ entrypoint: ['/app'] }))),
    '/app: static ELF for x86-64; run as root',
  );
  assert.match(passes(checkFilesystem(fs, config({ cmd: ['svc', '--port', '80'] }))), '/usr/local/bin/svc');
  // No PATH in the image: Docker's default applies.
  assert.ok(checkFilesystem(fs, config({ cmd: ['svc'], env: [] })).ok);
});

test('a missing program, a relative one, and one not on PATH are named', () => {
  const fs = fakeFs({ '/srv/bin/app': STATIC });
  assert.is(failure(checkFilesystem(fs, config({ entrypoint: ['/app'] }))), '/app is not in the new image');
  assert.ok(checkFilesystem(fs, config({ entrypoint: ['./bin/app'], workdir: '/srv' })).ok);
  assert.match(
    failure(checkFilesystem(fs, config({ cmd: ['app'] }))),
    /^app is not in the new image \(looked in PATH=/,
  );
  assert.is(failure(checkFilesystem(fs, config())), 'the new image has no command (no ENTRYPOINT or CMD)');
});

test("the issue's example: a venv python that links to the builder's interpreter", () => {
  const fs = fakeFs({
    ...GLIBC,
    '/app/.venv/bin/python': { link: '/usr/local/bin/python3.13' },
    '/app/.venv/bin/python3': { link: 'python' },
    '/usr/bin/python3.13': { elf: {} },
  });
  const cfg = config({ entrypoint: ['/app/.venv/bin/python', '-m', 'app'] });
  assert.is(
    failure(checkFilesystem(fs, cfg)),
    '/app/.venv/bin/python links to /usr/local/bin/python3.13, which the new image does not have',
  );
  assert.is(
    failure(checkFilesystem(fs, config({ entrypoint: ['/app/.venv/bin/python3'] }))),
    '/app/.venv/bin/python3 links to /usr/local/bin/python3.13, which the new image does not have',
  );
});

test('not ELF and not #!, empty, a folder, another architecture: cannot be executed', () => {
  const fs = fakeFs({
    '/data': { file: true },
    '/empty': { file: true, size: 0 },
    '/dir': { dir: true },
    '/arm': { elf: { machine: 183, interp: null, needed: [] } },
  });
  assert.match(
    failure(checkFilesystem(fs, config({ entrypoint: ['/data'] }))),
    /neither an ELF program nor a #! script/,
  );
  assert.match(failure(checkFilesystem(fs, config({ entrypoint: ['/empty'] }))), /empty file/);
  assert.match(failure(checkFilesystem(fs, config({ entrypoint: ['/dir'] }))), /is a folder/);
  assert.is(
    failure(checkFilesystem(fs, config({ entrypoint: ['/arm'] }))),
    '/arm is built for aarch64, but the image is linux/amd64 (exec format error)',
  );
  assert.ok(checkFilesystem(fs, config({ entrypoint: ['/arm'], architecture: 'arm64' })).ok);
});

// --- permissions and users -------------------------------------------------------------------------------------------

test('executable by the image user: owner, group, supplementary group, others, root needs an x bit', () => {
  const fs = fakeFs({
    '/etc/passwd': { text: PASSWD },
    '/etc/group': { text: GROUP },
    '/owner': { ...STATIC, mode: 0o700, uid: 1000, gid: 1000 },
    '/rootonly': { ...STATIC, mode: 0o700 },
    '/group': { ...STATIC, mode: 0o750, gid: 2000 },
    '/noexec': { ...STATIC, mode: 0o644 },
    '/secret/app': STATIC,
    '/secret': { dir: true, mode: 0o700 },
  });
  const as = (user: string, program: string) => checkFilesystem(fs, config({ user, entrypoint: [program] }));
  assert.ok(as('app', '/owner').ok);
  assert.ok(as('1000:1000', '/owner').ok);
  assert.is(
    failure(as('nonroot', '/owner')),
    '/owner is not executable by nonroot (65532:65532) (mode 0700, owner 1000:1000)',
  );
  assert.ok(as('app', '/group').ok, 'app is in the group "shared" (2000) by /etc/group');
  assert.not.ok(as('app:1000', '/group').ok, 'a group given in USER replaces the supplementary groups');
  assert.ok(as('', '/rootonly').ok);
  assert.match(failure(as('', '/noexec')), /not executable by root \(mode 0644/);
  assert.match(failure(as('65532', '/secret/app')), /inside \/secret, which nonroot \(65532:65532\) cannot enter/);
  assert.ok(as('0', '/secret/app').ok);
});

test('USER: names resolve in /etc/passwd and /etc/group; numbers need no entry', () => {
  const fs = fakeFs({ '/etc/passwd': { text: PASSWD }, '/etc/group': { text: GROUP }, '/app': STATIC });
  const bare = fakeFs({ '/app': STATIC });
  assert.is(
    failure(checkFilesystem(fs, config({ user: 'appuser', entrypoint: ['/app'] }))),
    "USER appuser is not in the new image's /etc/passwd",
  );
  assert.is(
    failure(checkFilesystem(bare, config({ user: 'nonroot', entrypoint: ['/app'] }))),
    'the new image has no /etc/passwd, so USER nonroot cannot be resolved',
  );
  assert.match(failure(checkFilesystem(fs, config({ user: 'app:nogroup', entrypoint: ['/app'] }))), /group nogroup/);
  assert.match(
    passes(checkFilesystem(bare, config({ user: '65532:65532', entrypoint: ['/app'] }))),
    /run as 65532:65532/,
  );
  const nonroot = resolveUser('nonroot', fs);
  assert.ok(nonroot.ok && nonroot.user.uid === 65532 && nonroot.user.gid === 65532);
  const app = resolveUser('app', fs);
  assert.ok(app.ok && app.user.groups.includes(2000));
  const numeric = resolveUser('1000', fs);
  assert.ok(numeric.ok && numeric.user.gid === 1000, 'a uid in /etc/passwd takes its group from there');
});

// --- loader and libraries ----------------------------------------------------------------------------------------------

test('a glibc program: the loader through /lib64 and /lib links, libc in the multiarch folder', () => {
  const fs = fakeFs({ ...GLIBC, '/app': { elf: { needed: ['libc.so.6'] } } });
  assert.match(
    passes(checkFilesystem(fs, config({ entrypoint: ['/app'] }))),
    `/app: ELF for x86-64, loader ${LOADER} and 2 libraries found`,
  );
});

test('no loader: named, with what to do for glibc and musl', () => {
  const scratch = fakeFs({ '/app': { elf: {} } });
  const r = checkFilesystem(scratch, config({ entrypoint: ['/app'] }));
  assert.is(failure(r), `/app needs the program loader ${LOADER}, which the new image does not have`);
  assert.ok(!r.ok && /glibc/.test(r.hint ?? ''));
  const musl = fakeFs({ '/app': { elf: { interp: '/lib/ld-musl-x86_64.so.1', needed: ['libc.musl-x86_64.so.1'] } } });
  const m = checkFilesystem(musl, config({ entrypoint: ['/app'] }));
  assert.ok(!m.ok && /musl/.test(m.hint ?? ''));
  // A loader link whose target is gone.
  const dangling = fakeFs({
    '/lib64/ld-linux-x86-64.so.2': { link: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' },
    '/app': { elf: {} },
  });
  assert.is(
    failure(checkFilesystem(dangling, config({ entrypoint: ['/app'] }))),
    `/app needs the program loader ${LOADER}, which links to /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2, which the new image does not have`,
  );
});

test('a missing library is named with who needs it and where the loader looked', () => {
  const fs = fakeFs({ ...GLIBC, '/app': { elf: { needed: ['libpq.so.5', 'libc.so.6'] } } });
  const message = failure(checkFilesystem(fs, config({ entrypoint: ['/app'] })));
  assert.match(message, /^\/app needs libpq\.so\.5, which the new image does not have \(looked in /);
  assert.match(message, `${MULTIARCH}, /lib64, /usr/lib64, /lib, /usr/lib)`);
});

test('libraries of libraries are checked too (breadth first), and a soname already loaded satisfies a name', () => {
  const fs = fakeFs({
    ...GLIBC,
    [`${MULTIARCH}/libpq.so.5`]: { elf: { needed: ['libssl.so.3', 'libc.so.6'], soname: 'libpq.so.5' } },
    '/app': { elf: { needed: ['libpq.so.5', 'libc.so.6'] } },
  });
  assert.is(
    failure(checkFilesystem(fs, config({ entrypoint: ['/app'] }))).replace(/ \(looked in .*$/, ''),
    `${MULTIARCH}/libpq.so.5 (needed by /app) needs libssl.so.3, which the new image does not have`,
  );
  const soname = fakeFs({
    ...GLIBC,
    '/opt/lib/libfoo-1.2.so': { elf: { needed: ['libc.so.6'], soname: 'libfoo.so.1' } },
    '/opt/lib/libbar.so': { elf: { needed: ['libfoo.so.1'] } },
    '/app': { elf: { needed: ['/opt/lib/libfoo-1.2.so', 'libbar.so'], runpath: '/opt/lib' } },
  });
  // libbar's own RUNPATH is empty, but libfoo.so.1 is already loaded by its soname.
  assert.ok(checkFilesystem(soname, config({ entrypoint: ['/app'] })).ok);
});

test('RUNPATH with $ORIGIN, RPATH only without RUNPATH, LD_LIBRARY_PATH, /etc/ld.so.conf', () => {
  const base = {
    ...GLIBC,
    '/opt/app/bin/app': { elf: { needed: ['libapp.so', 'libc.so.6'], runpath: '$ORIGIN/../lib' } },
    '/opt/app/lib/libapp.so': { elf: { needed: ['libc.so.6'] } },
  };
  assert.ok(checkFilesystem(fakeFs(base), config({ entrypoint: ['/opt/app/bin/app'] })).ok);
  // Through a symlink, $ORIGIN is the folder of the real file.
  assert.ok(
    checkFilesystem(
      fakeFs({ ...base, '/usr/bin/app': { link: '/opt/app/bin/app' } }),
      config({ entrypoint: ['/usr/bin/app'] }),
    ).ok,
  );
  const rpathIgnored = fakeFs({
    ...GLIBC,
    '/app': { elf: { needed: ['libx.so'], rpath: '/rp', runpath: '/nowhere' } },
    '/rp/libx.so': { elf: { needed: [] } },
  });
  assert.match(failure(checkFilesystem(rpathIgnored, config({ entrypoint: ['/app'] }))), /needs libx\.so/);
  const rpathUsed = fakeFs({
    ...GLIBC,
    '/app': { elf: { needed: ['libx.so'], rpath: '/rp' } },
    '/rp/libx.so': { elf: { needed: [] } },
  });
  assert.ok(checkFilesystem(rpathUsed, config({ entrypoint: ['/app'] })).ok);
  const env = fakeFs({ ...GLIBC, '/app': { elf: { needed: ['libx.so'] } }, '/ll/libx.so': { elf: { needed: [] } } });
  assert.not.ok(checkFilesystem(env, config({ entrypoint: ['/app'] })).ok);
  assert.ok(checkFilesystem(env, config({ entrypoint: ['/app'], env: ['LD_LIBRARY_PATH=/ll'] })).ok);
  const conf = fakeFs({
    ...GLIBC,
    '/etc/ld.so.conf': { text: 'include /etc/ld.so.conf.d/*.conf\n' },
    '/etc/ld.so.conf.d/x.conf': { text: '# comment\n/usr/local/lib/x\n' },
    '/app': { elf: { needed: ['libx.so'] } },
    '/usr/local/lib/x/libx.so': { elf: { needed: [] } },
  });
  assert.equal(ldSoConfDirs(conf), ['/usr/local/lib/x']);
  assert.ok(checkFilesystem(conf, config({ entrypoint: ['/app'] })).ok);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the loader's own ${ORIGIN} syntax
  assert.equal(expandDst('${ORIGIN}/../lib', '/opt/app/bin', elfInfo()), ['/opt/app/lib']);
});

test('a library for another architecture is skipped, and said so; a dangling library link is named', () => {
  const fs = fakeFs({
    ...GLIBC,
    '/usr/lib/libx.so': { elf: { machine: 183, needed: [] } },
    '/app': { elf: { needed: ['libx.so'] } },
  });
  assert.match(
    failure(checkFilesystem(fs, config({ entrypoint: ['/app'] }))),
    /for x86-64 \(only \/usr\/lib\/libx\.so \(aarch64, 64-bit\)\)/,
  );
  const dangling = fakeFs({
    ...GLIBC,
    [`${MULTIARCH}/libx.so.1`]: { link: 'libx.so.1.2.3' },
    '/app': { elf: { needed: ['libx.so.1'] } },
  });
  assert.match(
    failure(checkFilesystem(dangling, config({ entrypoint: ['/app'] }))),
    `/app needs libx.so.1: ${MULTIARCH}/libx.so.1 links to ${MULTIARCH}/libx.so.1.2.3, which the new image does not have`,
  );
});

// --- #! scripts ----------------------------------------------------------------------------------------------------------

test('#! scripts: the interpreter must exist (scratch has no /bin/sh), env looks the program up on PATH', () => {
  const fs = fakeFs({ '/entrypoint.sh': { script: '#!/bin/sh -e' } });
  assert.is(
    failure(checkFilesystem(fs, config({ entrypoint: ['/entrypoint.sh'] }))),
    '/entrypoint.sh is a script for /bin/sh: /bin/sh is not in the new image',
  );
  const envScript = fakeFs({
    ...GLIBC,
    '/usr/bin/env': { elf: {} },
    '/app/run': { script: '#!/usr/bin/env python3' },
    '/usr/bin/python3': { link: 'python3.13' },
    '/usr/bin/python3.13': { elf: {} },
  });
  assert.match(
    passes(checkFilesystem(envScript, config({ entrypoint: ['/app/run'] }))),
    /#! script run by \/usr\/bin\/env python3/,
  );
  const noPython = fakeFs({ ...GLIBC, '/usr/bin/env': { elf: {} }, '/app/run': { script: '#!/usr/bin/env python3' } });
  assert.match(
    failure(checkFilesystem(noPython, config({ entrypoint: ['/app/run'] }))),
    /^python3 is not in the new image/,
  );
  const loop = fakeFs({ '/a': { script: '#!/a' } });
  assert.match(failure(checkFilesystem(loop, config({ entrypoint: ['/a'] }))), /too many levels of #! interpreters/);
});

// --- node, python, java --------------------------------------------------------------------------------------------------

const NODE = { ...GLIBC, '/nodejs/bin/node': { elf: {} } };

test('node: the script named exists (extensions and folders as node resolves them); -e and the REPL need none', () => {
  const fs = fakeFs({
    ...NODE,
    '/app/server.js': { file: true },
    '/app/dist/main.js': { file: true },
    '/app/pkg/package.json': { text: '{}' },
  });
  const node = (...args: string[]) =>
    checkFilesystem(fs, config({ entrypoint: ['/nodejs/bin/node'], cmd: args, workdir: '/app' }));
  assert.match(passes(node('server.js')), /script \/app\/server\.js found/);
  assert.ok(node('--enable-source-maps', '-r', 'dotenv/config', 'dist/main').ok);
  assert.ok(node('pkg').ok);
  assert.ok(node('-e', 'console.log(1)').ok);
  assert.ok(node().ok);
  assert.is(failure(node('dist/index.js')), 'node runs dist/index.js, but /app/dist/index.js is not in the new image');
});

test('python: the script, or the module of -m in the working folder, PYTHONPATH, site-packages or a .pth path', () => {
  const PY = { ...GLIBC, '/usr/bin/python3.13': { elf: {} }, '/usr/bin/python3': { link: 'python3.13' } };
  const fs = fakeFs({
    ...PY,
    '/app/main.py': { file: true },
    '/app/.venv/lib/python3.13/site-packages/uvicorn/__main__.py': { file: true },
    '/app/.venv/lib/python3.13/site-packages/uvicorn/__init__.py': { file: true },
    '/app/.venv/lib/python3.13/site-packages/lib_only/__init__.py': { file: true },
    '/app/.venv/lib/python3.13/site-packages/fast.cpython-313-x86_64-linux-gnu.so': { file: true },
    '/app/.venv/lib/python3.13/site-packages/_editable.pth': { text: 'import os\n/src/project\n' },
    '/src/project/mypkg/cli.py': { file: true },
    '/usr/lib/python3.13/http/server.py': { file: true },
    '/opt/extra/tool.py': { file: true },
  });
  const py = (args: string[], env: string[] = []) =>
    checkFilesystem(fs, config({ entrypoint: ['/usr/bin/python3'], cmd: args, workdir: '/app', env }));
  assert.match(passes(py(['main.py'])), /script \/app\/main\.py found/);
  assert.match(
    passes(py(['-m', 'uvicorn', 'app:app'])),
    /module uvicorn found in \/app\/\.venv\/lib\/python3\.13\/site-packages/,
  );
  assert.ok(py(['-u', '-mfast']).ok, 'an extension module, -m joined to its value');
  assert.ok(py(['-X', 'utf8', '-m', 'http.server']).ok, 'the standard library');
  assert.ok(py(['-m', 'mypkg.cli']).ok, 'a path from a .pth file (an editable install)');
  assert.ok(py(['-m', 'tool'], ['PYTHONPATH=/opt/extra']).ok);
  assert.ok(py(['-c', 'print(1)']).ok);
  assert.match(
    failure(py(['-m', 'gunicorn'])),
    /^python -m gunicorn: no gunicorn\.py or gunicorn\/__main__\.py in \/app, /,
  );
  assert.match(failure(py(['-m', 'lib_only'])), /lib_only is a package without __main__\.py/);
  assert.is(failure(py(['server.py'])), 'python runs server.py, but /app/server.py is not in the new image');
});

test('java: the jar of -jar and the class path entries exist', () => {
  const fs = fakeFs({
    ...GLIBC,
    '/usr/bin/java': { elf: {} },
    '/app/app.jar': { file: true },
    '/app/libs/a.jar': { file: true },
  });
  const java = (...args: string[]) =>
    checkFilesystem(fs, config({ entrypoint: ['/usr/bin/java'], cmd: args, workdir: '/app' }));
  assert.match(
    passes(java('-Xmx512m', '-Dspring.profiles.active=prod', '-jar', 'app.jar')),
    /jar \/app\/app\.jar found/,
  );
  assert.ok(java('-cp', 'app.jar:libs/*', 'com.example.Main').ok);
  assert.is(
    failure(java('-jar', '/app/missing.jar')),
    'java -jar /app/missing.jar: /app/missing.jar is not in the new image',
  );
  assert.match(failure(java('-cp', '/nope/*', 'Main')), /^java -cp \/nope\/\*: \/nope is not in the new image/);
  assert.ok(java('-m', 'my.module/com.example.Main').ok);
});

test.run();
