/**
 * Program provenance (RULES §2): the program the runtime stage execs, traced through COPY --from (export stages
 * included) to the one command that wrote it, with the environment in force for that command. Hand-written cases
 * from RULES.md and shell/Docker semantics, not from the code's output.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type CopyInfo, stageFacts } from '../src/analysis.js';
import { type DockerDocument, parseDocument, type Stage } from '../src/document.js';
import {
  buildSteps,
  findProgramCopy,
  locateProgram,
  type Origin,
  type Step,
  sourcePath,
  stageSteps,
  type Trace,
  traceProgram,
} from '../src/provenance.js';

function lastStage(text: string): { doc: DockerDocument; stage: Stage } {
  const doc = parseDocument(text);
  const stage = doc.stages[doc.stages.length - 1];
  assert.ok(stage, 'the file has a stage');
  return { doc, stage };
}

function trace(text: string, word: string): Trace {
  const { doc, stage } = lastStage(text);
  const t = traceProgram(doc, stageFacts(doc, stage), word);
  assert.ok(t, `no COPY of the runtime stage brings ${word}`);
  return t;
}

/** The trace's origin, asserted to be of that kind. */
function origin<K extends Origin['kind']>(t: Trace, kind: K): Extract<Origin, { kind: K }> {
  const o = t.origin;
  assert.is(o.kind, kind, `origin is ${o.kind}${'why' in o ? ` (${o.why})` : ''}, expected ${kind}`);
  return o as Extract<Origin, { kind: K }>;
}

/** The build step that wrote the program. */
function built(text: string, word: string, tool: 'go' | 'cargo' = 'go'): Step {
  const o = origin(trace(text, word), 'build');
  assert.is(o.tool, tool);
  return o.step;
}

const env = (st: Step) => Object.fromEntries(st.env);
const line = (st: Step) => st.instr.line + 1;

/** The steps of the first stage of a file. */
function steps(text: string, index = 0): Step[] {
  const doc = parseDocument(text);
  const stage = doc.stages[index];
  assert.ok(stage);
  return stageSteps(doc, stage);
}

/** The one step whose words contain `needle`. */
function stepWith(all: Step[], needle: string): Step {
  const hits = all.filter((s) => s.words.join(' ').includes(needle));
  assert.is(hits.length, 1, `steps with ${needle}: ${all.map((s) => s.words.join(' ')).join(' | ')}`);
  return hits[0] as Step;
}

// ---------------------------------------------------------------------------------------------------------------
// Through COPY --from

test('a binary copied through an export stage (FROM scratch AS bin) is traced to its go build', () => {
  const t = trace(
    [
      'FROM golang:1.24 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/api ./cmd/api',
      'FROM scratch AS bin',
      'COPY --from=build /out/api /api',
      `FROM gcr.io/distroless/static-debian13`,
      'COPY --from=bin /api /usr/local/bin/api',
      'ENTRYPOINT ["/usr/local/bin/api"]',
    ].join('\n'),
    '/usr/local/bin/api',
  );
  assert.is(t.path, '/usr/local/bin/api');
  assert.is(t.copy.instr.line + 1, 8, "the runtime stage's COPY");
  assert.is(t.stage?.name, 'build', 'the stage that built it, past the export stage');
  assert.is(t.sourcePath, '/out/api');
  const st = origin(t, 'build').step;
  assert.equal(st.words, ['go', 'build', '-o', '/out/api', './cmd/api']);
  assert.is(line(st), 4);
  assert.is(st.cwd, '/src');
});

test('locateProgram follows the same COPY --from chain to the stage that produced the file', () => {
  const { doc, stage } = lastStage(
    'FROM golang:1.24 AS build\nRUN go build -o /out/api .\nFROM scratch AS bin\nCOPY --from=build /out/api /api\nFROM scratch\nCOPY --from=bin /api /api\n',
  );
  const found = locateProgram(doc, stageFacts(doc, stage), '/api');
  assert.ok(found);
  assert.is(found.path, '/api');
  assert.is(found.origin?.name, 'build');
  assert.is(locateProgram(doc, stageFacts(doc, stage), '/nothing'), null);
});

