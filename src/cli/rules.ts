/**
 * One line of help per rule id, for SARIF's rule descriptions and the migration report's "what to change". A rule
 * without its own entry falls back to its group (`run/*`); the messages of each change or blocker say the rest.
 */

export interface RuleHelp {
  /** What the rule is about, as a title. */
  title: string;
  /** What a change under it does, or what to change when it blocks. */
  help: string;
}

const RULES: Record<string, RuleHelp> = {
  'go/static': {
    title: 'Go static binary',
    help: 'A Go binary built with CGO_ENABLED=0 needs no libc: it runs on scratch (or distroless static with --static-base distroless).',
  },
  'go/cgo': {
    title: 'Go with cgo',
    help: 'A cgo binary links glibc: it moves to distroless base on Debian builders. On Alpine, or when the build cannot be read, set CGO_ENABLED=0 for a static binary, or build on a Debian image.',
  },
  'go/pie': {
    title: 'Go PIE build',
    help: '-buildmode=pie links a dynamic loader even without cgo. Drop -buildmode=pie, or build on a Debian image.',
  },
  'rust/musl-static': {
    title: 'Rust static (musl)',
    help: 'A musl or +crt-static binary needs no libc: it runs on scratch.',
  },
  'rust/gnu': {
    title: 'Rust gnu target',
    help: 'The gnu target links glibc and libgcc_s: it moves to distroless cc. Build for musl for scratch.',
  },
  'rust/musl-dynamic': {
    title: 'Rust dynamic musl',
    help: "A binary linked dynamically against musl needs musl's loader, which no minimal image has. Build with rust:*-alpine or +crt-static.",
  },
  'java/version': {
    title: 'Java version',
    help: "The new base carries the app's Java version. When no image of the family has it, upgrade the JDK or pick the family the refusal names (--family).",
  },
  'java/jlink': {
    title: 'Own Java runtime',
    help: 'A jlink runtime copied into the stage needs glibc and its libraries: use distroless java or cc, or copy the whole runtime.',
  },
  'java/cacerts': {
    title: 'Java CA certificates',
    help: "eclipse-temurin's entrypoint adds certificates at start; a minimal image has no entrypoint script. Build a truststore in a build stage and copy it.",
  },
  'java/openj9': {
    title: 'OpenJ9 options',
    help: 'OpenJ9 options are not understood by HotSpot (distroless java). Remove them or keep an OpenJ9 runtime.',
  },
  'node/version': {
    title: 'Node version',
    help: "The new base carries the app's Node version. When no image of the family has it, upgrade Node or pick the family the refusal names (--family).",
  },
  'node/native-addons': {
    title: 'Native Node addons',
    help: 'node_modules built on Alpine link musl. Install them on a Debian image (node:*-slim) in the build stage, or use --family dhi for an Alpine runtime.',
  },
  'python/version': {
    title: 'Python version',
    help: 'distroless python3 is Debian 13 CPython 3.13; other versions or Alpine builds need --family dhi, or a build on python:3.13-slim-trixie.',
  },
  'python/pythonpath': {
    title: 'Python packages path',
    help: "Packages installed in a build stage are copied and put on PYTHONPATH, since the new image's python does not look in /usr/local.",
  },
  'python/editable': {
    title: 'Editable install',
    help: 'An editable install points at source through a .pth file, which PYTHONPATH does not read. Install the project normally (pip install .).',
  },
  'python/system-library': {
    title: 'System library',
    help: 'A package linking a system library the new base lacks: use a wheel that bundles it (e.g. psycopg2-binary or psycopg[binary]) or copy the library.',
  },
  'ca-certs/copy': {
    title: 'CA certificates',
    help: 'scratch has no CA bundle: it is copied from the build stage so that TLS works.',
  },
  'catalog/removed-image': {
    title: 'Removed image',
    help: 'The image is no longer published: it moves to the current one. With no current image for that version, upgrade the runtime.',
  },
  'copy-dest/directory': {
    title: 'COPY destination folder',
    help: 'A COPY destination that was a folder only in the old base gets a trailing slash, so it stays a folder.',
  },
  'debug-stage/add': {
    title: 'Debug stage',
    help: 'A debug stage with a shell is added before the production stage: docker build --target debug .',
  },
  'entrypoint/exec-form': {
    title: 'Exec-form command',
    help: 'With no shell, the command must be exec form. A command that needs a shell (an entrypoint script, pipes, variables) must run the program directly.',
  },
  'healthcheck/drop': {
    title: 'HEALTHCHECK with a shell',
    help: 'A HEALTHCHECK that runs curl, wget or a shell cannot run on a minimal image. Remove it (--drop-healthcheck), or use a probe binary copied from a build stage.',
  },
  'healthcheck/probe': {
    title: 'HEALTHCHECK probe',
    help: 'A plain HTTP probe becomes the same probe run by the image’s interpreter.',
  },
  'healthcheck/exec': {
    title: 'HEALTHCHECK exec form',
    help: 'The HEALTHCHECK command becomes exec form, since there is no shell.',
  },
  'instructions/shell': {
    title: 'SHELL instruction',
    help: 'SHELL names a shell the minimal image does not have. Remove it from the runtime stage.',
  },
  'instructions/onbuild': {
    title: 'ONBUILD instruction',
    help: 'ONBUILD RUN needs a shell in images built from this one. Remove it from the runtime stage.',
  },
  'run/no-shell': {
    title: 'RUN in the runtime stage',
    help: 'A minimal image has no shell or package manager. Move the RUN into a build stage and COPY its result.',
  },
  'run/drop-packages': { title: 'Package install', help: 'Packages the new base already has are not installed.' },
  'run/drop-user-creation': {
    title: 'User creation',
    help: 'The new base has a non-root user; the user creation goes.',
  },
  'run/tzdata': { title: 'Time zone data', help: 'tzdata comes from the build stage instead of a package install.' },
  'run/chmod-to-copy': { title: 'chmod', help: 'The mode is set by COPY --chmod instead of RUN chmod.' },
  'run/drop-noop': { title: 'No-op RUN', help: 'A RUN that changes nothing in the image is removed.' },
  'tzdata/zoneinfo': {
    title: 'Time zone data',
    help: 'scratch has no /usr/share/zoneinfo: it is copied from the build stage.',
  },
  'user/nonroot': {
    title: 'Non-root user',
    help: 'A user name the new base cannot resolve becomes nonroot / 65532.',
  },
  'user/root': { title: 'Root user', help: 'A stage that ran as root keeps running as root on the new base (USER 0).' },
  'user/home': { title: 'Home folder', help: "The user's home folder differs on the new base." },
  'stage/single-stage': {
    title: 'Single-stage build',
    help: 'The stage that runs the app also builds or installs it. Split it: build in a first stage (FROM ... AS build), then COPY --from=build into the runtime stage.',
  },
  'stage/non-production': {
    title: 'Last stage is not production',
    help: 'The last stage is a test or dev stage. Name the production stage with --stage NAME (or "stage" in the config).',
  },
  'stage/alias': {
    title: 'Alias stage',
    help: 'The last stage only renames another. Point --stage at the stage that runs the app.',
  },
  'stage/unresolved': {
    title: 'Unresolved FROM',
    help: 'The FROM uses an ARG without a default. Give the ARG a default before the first FROM.',
  },
  'split/stage': {
    title: 'Split stage',
    help: 'The stage that builds the app is split: it builds in a stage of its own and the app moves to a minimal one.',
  },
  'split/program': {
    title: 'Split: program path',
    help: 'minbase cannot tell where the build writes its output. Name the output path in the command (go build -o /app/server ...).',
  },
  'split/packages': {
    title: 'Split: packages at run time',
    help: 'The stage installs packages the minimal image cannot have. Copy the files the program needs from a build stage, or drop the package.',
  },
  'split/xattr': {
    title: 'Split: file capabilities',
    help: 'Files with extended attributes (setcap) cannot be carried over by COPY. Set them differently or keep the base.',
  },
  'check/program': {
    title: 'Self-check: program',
    help: 'minbase found that the rewrite would run a program the new image lacks, and wrote nothing. Please report it.',
  },
  'check/user': {
    title: 'Self-check: user',
    help: 'minbase found that the rewrite would change the user the container runs as, and wrote nothing. Please report it.',
  },
  'verify/build': {
    title: 'Verify: build',
    help: 'The rewritten Dockerfile does not build: see the error, fix the blocker it names, and run again.',
  },
  'verify/filesystem': {
    title: 'Verify: files',
    help: 'The new image lacks a file its command needs (program, library, interpreter, script): copy it from the build stage or use a base that ships it.',
  },
  'verify/start': {
    title: 'Verify: start',
    help: 'The new image does not start like the original: see its stderr; often a file or a shell it expects.',
  },
  'minbase/error': {
    title: 'File not processed',
    help: 'The file could not be read, parsed or written (binary, not UTF-8, over 1 MiB, not parseable by Docker, uncommitted changes in git). It was left as it is.',
  },
  'minbase/refused': {
    title: 'Refused',
    help: 'The rewrite would not be safe: see the reason.',
  },
};

