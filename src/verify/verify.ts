/**
 * `--verify` for one rewritten Dockerfile: build the original and the rewrite, then check the new image in order,
 * stopping at the first failure: (1) it builds, (2) its file system has what its command needs, (3) it starts like
 * the original. The images are removed as soon as the file is done.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { BUILDX_MISSING } from './docker.js';
import { checkFilesystem } from './fscheck.js';
import { DockerError, type Inspected, Interrupted, type VerifySession } from './session.js';
import { compareStarts } from './start.js';

export type CheckName = 'build' | 'filesystem' | 'start';

export interface VerifyCheck {
  name: CheckName;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  /** What was found, or why it failed. */
  detail: string;
}

export interface VerifyReport {
  /** The rewrite was proven: every check passed. */
  ok: boolean;
  /** The first check that failed on the new image, with what to do. */
  failed: { check: CheckName; message: string; hint: string | null; stderr: string[] } | null;
  /** Verification could not be done (the original does not build, docker failed): not a verdict on the rewrite. */
  error: string | null;
  checks: VerifyCheck[];
  ms: number;
  /** Image sizes in bytes, as `docker image inspect` gives them. */
  size: { before: number | null; after: number | null };
  notes: string[];
}

export interface VerifySettings {
  /** Build context for every file; the Dockerfile's folder when absent. */
  context?: string;
  buildArgs: string[];
  platform?: string;
  timeoutSeconds: number;
  runArgs: string[];
  runEnv: string[];
  /** `--stage`: the stage that was rewritten, built with `--target` instead of the last one. */
  stage?: string;
}

export interface VerifyInput {
  /** Absolute path of the user's Dockerfile (never written to). */
  file: string;
  oldText: Buffer;
  newText: Buffer;
}

/** Shows what verification is doing, e.g. on a status line. */
export type Status = (what: string) => void;

const CHECKS: CheckName[] = ['build', 'filesystem', 'start'];

/**
 * What a BuildKit log (`--progress plain`) says about why the build failed: the error, the step, and the last lines
 * that step printed. `#5 ERROR: …`, `#5 0.254 output`, ` > [2/2] RUN …:` and a closing `error: …` are understood.
 */
