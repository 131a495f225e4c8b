/**
 * Property tests over the shared corpus (../shared/corpus): no file crashes the run, the RULES §7 guarantees hold
 * on every file, ALREADY-MINIMAL files stay unchanged, and each Go and Rust file gets the outcome RULES implies.
 * Every expected outcome below was decided by reading the file against RULES.md.
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
  'chainguard-dev__dfc__mcp-server__Dockerfile': 'unchanged',
  superfly__flyctl__Dockerfile: 'unchanged',
  'antonputra__tutorials__lessons__180__go-app__Dockerfile': 'unchanged', // distroless base-debian12, still published
  // Rust
  GoogleContainerTools__distroless__examples__rust__Dockerfile: 'unchanged',
  getzola__zola__Dockerfile: 'unchanged',
  qdrant__qdrant__Dockerfile: 'refused', // RUN scripts, variable USER, entrypoint.sh
  lldap__lldap__Dockerfile: 'refused', // gosu download RUN, docker-entrypoint.sh
  'rustdesk__rustdesk-server__docker__Dockerfile': 'unchanged', // binaries from the context
  'rustdesk__rustdesk-server__docker-classic__Dockerfile': 'unchanged', // scratch
  actix__examples__docker__Dockerfile: 'rewritten gcr.io/distroless/cc-debian13:nonroot', // gnu target, USER 1001
  'orhun__git-cliff__Dockerfile': 'refused', // RUN with pipes, heredoc RUN, ENTRYPOINT sh script
  ekzhang__bore__Dockerfile: 'unchanged', // scratch
  'dani-garcia__vaultwarden__docker__Dockerfile.debian': 'refused', // mkdir, healthcheck.sh, start.sh
  'shadowsocks__shadowsocks-rust__Dockerfile': 'refused', // docker-entrypoint.sh
  'antonputra__tutorials__lessons__207__actix-app__Dockerfile': 'rewritten gcr.io/distroless/cc-debian13', // gnu target
  // Java
  GoogleContainerTools__distroless__examples__java__Dockerfile: 'unchanged', // java17-debian13
  'spring-guides__gs-spring-boot-docker__complete__Dockerfile': 'rewritten gcr.io/distroless/java17-debian13:nonroot', // created user, -cp
  'quarkusio__quarkus-quickstarts__getting-started__src__main__docker__Dockerfile.jvm': 'refused', // run-java.sh launcher
  'quarkusio__quarkus-quickstarts__getting-started__src__main__docker__Dockerfile.legacy-jar': 'refused', // run-java.sh
  'quarkusio__quarkus-quickstarts__getting-started__src__main__docker__Dockerfile.native': 'unchanged', // native binary from the context
  'quarkusio__quarkus-quickstarts__getting-started__src__main__docker__Dockerfile.native-micro': 'unchanged',
  'halo-dev__halo__Dockerfile': 'refused', // RUN java -XX:ArchiveClassesAtExit, ENTRYPOINT sh
  openzipkin__zipkin__docker__Dockerfile: 'refused', // alias stage with instructions, start-zipkin script
  'openzipkin__zipkin__docker__test-images__zipkin-eureka__Dockerfile': 'refused',
  'conductor-oss__conductor__docker__server__Dockerfile': 'refused', // JRE installed by apt; /bin/sh entrypoint
  'dockersamples__atsea-sample-shop-app__app__Dockerfile': 'refused', // java:8
  'dockersamples__atsea-sample-shop-app__app__Dockerfile-dev': 'refused',
  'apolloconfig__apollo__apollo-configservice__src__main__docker__Dockerfile': 'refused', // startup.sh
  'dbeaver__cloudbeaver__deploy__docker__base-java__Dockerfile': 'unchanged', // base image, no command
  'xuxueli__xxl-job__xxl-job-admin__Dockerfile': 'refused', // sh -c with $JAVA_OPTS
  'Athou__commafeed__commafeed-server__src__main__docker__Dockerfile.jvm': 'refused', // RUN mkdir
  'Athou__commafeed__commafeed-server__src__main__docker__Dockerfile.native': 'unchanged',
  'dockersamples__spring-petclinic-docker__Dockerfile.multi': 'rewritten gcr.io/distroless/java21-debian13', // JVM flag → full ENTRYPOINT
  'dockersamples__spring-petclinic-docker__Dockerfile': 'refused', // single stage (mvnw)
  'openmrs__openmrs-core__Dockerfile': 'refused', // tomcat setup RUNs, tini from the image
  'kafbat__kafka-ui__api__Dockerfile': 'refused', // $JAVA_OPTS, gcompat
  'antonputra__tutorials__lessons__145__java-app__Dockerfile': 'refused', // Java 19
  'navikt__sykepengesoknad-narmesteleder-varsler__Dockerfile': 'unchanged', // java21-debian13 by digest
  deadbacteria8__webpage__Dockerfile: 'rewritten gcr.io/distroless/java17-debian13:nonroot', // removed java17-debian12
  'prayutyencha__mu-service__Dockerfile': 'rewritten gcr.io/distroless/java21-debian13', // removed java21-debian12
  // Node
  GoogleContainerTools__distroless__examples__nodejs__Dockerfile: 'unchanged',
  'GoogleContainerTools__distroless__examples__nodejs__node-express__Dockerfile': 'unchanged',
  'umami-software__umami__Dockerfile': 'refused', // npm/pnpm in the runtime stage
  'louislam__uptime-kuma__docker__dockerfile': 'unchanged', // last stage has no command
  outline__outline__Dockerfile: 'refused', // chown, wget
  'node-red__node-red-docker__.docker__Dockerfile.alpine': 'refused', // native addons on Alpine
  'BretFisher__docker-mastery-for-nodejs__ultimate-node-dockerfile__answer__Dockerfile': 'refused', // Node 18
  'BretFisher__docker-mastery-for-nodejs__typescript__Dockerfile': 'refused', // Node 18
  'BretFisher__docker-mastery-for-nodejs__multi-stage-test__Dockerfile': 'refused', // single stage
  'hoppscotch__hoppscotch__prod.Dockerfile': 'refused', // alias stage, tini, mkdir
  'hoppscotch__hoppscotch__packages__hoppscotch-backend__Dockerfile': 'refused', // single stage
  'docker__welcome-to-docker__Dockerfile': 'refused', // single stage
  'chainguard-dev__dfc__testdata__nodejs-ubuntu.before.Dockerfile': 'refused', // single stage
  'rcjsuen__dockerfile-utils__Dockerfile': 'refused', // single stage
  superfly__flyctl__scanner__templates__nextjs__Dockerfile: 'refused', // Node 16
  'remix-run__indie-stack__Dockerfile': 'refused', // Node 18
  'epicweb-dev__epic-stack__other__Dockerfile': 'refused', // alias stage, litefs
  'mermaid-js__mermaid-live-editor__Dockerfile': 'unchanged', // no command
  'antonputra__tutorials__lessons__212__node-app__Dockerfile': 'rewritten gcr.io/distroless/nodejs22-debian13', // removed -debian12
  'antonputra__tutorials__lessons__212__bun-app__Dockerfile': 'unchanged', // bun: not supported
  'navikt__aap-brev-sanity-proxy__Dockerfile': 'rewritten gcr.io/distroless/nodejs24-debian13', // node:24-slim
  'vercel__next.js__examples__with-docker__Dockerfile': 'refused', // Node 18
  // Python
  GoogleContainerTools__distroless__examples__python3__Dockerfile: 'unchanged', // unsuffixed python3 is current
  'GoogleContainerTools__distroless__examples__python3-requirements__Dockerfile': 'unchanged',
  'astral-sh__uv-docker-example__Dockerfile': 'refused', // single stage (uv sync)
  'astral-sh__uv-docker-example__multistage.Dockerfile': 'refused', // Python 3.12
  'astral-sh__uv-docker-example__standalone.Dockerfile': 'refused', // interpreter from uv python install
  'fastapi__full-stack-fastapi-template__backend__Dockerfile': 'refused', // single stage
  'paperless-ngx__paperless-ngx__Dockerfile': 'refused', // installs in the runtime stage, s6 /init
  saleor__saleor__Dockerfile: 'refused', // Python 3.12
  'netbox-community__netbox-docker__Dockerfile': 'refused', // FROM ${FROM} without default
  'mealie-recipes__mealie__docker__Dockerfile': 'refused', // Python 3.10
  locustio__locust__Dockerfile: 'refused', // split: RUN locust --version (line 48) has an effect the split cannot carry
  'dgtlmoon__changedetection.io__Dockerfile': 'refused', // Python 3.11
  'searxng__searxng__container__dist.dockerfile': 'unchanged', // entrypoint from the context, no Python image
  healthchecks__healthchecks__docker__Dockerfile: 'refused', // Python 3.14
  getredash__redash__Dockerfile: 'refused', // single stage
  postmanlabs__httpbin__Dockerfile: 'refused', // single stage
  wagtail__bakerydemo__Dockerfile: 'refused', // Python 3.12
  ArchiveBox__ArchiveBox__Dockerfile: 'unchanged', // ubuntu + dumb-init + script: runtime not detected
  'chainguard-dev__dfc__testdata__python-multi-stage.before.Dockerfile': 'refused', // python3.9 from apt
  'chainguard-dev__dfc__testdata__django.before.Dockerfile': 'unchanged', // no command
  'cookiecutter__cookiecutter-django__{{cookiecutter.project_slug}}__compose__local__docs__Dockerfile': 'unchanged',
  'sissbruecker__linkding__docker__default.Dockerfile': 'refused', // single stage
  'wemake-services__wemake-django-template__{{cookiecutter.project_name}}__docker__django__Dockerfile': 'skipped', // template
  nautobot__nautobot__docker__Dockerfile: 'unchanged', // entrypoint from the context
  TandoorRecipes__recipes__Dockerfile: 'refused', // single stage
  'antonputra__tutorials__lessons__157__myapp__4-example.Dockerfile': 'refused', // python3-debian11 removed
  'antonputra__tutorials__lessons__157__myapp__1-example.Dockerfile': 'refused', // Python 3.11
  'antonputra__tutorials__lessons__236__fastapi-app__Dockerfile': 'refused', // apt-get install libuv1
  mattepica__mensa__Dockerfile: 'refused', // python3-debian12 removed, no 3.11 image
};
const expectedFor = (file: string) => EXPECTED[file];

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

  // Issue 10: every single-stage file gets a rewrite or a refusal naming its blocking lines (or stays unchanged
  // with the reason: no runtime minbase moves, no command, already minimal).
  test('single-stage files: rewritten, or refused naming the lines that block (counts printed)', () => {
    const wrong: string[] = [];
    const count = { rewritten: 0, refused: 0, unchanged: 0, skipped: 0, error: 0 };
    for (const [file] of rows) {
      const input = readFileSync(join(corpus, 'files', file as string), 'utf8');
      if (input.split(/\r?\n/).filter((l) => /^\s*FROM\s/i.test(l)).length !== 1) continue;
      const r = rewrite(input);
      count[r.outcome]++;
      if (r.outcome === 'error') wrong.push(`${file}: error: ${r.reason}`);
      if (r.outcome === 'unchanged' && !r.reason) wrong.push(`${file}: unchanged without a reason`);
      if (r.outcome === 'refused') {
        const lines = r.blockers.filter((b) => b.line >= 1);
        if (lines.length === 0) wrong.push(`${file}: refused with no blocking line: ${r.reason}`);
        for (const b of lines)
          if (!r.reason?.includes(`line ${b.line}`)) wrong.push(`${file}: reason omits line ${b.line}`);
      }
    }
    console.log(`  single-stage corpus files: ${JSON.stringify(count)}`);
    assert.equal(wrong, []);
    assert.ok(
      count.refused + count.rewritten >= 10,
      `only ${count.refused + count.rewritten} single-stage files decided`,
    );
  });

  test('Go, Rust, Java, Node and Python files get the outcome RULES implies', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [file, , , , language] of rows) {
      if (!['go', 'rust', 'java', 'node', 'python'].includes(language as string)) continue;
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
    assert.ok(checked >= 100, `only ${checked} files checked`);
  });
}

test.run();