test('COPY --from a stage index and a stage named in another case', () => {
  const st = built('FROM golang:1.24\nRUN go build -o /out/a .\nFROM scratch\nCOPY --from=0 /out/a /a\n', '/a');
  assert.is(line(st), 2);
  built('FROM golang:1.24 AS Build\nRUN go build -o /out/a .\nFROM scratch\nCOPY --from=build /out/a /a\n', '/a');
});

// ---------------------------------------------------------------------------------------------------------------
// The environment of the one command

const TWO =
  'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/a ./a && go build -o /out/b ./b\nFROM scratch\nCOPY --from=build /out/a /a\nCOPY --from=build /out/b /b\nENTRYPOINT ["/b"]\n';

test('CGO_ENABLED=0 go build -o a && go build -o b: the inline assignment is for a only', () => {
  const a = built(TWO, '/a');
  assert.is(env(a).CGO_ENABLED, '0');
  assert.is(a.envLines.get('CGO_ENABLED'), 4);
  const b = built(TWO, '/b');
  assert.is(env(b).CGO_ENABLED, undefined);
  assert.equal(b.words, ['go', 'build', '-o', '/out/b', './b']);
  assert.is.not(a, b, 'two commands, two steps');
});

test('env CGO_ENABLED=0 go build: the assignment is for that command only', () => {
  const all = steps('FROM golang:1.24\nRUN env CGO_ENABLED=0 go build -o /a ./a && go build -o /b ./b\n');
  assert.is(env(stepWith(all, '/a')).CGO_ENABLED, '0');
  assert.is(env(stepWith(all, '/b')).CGO_ENABLED, undefined);
});

test('export CGO_ENABLED=0 && go build: export applies to the later commands of the RUN, not to the next RUN', () => {
  const st = built(
    'FROM golang:1.24 AS build\nWORKDIR /src\nRUN export CGO_ENABLED=0 && go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    '/app',
  );
  assert.is(env(st).CGO_ENABLED, '0');
  assert.equal(st.words, ['go', 'build', '-o', '/out/app', '.']);
  const all = steps('FROM golang:1.24\nRUN export CGO_ENABLED=0\nRUN go build -o /x .\n');
  assert.is(env(stepWith(all, '/x')).CGO_ENABLED, undefined);
});

// BUG: a plain assignment (`CGO_ENABLED=0 && go build`, a common mistake) sets a shell variable that is not
// exported, so go build does not see it: cgo stays on. stageSteps puts it into the build's environment, and
// rewrite() sends such a Go build on golang:1.24 (Debian, gcc present) to scratch.
test('CGO_ENABLED=0 && go build: an unexported shell variable is not in the environment of go build', () => {
  const all = steps('FROM golang:1.24\nRUN CGO_ENABLED=0 && go build -o /out/app .\n');
  assert.is(env(stepWith(all, 'go build')).CGO_ENABLED, undefined);
});

test('assigning a variable ENV already exported changes what the following commands see', () => {
  const all = steps('FROM golang:1.24\nENV CGO_ENABLED=1\nRUN CGO_ENABLED=0 && go build -o /out/app .\n');
  assert.is(env(stepWith(all, 'go build')).CGO_ENABLED, '0');
  const unset = steps('FROM golang:1.24\nENV CGO_ENABLED=0\nRUN unset CGO_ENABLED && go build -o /out/app .\n');
  assert.is(env(stepWith(unset, 'go build')).CGO_ENABLED, undefined);
});

test('ENV and ARG defaults are in force from their line on', () => {
  const text =
    'FROM golang:1.24 AS build\nWORKDIR /src\nRUN go build -o /out/a ./a\nENV CGO_ENABLED=0\nARG GOFLAGS=-buildmode=pie\nRUN go build -o /out/b ./b\nFROM scratch\nCOPY --from=build /out/a /a\nCOPY --from=build /out/b /b\n';
  const a = built(text, '/a');
  assert.equal(env(a), {});
  const b = built(text, '/b');
  assert.equal(env(b), { CGO_ENABLED: '0', GOFLAGS: '-buildmode=pie' });
  assert.is(b.envLines.get('CGO_ENABLED'), 4);
  assert.is(b.envLines.get('GOFLAGS'), 5);
});

