/**
 * Where minbase runs besides a terminal, each exercised as its host would run it, against the built CLI:
 * - the GitHub Action: action.yml's `run` steps executed with bash as a runner does (inputs through `env`,
 *   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH), `npx` standing in for the registry;
 * - the pre-commit hooks, with the real `pre-commit` (Debian's package) in a temporary repository (skipped, with a
 *   note, where pre-commit is not installed: `apt-get install pre-commit`);
 * - the org-wide campaign recipes of docs/campaigns.md (multi-gitter's command, the Sourcegraph batch spec's step),
 *   run over several temporary git repositories: exit status, changes left in the work tree, nothing outside it.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import YAML from 'yaml';
import { rewrite } from '../src/index.js';
import {
  BIN,
  cliEnv,
  files,
  GO,
  GO_ALPINE_CGO,
  git,
  MINIMAL,
  ROOT,
  RUST_GNU,
  read,
  removeTemps,
  tempDir,
  VERSION,
} from './cli-helpers.js';

test.after(removeTemps);

/**
 * A folder with an `npx` that stands in for the registry: the recipes must call exactly
 * `npx --yes -- minbase@VERSION ARGS...`, which then runs the built binary with ARGS.
 */
function fakeNpx(): string {
  const dir = tempDir('minbase-npx-');
  const script = `#!/usr/bin/env bash
if [[ "$1" != "--yes" || "$2" != "--" || "$3" != "minbase@${VERSION}" ]]; then
  echo "fake npx: unexpected call: npx $*" >&2
  exit 99
fi
shift 3
exec "${process.execPath}" "${BIN}" "$@"
`;
  fs.writeFileSync(path.join(dir, 'npx'), script, { mode: 0o755 });
  return dir;
}

function commitAll(dir: string, message = 'initial'): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

function newRepo(dir: string, tree: Record<string, string | Buffer>): void {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  files(dir, tree);
  commitAll(dir);
}

