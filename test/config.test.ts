/**
 * Config files through the built CLI: where they are found (up to the repository's root), what they set (rewrite
 * options, ignore, overrides, registries), that flags win, and that a bad one is an error naming the file and the
 * key (exit 2, nothing done). The registries post-step is also checked on every fixture: the mirrored output is the
 * engine's output with only the image prefix of the FROM lines minbase wrote replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyRegistries, mirrorRef } from '../src/cli/mirror.js';
import { rewrite } from '../src/index.js';
import type { RewriteOptions } from '../src/types.js';
import {
  files,
  GO,
  GO_ALPINE_CGO,
  git,
  inProcess,
  jsonOf,
  MINIMAL,
  minbase,
  ROOT,
  RUST_GNU,
  read,
  removeTemps,
  tempDir,
} from './cli-helpers.js';

test.after(removeTemps);

const MIRRORS = {
  'gcr.io/distroless/': 'registry.corp/mirror/distroless/',
  'dhi.io/': 'registry.corp/dhi/',
  'cgr.dev/chainguard/': 'registry.corp/chainguard/',
  'docker.io/': 'registry.corp/hub/',
};

/** A monorepo: a config at the root with an override, an ignore and mirrors; a service with its own config. */
function monorepo(): string {
  const dir = tempDir('minbase-config-');
  git(dir, 'init', '-q');
  files(dir, {
    'minbase.config.json': JSON.stringify({
      staticBase: 'distroless',
      ignore: ['tools/**', 'Dockerfile.dev'],
      overrides: [{ files: 'services/legacy/**', family: 'dhi' }],
      registries: { 'gcr.io/distroless/': 'registry.corp/mirror/distroless/' },
    }),
    'services/api/Dockerfile': GO,
    'services/legacy/web/Dockerfile': RUST_GNU,
    'services/own/Dockerfile': GO,
    'services/own/.minbaserc': '{ "nonroot": true }\n',
    'tools/Dockerfile': GO,
    'services/api/Dockerfile.dev': GO,
  });
  return dir;
}

test('a monorepo config: options, overrides by glob, ignore, mirrors; the nearest config applies alone', () => {
  const dir = monorepo();
  const r = minbase(['--json', '.'], dir);
  assert.is(r.code, 0, r.stderr);
  const byPath = new Map(jsonOf(r).files.map((f) => [f.path, f]));
  assert.equal([...byPath.keys()].sort(), [
    'services/api/Dockerfile',
    'services/api/Dockerfile.dev',
    'services/legacy/web/Dockerfile',
    'services/own/Dockerfile',
    'tools/Dockerfile',
  ]);
  const api = byPath.get('services/api/Dockerfile')!;
  assert.is(api.outcome, 'rewritten');
  // staticBase: distroless from the config, written through the mirror.
  assert.is(api.target, 'registry.corp/mirror/distroless/static-debian13');
  assert.match(api.diff!, /\n\+FROM registry\.corp\/mirror\/distroless\/static-debian13\n/);
  // The override: DHI has no image for Rust's gnu target, so the file is refused with a hint.
  const legacy = byPath.get('services/legacy/web/Dockerfile')!;
  assert.is(legacy.outcome, 'refused');
  assert.equal(
    legacy.blockers.map((b) => [b.rule, b.line]),
    [['rust/gnu', 4]],
  );
  assert.is(legacy.target, null, 'no target was chosen');
  // services/own/.minbaserc is nearer: nonroot, and none of the root config (scratch, no mirror).
  const own = byPath.get('services/own/Dockerfile')!;
  assert.is(own.target, 'scratch');
  assert.match(own.diff!, /\n\+USER 65532:65532\n/);
  for (const ignored of ['tools/Dockerfile', 'services/api/Dockerfile.dev']) {
    const f = byPath.get(ignored)!;
    assert.is(f.outcome, 'skipped', ignored);
    assert.match(f.reason!, /^ignored by minbase\.config\.json \("(tools\/\*\*|Dockerfile\.dev)"\)$/);
  }
});

