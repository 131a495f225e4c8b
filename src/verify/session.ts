/**
 * One `--verify` run against the user's Docker: the docker commands it runs (builds, inspects, exports, starts),
 * the containers and images it creates, each labelled `minbase.verify=<run id>`, and their removal at the end or on
 * Ctrl-C. The build cache is never touched.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type DockerInfo, type DockerRunner, firstLine, type RunResult } from './docker.js';
import type { ImageConfig } from './fscheck.js';
import { ImageFs } from './imagefs.js';
import type { StartObservation } from './start.js';

export const LABEL = 'minbase.verify';

/** Docker itself failed (not the image under test): the file ends in `error`. */
export class DockerError extends Error {
  override name = 'DockerError';
}

/** The run was interrupted (Ctrl-C): nothing is reported, the session cleans up and exits. */
export class Interrupted extends Error {
  override name = 'Interrupted';
}

export interface Inspected {
  id: string;
  size: number;
  config: ImageConfig;
}

export interface BuildOptions {
  buildArgs: string[];
  platform?: string;
  /** `--target`: a stage other than the last. */
  target?: string;
}

export type Built = { ok: true; id: string; log: string } | { ok: false; log: string };

/** How to run a container for the differential start. */
export interface StartOptions {
  timeoutMs: number;
  args: string[];
  env: string[];
}

interface Writable {
  write(chunk: string): unknown;
}

export class VerifySession {
  readonly runId: string;
  private readonly containers = new Set<string>();
  private readonly images = new Set<string>();
  /** Temp folders of verifications in flight (the Dockerfiles given to docker), removed on Ctrl-C too. */
  readonly temps = new Set<string>();
  /** Verifications in flight; Ctrl-C while none is (at a `-i` question) is left to the question. */
  private busy = 0;
  interrupted = false;
  private stopping = false;
  private handler: ((signal: NodeJS.Signals) => void) | null = null;

  constructor(
    readonly runner: DockerRunner,
    readonly info: DockerInfo,
    runId?: string,
  ) {
    this.runId = runId ?? randomBytes(6).toString('hex');
  }

  get label(): string {
    return `${LABEL}=${this.runId}`;
  }

  /** Marks work in flight for the signal handler; returns the function that ends it. */
  enter(): () => void {
    this.busy++;
    let left = false;
    return () => {
      if (!left) this.busy--;
      left = true;
    };
  }

  private async docker(args: string[], options: Parameters<DockerRunner['run']>[1] = {}): Promise<RunResult> {
    if (this.interrupted) throw new Interrupted();
    const r = await this.runner.run(args, options);
    if (this.interrupted) throw new Interrupted();
    if (r.spawnError !== undefined) throw new DockerError(`${this.info.binary} could not be run: ${r.spawnError}`);
    return r;
  }

  private async must(args: string[], what: string): Promise<RunResult> {
    const r = await this.docker(args);
    if (r.code !== 0) {
      throw new DockerError(`docker ${what} failed: ${firstLine(r.stderr) || `exit code ${r.code}`}`);
    }
    return r;
  }

  /** Builds `dockerfile` (a file outside the context) in `context`, labelled; the image id or the log. */
  async build(dockerfile: string, context: string, iidfile: string, options: BuildOptions): Promise<Built> {
    const args = ['build', '--progress', 'plain', '--label', this.label, '--iidfile', iidfile, '-f', dockerfile];
    if (options.platform !== undefined) args.push('--platform', options.platform);
    if (options.target !== undefined) args.push('--target', options.target);
    for (const a of options.buildArgs) args.push('--build-arg', a);
    // buildx (23.0 on) with a docker-container builder keeps the image in its cache unless told to load it.
    if (this.info.buildx) args.push('--load');
    args.push(context);
    const r = await this.docker(args);
    const log = `${r.stdout.toString('utf8')}${r.stderr}`;
    if (r.code !== 0) return { ok: false, log };
    const id = (await readFile(iidfile, 'utf8').catch(() => '')).trim();
    if (id === '') return { ok: false, log: `${log}\n(docker build wrote no image id)` };
    this.images.add(id);
    return { ok: true, id, log };
  }

