/**
 * Running the user's `docker`: always the binary itself with an argument array (never a shell), with
 * `DOCKER_BUILDKIT=1`, every child tracked so that Ctrl-C can stop it. Also finds which docker to use and checks,
 * once, that it can build with BuildKit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export interface RunResult {
  /** Exit code, or null when the process was killed or could not be started. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** The timeout of `RunOptions` ran out and the process was stopped. */
  timedOut: boolean;
  /** The binary could not be started (ENOENT, EACCES…): why. */
  spawnError?: string;
}

export interface RunOptions {
  /** Written to stdin, which is then closed (stdin is closed at once without it). */
  input?: Buffer | string;
  /** Receives stdout as it comes instead of collecting it (for `docker export`). */
  onStdout?: (chunk: Buffer) => void;
  /** Stops the process with SIGTERM after this many milliseconds. */
  timeoutMs?: number;
}

/** What `--verify` needs from docker: run it with arguments. Tests pass a fake. */
export interface DockerRunner {
  run(args: string[], options?: RunOptions): Promise<RunResult>;
  /** Stops every running docker process of this runner and waits (briefly) until they are gone. */
  stopAll(): Promise<void>;
}

/** Runs `binary` with `DOCKER_BUILDKIT=1` added to `env`. */
export class SpawnRunner implements DockerRunner {
  private readonly children = new Set<ChildProcess>();

  constructor(
    readonly binary: string,
    private readonly env: Record<string, string | undefined>,
  ) {}

  run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    return new Promise((resolve) => {
      let child: ChildProcess;
      try {
        child = spawn(this.binary, args, {
          shell: false,
          env: { ...this.env, DOCKER_BUILDKIT: '1' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
      } catch (err) {
        resolve({ code: null, stdout: Buffer.alloc(0), stderr: '', timedOut: false, spawnError: describe(err) });
        return;
      }
      this.children.add(child);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let errLength = 0;
      let timedOut = false;
      let spawnError: string | undefined;
      const timer =
        options.timeoutMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              child.kill('SIGTERM');
            }, options.timeoutMs)
          : null;
      child.stdout?.on('data', (chunk: Buffer) => {
        if (options.onStdout) options.onStdout(chunk);
        else out.push(chunk);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        // Keep the last 256 KiB: build logs can be long, and their end says what went wrong.
        err.push(chunk);
        errLength += chunk.length;
        while (errLength > 256 * 1024 && err.length > 1) errLength -= err.shift()!.length;
      });
      child.on('error', (e) => {
        spawnError = describe(e);
      });
      child.stdin?.on('error', () => {});
      if (options.input !== undefined) child.stdin?.end(options.input);
      else child.stdin?.end();
      child.on('close', (code) => {
        if (timer) clearTimeout(timer);
        this.children.delete(child);
        const result: RunResult = {
          code,
          stdout: Buffer.concat(out),
          stderr: Buffer.concat(err).toString('utf8'),
          timedOut,
        };
        if (spawnError !== undefined) result.spawnError = spawnError;
        resolve(result);
      });
    });
  }

  async stopAll(): Promise<void> {
    const running = [...this.children].filter((c) => c.exitCode === null && c.signalCode === null);
    if (running.length === 0) return;
    // Wait for the processes themselves (`exit`), not their pipes, which a grandchild may hold open.
    const gone = Promise.all(running.map((c) => new Promise<void>((r) => c.once('exit', () => r()))));
    for (const c of running) c.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((r) => {
      timer = setTimeout(() => {
        for (const c of running) c.kill('SIGKILL');
        setTimeout(r, 1000);
      }, 3000);
    });
    await Promise.race([gone, late]);
    clearTimeout(timer);
  }
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every executable `docker` on PATH, in order. */
export function dockersOnPath(env: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, 'docker');
    if (isExecutableFile(file) && !out.includes(file)) out.push(file);
  }
  return out;
}

export type Located = { ok: true; binary: string; how: string } | { ok: false; message: string };

/**
 * Which docker to run: `--docker`, else `MINBASE_DOCKER`, else `docker` on PATH. A value with a slash is a path
 * (relative to `cwd`), a bare name is looked up on PATH.
 */
export function locateDocker(
  option: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): Located {
  const chosen =
    option ?? (env.MINBASE_DOCKER !== undefined && env.MINBASE_DOCKER !== '' ? env.MINBASE_DOCKER : undefined);
  const how = option !== undefined ? '--docker' : chosen !== undefined ? 'MINBASE_DOCKER' : 'PATH';
  const name = chosen ?? 'docker';
  if (name.includes('/')) {
    const file = path.resolve(cwd, name);
    let exists = false;
    try {
      exists = statSync(file).isFile();
    } catch {}
    if (!exists) return { ok: false, message: `--verify needs Docker, but ${file} (from ${how}) does not exist` };
    if (!isExecutableFile(file))
      return { ok: false, message: `--verify needs Docker, but ${file} (from ${how}) is not executable` };
    return { ok: true, binary: file, how };
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(path.resolve(cwd, dir), name);
    if (isExecutableFile(file)) return { ok: true, binary: file, how };
  }
  const from = how === 'PATH' ? '' : ` (from ${how})`;
  return {
    ok: false,
    message:
      `--verify needs Docker, but no '${name}' program${from} is on PATH. ` +
      'Install Docker (or its CLI, if the engine runs elsewhere), or name the client with --docker PATH (or MINBASE_DOCKER)',
  };
}

