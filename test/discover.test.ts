/**
 * Discovery's .gitignore reading through the built CLI: the .gitignore files from the repository root down count
 * when a subfolder is searched, a folder named on the command line is searched even when ignored, nested rules
 * and negations keep working, and .dockerignore is no reason to skip a Dockerfile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { files, jsonOf, MINIMAL, minbase, removeTemps, tempDir } from './cli-helpers.js';

function discovered(cwd: string, args: string[] = []): string[] {
  const r = minbase(['--json', '--verbose', ...args], cwd);
  assert.is(r.stderr, '');
  return jsonOf(r).files.map((f) => f.path);
}

/** A repository: `.git` at the top, ignore rules at the root and in a subfolder. */
function repo(): string {
  const dir = tempDir('minbase-discover-');
  fs.mkdirSync(path.join(dir, '.git'));
  files(dir, {
    '.gitignore': 'build/\n*.local.Dockerfile\n/generated/\n',
    'generated/Dockerfile': MINIMAL,
    'services/.gitignore': 'tmp/\n!keep.local.Dockerfile\n',
    'services/api/Dockerfile': MINIMAL,
    'services/api/build/Dockerfile': MINIMAL,
    'services/api/dev.local.Dockerfile': MINIMAL,
    'services/api/keep.local.Dockerfile': MINIMAL,
    'services/api/tmp/Dockerfile': MINIMAL,
    'services/api/generated/Dockerfile': MINIMAL,
    'services/web/.dockerignore': 'Dockerfile\n*\n',
    'services/web/Dockerfile': MINIMAL,
    'tools/Dockerfile': MINIMAL,
  });
  return dir;
}

const FROM_ROOT = [
  'services/api/Dockerfile',
  'services/api/generated/Dockerfile',
  'services/api/keep.local.Dockerfile',
  'services/web/Dockerfile',
  'tools/Dockerfile',
];

test('the whole repository: every .gitignore counts, .dockerignore does not', () => {
  assert.equal(discovered(repo()), FROM_ROOT);
});

test('a subfolder finds what the whole repository finds in it: the root .gitignore counts too', () => {
  const dir = repo();
  assert.equal(
    discovered(dir, ['services/api']),
    FROM_ROOT.filter((p) => p.startsWith('services/api/')),
  );
  assert.equal(discovered(path.join(dir, 'services', 'api')), [
    'Dockerfile',
    'generated/Dockerfile',
    'keep.local.Dockerfile',
  ]);
  assert.equal(discovered(path.join(dir, 'services')), [
    'api/Dockerfile',
    'api/generated/Dockerfile',
    'api/keep.local.Dockerfile',
    'web/Dockerfile',
  ]);
});

test('a folder named on the command line is searched even when it is ignored, with its own .gitignore files', () => {
  const dir = repo();
  files(dir, { 'services/api/build/.gitignore': 'old/\n', 'services/api/build/old/Dockerfile': MINIMAL });
  assert.equal(discovered(dir, ['services/api/build']), ['services/api/build/Dockerfile']);
  assert.equal(discovered(dir, ['services/api/dev.local.Dockerfile']), ['services/api/dev.local.Dockerfile']);
});

test('outside a repository, only the .gitignore files from the searched folder down count', () => {
  const dir = tempDir('minbase-discover-');
  files(dir, { '.gitignore': 'app/\n', 'app/Dockerfile': MINIMAL, 'app/sub/Dockerfile': MINIMAL });
  assert.equal(discovered(dir), []);
  assert.equal(discovered(path.join(dir, 'app')), ['Dockerfile', 'sub/Dockerfile']);
});

test('a .git file (a worktree or submodule) marks the repository root as a .git folder does', () => {
  const dir = tempDir('minbase-discover-');
  files(dir, { '.git': 'gitdir: /elsewhere\n', '.gitignore': '*.local.Dockerfile\n' });
  files(dir, { 'svc/Dockerfile': MINIMAL, 'svc/dev.local.Dockerfile': MINIMAL });
  assert.equal(discovered(path.join(dir, 'svc')), ['Dockerfile']);
});

test.after(removeTemps);
test.run();