  async inspect(image: string): Promise<Inspected> {
    const r = await this.must(['image', 'inspect', image], 'image inspect');
    let data: unknown;
    try {
      data = JSON.parse(r.stdout.toString('utf8'));
    } catch {
      throw new DockerError('docker image inspect printed no JSON');
    }
    return parseInspect(data);
  }

  /** Reads the image's file system through `docker create` + `docker export`, streamed; nothing runs in it. */
  async exportFs(image: string): Promise<ImageFs> {
    // The entrypoint is never run: it only lets an image without a command be created.
    const created = await this.must(
      ['create', '--label', this.label, '--network', 'none', '--entrypoint', '/minbase-verify-export', image],
      'create',
    );
    const id = created.stdout.toString('utf8').trim();
    this.containers.add(id);
    try {
      const reader = ImageFs.reader();
      let parseError: unknown = null;
      const r = await this.docker(['export', id], {
        onStdout: (chunk) => {
          if (parseError !== null) return;
          try {
            reader.parser.write(chunk);
          } catch (err) {
            parseError = err;
          }
        },
      });
      if (r.code !== 0) throw new DockerError(`docker export failed: ${firstLine(r.stderr) || `exit code ${r.code}`}`);
      if (parseError !== null) {
        throw new DockerError(`docker export gave an archive that cannot be read: ${(parseError as Error).message}`);
      }
      try {
        return reader.finish();
      } catch (err) {
        throw new DockerError(`docker export gave an archive that cannot be read: ${(err as Error).message}`);
      }
    } finally {
      // After Ctrl-C the signal handler removes everything; removing it here too would race with it.
      if (!this.interrupted) await this.removeContainer(id);
    }
  }

  /** Runs `image` with no network for the time allowed, and says what it did. */
  async observe(image: string, options: StartOptions): Promise<StartObservation> {
    const args = ['create', '--label', this.label, '--network', 'none'];
    for (const e of options.env) args.push('--env', e);
    args.push(image, ...options.args);
    const created = await this.must(args, 'create');
    const id = created.stdout.toString('utf8').trim();
    this.containers.add(id);
    try {
      const started = await this.docker(['start', id]);
      let running = false;
      if (started.code === 0) {
        const waited = await this.docker(['wait', id], { timeoutMs: options.timeoutMs });
        running = waited.timedOut;
      }
      const stateRun = await this.must(['inspect', '--format', '{{json .State}}', id], 'inspect');
      let state: { Status?: string; Running?: boolean; ExitCode?: number; Error?: string } = {};
      try {
        state = JSON.parse(stateRun.stdout.toString('utf8'));
      } catch {}
      const logs = await this.docker(['logs', id]);
      const error =
        state.Error !== undefined && state.Error !== ''
          ? state.Error
          : started.code !== 0
            ? firstLine(started.stderr)
            : null;
      const stillRunning = running && state.Running === true;
      return {
        running: stillRunning,
        exitCode: stillRunning ? null : (state.ExitCode ?? null),
        error,
        stderr: logs.stderr,
      };
    } finally {
      // After Ctrl-C the signal handler removes everything; removing it here too would race with it.
      if (!this.interrupted) await this.removeContainer(id);
    }
  }

  async removeContainer(id: string): Promise<void> {
    const r = await this.runner.run(['rm', '--force', '--volumes', id]);
    if (r.code === 0 || /no such container/i.test(r.stderr)) this.containers.delete(id);
  }

  async removeImage(id: string): Promise<void> {
    const r = await this.runner.run(['image', 'rm', id]);
    if (r.code === 0 || /no such image/i.test(r.stderr)) this.images.delete(id);
  }