// --- GitHub Action ------------------------------------------------------------------------------------------------------

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.x }}` and `${{ steps.id.outputs.y }}`, as the runner fills them in. */
function expand(text: string, inputs: Record<string, string>, outputs: Record<string, string> = {}): string {
  return text.replace(/\$\{\{\s*(inputs|steps\.minbase\.outputs)\.([\w-]+)\s*\}\}/g, (_, scope: string, key: string) =>
    scope === 'inputs' ? (inputs[key] ?? '') : (outputs[key] ?? ''),
  );
}

/** Runs one `run` step as a runner does: `bash --noprofile --norc -eo pipefail FILE`, its env expanded. */
function runStep(
  step: Step,
  workspace: string,
  inputs: Record<string, string>,
  github: { output: string; summary: string; path: string },
  outputs: Record<string, string> = {},
) {
  const script = path.join(tempDir('minbase-step-'), 'step.sh');
  fs.writeFileSync(script, step.run!);
  const env: NodeJS.ProcessEnv = {
    ...cliEnv(),
    PATH: `${github.path}${path.delimiter}${process.env.PATH}`,
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: github.output,
    GITHUB_STEP_SUMMARY: github.summary,
  };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, outputs);
  assert.is(step.shell, 'bash');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace,
    env,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function outputsOf(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([\w-]+)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Runs the action's steps that have a command line, in order, as the workflow would; `uses` steps are checked. */
function runAction(workspace: string, given: Record<string, string>) {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = given[name] ?? spec.default ?? '';
  const dir = tempDir('minbase-runner-');
  const github = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary'), path: fakeNpx() };
  fs.writeFileSync(github.output, '');
  fs.writeFileSync(github.summary, '');
  const [setup, main, upload, fail] = action.runs.steps;
  assert.match(setup!.uses!, /^actions\/setup-node@v\d+$/);
  assert.is(expand(setup!.with!['node-version']!, inputs), inputs['node-version']);
  const run = runStep(main!, workspace, inputs, github);
  assert.is(run.code, 0, `the minbase step itself never fails: ${run.stderr}`);
  const outputs = outputsOf(github.output);
  // The upload step's condition, as the runner evaluates it.
  const uploads = inputs['sarif-upload'] === 'true' && (outputs['sarif-file'] ?? '') !== '';
  assert.match(upload!.uses!, /^github\/codeql-action\/upload-sarif@v\d+$/);
  const expr = (inner: string): string => '$' + `{{ ${inner} }}`;
  assert.is(upload!.if, expr("always() && inputs.sarif-upload == 'true' && steps.minbase.outputs.sarif-file != ''"));
  assert.is(expand(upload!.with!.sarif_file!, inputs, outputs), uploads ? outputs['sarif-file'] : '');
  assert.is(fail!.if, expr("steps.minbase.outputs.exit-code != '0'"));
  let job = 0;
  if (outputs['exit-code'] !== '0') job = runStep(fail!, workspace, inputs, github, outputs).code ?? -1;
  return { ...run, outputs, uploads, job, summary: fs.readFileSync(github.summary, 'utf8') };
}

test('action.yml: a composite action with Node set up, inputs for paths, mode, family, format, SARIF upload', () => {
  assert.is(action.runs.using, 'composite');
  for (const input of ['paths', 'mode', 'family', 'format', 'fail-on', 'sarif-upload', 'report', 'args', 'version']) {
    assert.ok(action.inputs[input]?.description, input);
  }
  assert.equal(Object.keys(action.outputs), ['exit-code', 'sarif-file']);
  // Inputs reach the script only through the environment, never pasted into it.
  for (const step of action.runs.steps) assert.not.match(step.run ?? '', /\$\{\{/, step.name);
});

test('the Action by default: --check with annotations; the job fails with minbase status 1', () => {
  const ws = tempDir('minbase-ws-');
  newRepo(ws, { 'services/api/Dockerfile': GO, 'services/min/Dockerfile': MINIMAL });
  const r = runAction(ws, {});
  assert.is(r.outputs['exit-code'], '1', r.stderr);
  assert.is(r.job, 1);
  assert.match(r.stdout, /^::warning file=services\/api\/Dockerfile,line=4,title=minbase go\/static → scratch::/m);
  assert.match(r.stdout, /\n1 rewritten, 1 unchanged, 0 skipped, 0 refused, 0 errors\n/);
  assert.is(read(ws, 'services/api/Dockerfile'), GO, 'check writes nothing');
  assert.is(r.uploads, false);
});

test('the Action with mode write and a family: the files are rewritten in the workspace, the job passes', () => {
  const ws = tempDir('minbase-ws-');
  newRepo(ws, { 'a/Dockerfile': GO, 'b/Dockerfile': RUST_GNU });
  const r = runAction(ws, { mode: 'write', family: 'chainguard', paths: 'a b', format: 'text', args: '--nonroot' });
  assert.is(r.outputs['exit-code'], '0', r.stderr + r.stdout);
  assert.is(r.job, 0);
  const expected = rewrite(RUST_GNU, { family: 'chainguard', nonroot: true }).output;
  assert.is(read(ws, 'b/Dockerfile'), expected);
  assert.match(read(ws, 'b/Dockerfile'), /FROM cgr\.dev\/chainguard\/glibc-dynamic/);
  assert.match(git(ws, 'status', '--porcelain'), /^ M a\/Dockerfile\n M b\/Dockerfile\n$/);
});

test('the Action with SARIF upload, a report and fail-on: the log is written and uploaded, the report lands in the job summary', () => {
  const ws = tempDir('minbase-ws-');
  newRepo(ws, { 'legacy/Dockerfile': GO_ALPINE_CGO });
  const r = runAction(ws, { 'sarif-upload': 'true', 'fail-on': 'rewritten', report: 'minbase-report.md' });
  assert.is(r.outputs['exit-code'], '0', `refused files do not fail with fail-on rewritten: ${r.stderr}`);
  assert.is(r.job, 0);
  assert.is(r.uploads, true);
  assert.is(r.outputs['sarif-file'], 'minbase.sarif');
  const sarif = JSON.parse(read(ws, 'minbase.sarif')) as { version: string; runs: Array<{ results: unknown[] }> };
  assert.is(sarif.version, '2.1.0');
  assert.is(sarif.runs[0]!.results.length, 3, 'one result per blocker');
  assert.match(r.stdout, /^::notice file=legacy\/Dockerfile,line=2,title=minbase refused%3A go\/cgo::/m);
  assert.ok(r.summary.startsWith('# minbase migration report\n'), r.summary);
  assert.match(r.summary, '| `go/cgo` | 1 | 1 |');
});

test('the Action with a bad mode or a bad option: an error annotation or minbase usage error, exit-code 2, the job fails', () => {
  const ws = tempDir('minbase-ws-');
  newRepo(ws, { Dockerfile: GO });
  const bad = runAction(ws, { mode: 'fix' });
  assert.is(bad.outputs['exit-code'], '2');
  assert.is(bad.job, 2);
  assert.is(bad.stdout, "::error title=minbase::the mode input must be check, dry-run or write, not 'fix'\n");
  const usage = runAction(ws, { family: 'google' });
  assert.is(usage.outputs['exit-code'], '2');
  assert.match(usage.stderr, /minbase: --family must be 'distroless', 'dhi' or 'chainguard', not 'google'/);
});

// --- pre-commit ---------------------------------------------------------------------------------------------------------

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommit.status === 0;

test('pre-commit: the minbase hook fails a commit that needs a rewrite, minbase-fix rewrites it, then the commit passes', () => {
  if (!hasPreCommit) {
    console.log('  (skipped: pre-commit is not installed; apt-get install pre-commit)');
    return;
  }
  const base = tempDir('minbase-pre-commit-');
  const env: NodeJS.ProcessEnv = {
    ...cliEnv(),
    PRE_COMMIT_HOME: path.join(base, 'cache'),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  // The hook repository: this repository's .pre-commit-hooks.yaml at a commit.
  const hooks = path.join(base, 'hooks');
  newRepo(hooks, { '.pre-commit-hooks.yaml': fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8') });
  const rev = git(hooks, 'rev-parse', 'HEAD').trim();
  // The project: minbase as its dev dependency (npm install --save-dev minbase puts it in node_modules/.bin).
  const repo = path.join(base, 'project');
  fs.mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
  fs.symlinkSync(BIN, path.join(repo, 'node_modules', '.bin', 'minbase'));
  git(repo, 'init', '-q');
  files(repo, {
    '.gitignore': 'node_modules/\n',
    '.pre-commit-config.yaml': YAML.stringify({
      repos: [{ repo: hooks, rev, hooks: [{ id: 'minbase' }, { id: 'minbase-fix', stages: ['manual'] }] }],
    }),
    'minbase.config.json': '{"ignore": ["tools/**"]}',
    'tools/Dockerfile': GO,
    'README.md': 'hello\n',
  });
  const run = (cmd: string, ...args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: repo, env, encoding: 'utf8' });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  assert.is(run('pre-commit', 'install').code, 0);
  run('git', 'add', '-A');
  const ignored = run('git', 'commit', '-q', '-m', 'tools only');
  assert.is(ignored.code, 0, `an ignored Dockerfile passes: ${ignored.out}`);

  files(repo, { 'services/api/Dockerfile': GO, 'services/api/main.go': 'package main\n' });
  run('git', 'add', '-A');
  const blocked = run('git', 'commit', '-q', '-m', 'api');
  assert.is(blocked.code, 1, blocked.out);
  assert.match(blocked.out, /minbase \(Dockerfiles on minimal base images\)\.+Failed/);
  assert.match(blocked.out, /\n\+FROM scratch\n/);
  assert.match(blocked.out, /1 rewritten, 0 unchanged, 0 skipped, 0 refused, 0 errors/);
  assert.is(git(repo, 'log', '--format=%s'), 'tools only\n', 'nothing committed');

  const fixed = run('pre-commit', 'run', '--hook-stage', 'manual', 'minbase-fix', '--files', 'services/api/Dockerfile');
  assert.is(fixed.code, 1, fixed.out);
  assert.match(fixed.out, /files were modified by this hook/);
  assert.is(read(repo, 'services/api/Dockerfile'), rewrite(GO).output);
  run('git', 'add', 'services/api/Dockerfile');
  const passed = run('git', 'commit', '-q', '-m', 'api on scratch');
  assert.is(passed.code, 0, passed.out);
  assert.match(passed.out, /minbase \(Dockerfiles on minimal base images\)\.+Passed/);
  assert.is(git(repo, 'log', '--format=%s'), 'api on scratch\ntools only\n');
});

// --- org-wide campaigns -------------------------------------------------------------------------------------------------

const campaigns = fs.readFileSync(path.join(ROOT, 'docs', 'campaigns.md'), 'utf8');

/** Every file under `dir` with a hash of its contents, except under `skip` (absolute). */
function snapshot(dir: string, skip: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (skip.includes(p)) continue;
      if (e.isDirectory()) walk(p);
      else
        out.set(
          path.relative(dir, p),
          e.isFile() ? createHash('sha1').update(fs.readFileSync(p)).digest('hex') : 'link',
        );
    }
  };
  walk(dir);
  return out;
}

/** An organisation of repositories, each with what the campaign must leave in its work tree. */
function organisation(): { org: string; expected: Record<string, { code: number; changed: string[] }> } {
  const org = tempDir('minbase-org-');
  newRepo(path.join(org, 'api'), {
    Dockerfile: GO,
    'legacy/Dockerfile': GO_ALPINE_CGO,
    'README.md': '# api\n',
  });
  newRepo(path.join(org, 'done'), { Dockerfile: MINIMAL });
  newRepo(path.join(org, 'blocked'), { 'build/Dockerfile': GO_ALPINE_CGO });
  newRepo(path.join(org, 'mirrored'), {
    'minbase.config.json': '{"registries": {"gcr.io/distroless/": "registry.corp/distroless/"}}',
    'web/Containerfile': RUST_GNU,
  });
  newRepo(path.join(org, 'broken'), { 'a/Dockerfile': Buffer.from([0, 1, 0xff]), 'b/Dockerfile': GO });
  fs.mkdirSync(path.join(org, 'home'));
  fs.mkdirSync(path.join(org, 'tmp'));
  return {
    org,
    expected: {
      api: { code: 0, changed: ['Dockerfile'] },
      done: { code: 0, changed: [] },
      blocked: { code: 0, changed: [] },
      mirrored: { code: 0, changed: ['web/Containerfile'] },
      // An error exits 2: multi-gitter and Sourcegraph then propose nothing for the repository.
      broken: { code: 2, changed: ['b/Dockerfile'] },
    },
  };
}

/** Runs `command` (argv, or a shell script) in each repository and checks the contract. */
function campaign(command: string[] | string): void {
  const { org, expected } = organisation();
  const npx = fakeNpx();
  for (const [name, want] of Object.entries(expected)) {
    const repo = path.join(org, name);
    const before = snapshot(org, [repo]);
    const env = {
      ...cliEnv(),
      PATH: `${npx}${path.delimiter}${process.env.PATH}`,
      HOME: path.join(org, 'home'),
      TMPDIR: path.join(org, 'tmp'),
      REPOSITORY: `my-org/${name}`,
    };
    const r =
      typeof command === 'string'
        ? spawnSync('sh', ['-c', command], { cwd: repo, env, encoding: 'utf8' })
        : spawnSync(command[0]!, command.slice(1), { cwd: repo, env, encoding: 'utf8' });
    assert.is(r.status, want.code, `${name}: ${r.stderr}`);
    const status = git(repo, 'status', '--porcelain', '--untracked-files=all', '--ignored');
    assert.is(status, want.changed.map((f) => ` M ${f}\n`).join(''), `${name}: only rewritten files change`);
    assert.equal(snapshot(org, [repo]), before, `${name}: nothing outside the repository changes`);
    for (const f of want.changed)
      assert.match(git(repo, 'diff', '--', f), /\n\+FROM (scratch|registry\.corp\/distroless\/cc-debian13)\n/);
  }
  assert.is(
    read(path.join(org, 'mirrored'), 'web/Containerfile').includes('gcr.io'),
    false,
    "the repository's mirror applies",
  );
  assert.is(read(path.join(org, 'api'), 'legacy/Dockerfile'), GO_ALPINE_CGO, 'a refused file stays as it was');
}

test('multi-gitter: the recipe command, as multi-gitter runs it in each repository', () => {
  const m = /multi-gitter run "([^"]+)"/.exec(campaigns);
  assert.ok(m, 'docs/campaigns.md has a multi-gitter run command');
  const command = m![1]!;
  assert.is(command, `npx --yes -- minbase@${VERSION} --write .`, 'the recipe pins the current version');
  // multi-gitter splits the command into words (no shell) and runs it in the repository's root.
  campaign(command.split(/\s+/));
});

test('Sourcegraph: the batch spec is well formed and its step, run as a shell script in each workspace, keeps the contract', () => {
  const block = /```yaml\n(version: 2\n[\s\S]*?)```/.exec(campaigns)?.[1];
  assert.ok(block, 'docs/campaigns.md has a batch spec');
  const spec = YAML.parse(block!) as {
    version: number;
    name: string;
    on: Array<{ repositoriesMatchingQuery: string }>;
    steps: Array<{ run: string; container: string }>;
    changesetTemplate: { title: string; body: string; branch: string; commit: { message: string } };
  };
  assert.is(spec.version, 2);
  assert.match(spec.name, /^[\w.-]+$/);
  assert.is(spec.steps.length, 1);
  assert.match(spec.steps[0]!.container, /^node:(2\d)/);
  assert.ok(spec.changesetTemplate.title && spec.changesetTemplate.branch && spec.changesetTemplate.commit.message);
  assert.is(spec.steps[0]!.run, `npx --yes -- minbase@${VERSION} --write .`);
  campaign(spec.steps[0]!.run);
});

test.run();
