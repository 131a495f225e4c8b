/**
 * The pure parts of --verify: the differential-start decision table, build-log summaries, sizes, the inspect parser,
 * and finding docker.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstLine, locateDocker, majorVersion } from '../src/verify/docker.js';
import { formatChange, formatSize } from '../src/verify/format.js';
import { parseInspect } from '../src/verify/session.js';
import { compareStarts, firstLines, type StartObservation, shortStartError } from '../src/verify/start.js';
import { buildFailure, buildTargets } from '../src/verify/verify.js';

const running: StartObservation = { running: true, exitCode: null, error: null, stderr: '' };
const exited = (code: number, stderr = ''): StartObservation => ({
  running: false,
  exitCode: code,
  error: null,
  stderr,
});
const NOT_FOUND =
  'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app": stat /app: no such file or directory: unknown';
const cannotStart: StartObservation = { running: false, exitCode: 127, error: NOT_FOUND, stderr: '' };

test('the differential start: both running, or both exited with the same status, agree', () => {
  assert.equal(compareStarts(running, running, 5), { agree: true, detail: 'both still running after 5 s' });
  assert.equal(compareStarts(exited(0), exited(0), 5), { agree: true, detail: 'both exited with status 0 within 5 s' });
  assert.ok(compareStarts(exited(2, 'usage'), exited(2, 'usage: other text'), 5).agree, 'the same status agrees');
  assert.ok(compareStarts(cannotStart, cannotStart, 5).agree);
});

test('the differential start: every other pair is a failure of the new image, with its stderr', () => {
  const cases: Array<[StartObservation, StartObservation, RegExp]> = [
    [
      running,
      exited(1, 'Traceback (most recent call last):\nModuleNotFoundError: No module named app\n'),
      /^the new image exited with status 1, while the original was still running after 5 s$/,
    ],
    [
      running,
      cannotStart,
      /^the new image fails to start: exec: "\/app": stat \/app: no such file or directory, while the original was still running/,
    ],
    [exited(0), exited(3), /^the new image exited with status 3, while the original exited with status 0$/],
    [exited(0), running, /^the new image was still running after 5 s, while the original exited with status 0$/],
    [exited(0), cannotStart, /fails to start/],
  ];
  for (const [old, neu, message] of cases) {
    const v = compareStarts(old, neu, 5);
    assert.ok(!v.agree, `${JSON.stringify(old)} / ${JSON.stringify(neu)}`);
    if (!v.agree) assert.match(v.message, message);
  }
  const v = compareStarts(
    running,
    exited(1, 'Traceback (most recent call last):\n\n  File "x"\nModuleNotFoundError: app\n'),
    5,
  );
  assert.ok(
    !v.agree && v.stderr.join('|') === 'Traceback (most recent call last):|  File "x"|ModuleNotFoundError: app',
  );
  const start = compareStarts(running, cannotStart, 5);
  assert.ok(!start.agree && start.stderr[0] === 'exec: "/app": stat /app: no such file or directory');
});

test('stderr is shown by its first lines, cut', () => {
  assert.equal(firstLines('a\n\nb\nc\nd\ne\nf\ng'), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  assert.equal(firstLines('1\n2\n3\n4\n5\n6\n7\n8\nError: the end'), [
    '1',
    '2',
    '3',
    '4',
    '5',
    '…',
    '8',
    'Error: the end',
  ]);
  assert.is(firstLines('x'.repeat(500))[0]!.length, 200);
  assert.is(shortStartError(NOT_FOUND), 'exec: "/app": stat /app: no such file or directory');
  assert.is(shortStartError('something else'), 'something else');
});

test('a build log is summed up by its error, its step and what the step printed', () => {
  const run = [
    '#5 [2/2] RUN echo hi && false',
    '#5 sha256:ec26',
    '#5 0.254 hi',
    '#5 ERROR: executor failed running [/bin/sh -c echo hi && false]: exit code: 1',
    '------',
    ' > [2/2] RUN echo hi && false:',
    '------',
    'executor failed running [/bin/sh -c echo hi && false]: exit code: 1',
  ].join('\n');
  assert.is(buildFailure(run), 'exit code 1 (at [2/2] RUN echo hi && false); its last output: hi');
  const buildx =
    '#8 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2\n------\n > [build 3/4] RUN make:\n------\nERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2\n';
  assert.is(buildFailure(buildx), 'exit code 2 (at [build 3/4] RUN make)');
  assert.match(buildFailure('ERROR: BuildKit is enabled but the buildx component is missing or broken.'), /buildx/);
  assert.is(buildFailure('some\nplain text\n'), 'plain text');
  const pull =
    '#3 [internal] load metadata for docker.io/library/python:3.12-slim\n#3 ERROR: failed to do request: no such host\n------\n > [internal] load metadata for docker.io/library/python:3.12-slim:\n------\nfailed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request: no such host\n';
  assert.is(
    buildFailure(pull),
    'the image docker.io/library/python:3.12-slim is neither local nor pullable: failed to do request: no such host',
  );
});

test('sizes read as Docker shows them', () => {
  assert.is(formatSize(0), '0 B');
  assert.is(formatSize(999), '999 B');
  assert.is(formatSize(2_440_000), '2.44 MB');
  assert.is(formatSize(114_000_000), '114 MB');
  assert.is(formatSize(1_200_000_000), '1.2 GB');
  assert.is(formatChange(114_000_000, 3_000_000), '114 MB → 3 MB (-97%)');
  assert.is(formatChange(10, 20), '10 B → 20 B (+100%)');
});

test('docker image inspect: entrypoint, cmd, user, workdir, env, architecture and size', () => {
  const i = parseInspect([
    {
      Id: 'sha256:abc',
      Size: 1234,
      Architecture: 'arm64',
      Os: 'linux',
      Config: { Entrypoint: ['/app'], Cmd: null, User: 'nonroot', WorkingDir: '', Env: ['PATH=/bin'] },
    },
  ]);
  assert.equal(i, {
    id: 'sha256:abc',
    size: 1234,
    config: {
      entrypoint: ['/app'],
      cmd: [],
      user: 'nonroot',
      workdir: '/',
      env: ['PATH=/bin'],
      architecture: 'arm64',
      os: 'linux',
    },
  });
  assert.throws(() => parseInspect([]), /no image/);
});

test('which docker: --docker, then MINBASE_DOCKER, then PATH; each failure says what is missing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minbase-locate-'));
  try {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'docker'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'plain'), 'not executable', { mode: 0o644 });
    const env = { PATH: `${path.join(dir, 'nothing')}:${bin}` };
    assert.equal(locateDocker(undefined, env, dir), { ok: true, binary: path.join(bin, 'docker'), how: 'PATH' });
    assert.equal(locateDocker('./plain', {}, dir), {
      ok: false,
      message: `--verify needs Docker, but ${path.join(dir, 'plain')} (from --docker) is not executable`,
    });
    const missing = locateDocker(undefined, { PATH: dir }, dir);
    assert.ok(!missing.ok && /no 'docker' program is on PATH/.test(missing.message));
    const fromEnv = locateDocker(undefined, { PATH: '', MINBASE_DOCKER: path.join(bin, 'docker') }, dir);
    assert.ok(fromEnv.ok && fromEnv.how === 'MINBASE_DOCKER');
    const gone = locateDocker('/nonexistent/docker', env, dir);
    assert.ok(
      !gone.ok && gone.message === '--verify needs Docker, but /nonexistent/docker (from --docker) does not exist',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.is(majorVersion('20.10.24+dfsg1'), 20);
  assert.is(majorVersion('28.2.2'), 28);
  assert.is(firstLine('\nError response from daemon: No such image: x\nmore'), 'No such image: x');
});

test('--stage: both builds target the stage, or the stage after it when it was split off', () => {
  const old =
    'FROM golang AS build\nRUN go build\n\nFROM debian AS prod\nCOPY --from=build /x /x\n\nFROM build AS test\nRUN go test\n';
  const rewritten = old.replace('FROM debian AS prod', 'FROM scratch AS prod');
  assert.equal(buildTargets(old, rewritten, undefined), {});
  assert.equal(buildTargets(old, rewritten, 'prod'), { old: 'prod', new: 'prod' });
  assert.equal(buildTargets(old, rewritten, 'PROD'), { old: 'PROD', new: 'PROD' });
  const split = old.replace(
    '\nFROM build AS test',
    'FROM scratch AS prod-2\nCOPY --from=prod /x /x\n\nFROM build AS test',
  );
  assert.equal(buildTargets(old, split, 'prod'), { old: 'prod', new: 'prod-2' });
  const unnamed = old.replace('\nFROM build AS test', 'FROM scratch\nCOPY --from=prod /x /x\n\nFROM build AS test');
  const e = buildTargets(old, unnamed, 'prod');
  assert.ok('error' in e && /new stage without a name/.test(e.error));
  const missing = buildTargets(old, rewritten, 'nope');
  assert.ok('error' in missing && /no stage named nope/.test(missing.error));
});

test.run();
