/**
 * Generators for the property tests (test/property.test.ts) and the long fuzzer (bench/fuzz.ts), and the checks
 * both run on every input:
 *
 * - `dockerfile`: a small grammar of Dockerfiles: 1–4 stages on images from a list (golang, rust, alpine, debian,
 *   ubuntu, scratch, distroless, node, python, temurin), optional `--platform` and `AS name`, global ARGs in FROM
 *   (with and without defaults), RUN (go build with/without CGO_ENABLED=0, cargo build with/without a musl target,
 *   apk/apt-get installs, adduser, chmod, arbitrary shell with pipes and variables, heredocs), COPY --from an
 *   earlier stage, WORKDIR, USER, ENV, EXPOSE, HEALTHCHECK, CMD/ENTRYPOINT in exec or shell form, comments, blank
 *   lines, continuations, `# escape=`, unicode, with random rewrite options. A quarter of the files are "clean"
 *   (FROM, build or COPY, command), so that many are rewritten.
 * - `mutated(base)`: what editing does to a Dockerfile: lines swapped, removed or duplicated, continuations and
 *   heredocs cut, CRLF, BOM, `<< EOF`, unicode, tabs and trailing blanks, keyword case, stray `\`, truncation,
 *   empty and comment-only files; `byteMutation`: random bytes and line breaks Docker does not know;
 *   `withLongLine`: one line of 10–100k characters.
 * - `checkRewrite` / `checkCrlf`: the properties; each returns a list of problems (empty when all hold).
 *
 * Every arbitrary builds a plain structure and maps it to text, so fast-check shrinks the structure.
 */
import fc from 'fast-check';
import { rewrite } from '../src/index.js';
import type { RewriteOptions, RewriteResult } from '../src/types.js';
import { checkGuarantees } from './guarantees.js';

/** One input to check: the text, the options, and where it came from (printed with a counterexample). */
export interface Case {
  input: string;
  options: RewriteOptions;
  origin: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

/** Unicode that breaks naive code: emoji (ZWJ, variation selector), combining marks, RTL, non-BMP, zero width. */
export const UNICODE = [
  '🚀',
  '👩‍💻',
  '🏳️‍🌈',
  'e\u0301',
  'a\u0308\u0301\u0323',
  'שלום',
  'مرحبا',
  '\u202Eevil\u202C',
  '\u200F',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '𐍈',
  '日本語',
  '\u200B',
  'Ω≈ç√',
  'Ⅻ',
  '\u00A0',
];

const PLAIN = ['app', 'server', 'api', 'worker', 'data', 'cfg', 'v2', 'x86_64', 'a-b', 'my.app', 'bin', 'src'];

const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 1, arbitrary: fc.constantFrom(...UNICODE) },
);
/** A short text fragment, possibly with unicode. */
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
/** A path segment, possibly with unicode. */
const segment = fc.array(word, { minLength: 1, maxLength: 2 }).map((ws) => ws.join('-').replace(/ /g, '_'));

export const IMAGES = [
  'golang:1.2X',
  'golang:1.2X-alpine',
  'rust:1.8X',
  'rust:1.8X-alpine',
  'rust:1.8X-slim-bookworm',
  'alpine:3.2X',
  'debian:bookworm-slim',
  'ubuntu:24.04',
  'scratch',
  'gcr.io/distroless/static-debian13',
  'node:22',
  'python:3.13-slim',
  'eclipse-temurin:21-jre',
];
const BUILDER_IMAGES = IMAGES.slice(0, 5);
const RUNTIME_IMAGES = IMAGES.slice(5);
const INTERPRETED_IMAGES = ['node:22', 'python:3.13-slim', 'eclipse-temurin:21-jre'];

const STAGE_NAMES = ['build', 'builder', 'go-build', 'rust_build', 'deps', 'app', 'runtime', 'final', 'prod'];
const ODD_STAGE_NAMES = ['dev', 'test', 'debug', 'Build', 'release.v2'];
const BINS = ['server', 'api', 'relay', 'my-app', 'app_2'];
const DESTS = ['/usr/local/bin/BIN', '/BIN', '/app/BIN', '/usr/bin/BIN', '/opt/🚀/BIN', '/srv/é/BIN'];

// ---------------------------------------------------------------------------------------------------------------
// Dockerfile grammar

/** What an instruction renders with: earlier stages, the program's name and where it is copied to. */
interface Ctx {
  stage: number;
  names: (string | null)[];
  /** Base image of each stage (resolved), and the path where each build stage leaves the program. */
  images: string[];
  produced: (string | null)[];
  bin: string;
  dest: string;
  esc: string;
}
type Piece = (ctx: Ctx) => string;

const cont = (ctx: Ctx, indent = '    ') => ` ${ctx.esc}\n${indent}`;

/** Joins shell segments with `&&`, some across continuation lines (sometimes with a comment line inside). */
function joinSegments(segments: string[], breaks: boolean[], ctx: Ctx, commentInside: boolean): string {
  let out = segments[0] ?? 'true';
  for (let k = 1; k < segments.length; k++) {
    if (breaks[k % breaks.length]) {
      out += ` &&${cont(ctx)}`;
      if (commentInside && k === 1) out += `# step ${k}\n    `;
      out += segments[k];
    } else out += ` && ${segments[k]}`;
  }
  return out;
}

const shellArg = fc.oneof(
  fc.constantFrom(
    '-p',
    '/data',
    '"$HOME"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template
    '${VAR:-x}',
    "'single quoted'",
    '"double \\"q\\""',
    '*.txt',
    '$(date)',
    '`id -u`',
    '2>&1',
    '--flag=1',
  ),
  text.map((t) => `"${t}"`),
);
const shellCommand = fc
  .record({
    cmd: fc.constantFrom('echo', 'ls', 'cat', 'grep -v x', 'sed -e s/a/b/', 'tr a-z A-Z', 'make', 'mkdir -p', 'rm -rf'),
    args: fc.array(shellArg, { maxLength: 3 }),
  })
  .map(({ cmd, args }) => [cmd, ...args].join(' '));
/** Arbitrary shell: pipes, variables, redirects, `||`, `;`. */
const arbitraryShell = fc
  .record({
    parts: fc.array(shellCommand, { minLength: 1, maxLength: 4 }),
    seps: fc.array(fc.constantFrom(' | ', ' || ', '; ', ' > /dev/null; ', ' && '), { minLength: 1, maxLength: 3 }),
    assign: fc.option(fc.constantFrom('FOO=bar ', 'X="$Y z" ', 'PATH=$PATH:/x '), { nil: '' }),
  })
  .map(
    ({ parts, seps, assign }) => assign + parts.map((p, k) => (k === 0 ? p : `${seps[k % seps.length]}${p}`)).join(''),
  );