test('flags win over the config; a file named on the command line is still ignored; a subfolder finds the root config', () => {
  const dir = monorepo();
  const r = minbase(
    ['--json', '--family', 'distroless', '--static-base', 'scratch', 'web/Dockerfile'],
    path.join(dir, 'services/legacy'),
  );
  assert.is(r.code, 0, r.stderr);
  const [web] = jsonOf(r).files;
  assert.is(web!.outcome, 'rewritten', 'the flag beats the override');
  assert.is(web!.target, 'registry.corp/mirror/distroless/cc-debian13');
  const t = minbase(['--verbose', 'tools/Dockerfile'], dir);
  assert.is(t.code, 0, t.stderr);
  assert.is(
    t.stdout,
    'tools/Dockerfile: skipped: ignored by minbase.config.json ("tools/**")\n0 rewritten, 0 unchanged, 1 skipped, 0 refused, 0 errors\n',
  );
});

test('the search stops at the repository root: a config above the folder with .git is not read', () => {
  const dir = tempDir('minbase-config-');
  files(dir, {
    'minbase.config.json': '{"staticBase": "distroless"}',
    'repo/app/Dockerfile': GO,
    'loose/Dockerfile': GO,
  });
  git(path.join(dir, 'repo'), 'init', '-q');
  const r = minbase(['--json', 'repo', 'loose'], dir);
  assert.is(r.code, 0, r.stderr);
  const targets = Object.fromEntries(jsonOf(r).files.map((f) => [f.path, f.target]));
  assert.equal(targets, {
    'loose/Dockerfile': 'gcr.io/distroless/static-debian13',
    'repo/app/Dockerfile': 'scratch',
  });
});

test('every place a config is found: package.json#minbase, .minbaserc (JSON or YAML), .minbaserc.yaml, minbase.config.{js,mjs,cjs}', async () => {
  const places: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'x', minbase: { staticBase: 'distroless' } }),
    '.minbaserc': 'staticBase: distroless\n',
    '.minbaserc.json': '{"staticBase": "distroless"}',
    '.minbaserc.yml': 'staticBase: distroless\n',
    '.minbaserc.yaml': 'staticBase: distroless\n',
    '.minbaserc.cjs': 'module.exports = { staticBase: "distroless" };\n',
    'minbase.config.js': 'export default { staticBase: "distroless" };\n',
    'minbase.config.mjs': 'export default { staticBase: "distroless" };\n',
  };
  for (const [name, text] of Object.entries(places)) {
    const dir = tempDir('minbase-config-');
    files(dir, {
      [name]: text,
      Dockerfile: GO,
      ...(name === 'minbase.config.js' ? { 'package.json': '{"type":"module"}' } : {}),
    });
    const r = await inProcess(['--json', '.'], dir);
    assert.is(r.code, 0, `${name}: ${r.stderr}`);
    assert.is(jsonOf(r).files[0]!.target, 'gcr.io/distroless/static-debian13', name);
  }
  // A package.json without the key is passed over.
  const dir = tempDir('minbase-config-');
  files(dir, { 'package.json': '{"name": "x"}', 'app/Dockerfile': GO, 'app/package.json': '{"name": "y"}' });
  const r = await inProcess(['--json', 'app'], dir);
  assert.is(jsonOf(r).files[0]!.target, 'scratch');
});