export function buildFailure(log: string): string {
  if (BUILDX_MISSING.test(log)) {
    return 'this docker client has no buildx plugin: install docker-buildx, or choose another client with --docker';
  }
  const raw = log.split(/\r?\n/).map((l) => l.trimEnd());
  const cut = (l: string): string => (l.length > 300 ? `${l.slice(0, 299)}…` : l);
  let step: string | undefined;
  let failedVertex: string | undefined;
  let error: string | undefined;
  for (const line of raw) {
    const vertexError = /^#(\d+) ERROR: (.*)$/.exec(line);
    if (vertexError) {
      failedVertex = vertexError[1];
      error = vertexError[2];
      continue;
    }
    const stepLine = /^\s*>\s*(\[.+?\].*?|(FROM|RUN|COPY|ADD)\b.*?):?$/i.exec(line);
    if (stepLine) step = stepLine[1];
    const closing = /^(ERROR|error):\s*(.*)$/.exec(line);
    if (closing) error = closing[2];
  }
  if (error === undefined) {
    const plain = raw.filter((l) => l.trim() !== '' && !/^#\d+ /.test(l) && !/^-+$/.test(l.trim()));
    error =
      plain.at(-1)?.trim() ??
      raw
        .filter((l) => l.trim() !== '')
        .at(-1)
        ?.trim() ??
      'no output';
  }
  error = error.replace(/^(failed to solve( with frontend dockerfile\.v0)?: )/, '');
  // The failing command is in the step already: say only how it ended.
  const exit = /^(executor failed running \[.*\]|process ".*" did not complete successfully): exit code: (\d+)$/s.exec(
    error,
  );
  if (exit) error = `exit code ${exit[2]}`;
  // A base image that cannot be had: say which, rather than the step's BuildKit name.
  const image = step !== undefined ? /^\[internal\] load metadata for (\S+?):?$/.exec(step.trim())?.[1] : undefined;
  if (image !== undefined) return cut(`the image ${image} is neither local nor pullable: ${error}`);
  let out = cut(error);
  if (step !== undefined) out += ` (at ${step.trim().length > 160 ? `${step.trim().slice(0, 159)}…` : step.trim()})`;
  if (failedVertex !== undefined) {
    const printed = raw
      .map((l) => new RegExp(`^#${failedVertex} \\d+\\.\\d+ (.*)$`).exec(l)?.[1])
      .filter((l): l is string => l !== undefined && l.trim() !== '')
      .slice(-3);
    if (printed.length > 0) out += `; its last output: ${printed.map(cut).join(' | ')}`;
  }
  return out;
}

/** The stages of a Dockerfile: name and text, in order. */
function stages(text: string): Array<{ name: string | null; text: string }> {
  const froms = DockerfileParser.parse(text).getFROMs();
  const lines = text.split('\n');
  return froms.map((from, i) => {
    const start = from.getRange().start.line;
    const end = froms[i + 1]?.getRange().start.line ?? lines.length;
    return { name: from.getBuildStage(), text: lines.slice(start, end).join('\n').trim() };
  });
}

/**
 * With `--stage NAME` the images to compare are that stage of the original and the rewritten stage of the rewrite:
 * NAME itself, or, when NAME was split (left as it was and followed by the new stage), the stage after it.
 */
export function buildTargets(
  oldText: string,
  newText: string,
  stage: string | undefined,
): { old?: string; new?: string } | { error: string } {
  if (stage === undefined) return {};
  const same = (name: string | null): boolean => name !== null && name.toLowerCase() === stage.toLowerCase();
  const before = stages(oldText);
  const after = stages(newText);
  const oi = before.findIndex((s) => same(s.name));
  const ni = after.findIndex((s) => same(s.name));
  if (oi === -1 || ni === -1) return { error: `verify: no stage named ${stage} to build with --target` };
  if (after[ni]!.text !== before[oi]!.text) return { old: stage, new: stage };
  const next = after[ni + 1]?.name;
  if (next !== null && next !== undefined) return { old: stage, new: next };
  return {
    error: `verify: the rewrite of stage ${stage} is a new stage without a name, which docker build cannot target; run --verify without --stage, or make ${stage} the last stage`,
  };
}

export async function verifyRewrite(
  session: VerifySession,
  input: VerifyInput,
  settings: VerifySettings,
  status: Status = () => {},
): Promise<VerifyReport> {
  const started = Date.now();
  const leave = session.enter();
  const report: VerifyReport = {
    ok: false,
    failed: null,
    error: null,
    checks: [],
    ms: 0,
    size: { before: null, after: null },
    notes: [],
  };
  const images: string[] = [];
  const temp = await mkdtemp(path.join(os.tmpdir(), 'minbase-verify-'));
  session.temps.add(temp);
  const record = (name: CheckName, status: VerifyCheck['status'], since: number, detail: string): void => {
    report.checks.push({ name, status, ms: Date.now() - since, detail });
  };
  const fail = (name: CheckName, since: number, message: string, hint: string | null, stderr: string[] = []): void => {
    record(name, 'failed', since, message);
    report.failed = { check: name, message, hint, stderr };
  };
  try {
    const context = settings.context ?? path.dirname(input.file);
    const base = path.basename(input.file);
    const write = async (which: string, text: Buffer): Promise<string> => {
      const dir = path.join(temp, which);
      await mkdir(dir);
      const file = path.join(dir, base);
      await writeFile(file, text);
      // BuildKit reads <Dockerfile>.dockerignore next to the Dockerfile before the context's .dockerignore.
      await copyFile(`${input.file}.dockerignore`, `${file}.dockerignore`).catch(() => {});
      return file;
    };
    const oldFile = await write('old', input.oldText);
    const newFile = await write('new', input.newText);
    const targets = buildTargets(input.oldText.toString('utf8'), input.newText.toString('utf8'), settings.stage);
    if ('error' in targets) {
      report.error = targets.error;
      return report;
    }
    const buildOptions = {
      buildArgs: settings.buildArgs,
      ...(settings.platform ? { platform: settings.platform } : {}),
    };

    // 1. Both build.
    let since = Date.now();
    status('building the original image');
    const oldBuild = await session.build(oldFile, context, path.join(temp, 'old.iid'), {
      ...buildOptions,
      ...(targets.old !== undefined ? { target: targets.old } : {}),
    });
    if (!oldBuild.ok) {
      record('build', 'failed', since, `the original does not build: ${buildFailure(oldBuild.log)}`);
      report.error =
        `the original Dockerfile does not build here, so the rewrite cannot be checked: ${buildFailure(oldBuild.log)}` +
        (settings.context === undefined
          ? ' (the build context is its folder: --context DIR, --build-arg K=V if it needs them)'
          : '');
      return report;
    }
    images.push(oldBuild.id);
    status('building the rewritten image');
    const newBuild = await session.build(newFile, context, path.join(temp, 'new.iid'), {
      ...buildOptions,
      ...(targets.new !== undefined ? { target: targets.new } : {}),
    });
    if (!newBuild.ok) {
      fail(
        'build',
        since,
        `the rewritten Dockerfile does not build: ${buildFailure(newBuild.log)}`,
        `to see the whole build log: minbase [the same options] - < ${input.file} | docker build -f - ${context}`,
      );
      return report;
    }
    images.push(newBuild.id);
    const [oldImage, newImage] = await Promise.all([session.inspect(oldBuild.id), session.inspect(newBuild.id)]);
    report.size = { before: oldImage.size, after: newImage.size };
    record('build', 'passed', since, 'the original and the rewrite build');

    // 2. The file system has what the command needs.
    since = Date.now();
    status('reading the new image');
    const fsResult = await fileSystem(session, newImage);
    if (!fsResult.ok) {
      // A check that the original image fails in the same way says nothing about the rewrite: the start decides.
      status('reading the original image');
      const before = await fileSystem(session, oldImage);
      if (!before.ok && before.message === fsResult.message) {
        record('filesystem', 'skipped', since, `the original fails this check too: ${fsResult.message}`);
        report.notes.push(
          `verify: the original image fails the file-system check the same way (${fsResult.message}); the start check decides`,
        );
      } else {
        fail('filesystem', since, fsResult.message, fsResult.hint ?? null);
        return report;
      }
    } else {
      record('filesystem', 'passed', since, fsResult.detail);
      report.notes.push(...fsResult.notes.map((n) => `verify: ${n}`));
    }

    // 3. Both start the same way.
    since = Date.now();
    status(`starting both images for ${settings.timeoutSeconds} s`);
    const run = { timeoutMs: settings.timeoutSeconds * 1000, args: settings.runArgs, env: settings.runEnv };
    const [oldRun, newRun] = await Promise.all([session.observe(oldImage.id, run), session.observe(newImage.id, run)]);
    const verdict = compareStarts(oldRun, newRun, settings.timeoutSeconds);
    if (!verdict.agree) {
      fail(
        'start',
        since,
        verdict.message,
        'run both images by hand to compare (docker run --rm --network none IMAGE); if the original needs arguments or environment to start, pass them with --verify-arg and --verify-env',
        verdict.stderr,
      );
      return report;
    }
    record('start', 'passed', since, verdict.detail);
    report.ok = true;
    return report;
  } catch (err) {
    if (err instanceof Interrupted || session.interrupted) return session.halt();
    if (!(err instanceof DockerError)) throw err;
    report.error = `verify: ${err.message}`;
    return report;
  } finally {
    leave();
    // Checks never reached are listed as skipped, so that every report names all three.
    for (const name of CHECKS) {
      if (!report.checks.some((c) => c.name === name))
        report.checks.push({ name, status: 'skipped', ms: 0, detail: '' });
    }
    report.ms = Date.now() - started;
    if (!session.interrupted) {
      for (const id of images) await session.removeImage(id);
    }
    await rm(temp, { recursive: true, force: true });
    session.temps.delete(temp);
  }
}

async function fileSystem(session: VerifySession, image: Inspected): Promise<ReturnType<typeof checkFilesystem>> {
  const fs = await session.exportFs(image.id);
  return checkFilesystem(fs, image.config);
}