const goBuild = fc
  .record({
    cgo: fc.constantFrom('', 'CGO_ENABLED=0 ', 'CGO_ENABLED=1 ', 'GOOS=linux CGO_ENABLED=0 '),
    tool: fc.constantFrom('go build', 'go build', 'xx-go build', 'go install'),
    flags: fc.subarray(['-trimpath', '-ldflags="-s -w"', '-ldflags \'-extldflags "-static"\'', '-v']),
  })
  .map(
    (r): Piece =>
      (ctx) => {
        ctx.produced[ctx.stage] = r.tool === 'go install' ? '/go/bin/BIN' : '/out/BIN';
        return r.tool === 'go install'
          ? `${r.cgo}go install ${r.flags.join(' ')} ./cmd/${ctx.bin}`.replace(/ +/g, ' ')
          : `${r.cgo}${r.tool} ${r.flags.join(' ')} -o /out/${ctx.bin} ./cmd/${ctx.bin}`.replace(/ +/g, ' ');
      },
  );
const cargoBuild = fc
  .record({
    musl: fc.boolean(),
    locked: fc.boolean(),
    rustflags: fc.constantFrom(
      '',
      '',
      'RUSTFLAGS="-C target-feature=+crt-static" ',
      'RUSTFLAGS="-C target-feature=-crt-static" ',
    ),
  })
  .map(
    (r): Piece =>
      (ctx) => {
        ctx.produced[ctx.stage] = r.musl
          ? '/app/target/x86_64-unknown-linux-musl/release/BIN'
          : '/app/target/release/BIN';
        return `${r.rustflags}cargo build --release${r.locked ? ' --locked' : ''}${r.musl ? ' --target x86_64-unknown-linux-musl' : ''}`;
      },
  );
const APK = [
  'ca-certificates',
  'tzdata',
  'git',
  'build-base',
  'gcc',
  'musl-dev',
  'curl',
  'openssl',
  'bash',
  'libc6-compat',
];
const APT = ['ca-certificates', 'tzdata', 'libssl3', 'curl', 'netbase', 'libc6', 'zlib1g', 'gcc', 'libgcc-s1'];
const apkAdd = fc
  .record({
    pkgs: fc.subarray(APK, { minLength: 1, maxLength: 3 }),
    flag: fc.constantFrom('add --no-cache', '--no-cache add', 'add'),
  })
  .map(
    (r): Piece =>
      () =>
        `apk ${r.flag} ${r.pkgs.join(' ')}`,
  );
const aptInstall = fc.record({ pkgs: fc.subarray(APT, { minLength: 1, maxLength: 3 }), clean: fc.boolean() }).map(
  (r): Piece =>
    () =>
      `apt-get update && apt-get install -y --no-install-recommends ${r.pkgs.join(' ')}${r.clean ? ' && rm -rf /var/lib/apt/lists/*' : ''}`,
);
const addUser = fc.constantFrom<Piece>(
  () => 'adduser -D -u 10001 app',
  () => 'addgroup -S app && adduser -S app -G app',
  () => 'useradd -r -u 1000 -g users appuser',
  () => 'groupadd -g 1001 svc && useradd -u 1001 -g svc svc',
);
const chmod = fc.constantFrom<Piece>(
  (ctx) => `chmod +x ${ctx.dest}`,
  (ctx) => `chmod 755 ${ctx.dest}`,
  () => 'chmod +x /entrypoint.sh',
);
const misc = fc.constantFrom<Piece>(
  () => 'true',
  () => ':',
  () => 'go mod download',
  () => 'mkdir -p /data',
  () => 'cargo fetch',
);
const runSegment: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 3, arbitrary: goBuild },
  { weight: 2, arbitrary: cargoBuild },
  { weight: 2, arbitrary: apkAdd },
  { weight: 2, arbitrary: aptInstall },
  { weight: 1, arbitrary: addUser },
  { weight: 1, arbitrary: chmod },
  { weight: 2, arbitrary: misc },
  {
    weight: 2,
    arbitrary: arbitraryShell.map(
      (s): Piece =>
        () =>
          s,
    ),
  },
);
const runInstr = fc
  .record({
    segments: fc.array(runSegment, { minLength: 1, maxLength: 3 }),
    breaks: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    commentInside: fc.boolean(),
    mount: fc.option(fc.constantFrom('--mount=type=cache,target=/root/.cache/go-build ', '--network=none '), {
      nil: '',
    }),
  })
  .map(
    (r): Piece =>
      (ctx) =>
        `RUN ${r.mount}${joinSegments(
          r.segments.map((s) => s(ctx)),
          r.breaks,
          ctx,
          r.commentInside,
        )}`,
  );
const heredocRun = fc
  .record({
    segments: fc.array(runSegment, { minLength: 1, maxLength: 3 }),
    delim: fc.constantFrom('EOF', 'EOT', '"EOF"', "'END'"),
    dash: fc.boolean(),
    shell: fc.constantFrom('', ' bash', ' sh -e'),
  })
  .map((r): Piece => {
    const bare = r.delim.replace(/["']/g, '');
    return (ctx) =>
      `RUN <<${r.dash ? '-' : ''}${r.delim}${r.shell}\n${r.segments.map((s) => `${r.dash ? '\t' : ''}${s(ctx)}`).join('\n')}\n${bare}`;
  });
const heredocCopy = text.map(
  (t): Piece =>
    () =>
      `COPY <<EOF /etc/app.conf\n# ${t}\nkey = value\nEOF`,
);

/** COPY --from of the program: by default from the stage before, from where that stage put it. */
const copyFrom = fc
  .record({
    ref: fc.option(fc.nat(), { freq: 3, nil: null }),
    useIndex: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    src: fc.option(
      fc.constantFrom(
        '/out/BIN',
        '/go/bin/BIN',
        '/app/target/release/BIN',
        '/app/target/x86_64-unknown-linux-musl/release/BIN',
        '/out/',
      ),
      { freq: 3, nil: null },
    ),
    destKind: fc.constantFrom('dest', 'dest', 'dest', 'dir', 'other'),
    flags: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.subarray(['--chown=app:app', '--chown=10001:10001', '--chmod=755', '--link']) },
    ),
  })
  .map(
    (r): Piece =>
      (ctx) => {
        const earlier = ctx.stage === 0 ? null : r.ref === null ? ctx.stage - 1 : r.ref % ctx.stage;
        const from =
          earlier === null
            ? 'golang:1.24'
            : r.useIndex || ctx.names[earlier] === null
              ? String(earlier)
              : ctx.names[earlier];
        const produced = earlier === null ? null : ctx.produced[earlier];
        if (r.src === null && produced && !produced.includes('BIN'))
          return `COPY ${[...r.flags, `--from=${from}`].join(' ')} ${produced} ${produced.endsWith('.jar') ? 'app.jar' : produced}`;
        const src = (r.src ?? produced ?? '/out/BIN').replace('BIN', ctx.bin);
        const dest =
          r.destKind === 'dest'
            ? ctx.dest
            : r.destKind === 'dir'
              ? `${ctx.dest.slice(0, ctx.dest.lastIndexOf('/') + 1)}`
              : '/usr/local/bin/';
        return `COPY ${[...r.flags, `--from=${from}`].join(' ')} ${src} ${dest}`;
      },
  );