  /**
   * Removes every container and image of this run: those it knows of, and any other that carries its label (one
   * created while a docker command was being stopped). Returns how many of each were removed.
   */
  async cleanup(): Promise<{ containers: number; images: number; left: string[] }> {
    const listed = async (args: string[]): Promise<string[]> => {
      const r = await this.runner.run(args);
      if (r.code !== 0) return [];
      return r.stdout
        .toString('utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    };
    const ps = ['ps', '--all', '--quiet', '--no-trunc', '--filter', `label=${this.label}`];
    const images = ['images', '--quiet', '--no-trunc', '--filter', `label=${this.label}`];
    const containerIds = new Set([...this.containers, ...(await listed(ps))]);
    for (const id of containerIds) await this.removeContainer(id);
    const imageIds = new Set([...this.images, ...(await listed(images))]);
    for (const id of imageIds) await this.removeImage(id);
    // What still carries the label is what could not be removed (asking docker again, not trusting exit codes:
    // a container that another docker command was removing at the same time is gone all the same).
    const leftContainers = containerIds.size > 0 ? await listed(ps) : [];
    const leftImages = imageIds.size > 0 ? await listed(images) : [];
    return {
      containers: [...containerIds].filter((id) => !leftContainers.includes(id)).length,
      images: [...imageIds].filter((id) => !leftImages.includes(id)).length,
      left: [
        ...leftContainers.map((id) => `container ${id.slice(0, 12)}`),
        ...leftImages.map((id) => `image ${id.replace(/^sha256:/, '').slice(0, 12)}`),
      ],
    };
  }

  /**
   * On SIGINT or SIGTERM while a verification runs: stop every docker process, remove this run's containers and
   * images, and exit with 130. A second signal exits at once. When nothing runs and `deferIdle` (a `-i` question is
   * open), the signal is left to whoever else listens.
   */
  installSignalHandlers(
    stderr: Writable,
    deferIdle: boolean,
    exit: (code: number) => void = (c) => process.exit(c),
  ): void {
    const handler = (_signal: NodeJS.Signals): void => {
      if (this.stopping) {
        stderr.write(
          `minbase: stopped before cleaning up; remove what is left with: docker rm -f $(docker ps -aq --filter label=${this.label}); docker rmi $(docker images -q --filter label=${this.label})\n`,
        );
        exit(130);
        return;
      }
      if (deferIdle && this.busy === 0) return;
      this.stopping = true;
      this.interrupted = true;
      stderr.write(`\nminbase: interrupted; removing the containers and images of this run (${this.label})…\n`);
      void (async () => {
        await this.runner.stopAll();
        for (const dir of this.temps) rmSync(dir, { recursive: true, force: true });
        const removed = await this.cleanup();
        const left = removed.left.length > 0 ? `; could not remove ${removed.left.join(', ')}` : '';
        stderr.write(
          `minbase: removed ${plural(removed.containers, 'container')} and ${plural(removed.images, 'image')}${left}\n`,
        );
        exit(130);
      })();
    };
    this.handler = handler;
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  }

  removeSignalHandlers(): void {
    if (!this.handler) return;
    process.removeListener('SIGINT', this.handler);
    process.removeListener('SIGTERM', this.handler);
    this.handler = null;
  }

  /** A promise that never settles: what an interrupted verification waits on while the handler exits. */
  halt(): Promise<never> {
    return new Promise<never>(() => {});
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The fields of `docker image inspect` output that verification uses. */
export function parseInspect(data: unknown): Inspected {
  const first = (Array.isArray(data) ? data[0] : data) as Record<string, unknown> | undefined;
  if (!first || typeof first !== 'object') throw new DockerError('docker image inspect gave no image');
  const config = (first.Config ?? {}) as Record<string, unknown>;
  return {
    id: String(first.Id ?? ''),
    size: typeof first.Size === 'number' ? first.Size : 0,
    config: {
      entrypoint: stringList(config.Entrypoint),
      cmd: stringList(config.Cmd),
      user: typeof config.User === 'string' ? config.User : '',
      workdir: typeof config.WorkingDir === 'string' && config.WorkingDir !== '' ? config.WorkingDir : '/',
      env: stringList(config.Env),
      architecture: typeof first.Architecture === 'string' ? first.Architecture : '',
      os: typeof first.Os === 'string' ? first.Os : 'linux',
    },
  };
}