test('--config FILE uses that file (globs relative to it) and --no-config none; stdin reads the config of the working folder', () => {
  const dir = monorepo();
  const other = path.join(dir, 'other.json');
  fs.writeFileSync(other, '{"debugStage": true, "ignore": ["services/api/**"]}');
  const r = minbase(['--json', '--config', 'other.json', 'services'], dir);
  assert.is(r.code, 0, r.stderr);
  const outcomes = Object.fromEntries(jsonOf(r).files.map((f) => [f.path, f.outcome]));
  assert.is(outcomes['services/api/Dockerfile'], 'skipped');
  assert.match(jsonOf(r).files.find((f) => f.path === 'services/own/Dockerfile')!.diff!, /AS debug/);
  const n = minbase(['--json', '--no-config', 'tools'], dir);
  assert.is(jsonOf(n).files[0]!.outcome, 'rewritten', '--no-config: nothing ignored');
  assert.is(jsonOf(n).files[0]!.target, 'scratch');
  const s = minbase(['-'], path.join(dir, 'services/api'), { input: GO });
  assert.is(s.code, 0, s.stderr);
  assert.match(s.stdout, /\nFROM registry\.corp\/mirror\/distroless\/static-debian13\n/);
  const bad = minbase(['--config', 'missing.json', '.'], dir);
  assert.is(bad.code, 2);
  assert.is(bad.stderr, 'minbase: cannot read config missing.json: no such file\n');
  assert.is(minbase(['--config', 'x.json', '--no-config'], dir).code, 2);
});

test('a bad config: exit 2 before anything is read or written, naming the file and each key', async () => {
  const cases: Array<[string, string, string]> = [
    [
      'minbase.config.json',
      '{"famly": "dhi"}',
      'minbase: invalid config minbase.config.json: famly: unknown key; the config takes $schema, stage, family, staticBase, nonroot, dropHealthcheck, debugStage, registries, ignore, overrides\n',
    ],
    [
      'minbase.config.json',
      '{"overrides": [{"files": "a/**", "family": "dh"}]}',
      "minbase: invalid config minbase.config.json: overrides[0].family: must be 'distroless', 'dhi' or 'chainguard', not \"dh\"\n",
    ],
    [
      'minbase.config.json',
      '{"overrides": [{"family": "dhi"}]}',
      'minbase: invalid config minbase.config.json: overrides[0].files: is required\n',
    ],
    [
      '.minbaserc.json',
      '{"nonroot": "yes", "ignore": 3}',
      'minbase: invalid config .minbaserc.json: \n  nonroot: must be true or false, not "yes"\n  ignore: must be a glob or a list of globs, not 3\n',
    ],
    [
      'minbase.config.json',
      '{"registries": {"gcr.io/distroless/": "registry.corp/mirror"}}',
      'minbase: invalid config minbase.config.json: registries["gcr.io/distroless/"]: the mirror "registry.corp/mirror" must end with / like the prefix it replaces, or "gcr.io/distroless/static" would become "registry.corp/mirrorstatic"\n',
    ],
    [
      'minbase.config.json',
      '{"family": "dhi",}',
      'minbase: invalid config minbase.config.json: not valid JSON (line 1, column 18): Expected double-quoted property name\n',
    ],
    [
      'package.json',
      '{"minbase": {"stage": ""}}',
      'minbase: invalid config package.json: minbase.stage: must be a stage name, not ""\n',
    ],
    ['.minbaserc.yaml', 'family: [dhi\n', 'minbase: invalid config .minbaserc.yaml: not valid YAML: '],
    [
      'minbase.config.mjs',
      'throw new Error("boom");\n',
      'minbase: invalid config minbase.config.mjs: cannot load it: boom\n',
    ],
    [
      'minbase.config.mjs',
      'export const x = 1;\n',
      'minbase: invalid config minbase.config.mjs: has no default export (export default { ... })\n',
    ],
  ];
  for (const [name, text, message] of cases) {
    const dir = tempDir('minbase-config-');
    files(dir, { [name]: text, 'app/Dockerfile': GO });
    const r = await inProcess(['--write', '.'], dir);
    assert.is(r.code, 2, name + text);
    assert.is(r.stdout, '', 'nothing was processed');
    if (message.endsWith('\n')) assert.is(r.stderr, message);
    else assert.ok(r.stderr.startsWith(message), r.stderr);
    assert.is(read(dir, 'app/Dockerfile'), GO, 'nothing written');
  }
  // Through the binary too, with the path relative to the working folder.
  const dir = tempDir('minbase-config-');
  files(dir, { 'svc/minbase.config.json': '{"family": "google"}', 'svc/Dockerfile': GO });
  const r = minbase(['svc'], dir);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(
    r.stderr,
    `minbase: invalid config svc/minbase.config.json: family: must be 'distroless', 'dhi' or 'chainguard', not "google"\n`,
  );
});