const copyContext = fc.constantFrom<Piece>(
  () => 'COPY . .',
  () => 'COPY go.mod go.sum ./',
  () => 'COPY Cargo.toml Cargo.lock ./',
  () => 'COPY ["src dir/", "/app/src dir/"]',
  () => 'COPY entrypoint.sh /entrypoint.sh',
  () => 'ADD https://example.com/file.tar.gz /tmp/',
);
const workdir = fc.oneof(
  fc.constantFrom('/app', '/src', '/', '$HOME/app', '"/quoted dir"'),
  segment.map((s) => `/opt/${s}`),
);
const user = fc.constantFrom(
  'app',
  '10001',
  '1000:1000',
  'nonroot',
  'root',
  'app:app',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template
  '${UID}',
  '65532:65532',
  '0',
);
const env = fc.oneof(
  fc.constantFrom(
    'CGO_ENABLED=0',
    'PORT=8080',
    'A=1 B="two words"',
    'PATH=/app:$PATH',
    'LEGACY value with spaces',
    'TZ=UTC',
  ),
  text.map((t) => `GREETING="${t}"`),
);
const expose = fc.constantFrom('8080', '80/tcp 443', '$PORT', '9090/udp');
const healthcheck = fc.constantFrom<Piece>(
  () => 'HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1',
  () => 'HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost/ || exit 1',
  (ctx) => `HEALTHCHECK CMD ["${ctx.dest}", "health"]`,
  (ctx) => `HEALTHCHECK --start-period=5s CMD ${ctx.dest} health`,
  () => 'HEALTHCHECK NONE',
);
const otherInstr = fc.oneof(
  text.map(
    (t): Piece =>
      () =>
        `LABEL org.opencontainers.image.title="${t}"`,
  ),
  fc.constantFrom<Piece>(
    () => 'ARG CGO_ENABLED=0',
    () => 'ARG TARGETOS TARGETARCH',
    () => 'VOLUME /data',
    () => 'STOPSIGNAL SIGTERM',
    () => 'SHELL ["/bin/sh", "-c"]',
    () => 'ONBUILD RUN echo hi',
    () => 'MAINTAINER someone',
  ),
);

/** A program argument: quotes, spaces, variables, `&&`, unicode. */
const cmdArg = fc.oneof(
  fc.constantFrom(
    '--port',
    '8080',
    '--listen=:8080',
    'with space',
    '$PORT',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template
    '${HOME}',
    '&&',
    'echo',
    "it's",
    'a\\b',
    '-v',
    '"q"',
    '|',
    '*',
  ),
  word,
);
const command = fc
  .record({
    kind: fc.constantFrom('ENTRYPOINT', 'CMD', 'CMD', 'both'),
    form: fc.constantFrom('exec', 'exec', 'exec', 'shell'),
    cmdForm: fc.constantFrom('exec', 'exec', 'exec', 'shell'),
    prog: fc.constantFrom('dest', 'dest', 'dest', 'dest', 'interp', 'interp', 'interp', 'bare', 'other'),
    script: fc.nat({ max: 2 }),
    args: fc.array(cmdArg, { maxLength: 4 }),
    cmdArgs: fc.array(cmdArg, { minLength: 1, maxLength: 3 }),
    spaced: fc.boolean(),
    uEscape: fc.boolean(),
    split: fc.boolean(),
  })
  .map(
    (r): Piece =>
      (ctx) => {
        const image = ctx.images[ctx.stage] ?? '';
        const interp = /^node/.test(image)
          ? [
              ['node', 'server.js'],
              ['node', '--enable-source-maps', 'dist/index.js'],
              ['npm', 'start'],
            ]
          : /^python/.test(image)
            ? [
                ['python', 'app.py'],
                ['python3', '-m', 'app'],
                ['gunicorn', '-b', '0.0.0.0:8000', 'app:app'],
              ]
            : /temurin/.test(image)
              ? [
                  ['java', '-jar', 'app.jar'],
                  ['java', '-Xmx512m', '-jar', '/app/app.jar'],
                  ['java', '-cp', 'app/lib/*', 'Main'],
                ]
              : null;
        const words =
          r.prog === 'interp' && interp
            ? (interp[r.script % interp.length] as string[])
            : [r.prog === 'dest' || r.prog === 'interp' ? ctx.dest : r.prog === 'bare' ? ctx.bin : '/entrypoint.sh'];
        const [prog, ...progArgs] = words as [string, ...string[]];
        const args = [...progArgs, ...r.args];
        const render = (form: string, words: string[]) => {
          if (form === 'shell') return words.map(shellQuote).join(' ');
          let json = JSON.stringify(words);
          if (r.spaced) json = json.replace(/","/g, '", "');
          if (r.uEscape)
            json = json.replace(/([a-z])"\]$/, (_m, c: string) => `\\u00${c.charCodeAt(0).toString(16)}"]`);
          if (r.split && words.length > 1) json = json.replace('", "', `",${cont(ctx, '  ')}"`);
          return json;
        };
        if (r.kind === 'both')
          return `ENTRYPOINT ${render(r.form, [prog, ...args])}\nCMD ${render(r.cmdForm, r.cmdArgs)}`;
        return `${r.kind} ${render(r.form, [prog, ...args])}`;
      },
  );

/** Quotes a word for shell form the way a person might: bare, single or double quotes. */
function shellQuote(w: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(w)) return w;
  if (!w.includes("'")) return `'${w}'`;
  return `"${w.replace(/(["\\$`])/g, '\\$1')}"`;
}

const anyInstr: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 4, arbitrary: runInstr },
  { weight: 1, arbitrary: heredocRun },
  { weight: 1, arbitrary: heredocCopy },
  { weight: 2, arbitrary: copyFrom },
  { weight: 2, arbitrary: copyContext },
  {
    weight: 2,
    arbitrary: workdir.map(
      (w): Piece =>
        () =>
          `WORKDIR ${w}`,
    ),
  },
  {
    weight: 2,
    arbitrary: user.map(
      (u): Piece =>
        () =>
          `USER ${u}`,
    ),
  },
  {
    weight: 2,
    arbitrary: env.map(
      (e): Piece =>
        () =>
          `ENV ${e}`,
    ),
  },
  {
    weight: 1,
    arbitrary: expose.map(
      (e): Piece =>
        () =>
          `EXPOSE ${e}`,
    ),
  },
  { weight: 1, arbitrary: healthcheck },
  { weight: 1, arbitrary: otherInstr },
  { weight: 1, arbitrary: command },
);