test('ARG: a global default applies only where the stage declares the ARG; ENV wins over ARG', () => {
  const undeclared = steps('ARG CGO_ENABLED=0\nFROM golang:1.24\nRUN go build -o /a .\n');
  assert.is(env(stepWith(undeclared, 'go build')).CGO_ENABLED, undefined);
  const declared = steps('ARG CGO_ENABLED=0\nFROM golang:1.24\nARG CGO_ENABLED\nRUN go build -o /a .\n');
  assert.is(env(stepWith(declared, 'go build')).CGO_ENABLED, '0');
  const envFirst = steps('FROM golang:1.24\nENV CGO_ENABLED=1\nARG CGO_ENABLED=0\nRUN go build -o /a .\n');
  assert.is(env(stepWith(envFirst, 'go build')).CGO_ENABLED, '1');
  // BuildKit: an ARG declared in a stage is inherited by the stages built FROM it.
  const child = steps('FROM golang:1.24 AS base\nARG CGO_ENABLED=0\nFROM base AS build\nRUN go build -o /a .\n', 1);
  assert.is(env(stepWith(child, 'go build')).CGO_ENABLED, '0');
});

// BUG: an ARG declared again with another default takes the new default (BuildKit keeps the last declaration);
// stageSteps only sets an ARG's value when the name is not yet in its environment, which the first ARG already
// filled, so the second build still sees CGO_ENABLED=1.
test('ARG redeclared with a new default: the later default is in force from its line on', () => {
  const all = steps(
    'FROM golang:1.24\nARG CGO_ENABLED=1\nRUN go build -o /a .\nARG CGO_ENABLED=0\nRUN go build -o /b .\n',
  );
  assert.is(env(stepWith(all, '/a')).CGO_ENABLED, '1');
  assert.is(env(stepWith(all, '/b')).CGO_ENABLED, '0');
});

// BUG: like effectiveConfig, stageSteps expands the values of one ENV instruction with the pairs before it in the
// same instruction; Docker uses the environment from before the instruction (X is "1" here).
test('one ENV instruction expands its values with the environment before it', () => {
  const all = steps('FROM golang:1.24\nENV CGO_ENABLED=1\nENV CGO_ENABLED=0 X=$CGO_ENABLED\nRUN go build -o /a .\n');
  assert.equal(env(stepWith(all, 'go build')), { CGO_ENABLED: '0', X: '1' });
});

test('go env -w CGO_ENABLED=0 in an earlier RUN persists for later builds of the stage', () => {
  const st = built(
    'FROM golang:1.24 AS build\nRUN go env -w CGO_ENABLED=0\nWORKDIR /src\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    '/app',
  );
  assert.is(env(st).CGO_ENABLED, '0');
  assert.is(st.envLines.get('CGO_ENABLED'), 2);
  // An inline assignment still wins for its command.
  const inline = steps('FROM golang:1.24\nRUN go env -w CGO_ENABLED=0\nRUN CGO_ENABLED=1 go build -o /a .\n');
  assert.is(env(stepWith(inline, 'go build')).CGO_ENABLED, '1');
});

// BUG: `go env -w` does not override a variable set in the OS environment (go warns "does not override
// conflicting OS environment variable"), and ENV puts CGO_ENABLED=1 there; stageSteps lets go env -w replace it.
test('go env -w does not override a variable ENV sets', () => {
  const all = steps('FROM golang:1.24\nENV CGO_ENABLED=1\nRUN go env -w CGO_ENABLED=0\nRUN go build -o /a .\n');
  assert.is(env(stepWith(all, 'go build')).CGO_ENABLED, '1');
});

test('RUN --mount flags are not part of the command', () => {
  const all = steps(
    'FROM golang:1.24\nRUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/app .\n',
  );
  const st = stepWith(all, 'go build');
  assert.equal(st.words, ['CGO_ENABLED=0', 'go', 'build', '-o', '/out/app', '.']);
  assert.is(env(st).CGO_ENABLED, '0');
});

