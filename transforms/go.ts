/**
 * go: a Go binary built in a build stage, decided by the one `go build` that wrote it (RULES §2) and the
 * environment in force for that command. Static (CGO_ENABLED=0, -extldflags -static, or an Alpine builder with no
 * C compiler and Go ≥ 1.20) → scratch or distroless static; cgo or -buildmode=pie on a Debian builder → distroless
 * base; cgo, pie or an old Go on Alpine → refuse (musl). A build that cannot be traced takes the safer target.
 * --family dhi: musl-linked builds → dhi.io/static's musl variant, glibc-linked ones refused (no base/cc image);
 * --family chainguard: glibc-linked → cgr.dev/chainguard/glibc-dynamic, musl refused.
 */
import { builderLibc, CHAINGUARD_IMAGES, versionLE } from '../src/catalog.js';
import { commandWords } from '../src/provenance.js';
import {
  dynamicLinkCheck,
  familyOf,
  muslTarget,
  type PlanOutcome,
  type RuntimeModule,
  staticTarget,
} from '../src/runtime.js';

const C_COMPILER = /\b(?:apk|xx-apk)\b[^;&|]*\badd\b[^;&|]*\s(?:gcc|build-base|clang|g\+\+|musl-gcc)(?:[\s=;&|]|$)/;
const STATIC_LDFLAGS = /extldflags[\s='"\\]*-static\b/;

/** The value of a `go build` flag: `-name value` or `-name=value`. */
function flagValue(words: string[], name: string): string | null {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === `-${name}` || w === `--${name}`) return words[i + 1] ?? null;
    if (w.startsWith(`-${name}=`) || w.startsWith(`--${name}=`)) return w.slice(w.indexOf('=') + 1);
  }
  return null;
}

/** The Go version of a `golang:1.19-alpine` tag, when it names one. */
function goVersion(tag: string | null): string | null {
  return /^(\d+\.\d+)/.exec(tag ?? '')?.[1] ?? null;
}