/** Decoration before an instruction: nothing, a blank line, a comment (maybe with unicode); keyword case. */
const decorated = (pool: fc.Arbitrary<Piece>) =>
  fc
    .record({
      instr: pool,
      before: fc.constantFrom('', '', '', '', 'blank', 'comment', 'indented-comment'),
      note: text,
      lower: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      indent: fc.constantFrom('', '', '', '', '  ', '\t'),
    })
    .map(
      (r): Piece =>
        (ctx) => {
          let line = r.instr(ctx);
          // Keyword case: Docker reads `run` as `RUN`; indented instructions too.
          if (r.lower) line = line.replace(/^[A-Z]+/, (k) => k.toLowerCase());
          line = r.indent + line;
          if (r.before === 'blank') return `\n${line}`;
          if (r.before === 'comment') return `# ${r.note}\n${line}`;
          if (r.before === 'indented-comment') return `  # ${r.note}\n${line}`;
          return line;
        },
    );

/** The build step of a builder: `go build` on a Go image, `cargo build` on a Rust one, either elsewhere. */
/** Build steps of the interpreted runtimes, and what the runtime stage copies from them. */
const INTERPRETED_BUILDS: Array<[RegExp, string[], string]> = [
  [/^node/, ['npm ci --omit=dev', 'npm ci && npm run build && npm prune --omit=dev'], '/app'],
  [
    /^python/,
    [
      'python -m venv /venv && /venv/bin/pip install --no-cache-dir -r requirements.txt',
      'pip install --user -r requirements.txt',
    ],
    '/venv',
  ],
  [/temurin/, ['./mvnw -q package -DskipTests && cp target/*.jar /app.jar'], '/app.jar'],
];

const buildCore = fc
  .record({
    variant: fc.nat(),
    go: goBuild,
    cargo: cargoBuild,
    prep: fc.option(fc.oneof(apkAdd, aptInstall, misc), { freq: 2, nil: null }),
    breaks: fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }),
    heredoc: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    env: fc.option(fc.constantFrom('ENV CGO_ENABLED=0', 'ARG CGO_ENABLED=0', 'ENV CGO_ENABLED=1'), {
      freq: 3,
      nil: null,
    }),
  })
  .map(
    (r): Piece =>
      (ctx) => {
        const image = ctx.images[ctx.stage] ?? '';
        const interpreted = INTERPRETED_BUILDS.find(([re]) => re.test(image));
        let build: string;
        if (interpreted) {
          const [, steps, produced] = interpreted;
          build = steps[r.variant % steps.length] as string;
          ctx.produced[ctx.stage] = produced;
        } else
          build = (/rust/.test(image) ? r.cargo : /golang/.test(image) ? r.go : image.length % 2 ? r.cargo : r.go)(ctx);
        const segments = r.prep ? [r.prep(ctx), build] : [build];
        const run = r.heredoc
          ? `RUN <<EOF\n${segments.join('\n')}\nEOF`
          : `RUN ${joinSegments(segments, r.breaks, ctx, false)}`;
        return r.env ? `${r.env}\n${run}` : run;
      },
  );

/** RUN lines a runtime stage often has, most of which minbase knows. */
const runtimeRun = fc.oneof(
  fc.constantFrom<Piece>(
    () => 'RUN apk add --no-cache ca-certificates',
    () => 'RUN apk add --no-cache ca-certificates tzdata',
    () =>
      'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*',
    () => 'RUN true',
  ),
  addUser.map(
    (p): Piece =>
      (ctx) =>
        `RUN ${p(ctx)}`,
  ),
  chmod.map(
    (p): Piece =>
      (ctx) =>
        `RUN ${p(ctx)}`,
  ),
  fc.constantFrom<Piece>(
    () => 'RUN adduser -D -u 10001 app\nUSER app',
    () => 'RUN addgroup -S app && adduser -S -G app app\nUSER app:app',
    () => 'USER 10001',
    () => 'USER 65532:65532',
  ),
);

const builderInstr: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 3, arbitrary: runInstr },
  { weight: 1, arbitrary: heredocRun },
  { weight: 3, arbitrary: copyContext },
  {
    weight: 2,
    arbitrary: workdir.map(
      (w): Piece =>
        () =>
          `WORKDIR ${w}`,
    ),
  },
  {
    weight: 2,
    arbitrary: env.map(
      (e): Piece =>
        () =>
          `ENV ${e}`,
    ),
  },
  { weight: 1, arbitrary: otherInstr },
  { weight: 1, arbitrary: anyInstr },
);
const runtimeInstr: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 3, arbitrary: runtimeRun },
  {
    weight: 2,
    arbitrary: workdir.map(
      (w): Piece =>
        () =>
          `WORKDIR ${w}`,
    ),
  },
  {
    weight: 2,
    arbitrary: user.map(
      (u): Piece =>
        () =>
          `USER ${u}`,
    ),
  },
  {
    weight: 2,
    arbitrary: env.map(
      (e): Piece =>
        () =>
          `ENV ${e}`,
    ),
  },
  {
    weight: 2,
    arbitrary: expose.map(
      (e): Piece =>
        () =>
          `EXPOSE ${e}`,
    ),
  },
  { weight: 1, arbitrary: healthcheck },
  {
    weight: 1,
    arbitrary: text.map(
      (t): Piece =>
        () =>
          `LABEL description="${t}"`,
    ),
  },
  { weight: 1, arbitrary: copyFrom },
  { weight: 1, arbitrary: anyInstr },
);

interface StageModel {
  image: string;
  version: number;
  arg: 'none' | 'version' | 'whole' | 'undefaulted' | 'default-op';
  platform: string;
  name: number | null;
  oddName: boolean;
  lowerAs: boolean;
  registry: boolean;
  digest: boolean;
  pre: Piece[];
  core: Piece | null;
  post: Piece[];
  cmd: Piece | null;
}

const rarely = (n: number) =>
  fc.oneof({ weight: n, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

function stageArb(builder: boolean): fc.Arbitrary<StageModel> {
  const pool = builder ? builderInstr : runtimeInstr;
  return fc.record({
    image: builder
      ? fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...BUILDER_IMAGES) },
          { weight: 2, arbitrary: fc.constantFrom(...INTERPRETED_IMAGES) },
          { weight: 1, arbitrary: fc.constantFrom(...IMAGES) },
        )
      : fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...RUNTIME_IMAGES) },
          { weight: 1, arbitrary: fc.constantFrom(...IMAGES) },
        ),
    version: fc.integer({ min: 0, max: 6 }),
    arg: fc.oneof(
      { weight: 12, arbitrary: fc.constant('none' as const) },
      { weight: 3, arbitrary: fc.constantFrom('version' as const, 'whole' as const, 'default-op' as const) },
      { weight: 1, arbitrary: fc.constant('undefaulted' as const) },
    ),
    platform: fc.constantFrom('', '', '--platform=$BUILDPLATFORM ', '--platform=linux/amd64 '),
    name: fc.option(fc.nat({ max: STAGE_NAMES.length - 1 }), { freq: 4, nil: null }),
    oddName: rarely(12),
    lowerAs: rarely(4),
    registry: rarely(6),
    digest: rarely(6),
    pre: fc.array(decorated(pool), { maxLength: builder ? 4 : 3 }),
    core: fc.option(builder ? buildCore : copyFrom, { freq: 10, nil: null }),
    post: fc.array(decorated(pool), { maxLength: 2 }),
    cmd: fc.option(command, { freq: builder ? 2 : 12, nil: null }),
  });
}