// ---------------------------------------------------------------------------------------------------------------
// Where the command writes

test('cd dir && go build -o bin/x .: the output is relative to the directory cd went to', () => {
  const st = built(
    'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN cd cmd/server && go build -o bin/server .\nFROM scratch\nCOPY --from=build /src/cmd/server/bin/server /server\n',
    '/server',
  );
  assert.is(st.cwd, '/src/cmd/server');
  // cd does not outlive its RUN.
  const all = steps('FROM golang:1.24\nWORKDIR /src\nRUN cd cmd\nRUN go build -o x .\n');
  assert.is(stepWith(all, 'go build').cwd, '/src');
});

test('WORKDIR with a variable sets the directory of the later commands', () => {
  const all = steps('FROM golang:1.24\nENV SRC=/go/src/app\nWORKDIR $SRC\nRUN go build -o x .\n');
  assert.is(stepWith(all, 'go build').cwd, '/go/src/app');
});

test('go build without -o writes into the working directory, named after the package', () => {
  const text = (copied: string) =>
    `FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN go build ./cmd/server\nFROM scratch\nCOPY --from=build ${copied} /server\n`;
  built(text('/src/server'), '/server');
  origin(trace(text('/server'), '/server'), 'base');
  // Another name in the working directory is not this build's output: COPY . . brought whatever is there.
  origin(trace(text('/src/client'), '/server'), 'context');
});

test('go install ./cmd/x writes /go/bin/x (or $GOBIN/x)', () => {
  const st = built(
    'FROM golang:1.24 AS build\nWORKDIR /src\nRUN go install ./cmd/x\nFROM scratch\nCOPY --from=build /go/bin/x /x\n',
    '/x',
  );
  assert.equal(st.words, ['go', 'install', './cmd/x']);
  built(
    'FROM golang:1.24 AS build\nENV GOBIN=/out\nRUN go install ./cmd/x\nFROM scratch\nCOPY --from=build /out/x /x\n',
    '/x',
  );
  built(
    'FROM golang:1.24 AS build\nRUN go install github.com/example/tool/cmd/baz@v1.2.3\nFROM scratch\nCOPY --from=build /go/bin/baz /baz\n',
    '/baz',
  );
  // Another name in /go/bin is not what go install ./cmd/x wrote.
  origin(
    trace('FROM golang:1.24 AS build\nRUN go install ./cmd/x\nFROM scratch\nCOPY --from=build /go/bin/y /y\n', '/y'),
    'base',
  );
});

test('xx-go build is a go build', () => {
  built(
    'FROM golang:1.24 AS build\nRUN xx-go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    '/app',
  );
});

test('cargo build --release --target $T: the global ARG default resolves the target directory', () => {
  const t = trace(
    [
      'ARG T=x86_64-unknown-linux-musl',
      'FROM rust:1.85 AS build',
      'ARG T',
      'WORKDIR /src',
      'COPY . .',
      'RUN cargo build --release --target $T',
      'FROM scratch',
      'COPY --from=build /src/target/x86_64-unknown-linux-musl/release/app /app',
    ].join('\n'),
    '/app',
  );
  const st = origin(t, 'build').step;
  assert.is(origin(t, 'build').tool, 'cargo');
  assert.equal(st.words, ['cargo', 'build', '--release', '--target', 'x86_64-unknown-linux-musl']);
  assert.is(st.unresolved, false);
  assert.is(t.sourcePath, '/src/target/x86_64-unknown-linux-musl/release/app');
});