const GROUPS: Record<string, RuleHelp> = {
  go: { title: 'Go', help: 'How the Go binary is built decides the base.' },
  rust: { title: 'Rust', help: 'How the Rust binary is linked decides the base.' },
  java: { title: 'Java', help: "The new base must carry the app's Java runtime." },
  node: { title: 'Node', help: "The new base must carry the app's Node version and native modules." },
  python: { title: 'Python', help: "The new base must carry the app's Python version and the packages' libraries." },
  run: {
    title: 'RUN in the runtime stage',
    help: 'A minimal image has no shell or package manager. Move the RUN into a build stage and COPY its result.',
  },
  user: { title: 'User', help: 'The user the container runs as.' },
  healthcheck: { title: 'HEALTHCHECK', help: 'The HEALTHCHECK must run without a shell.' },
  instructions: { title: 'Instruction', help: 'An instruction that needs a shell: remove it from the runtime stage.' },
  stage: { title: 'Stage selection', help: 'Which stage is the runtime stage.' },
  split: { title: 'Split', help: 'Splitting the build from the runtime stage.' },
  check: { title: 'Self-check', help: 'minbase refused its own rewrite. Please report it.' },
  verify: { title: 'Verify', help: 'The rewrite failed a check of --verify.' },
};

/** The help of a rule id: its own, its group's, or a generic line. */
export function ruleHelp(rule: string): RuleHelp {
  const own = RULES[rule];
  if (own) return own;
  const group = GROUPS[rule.split('/')[0] ?? ''];
  if (group) return group;
  return { title: rule, help: 'See the message of each result.' };
}

/** The rule id under which an error outcome is reported. */
export const ERROR_RULE = 'minbase/error';