const go: RuntimeModule = {
  runtime: 'go',
  summary: 'Go binaries: static → scratch (or distroless static), cgo or pie → distroless base, musl-linked → refuse',
  plan({ options, builderFacts, build, untraced }): PlanOutcome {
    if (!builderFacts) return { ok: false, rule: 'stage/single-stage', line: 0, message: 'no build stage found' };
    const root = builderFacts.chain[0]?.rootRef ?? null;
    const image = root?.raw ?? 'the builder image';
    const libc = builderLibc(root);
    const family = familyOf(options);
    const target = staticTarget(options, root);
    const linked = (why: string, line: number): PlanOutcome => {
      if (family === 'dhi') {
        return {
          ok: false,
          rule: 'go/cgo',
          line,
          hint: true,
          message: `${why}: the binary needs glibc's loader and whatever C libraries its cgo code links, and DHI has no image like distroless base (libc6 with libssl and zlib): dhi.io/static's glibc variant adds only libc6, and the Dockerfile does not show which other libraries the binary needs (RULES §3 refuses cgo under DHI). Build with CGO_ENABLED=0 for scratch or dhi.io/static`,
        };
      }
      if (family === 'chainguard') {
        const image = CHAINGUARD_IMAGES.glibcDynamic;
        return (
          dynamicLinkCheck(
            builderFacts,
            'go/cgo',
            'the binary',
            image.ref,
            'Build with CGO_ENABLED=0, or link those libraries statically',
            image.glibc,
          ) ?? {
            ok: true,
            target: image,
            rule: 'go/cgo',
            line,
            why: `${why}, so the binary needs glibc: ${image.ref} has glibc ${image.glibc} (≥ the builder's ${libc?.version ?? ''})`,
          }
        );
      }
      return (
        dynamicLinkCheck(
          builderFacts,
          'go/cgo',
          'the binary',
          'distroless base',
          'Build with CGO_ENABLED=0, or link those libraries statically',
        ) ?? {
          ok: true,
          target: 'base',
          rule: 'go/cgo',
          line,
          why: `${why}, so the binary needs distroless base (glibc ${libc?.version ?? '≤ 2.41'} ≤ 2.41)`,
        }
      );
    };
    // A binary linked against musl dynamically: DHI's static image with musl, when the builder links nothing else.
    const musl = (refusal: { rule: string; line: number; message: string }, why: string): PlanOutcome =>
      muslTarget(family, builderFacts, refusal, why, 'no distroless image');

    if (!build) {
      const line = untraced ? untraced.line : 0;
      const why = untraced?.why ?? 'minbase cannot tell which command built the program';
      if (libc?.libc === 'glibc' && libc.version) {
        return linked(`${why}; whether cgo is on cannot be known, and on ${image} it is on by default`, line);
      }
      const refusal = {
        rule: 'go/cgo',
        line,
        message: `${why}; on ${image} minbase cannot tell whether the binary is static. Build it with a plain \`CGO_ENABLED=0 go build -o PATH\` in the Dockerfile`,
      };
      if (libc?.libc === 'musl') return musl(refusal, `${why}; static or linked against musl, on ${image}`);
      return { ok: false, ...refusal };
    }

    const runLine = build.instr.line + 1;
    const words = commandWords(build);
    const cgo = build.env.get('CGO_ENABLED') ?? null;
    const cgoLine = build.envLines.get('CGO_ENABLED') ?? runLine;
    const goflags = build.env.get('GOFLAGS') ?? '';
    const buildmode = flagValue(words, 'buildmode') ?? /(?:^|\s)-buildmode=(\S+)/.exec(goflags)?.[1] ?? null;
    const ldflags = `${flagValue(words, 'ldflags') ?? ''} ${/(?:^|\s)-ldflags=(\S+)/.exec(goflags)?.[1] ?? ''}`;
    const before = builderFacts.instrs.filter((i) => i.line <= build.instr.line);
    const compilerRun = before.find((i) => i.keyword === 'RUN' && C_COMPILER.test(i.args));
    const version = root?.name === 'golang' ? goVersion(root.tag) : null;

    if (buildmode === 'pie') {
      const where =
        flagValue(words, 'buildmode') !== null
          ? `line ${runLine}`
          : `GOFLAGS (line ${build.envLines.get('GOFLAGS') ?? runLine})`;
      if (libc?.libc === 'musl') {
        return musl(
          {
            rule: 'go/pie',
            line: runLine,
            message: `-buildmode=pie (${where}) links musl's dynamic loader even with CGO_ENABLED=0, and no distroless image has it. Drop -buildmode=pie, or build on a Debian golang image`,
          },
          `-buildmode=pie (${where}) on ${image}`,
        );
      }
      if (libc?.libc === 'glibc' && libc.version) {
        return linked(
          `-buildmode=pie (${where}) makes a position-independent executable that needs the dynamic loader even with CGO_ENABLED=0`,
          runLine,
        );
      }
    }
    if (cgo === '0') {
      return {
        ok: true,
        target,
        rule: 'go/static',
        line: cgoLine,
        why: `CGO_ENABLED=0 (line ${cgoLine}) builds a static binary, which needs no libc`,
      };
    }
    if (STATIC_LDFLAGS.test(ldflags)) {
      return {
        ok: true,
        target,
        rule: 'go/static',
        line: runLine,
        why: `-extldflags "-static" (line ${runLine}) links the binary statically`,
      };
    }
    if (libc?.libc === 'musl') {
      if (cgo === '1' || compilerRun) {
        const at = compilerRun ? compilerRun.line + 1 : cgoLine;
        return musl(
          {
            rule: 'go/cgo',
            line: at,
            message: `cgo is on in an Alpine builder (${image}${compilerRun ? `, line ${at} installs a C compiler` : ''}): the binary links musl, and no distroless image has musl's loader. Build with CGO_ENABLED=0, or build on a Debian golang image`,
          },
          `cgo is on in the Alpine builder ${image}${compilerRun ? ` (line ${at} installs a C compiler)` : ''}`,
        );
      }
      if (version !== null && !versionLE('1.20', version)) {
        return musl(
          {
            rule: 'go/cgo',
            line: (builderFacts.chain[0]?.from.instr.line ?? 0) + 1,
            message: `Go ${version} on Alpine (${image}) links the net and os/user packages against musl unless CGO_ENABLED=0 (Go disables cgo without a C compiler only from 1.20): build with CGO_ENABLED=0, or use Go 1.20 or newer`,
          },
          `Go ${version} on Alpine (${image}) links the net and os/user packages against musl`,
        );
      }
      return {
        ok: true,
        target,
        rule: 'go/static',
        line: runLine,
        why: `${image} has no C compiler, so cgo is off and the binary is static`,
      };
    }
    if (libc?.libc === 'glibc' && libc.version) {
      const because =
        cgo === '1'
          ? `CGO_ENABLED=1 (line ${cgoLine})`
          : `${image} has gcc and nothing sets CGO_ENABLED=0 for the command that builds it (line ${runLine})`;
      return linked(`${because}: cgo links glibc dynamically`, runLine);
    }
    return {
      ok: false,
      rule: 'go/cgo',
      line: runLine,
      message: `cannot tell whether the Go binary is static: the builder ${image} is not a known golang, Debian, Ubuntu or Alpine image and nothing sets CGO_ENABLED=0. Set CGO_ENABLED=0 for a static build`,
    };
  },
};

export default go;