test('cargo build + cp target/release/app /usr/local/bin/: traced through the cp to the cargo build', () => {
  const st = built(
    'FROM rust:1.85 AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release && cp target/release/app /usr/local/bin/\nFROM debian:12-slim\nCOPY --from=build /usr/local/bin/app /usr/local/bin/app\nCMD ["app"]\n',
    'app',
    'cargo',
  );
  assert.equal(st.words, ['cargo', 'build', '--release']);
  assert.is(st.cwd, '/src');
  // mv and install -m move a build output the same way.
  built(
    'FROM golang:1.24 AS build\nWORKDIR /src\nRUN go build -o server . && mv server /usr/local/bin/server\nFROM scratch\nCOPY --from=build /usr/local/bin/server /server\n',
    '/server',
  );
  built(
    'FROM rust:1.85 AS build\nWORKDIR /src\nRUN cargo build --release && install -m 755 target/release/app /usr/local/bin/app\nFROM scratch\nCOPY --from=build /usr/local/bin/app /app\n',
    '/app',
    'cargo',
  );
});

// BUG: Trace.sourcePath is documented as "the path in the stage the origin names", but after a cp/mv it is the
// destination of the cp, not the path the build wrote. transforms/rust.ts reads the target triple from
// sourcePath (target/<triple>/release/app) when --target is not on the command line (.cargo/config.toml), so
// the triple is lost here.
test('sourcePath after a cp is the path the build wrote', () => {
  const t = trace(
    'FROM rust:1.85 AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release && cp target/x86_64-unknown-linux-musl/release/app /usr/local/bin/\nFROM scratch\nCOPY --from=build /usr/local/bin/app /app\n',
    '/app',
  );
  assert.is(t.sourcePath, '/src/target/x86_64-unknown-linux-musl/release/app');
});

test('a RUN heredoc is read as a shell script: cd, export and the build of its lines', () => {
  const st = built(
    'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN <<EOF\nset -e\ncd cmd/api\nexport CGO_ENABLED=0\ngo build -o /out/app .\nEOF\nFROM scratch\nCOPY --from=build /out/app /app\n',
    '/app',
  );
  assert.is(st.cwd, '/src/cmd/api');
  assert.is(env(st).CGO_ENABLED, '0');
  assert.is(line(st), 4);
});