export interface DockerInfo {
  binary: string;
  client: string;
  server: string;
  /** `docker build` is buildx's (clients from 23.0 on): it needs `--load` with some builders. */
  buildx: boolean;
}

export type Checked = { ok: true; info: DockerInfo } | { ok: false; message: string };

/** First line of a docker error message, without Docker's own prefixes. */
export function firstLine(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return (line ?? '').replace(/^(Error response from daemon|ERROR|error):\s*/i, '');
}

/** Client major version from `20.10.24+dfsg1`, `28.2.2`, `v23.0.0`. */
export function majorVersion(version: string): number {
  const m = /^v?(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : 0;
}

/**
 * Checks, once, that `docker` reaches a daemon and can build with BuildKit: one clear message for no daemon,
 * permission denied on its socket, or a client that has no buildx plugin.
 */
export async function checkDocker(
  runner: DockerRunner,
  binary: string,
  env: Record<string, string | undefined>,
): Promise<Checked> {
  const version = await runner.run(['version', '--format', '{{json .}}'], { timeoutMs: 30_000 });
  if (version.spawnError !== undefined) {
    return { ok: false, message: `--verify needs Docker, but ${binary} cannot be run: ${version.spawnError}` };
  }
  let parsed: { Client?: { Version?: string }; Server?: { Version?: string } | null } = {};
  try {
    parsed = JSON.parse(version.stdout.toString('utf8').trim().split('\n')[0] ?? '{}');
  } catch {}
  const client = parsed.Client?.Version ?? '';
  const server = parsed.Server?.Version ?? '';
  if (version.code !== 0 || server === '') {
    const said = version.stderr.trim() || version.stdout.toString('utf8').trim();
    const detail = firstLine(said);
    /** `detail` as a sentence of its own, then `fix`. */
    const then = (fix: string): string => `${detail}${/[.?!]$/.test(detail) ? '' : '.'} ${fix}`;
    if (/permission denied/i.test(said)) {
      return {
        ok: false,
        message:
          `--verify needs the Docker daemon, but ${binary} was denied access to it: ` +
          then(
            "Add your user to the 'docker' group (sudo usermod -aG docker $USER, then log in again), or run minbase as a user that may use Docker",
          ),
      };
    }
    if (
      /cannot connect to the docker daemon|is the docker daemon running|error during connect|connection refused|no such file or directory|dial unix/i.test(
        said,
      )
    ) {
      const host = env.DOCKER_HOST !== undefined && env.DOCKER_HOST !== '' ? ` (DOCKER_HOST=${env.DOCKER_HOST})` : '';
      return {
        ok: false,
        message:
          `--verify needs a running Docker daemon, but ${binary} cannot reach one${host}: ` +
          then(
            "Start it (sudo systemctl start docker, or run 'dockerd' as root), or point DOCKER_HOST at a running one",
          ),
      };
    }
    if (version.timedOut)
      return { ok: false, message: `--verify needs Docker, but '${binary} version' did not answer in 30 s` };
    return {
      ok: false,
      message: `--verify needs Docker, but '${binary} version' failed${detail !== '' ? `: ${detail}` : ` with exit code ${version.code}`}`,
    };
  }
  let buildx = false;
  if (majorVersion(client) >= 23) {
    // From 23.0 on, `docker build` with BuildKit is the buildx plugin; without it the client cannot build at all.
    const bx = await runner.run(['buildx', 'version'], { timeoutMs: 30_000 });
    if (bx.code !== 0) {
      const others = dockersOnPath(env).filter((d) => d !== binary);
      for (const known of ['/usr/bin/docker', '/usr/local/bin/docker']) {
        if (known !== binary && !others.includes(known) && isExecutableFile(known)) others.push(known);
      }
      const alt = others.length > 0 ? `, e.g. --docker ${others[0]}` : '';
      return {
        ok: false,
        message:
          `--verify builds with BuildKit, but ${binary} (client ${client}) has no buildx plugin ('docker buildx version' fails), ` +
          'and Docker clients from 23.0 on need it to build. ' +
          "Install it (Debian/Ubuntu: apt-get install docker-buildx; from Docker's repository: docker-buildx-plugin), " +
          `or choose another Docker client with --docker PATH or MINBASE_DOCKER${alt}`,
      };
    }
    buildx = true;
  }
  return { ok: true, info: { binary, client, server, buildx } };
}

/** Builds fail this way when a 23+ client has lost its buildx plugin after the check. */
export const BUILDX_MISSING = /BuildKit is enabled but the buildx component is missing or broken/;
