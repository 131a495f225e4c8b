/** Helpers for tests that run the built CLI (`node bin/minbase.js`; `npm run build` first) in temporary folders. */
import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'minbase.js');
export const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env.CI;
  delete env.FORCE_COLOR;
  delete env.GITHUB_ACTIONS;
  return env;
}

/** Runs the built binary. */
export function minbase(args: string[], cwd: string, extra: SpawnSyncOptions = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: cliEnv(), encoding: 'utf8', ...extra });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs main() in this process (same code as the binary, without a process start), for the finer cases. */
export async function inProcess(args: string[], cwd: string, stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (c) => (stdout += String(c)) },
    stderr: { write: (c) => (stderr += String(c)) },
    stdin: (async function* () {
      if (stdin !== '') yield stdin;
    })(),
    cwd,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

const temps: string[] = [];
export function tempDir(prefix = 'minbase-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function removeTemps(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Creates files under `dir`; parent folders are made. */
export function files(dir: string, tree: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(tree)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function read(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

export interface JsonFile {
  path: string;
  outcome: string;
  runtime: string | null;
  target: string | null;
  reason: string | null;
  changes: Array<{ rule: string; line: number; why: string }>;
  blockers: Array<{ rule: string; line: number; message: string }>;
  notes: string[];
  diff: string | null;
}

export function jsonOf(run: Run): { version: number; files: JsonFile[]; summary: Record<string, number> } {
  return JSON.parse(run.stdout) as { version: number; files: JsonFile[]; summary: Record<string, number> };
}

/** A Go service that is rewritten onto scratch. */
export const GO = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -o /bin/server ./cmd/server

FROM python:3.12-slim
COPY --from=build /bin/server /bin/server
EXPOSE 8080
CMD ["/bin/server"]
`;

/** A Rust service on the gnu target: distroless cc, or refused on DHI. */
export const RUST_GNU = `FROM rust:1.83 AS build
WORKDIR /src
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim
COPY --from=build /src/target/release/web /usr/local/bin/web
CMD ["web"]
`;

/** A Go service refused for cgo on Alpine, a RUN and a HEALTHCHECK: three blockers, no target. */
export const GO_ALPINE_CGO = `FROM golang:1.24-alpine AS build
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY . .
RUN go build -o /bin/app .

FROM alpine:3.20
RUN apk add --no-cache curl
COPY --from=build /bin/app /bin/app
HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
CMD ["/bin/app"]
`;

export const MINIMAL = 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n';

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