interface FileModel {
  /** Only FROM, the build or COPY step and the command: files minbase should mostly rewrite. */
  clean: boolean;
  syntax: boolean;
  escape: boolean;
  header: string | null;
  bin: number;
  dest: number;
  builders: StageModel[];
  runtime: StageModel;
  trailingNewline: boolean;
  options: {
    family?: 'distroless' | 'dhi' | 'chainguard';
    staticBase?: 'scratch' | 'distroless';
    nonroot?: boolean;
    dropHealthcheck?: boolean;
    debugStage?: boolean;
    stage?: number | undefined;
  };
}

const optionsArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        family: fc.constantFrom<'distroless' | 'dhi' | 'chainguard'>('distroless', 'dhi', 'chainguard'),
        staticBase: fc.constantFrom<'scratch' | 'distroless'>('scratch', 'distroless'),
        nonroot: fc.boolean(),
        dropHealthcheck: fc.boolean(),
        debugStage: fc.boolean(),
        // Rarely: rewrite a named stage instead of the last one.
        stage: fc.option(fc.nat(), { freq: 3, nil: undefined }),
      },
      { requiredKeys: [] },
    ),
  },
);

const fileModel: fc.Arbitrary<FileModel> = fc.record({
  clean: rarely(3),
  syntax: fc.boolean(),
  escape: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  header: fc.option(text, { nil: null }),
  bin: fc.nat({ max: BINS.length - 1 }),
  dest: fc.nat({ max: DESTS.length - 1 }),
  builders: fc.oneof(
    { weight: 9, arbitrary: fc.array(stageArb(true), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant<StageModel[]>([]) },
  ),
  runtime: stageArb(false),
  trailingNewline: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  options: optionsArb,
});

function renderFile(m: FileModel): Case {
  const esc = m.escape ? '`' : '\\';
  const out: string[] = [];
  if (m.escape) out.push('# escape=`');
  if (m.syntax) out.push('# syntax=docker/dockerfile:1');
  if (m.header !== null) out.push(`# ${m.header}`);
  const stages = [...m.builders, m.runtime];
  const names: (string | null)[] = [];
  const bin = BINS[m.bin] as string;
  const dest = (DESTS[m.dest] as string).replace('BIN', bin);
  const preamble: string[] = [];
  const body: string[] = [];
  const ctx: Ctx = { stage: 0, names: [], images: [], produced: [], bin, dest, esc };
  stages.forEach((s, i) => {
    let image = s.image.replace('X', String(s.version));
    ctx.images[i] = image;
    if (s.registry && image.includes(':') && !image.includes('/')) image = `docker.io/library/${image}`;
    if (s.digest && image !== 'scratch') image = `${image}@sha256:${'0123456789abcdef'.repeat(4)}`;

    let ref = image;
    const argName = `BASE_${i}`;
    if (image !== 'scratch') {
      if (s.arg === 'whole') {
        preamble.push(`ARG ${argName}=${image}`);
        ref = `\${${argName}}`;
      } else if (s.arg === 'version' && image.includes(':')) {
        const colon = image.indexOf(':');
        const repo = image.slice(0, colon);
        const tag = image.slice(colon + 1);
        const version = /^[0-9.]+/.exec(tag)?.[0] ?? tag;
        const varName = repo.includes('golang') ? 'GO_VERSION' : repo.includes('rust') ? 'RUST_VERSION' : `V_${i}`;
        preamble.push(`ARG ${varName}=${version}`);
        ref = `${repo}:\${${varName}}${tag.slice(version.length)}`;
      } else if (s.arg === 'undefaulted') {
        preamble.push(`ARG ${argName}`);
        ref = `$${argName}`;
      } else if (s.arg === 'default-op') {
        ref = `\${${argName}:-${image}}`;
      }
    }
    let name: string | null = null;
    if (s.name !== null) {
      name =
        s.oddName && i === stages.length - 1
          ? (ODD_STAGE_NAMES[s.name % ODD_STAGE_NAMES.length] as string)
          : `${STAGE_NAMES[s.name]}`;
      if (names.includes(name)) name = `${name}${i}`;
    }
    ctx.stage = i;
    ctx.names = [...names];
    const lines = [`FROM ${s.platform}${ref}${name === null ? '' : ` ${s.lowerAs ? 'as' : 'AS'} ${name}`}`];
    for (const p of m.clean ? [] : s.pre) lines.push(p(ctx));
    if (s.core) lines.push(s.core(ctx));
    for (const p of m.clean ? [] : s.post) lines.push(p(ctx));
    if (s.cmd) lines.push(s.cmd(ctx));
    body.push(lines.join('\n'));
    names.push(name);
  });
  out.push(...[...new Set(preamble)]);
  const textOut = `${[...out, ...body].join('\n').replace(/^\n+/, '')}${m.trailingNewline ? '\n' : ''}`;
  const options: RewriteOptions = {};
  if (m.options.family !== undefined) options.family = m.options.family;
  if (m.options.staticBase !== undefined) options.staticBase = m.options.staticBase;
  if (m.options.nonroot !== undefined) options.nonroot = m.options.nonroot;
  if (m.options.dropHealthcheck !== undefined) options.dropHealthcheck = m.options.dropHealthcheck;
  if (m.options.debugStage !== undefined) options.debugStage = m.options.debugStage;
  if (m.options.stage !== undefined) {
    const named = names.filter((n): n is string => n !== null);
    if (named.length > 0) options.stage = named[m.options.stage % named.length] as string;
  }
  return { input: textOut, options, origin: 'generated' };
}

/** A generated Dockerfile (LF line endings, no `\r`) with random rewrite options. */
export const dockerfile: fc.Arbitrary<Case> = fileModel.map(renderFile);

// ---------------------------------------------------------------------------------------------------------------
// Mutations

export interface Mutation {
  name: string;
  apply: (text: string) => string;
}

const lines = (t: string) => t.split('\n');
const pick = <T>(xs: T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

function indicesWhere(ls: string[], test: (l: string) => boolean): number[] {
  const out: number[] = [];
  ls.forEach((l, k) => {
    if (test(l)) out.push(k);
  });
  return out;
}

const swap = fc.tuple(fc.nat(), fc.nat()).map(
  ([a, b]): Mutation => ({
    name: `swap lines ${a}/${b}`,
    apply: (t) => {
      const ls = lines(t);
      const i = a % ls.length;
      const j = b % ls.length;
      [ls[i], ls[j]] = [ls[j] as string, ls[i] as string];
      return ls.join('\n');
    },
  }),
);
const remove = fc.nat().map(
  (a): Mutation => ({
    name: `remove line ${a}`,
    apply: (t) => {
      const ls = lines(t);
      ls.splice(a % ls.length, 1);
      return ls.join('\n');
    },
  }),
);
const duplicate = fc.nat().map(
  (a): Mutation => ({
    name: `duplicate line ${a}`,
    apply: (t) => {
      const ls = lines(t);
      const i = a % ls.length;
      ls.splice(i, 0, ls[i] as string);
      return ls.join('\n');
    },
  }),
);
/** Cuts the file after a continuation line (or a few lines later): the instruction never ends. */
const cutContinuation = fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.boolean()).map(
  ([a, extra, dropNext]): Mutation => ({
    name: `cut continuation ${a}+${extra}${dropNext ? ' (drop next line)' : ''}`,
    apply: (t) => {
      const ls = lines(t);
      const k = pick(
        indicesWhere(ls, (l) => /[\\`]\r?$/.test(l)),
        a,
      );
      if (k === undefined) return `${t}\nRUN echo a && \\`;
      if (dropNext) {
        ls.splice(k + 1, 1);
        return ls.join('\n');
      }
      return ls.slice(0, k + 1 + extra).join('\n');
    },
  }),
);
/** Cuts a heredoc in the middle: drops its terminator, or the end of the file. */
const cutHeredoc = fc.tuple(fc.nat(), fc.boolean()).map(
  ([a, truncate]): Mutation => ({
    name: `cut heredoc ${a}${truncate ? ' (truncate)' : ' (drop terminator)'}`,
    apply: (t) => {
      const ls = lines(t);
      const k = pick(
        indicesWhere(ls, (l) => /<<-?\s*["']?[A-Za-z_]/.test(l)),
        a,
      );
      if (k === undefined) return `${t}\nRUN <<EOF\necho unterminated`;
      if (truncate) return ls.slice(0, k + 2).join('\n');
      const delim = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)/.exec(ls[k] as string)?.[1] ?? 'EOF';
      const end = ls.findIndex((l, j) => j > k && l.trim() === delim);
      if (end >= 0) ls.splice(end, 1);
      return ls.join('\n');
    },
  }),
);
const crlfSome = fc.array(fc.nat(), { minLength: 1, maxLength: 5 }).map(
  (ns): Mutation => ({
    name: `CRLF on lines ${ns.join(',')}`,
    apply: (t) => {
      const ls = lines(t);
      for (const n of ns) {
        const i = n % ls.length;
        if (i < ls.length - 1 && !(ls[i] as string).endsWith('\r')) ls[i] = `${ls[i]}\r`;
      }
      return ls.join('\n');
    },
  }),
);
const crlfAll: fc.Arbitrary<Mutation> = fc.constant({
  name: 'CRLF everywhere',
  apply: (t) => t.replace(/\r?\n/g, '\r\n'),
});
const bom: fc.Arbitrary<Mutation> = fc.constant({
  name: 'BOM',
  apply: (t) => (t.startsWith('\uFEFF') ? t : `\uFEFF${t}`),
});
const spacedHeredoc = fc.nat().map(
  (a): Mutation => ({
    name: `space after << (${a})`,
    apply: (t) => {
      if (/<<-?["']?[A-Za-z_]/.test(t)) return t.replace(/<<(-?)(["']?[A-Za-z_])/, '<<$1 $2');
      const ls = lines(t);
      ls.splice(a % (ls.length + 1), 0, 'RUN cat << EOF', 'hello', 'EOF');
      return ls.join('\n');
    },
  }),
);
const unicodeIn = fc.tuple(fc.constantFrom('comment', 'path', 'string', 'anywhere'), fc.nat(), text).map(
  ([where, a, u]): Mutation => ({
    name: `unicode in ${where} (${a}): ${u}`,
    apply: (t) => {
      const ls = lines(t);
      if (where === 'comment') {
        ls.splice(a % (ls.length + 1), 0, `# ${u}`);
        return ls.join('\n');
      }
      if (where === 'path') {
        const k = pick(
          indicesWhere(ls, (l) => /\s\/[A-Za-z]/.test(l)),
          a,
        );
        if (k === undefined) return `${t}\nWORKDIR /${u}`;
        ls[k] = (ls[k] as string).replace(/(\s\/)([A-Za-z])/, `$1${u.replace(/ /g, '_')}/$2`);
        return ls.join('\n');
      }
      if (where === 'string') {
        const k = pick(
          indicesWhere(ls, (l) => l.includes('"')),
          a,
        );
        if (k === undefined) return `${t}\nENV MSG="${u}"`;
        ls[k] = (ls[k] as string).replace('"', `"${u}`);
        return ls.join('\n');
      }
      const i = a % ls.length;
      const l = ls[i] as string;
      const at = Math.floor(l.length / 2);
      ls[i] = l.slice(0, at) + u + l.slice(at);
      return ls.join('\n');
    },
  }),
);
const longLine = fc
  .tuple(fc.integer({ min: 10_000, max: 100_000 }), fc.constantFrom('comment', 'run', 'env', 'cmd', 'inside'), fc.nat())
  .map(
    ([n, kind, a]): Mutation => ({
      name: `long ${kind} line of ${n} chars at ${a}`,
      apply: (t) => {
        const ls = lines(t);
        const filler = 'x'.repeat(n);
        const i = a % (ls.length + 1);
        if (kind === 'comment') ls.splice(i, 0, `# ${filler}`);
        else if (kind === 'run') ls.splice(i, 0, `RUN echo ${'a '.repeat(n / 2)}`);
        else if (kind === 'env') ls.splice(i, 0, `ENV LONG="${filler}"`);
        else if (kind === 'cmd')
          ls.splice(i, 0, `CMD ${JSON.stringify(Array.from({ length: n / 10 }, () => 'arg-67890'))}`);
        else {
          const j = a % ls.length;
          ls[j] = `${ls[j]} ${filler}`;
        }
        return ls.join('\n');
      },
    }),
  );
/** Whitespace Docker accepts: tabs or runs of spaces between words, trailing blanks (also after a `\\`). */
const respace = fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.constantFrom('\t', '  ', ' \t ')).map(
  ([ns, ws]): Mutation => ({
    name: `whitespace ${JSON.stringify(ws)} on lines ${ns.join(',')}`,
    apply: (t) => {
      const ls = lines(t);
      ns.forEach((n, k) => {
        const i = n % ls.length;
        const l = ls[i] as string;
        const cr = l.endsWith('\r') ? '\r' : '';
        const body = cr ? l.slice(0, -1) : l;
        ls[i] = k % 2 === 0 ? body.replace(/ /g, ws) + cr : body + ws + cr;
      });
      return ls.join('\n');
    },
  }),
);
/** A blank line, or a comment line, inside a continuation (Docker skips both). */
const insideContinuation = fc.tuple(fc.nat(), fc.constantFrom('', '   ', '# inside', '  # 🚀 inside')).map(
  ([a, filler]): Mutation => ({
    name: `${JSON.stringify(filler)} inside a continuation (${a})`,
    apply: (t) => {
      const ls = lines(t);
      const k = pick(
        indicesWhere(ls, (l) => /[\\`]\r?$/.test(l)),
        a,
      );
      if (k === undefined) return t;
      ls.splice(k + 1, 0, filler);
      return ls.join('\n');
    },
  }),
);
/** A keyword in another case: `from`, `Run`, `as`. */
const keywordCase = fc.tuple(fc.nat(), fc.constantFrom('lower', 'title')).map(
  ([a, how]): Mutation => ({
    name: `${how} case keyword on line ${a}`,
    apply: (t) => {
      const ls = lines(t);
      const i = a % ls.length;
      const fix = (k: string) => (how === 'lower' ? k.toLowerCase() : k[0] + k.slice(1).toLowerCase());
      ls[i] = (ls[i] as string)
        .replace(/^(\s*)([A-Z]+)\b/, (_m, sp: string, k: string) => sp + fix(k))
        .replace(/ AS /, ' as ');
      return ls.join('\n');
    },
  }),
);
const strayBackslash = fc.boolean().map(
  (nl): Mutation => ({
    name: `stray \\ at end of file${nl ? ' (then newline)' : ''}`,
    apply: (t) => `${t.replace(/\n$/, '')}\n\\${nl ? '\n' : ''}`,
  }),
);
/** Random bytes read as a file would be: UTF-8 (invalid sequences become U+FFFD) or Latin-1 (any byte, NUL, CR). */
const randomBytes = fc
  .tuple(fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.nat(), fc.constantFrom<'utf8' | 'latin1'>('utf8', 'latin1'))
  .map(
    ([bytes, a, enc]): Mutation => ({
      name: `random bytes (${enc}) at ${a}: ${JSON.stringify(Buffer.from(bytes).toString('hex'))}`,
      apply: (t) => {
        const s = Buffer.from(bytes).toString(enc);
        if (t.length === 0) return s;
        const at = a % t.length;
        return t.slice(0, at) + s + t.slice(at);
      },
    }),
  );
/** Line breaks Docker does not know (lone CR, NEL, U+2028/2029, vertical tab, form feed) in place of `\n` or inside a line. */
const oddBreaks = fc
  .tuple(
    fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('\r', '\u0085', '\u2028', '\u2029', '\v', '\f'),
    fc.boolean(),
  )
  .map(
    ([ns, brk, replace]): Mutation => ({
      name: `${JSON.stringify(brk)} ${replace ? 'instead of \\n' : 'inside'} at ${ns.join(',')}`,
      apply: (t) => {
        const ls = lines(t);
        if (replace) {
          let out = '';
          const at = new Set(ns.map((n) => n % ls.length));
          ls.forEach((l, k) => {
            out += k === 0 ? l : `${at.has(k) ? brk : '\n'}${l}`;
          });
          return out;
        }
        for (const n of ns) {
          const k = n % ls.length;
          const l = ls[k] as string;
          const i = l.indexOf(' ') < 0 ? l.length : l.indexOf(' ') + 1;
          ls[k] = l.slice(0, i) + brk + l.slice(i);
        }
        return ls.join('\n');
      },
    }),
  );
const truncateAt = fc
  .nat()
  .map((a): Mutation => ({ name: `truncate at ${a}`, apply: (t) => t.slice(0, t.length === 0 ? 0 : a % t.length) }));
const wholeFile = fc.tuple(fc.constantFrom('empty', 'newlines', 'spaces', 'comments', 'directives'), text).map(
  ([kind, u]): Mutation => ({
    name: `whole file: ${kind}`,
    apply: () =>
      kind === 'empty'
        ? ''
        : kind === 'newlines'
          ? '\n\n\r\n'
          : kind === 'spaces'
            ? ' \t \n  '
            : kind === 'comments'
              ? `# only comments\n# ${u}\n  # FROM golang:1.24 AS build\n`
              : '# syntax=docker/dockerfile:1\n# escape=`\n',
  }),
);

/** Structural damage: what editing, merging and copying do to a Dockerfile. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: swap },
  { weight: 4, arbitrary: remove },
  { weight: 4, arbitrary: duplicate },
  { weight: 3, arbitrary: cutContinuation },
  { weight: 3, arbitrary: cutHeredoc },
  { weight: 2, arbitrary: crlfSome },
  { weight: 1, arbitrary: crlfAll },
  { weight: 2, arbitrary: bom },
  { weight: 2, arbitrary: spacedHeredoc },
  { weight: 4, arbitrary: unicodeIn },
  { weight: 1, arbitrary: strayBackslash },
  { weight: 2, arbitrary: respace },
  { weight: 2, arbitrary: insideContinuation },
  { weight: 2, arbitrary: keywordCase },
  { weight: 1, arbitrary: truncateAt },
  { weight: 1, arbitrary: wholeFile },
);
/** Bytes a text file should not have: random bytes, line breaks Docker does not know. */
export const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: randomBytes },
  { weight: 2, arbitrary: oddBreaks },
);

/** Applies 1–3 mutations to a base case; the origin lists them. */
export function mutated(base: fc.Arbitrary<Case>, pool: fc.Arbitrary<Mutation> = mutation): fc.Arbitrary<Case> {
  return fc.tuple(base, fc.array(pool, { minLength: 1, maxLength: 3 })).map(([c, ms]) => ({
    input: ms.reduce((t, m) => m.apply(t), c.input),
    options: c.options,
    origin: `${c.origin} + ${ms.map((m) => m.name).join(' + ')}`,
  }));
}

/** One very long line (10–100k characters) in a base case, after 0–1 structural mutations. */
export function withLongLine(base: fc.Arbitrary<Case>): fc.Arbitrary<Case> {
  return fc.tuple(base, fc.array(mutation, { maxLength: 1 }), longLine).map(([c, ms, long]) => ({
    input: [...ms, long].reduce((t, m) => m.apply(t), c.input),
    options: c.options,
    origin: `${c.origin} + ${[...ms, long].map((m) => m.name).join(' + ')}`,
  }));
}

/** The corpus files as cases (no options). */
export function corpusCase(files: Array<{ name: string; text: string }>): fc.Arbitrary<Case> {
  return fc.constantFrom(...files).map((f) => ({ input: f.text, options: {}, origin: `corpus ${f.name}` }));
}

// ---------------------------------------------------------------------------------------------------------------
// Properties

export const OUTCOMES = ['rewritten', 'unchanged', 'skipped', 'refused', 'error'];
/**
 * The speed goal (100 ms a file) is measured by bench/fuzz.ts, which sets this; tests never assert on time
 * (a loaded CI machine would make them flaky), so by default there is no limit.
 */
export const timing = { limitMs: Number.POSITIVE_INFINITY };

export const toCrlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** Lines of the input as Docker counts them (`\n`-separated; a final newline does not start a line; BOM ignored). */
export function lineCount(input: string): number {
  const ls = (input.startsWith('\uFEFF') ? input.slice(1) : input).split('\n');
  if (ls.length > 1 && ls[ls.length - 1] === '') ls.pop();
  return ls.length;
}

function summary(r: RewriteResult): string {
  const reason = (r.reason ?? '').length > 400 ? `${r.reason?.slice(0, 400)}…` : r.reason;
  return `returned ${r.outcome}: ${JSON.stringify(reason)}; changes ${JSON.stringify(r.changes.map((c) => [c.rule, c.line]))}`;
}

/** Runs rewrite, timed: a first run over the limit is measured twice more (a GC pause is not a slow input). */
function timed(input: string, options: RewriteOptions): { r: RewriteResult; ms: number } {
  let start = performance.now();
  const r = rewrite(input, options);
  let ms = performance.now() - start;
  for (let k = 0; k < 2 && ms > timing.limitMs; k++) {
    start = performance.now();
    rewrite(input, options);
    ms = Math.min(ms, performance.now() - start);
  }
  return { r, ms };
}

/**
 * The properties every input must have: no throw, within 100 ms, one of the five outcomes, RULES §7 guarantees,
 * error keeps the input, rewritten changes carry rule/why/an existing line, refusals name existing lines.
 */
export function checkRewrite(input: string, options: RewriteOptions = {}): string[] {
  let r: RewriteResult;
  let ms: number;
  try {
    ({ r, ms } = timed(input, options));
  } catch (e) {
    return [`rewrite threw: ${e instanceof Error ? e.stack : String(e)}`];
  }
  const problems: string[] = [];
  const n = lineCount(input);
  if (ms > timing.limitMs)
    problems.push(`slow: ${ms.toFixed(1)} ms (limit ${timing.limitMs} ms) on ${input.length} chars`);
  if (!OUTCOMES.includes(r.outcome)) problems.push(`unknown outcome ${JSON.stringify(r.outcome)}`);
  if (r.outcome === 'error' && r.reason?.startsWith('internal error')) problems.push(`crash: ${r.reason}`);
  if (r.outcome === 'error' && r.output !== input) problems.push('error outcome changed the input');
  try {
    problems.push(...checkGuarantees(input, r, options).map((p) => `guarantee: ${p}`));
  } catch (e) {
    problems.push(`checkGuarantees threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  if (r.outcome === 'rewritten') {
    if (r.changes.length === 0) problems.push('rewritten without changes');
    for (const c of r.changes) {
      if (!c.rule || !c.why) problems.push(`change without rule or why: ${JSON.stringify(c)}`);
      if (!Number.isInteger(c.line) || c.line < 1 || c.line > n)
        problems.push(`change ${c.rule} on line ${c.line}, input has ${n} lines`);
    }
  }
  if (r.outcome === 'refused') {
    const reason = r.reason ?? '';
    if (reason.trim() === '') problems.push('refused with an empty reason');
    const named = [...reason.matchAll(/\bline (\d+)\b/g)].map((m) => Number(m[1]));
    if (named.length === 0) problems.push('refusal reason names no line');
    for (const l of named) if (l < 1 || l > n) problems.push(`refusal names line ${l}, input has ${n} lines`);
    for (const b of r.blockers)
      if (b.line < 0 || b.line > n) problems.push(`blocker on line ${b.line}, input has ${n} lines`);
  }
  if (problems.length > 0) problems.push(summary(r));
  return problems;
}

/**
 * Rewriting a variant of an input gives the same variant of the output, with the same outcome, changes and reason:
 * the CRLF version of an LF-only file, and the file with a UTF-8 BOM.
 */
export function checkVariant(
  input: string,
  options: RewriteOptions,
  name: string,
  variant: (s: string) => string,
): string[] {
  const other = variant(input);
  const problems = checkRewrite(other, options).map((p) => `${name} input: ${p}`);
  let a: RewriteResult;
  let b: RewriteResult;
  try {
    a = rewrite(input, options);
    b = rewrite(other, options);
  } catch (e) {
    return [...problems, `rewrite threw: ${e instanceof Error ? e.message : String(e)}`];
  }
  if (b.outcome !== a.outcome) problems.push(`outcome ${a.outcome} as it is but ${b.outcome} with ${name}`);
  else if (b.output !== variant(a.output)) {
    const want = variant(a.output);
    let at = 0;
    while (at < want.length && want[at] === b.output[at]) at++;
    problems.push(
      `the output with ${name} is not the ${name} version of the output; first difference at ${at}: expected ${JSON.stringify(want.slice(at, at + 60))}, got ${JSON.stringify(b.output.slice(at, at + 60))}`,
    );
  }
  const lines = (r: RewriteResult) => JSON.stringify(r.changes.map((c) => [c.rule, c.line]));
  if (b.outcome === a.outcome && lines(b) !== lines(a))
    problems.push(`changes differ: as it is ${lines(a)}, with ${name} ${lines(b)}`);
  if (b.outcome === a.outcome && b.reason !== a.reason)
    problems.push(`reason differs: as it is ${JSON.stringify(a.reason)}, with ${name} ${JSON.stringify(b.reason)}`);
  if (problems.length > 0) problems.push(`as it is, ${summary(a)}`);
  return problems;
}

/** CRLF (for an LF-only input) and BOM (for an input without one) variants. */
export function checkCrlf(input: string, options: RewriteOptions = {}): string[] {
  const problems: string[] = [];
  if (!input.includes('\r')) problems.push(...checkVariant(input, options, 'CRLF', toCrlf));
  if (!input.startsWith('\uFEFF')) problems.push(...checkVariant(input, options, 'a BOM', (t) => `\uFEFF${t}`));
  return problems;
}

/** A property as the test and the fuzzer run it. */
export interface PropertyDef {
  name: string;
  arbitrary: fc.Arbitrary<Case>;
  check: (c: Case) => string[];
}

/** The properties, over the corpus files when given (empty: the generated ones only). */
export function properties(corpus: Array<{ name: string; text: string }>): PropertyDef[] {
  const check = (c: Case) => checkRewrite(c.input, c.options);
  const base = corpus.length > 0 ? fc.oneof(corpusCase(corpus), dockerfile) : dockerfile;
  const defs: PropertyDef[] = [
    { name: 'generated Dockerfiles', arbitrary: dockerfile, check },
    {
      name: 'generated Dockerfiles with CRLF or a BOM',
      arbitrary: dockerfile,
      check: (c) => checkCrlf(c.input, c.options),
    },
    { name: 'mutated generated Dockerfiles', arbitrary: mutated(dockerfile), check },
    { name: 'random bytes and odd line breaks', arbitrary: mutated(base, byteMutation), check },
    { name: 'very long lines', arbitrary: withLongLine(base), check },
  ];
  if (corpus.length > 0) defs.unshift({ name: 'mutated corpus files', arbitrary: mutated(corpusCase(corpus)), check });
  return defs;
}
