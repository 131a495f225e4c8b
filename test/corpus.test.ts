/**
 * Property tests over the shared corpus (../shared/corpus): no file crashes the run, the RULES §7 guarantees hold
 * on every file, ALREADY-MINIMAL files stay unchanged, and each Go and Rust file gets the outcome RULES implies.
 * The corpus exists in the development workspace and CI, not on a user's machine: then this suite is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rewrite } from '../src/index.js';
import { checkGuarantees } from './guarantees.js';

const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const test = suite('corpus');

/**
 * Expected outcome of each Go and Rust file, decided by reading the file against RULES.md (not by running minbase).
 * `rewritten` entries name the target.
 */
const EXPECTED: Record<string, string> = {
  // Go
  GoogleContainerTools__distroless__examples__go__Dockerfile: 'unchanged', // static-debian12: still published (EOL note)
  traefik__whoami__Dockerfile: 'unchanged', // scratch
  'traefik__whoami__buildx.Dockerfile': 'unchanged',
  traefik__traefik__Dockerfile: 'unchanged', // prebuilt binary from the build context
  dexidp__dex__Dockerfile: 'refused', // ENV CGO_ENABLED=1 on an Alpine builder with gcc: musl
  navidrome__navidrome__Dockerfile: 'refused', // the image's binary comes from the cgo musl build-alpine stage
  wagoodman__dive__Dockerfile: 'unchanged', // binary from the build context
  jesseduffield__lazydocker__Dockerfile: 'unchanged', // scratch
  'ory__kratos__.docker__Dockerfile-build': 'unchanged', // distroless static nonroot
  'ory__kratos__.docker__Dockerfile-alpine': 'unchanged', // prebuilt binary from the context
  prometheus__prometheus__Dockerfile: 'unchanged', // prebuilt binaries from the context
  'prometheus__prometheus__Dockerfile.distroless': 'unchanged',
  'chainguard-dev__dfc__testdata__golang-multi-stage.before.Dockerfile': 'rewritten scratch', // CGO_ENABLED=0
  'chainguard-dev__dfc__testdata__distroless-go.before.Dockerfile': 'unchanged',
  'ory__kratos__.docker__Dockerfile-distroless-static': 'unchanged',
  chainguard_dev__dfc__mcp_server__Dockerfile: 'unchanged',
  superfly__flyctl__Dockerfile: 'unchanged',
  antonputra__tutorials__lessons__180__go_app__Dockerfile: 'unchanged', // distroless base-debian12, still published
  // Rust
  GoogleContainerTools__distroless__examples__rust__Dockerfile: 'unchanged',
  getzola__zola__Dockerfile: 'unchanged',
  qdrant__qdrant__Dockerfile: 'refused', // RUN scripts, variable USER, entrypoint.sh
  lldap__lldap__Dockerfile: 'refused', // gosu download RUN, docker-entrypoint.sh
  rustdesk__rustdesk_server__docker__Dockerfile: 'unchanged', // binaries from the context
  'rustdesk__rustdesk-server__docker-classic__Dockerfile': 'unchanged', // scratch
  actix__examples__docker__Dockerfile: 'rewritten gcr.io/distroless/cc-debian13:nonroot', // gnu target, USER 1001
  orhun__git_cliff__Dockerfile: 'refused', // RUN with pipes, heredoc RUN, ENTRYPOINT sh script
  ekzhang__bore__Dockerfile: 'unchanged', // scratch
  'dani-garcia__vaultwarden__docker__Dockerfile.debian': 'refused', // mkdir, healthcheck.sh, start.sh
  shadowsocks__shadowsocks_rust__Dockerfile: 'refused', // docker-entrypoint.sh
  antonputra__tutorials__lessons__207__actix_app__Dockerfile: 'rewritten gcr.io/distroless/cc-debian13', // gnu target
};
// File names keep their dashes; the table above spells a few with underscores to stay valid keys without quotes.
const expectedFor = (file: string) => EXPECTED[file] ?? EXPECTED[file.replace(/-/g, '_')];

if (!existsSync(join(corpus, 'MANIFEST.tsv'))) {
  test('skipped: no corpus', () => {});
} else {
  const rows = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));

  test('every file: no crash, RULES §7 guarantees', () => {
    const problems: string[] = [];
    for (const [file] of rows) {
      const input = readFileSync(join(corpus, 'files', file as string), 'utf8');
      const r = rewrite(input);
      if (r.outcome === 'error' && r.reason?.startsWith('internal error')) problems.push(`${file}: ${r.reason}`);
      for (const p of checkGuarantees(input, r)) problems.push(`${file}: ${p}`);
    }
    assert.equal(problems, []);
  });

  // RULES §3 overrides the manifest for minimal images the catalog lists as removed: those move to the current
  // image (rule catalog/removed-image) or, with no current image for that version, are refused naming the date.
  test('ALREADY-MINIMAL files stay unchanged (or move off a removed image)', () => {
    const wrong: string[] = [];
    for (const [file, , , , , , notes] of rows) {
      if (!notes?.includes('ALREADY-MINIMAL')) continue;
      const r = rewrite(readFileSync(join(corpus, 'files', file as string), 'utf8'));
      const removed =
        (r.outcome === 'refused' && r.blockers.every((b) => b.rule === 'catalog/removed-image')) ||
        (r.outcome === 'rewritten' && r.changes.some((c) => c.rule === 'catalog/removed-image'));
      if (r.outcome !== 'unchanged' && !removed) wrong.push(`${file}: ${r.outcome}: ${r.reason}`);
    }
    assert.equal(wrong, []);
  });

  test('Go and Rust files get the outcome RULES implies', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [file, , , , language] of rows) {
      if (language !== 'go' && language !== 'rust') continue;
      const want = expectedFor(file as string);
      if (want === undefined) {
        wrong.push(`${file}: no expected outcome in the table`);
        continue;
      }
      checked++;
      const r = rewrite(readFileSync(join(corpus, 'files', file as string), 'utf8'));
      const got = r.outcome === 'rewritten' ? `rewritten ${r.target}` : r.outcome;
      if (got !== want) wrong.push(`${file}: want ${want}, got ${got}: ${r.reason}`);
    }
    assert.equal(wrong, []);
    assert.ok(checked >= 25, `only ${checked} Go/Rust files checked`);
  });
}

test.run();