// BUG: an exec-form RUN (`RUN ["go", "build", ...]`) is skipped by stageSteps and not seen as a build by the
// untraced fallback, so the binary is taken for a file of the golang image (origin `base`); rewrite() then
// refuses with "CMD runs /server, which no command of stage build writes (it comes with that stage's image)".
test('an exec-form RUN go build is the build that wrote the binary', () => {
  built(
    'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN ["go", "build", "-o", "/out/app", "."]\nFROM scratch\nCOPY --from=build /out/app /app\n',
    '/app',
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Not the stage's build output, or not traceable

test('a script from the source tree (COPY . . in the builder) has origin context', () => {
  const t = trace(
    'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /src/scripts/start /usr/local/bin/start\nENTRYPOINT ["/usr/local/bin/start"]\n',
    '/usr/local/bin/start',
  );
  const o = origin(t, 'context');
  assert.is(o.stage?.name, 'build');
  assert.is(o.copy.instr.line + 1, 3, 'the COPY . . that brought it into the builder');
  assert.is(t.sourcePath, '/scripts/start', 'its path in the build context');
  // Copied straight from the context into the runtime stage.
  const direct = origin(trace('FROM scratch\nCOPY bin/app /app\n', '/app'), 'context');
  assert.is(direct.stage, null);
});

test('a binary apk installs in the builder (tini) has origin package', () => {
  const o = origin(
    trace(
      'FROM golang:1.24-alpine AS build\nRUN apk add --no-cache tini\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /sbin/tini /sbin/tini\n',
      '/sbin/tini',
    ),
    'package',
  );
  assert.is(o.manager, 'apk');
  assert.is(o.pkg, 'tini');
  assert.is(line(o.step), 2);
  const apt = origin(
    trace(
      'FROM golang:1.24 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends tini\nFROM scratch\nCOPY --from=build /usr/bin/tini-static /tini\n',
      '/tini',
    ),
    'package',
  );
  assert.is(apt.manager, 'apt');
});

test('a file copied from an external image has origin image', () => {
  const o = origin(trace('FROM scratch\nCOPY --from=alpine:3.20 /bin/busybox /bin/busybox\n', '/bin/busybox'), 'image');
  assert.is(o.ref, 'alpine:3.20');
});

test('RUN make build is untraced, naming the line', () => {
  const o = origin(
    trace(
      'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN make build\nFROM scratch\nCOPY --from=build /src/bin/app /app\n',
      '/app',
    ),
    'untraced',
  );
  assert.is(o.instr.line + 1, 4);
  assert.match(o.why, 'line 4');
  origin(
    trace('FROM golang:1.24 AS build\nRUN ./build.sh\nFROM scratch\nCOPY --from=build /out/app /app\n', '/app'),
    'untraced',
  );
});

test('a build in a loop is untraced', () => {
  const o = origin(
    trace(
      'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN for d in a b; do go build -o /out/$d ./cmd/$d; done\nFROM scratch\nCOPY --from=build /out/a /a\n',
      '/a',
    ),
    'untraced',
  );
  assert.match(o.why, 'loop');
});

test('a build whose output path is a variable with no value is untraced', () => {
  const o = origin(
    trace(
      'FROM golang:1.24 AS build\nARG NAME\nRUN go build -o /out/$NAME .\nFROM scratch\nCOPY --from=build /out/app /app\n',
      '/app',
    ),
    'untraced',
  );
  assert.match(o.why, 'variable');
});

test('a downloaded file is untraced', () => {
  origin(
    trace(
      'FROM golang:1.24 AS build\nRUN curl -fsSL -o /out/app https://example.com/app\nFROM scratch\nCOPY --from=build /out/app /app\n',
      '/app',
    ),
    'untraced',
  );
});

test('a file nothing in the stage writes came with its base image', () => {
  const t = trace(
    'FROM golang:1.24 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /usr/bin/env /env\n',
    '/env',
  );
  const o = origin(t, 'base');
  assert.is(o.stage.name, 'build');
  assert.is(t.sourcePath, '/usr/bin/env');
});

test('a file written in a parent stage is traced through FROM parent AS child', () => {
  const st = built(
    'FROM golang:1.24 AS deps\nWORKDIR /src\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM deps AS build\nRUN echo done\nFROM scratch\nCOPY --from=build /out/app /app\n',
    '/app',
  );
  assert.is(env(st).CGO_ENABLED, '0');
  assert.is(st.stage.name, 'deps');
});

test('several sources into one directory, none named like the program: untraced', () => {
  origin(
    trace(
      'FROM golang:1.24 AS build\nRUN go build -o /out/ ./...\nFROM scratch\nCOPY --from=build /out/ /etc/x /bin/\n',
      '/bin/a',
    ),
    'untraced',
  );
  // One of them named like it: that one.
  built(
    'FROM golang:1.24 AS build\nRUN go build -o /out/a ./a\nFROM scratch\nCOPY --from=build /out/a /out/b /bin/\n',
    '/bin/a',
  );
});

test('no COPY brings the program: no trace', () => {
  const { doc, stage } = lastStage(
    'FROM golang:1.24 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
  );
  assert.is(traceProgram(doc, stageFacts(doc, stage), '/other'), null);
  assert.is(traceProgram(doc, stageFacts(doc, stage), 'other'), null);
});

// ---------------------------------------------------------------------------------------------------------------
// buildSteps

test('buildSteps lists each go and cargo build of a stage chain, in order', () => {
  const doc = parseDocument(
    'FROM golang:1.24 AS build\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /a ./a && go vet ./... && go install ./cmd/b\nRUN cargo +nightly build --release\n',
  );
  const found = buildSteps(doc, doc.stages[0] as Stage);
  assert.equal(
    found.map((b) => [b.tool, b.step.words.join(' ')]),
    [
      ['go', 'CGO_ENABLED=0 go build -o /a ./a'],
      ['go', 'go install ./cmd/b'],
      ['cargo', 'cargo +nightly build --release'],
    ],
  );
});

// ---------------------------------------------------------------------------------------------------------------
// findProgramCopy and sourcePath

function copies(text: string) {
  const { doc, stage } = lastStage(text);
  return stageFacts(doc, stage);
}

test('findProgramCopy: a bare name with a directory copied into /usr/local/bin/', () => {
  const facts = copies(
    'FROM golang:1.24 AS build\nRUN go build -o /out/bin/ ./cmd/...\nFROM scratch\nCOPY --from=build /out/bin/ /usr/local/bin/\n',
  );
  const hit = findProgramCopy(facts, 'server');
  assert.ok(hit);
  assert.is(hit.path, '/usr/local/bin/server');
  assert.is(hit.copy.instr.line + 1, 4);
  const t = trace(
    'FROM golang:1.24 AS build\nRUN go build -o /out/bin/ ./cmd/...\nFROM scratch\nCOPY --from=build /out/bin/ /usr/local/bin/\n',
    'server',
  );
  assert.is(t.sourcePath, '/out/bin/server');
  origin(t, 'build');
});

test('findProgramCopy: bare names on PATH, absolute and relative paths, the last COPY wins', () => {
  const facts = copies(
    [
      'FROM scratch',
      'COPY --from=build /out/a /usr/local/bin/a',
      'COPY --from=build /out/b /usr/bin/',
      'COPY --from=build /out/c /opt/c',
      'WORKDIR /srv',
      'COPY --from=build /out/d ./',
      'COPY --from=build /out/web /srv/web',
      'COPY --from=other /out/a /usr/local/bin/a',
    ].join('\n'),
  );
  const at = (w: string) => {
    const hit = findProgramCopy(facts, w);
    return hit ? [hit.path, hit.copy.instr.line + 1] : null;
  };
  assert.equal(at('a'), ['/usr/local/bin/a', 8], 'the later COPY to the same path');
  assert.equal(at('b'), ['/usr/bin/b', 3]);
  assert.is(at('c'), null, '/opt is not on PATH');
  assert.equal(at('/opt/c'), ['/opt/c', 4]);
  assert.equal(at('./d'), ['/srv/d', 6]);
  assert.equal(at('web/bin/start'), ['/srv/web/bin/start', 7], 'a path below a copied directory');
  assert.is(at('/usr/local/bin/zz'), null);
});

function copyOf(text: string, index = 0): CopyInfo {
  const c = copies(text).copies[index];
  assert.ok(c);
  return c;
}

test('sourcePath: file copies', () => {
  assert.is(
    sourcePath(copyOf('FROM scratch\nCOPY --from=b /out/app /usr/local/bin/app\n'), '/usr/local/bin/app'),
    '/out/app',
  );
  assert.is(
    sourcePath(copyOf('FROM scratch\nCOPY --from=b /out/app /usr/local/bin/\n'), '/usr/local/bin/app'),
    '/out/app',
  );
  assert.is(sourcePath(copyOf('FROM scratch\nCOPY --from=b /out/a /out/b /bin/\n'), '/bin/b'), '/out/b');
  assert.is(sourcePath(copyOf('FROM scratch\nCOPY --from=b ["/out/my app", "/app"]\n'), '/app'), '/out/my app');
});

test('sourcePath: directory copies', () => {
  assert.is(
    sourcePath(copyOf('FROM scratch\nCOPY --from=b /out/ /usr/local/bin/\n'), '/usr/local/bin/server'),
    '/out/server',
  );
  assert.is(
    sourcePath(copyOf('FROM scratch\nCOPY --from=b /opt/jre /opt/jre\n'), '/opt/jre/bin/java'),
    '/opt/jre/bin/java',
  );
  assert.is(
    sourcePath(copyOf('FROM scratch\nCOPY --from=b /build/dist /app\n'), '/app/bin/server'),
    '/build/dist/bin/server',
  );
  assert.is(sourcePath(copyOf('FROM scratch\nWORKDIR /src\nCOPY . .\n'), '/src/scripts/start'), '/scripts/start');
  // A glob, or several sources none named like the file: cannot be told.
  assert.is(sourcePath(copyOf('FROM scratch\nCOPY --from=b /out/* /bin/\n'), '/bin/app'), null);
  assert.is(sourcePath(copyOf('FROM scratch\nCOPY --from=b /out/ /etc/x /bin/\n'), '/bin/app'), null);
});

test.run();