test('registries: --write writes the mirror into the new base and the debug stage base; the rest is the same file', () => {
  const dir = tempDir('minbase-config-');
  git(dir, 'init', '-q');
  files(dir, {
    'minbase.config.json': JSON.stringify({ debugStage: true, registries: MIRRORS }),
    'rust/Dockerfile': RUST_GNU,
    'go/Dockerfile': GO,
  });
  const r = minbase(['--write', '.'], dir);
  assert.is(r.code, 0, r.stderr);
  const rust = read(dir, 'rust/Dockerfile');
  assert.match(rust, /\nFROM registry\.corp\/mirror\/distroless\/cc-debian13:debug AS debug\n/);
  assert.match(rust, /\nFROM registry\.corp\/mirror\/distroless\/cc-debian13 AS production\n/);
  assert.match(rust, /^FROM rust:1\.83 AS build\n/, "the user's own FROM lines are left alone");
  const plain = rewrite(RUST_GNU, { debugStage: true }).output;
  assert.is(rust, plain.replaceAll('gcr.io/distroless/', 'registry.corp/mirror/distroless/'));
  // scratch's debug stage is alpine from Docker Hub: a docker.io/ key mirrors it, scratch stays scratch.
  const go = read(dir, 'go/Dockerfile');
  assert.match(go, /\nFROM registry\.corp\/hub\/library\/alpine:[\d.]+ AS debug\n/);
  assert.match(go, /\nFROM scratch AS production\n/);
  const again = minbase(['--check', '.'], dir);
  assert.is(again.code, 0, `a second run finds nothing to do: ${again.stdout}${again.stderr}`);
});

test('registries on every fixture: only the image prefix of FROM lines minbase wrote changes, the target, and the reasons that name it', () => {
  const root = path.join(ROOT, '__fixtures__');
  const inputs = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.input.Dockerfile'))
    .sort();
  assert.ok(inputs.length > 50);
  const now = new Date('2026-06-01T00:00:00Z');
  let mirroredLines = 0;
  let mirroredReasons = 0;
  const variants: RewriteOptions[] = [
    { now },
    { now, debugStage: true, nonroot: true },
    { now, family: 'dhi' },
    { now, family: 'chainguard', staticBase: 'distroless' },
  ];
  for (const name of inputs) {
    const text = fs.readFileSync(path.join(root, name), 'utf8');
    for (const options of variants) {
      const plain = rewrite(text, options);
      const mirrored = applyRegistries(text, plain, MIRRORS);
      const where = `${name} ${JSON.stringify(options)}`;
      const blank = { output: '', target: '', reason: '', changes: [] };
      assert.equal({ ...mirrored, ...blank }, { ...plain, ...blank }, where);
      // Reasons name the mirrored image wherever they named the one written (and nothing else changes in them).
      const said = [plain.reason, ...plain.changes.map((c) => c.why)];
      const saidNow = [mirrored.reason, ...mirrored.changes.map((c) => c.why)];
      assert.is(saidNow.length, said.length, where);
      assert.equal(
        mirrored.changes.map((c) => [c.rule, c.line]),
        plain.changes.map((c) => [c.rule, c.line]),
        where,
      );
      for (let i = 0; i < said.length; i++) {
        if (said[i] === saidNow[i]) continue;
        mirroredReasons++;
        assert.ok(plain.outcome === 'rewritten', `${where}: a ${plain.outcome} reason changed`);
        assert.match(saidNow[i]!, /registry\.corp\//, where);
      }
      // The image written is never named unmirrored: `java → gcr.io/distroless/java21-debian13` is gone.
      if (plain.outcome === 'rewritten' && plain.target && mirrored.target !== plain.target) {
        const whole = new RegExp(
          `(?<![\\w./:@-])${plain.target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w./:@-]*[\\w/])`,
        );
        for (const text of saidNow) assert.not.match(text ?? '', whole, `${where}: ${text}`);
      }
      if (plain.outcome === 'rewritten' || plain.outcome === 'refused') {
        assert.is(
          mirrored.target,
          plain.target === null ? null : (mirrorRef(plain.target, MIRRORS) ?? plain.target),
          where,
        );
      } else assert.is(mirrored.target, plain.target, where);
      const before = plain.output.split('\n');
      const after = mirrored.output.split('\n');
      assert.is(after.length, before.length, where);
      const inputLines = new Set(text.split(/\r?\n/));
      for (let i = 0; i < before.length; i++) {
        if (before[i] === after[i]) continue;
        mirroredLines++;
        const m = /^(\s*FROM\s+(?:--\S+\s+)*)(\S+)([\s\S]*)$/i.exec(before[i]!);
        assert.ok(m, `${where}: only FROM lines change, not ${before[i]}`);
        assert.ok(!inputLines.has(before[i]!), `${where}: a line of the input is left alone: ${before[i]}`);
        assert.is(after[i], `${m![1]}${mirrorRef(m![2]!, MIRRORS)}${m![3]}`, where);
      }
      if (plain.outcome !== 'rewritten') assert.is(mirrored.output, plain.output, where);
    }
  }
  assert.ok(mirroredLines > 100, `mirrored lines: ${mirroredLines}`);
  assert.ok(mirroredReasons > 50, `mirrored reasons: ${mirroredReasons}`);
});

test('mirrorRef: the longest prefix wins, Docker Hub names are matched in full, scratch and ARGs never', () => {
  const reg = { 'gcr.io/': 'a/', 'gcr.io/distroless/': 'b/', 'docker.io/library/': 'hub/' };
  assert.is(mirrorRef('gcr.io/distroless/static-debian13', reg), 'b/static-debian13');
  assert.is(mirrorRef('gcr.io/other/x:1', reg), 'a/other/x:1');
  assert.is(mirrorRef('alpine:3.22', reg), 'hub/alpine:3.22');
  assert.is(mirrorRef('docker.io/library/alpine', reg), 'hub/alpine');
  assert.is(mirrorRef('clux/muslrust', reg), null);
  assert.is(mirrorRef('scratch', reg), null);
  assert.is(mirrorRef('$BASE', { '': 'x/' }), null);
  assert.is(mirrorRef('quay.io/x', reg), null);
});

test('unchanged and skipped files are never touched by registries; a refused file shows the mirrored target', async () => {
  const dir = tempDir('minbase-config-');
  files(dir, {
    'minbase.config.json': JSON.stringify({ registries: MIRRORS }),
    'min/Dockerfile': 'FROM gcr.io/distroless/static-debian13\nCOPY app /app\nENTRYPOINT ["/app"]\n',
    'scratch/Dockerfile': MINIMAL,
    'cgo/Dockerfile': GO_ALPINE_CGO,
  });
  const r = await inProcess(['--json', '.'], dir);
  const byPath = Object.fromEntries(jsonOf(r).files.map((f) => [f.path, f]));
  assert.is(byPath['min/Dockerfile']!.outcome, 'unchanged');
  assert.is(byPath['min/Dockerfile']!.target, 'gcr.io/distroless/static-debian13');
  assert.is(byPath['cgo/Dockerfile']!.target, null);
});

test.run();
