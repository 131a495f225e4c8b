/**
 * go: a Go binary built in a build stage. Static (CGO_ENABLED=0, -extldflags -static, or an Alpine builder with no
 * C compiler) → scratch or distroless static; cgo on a Debian builder → distroless base; cgo on Alpine → refuse.
 */
import { builderLibc } from '../src/catalog.js';
import {
  builderVars,
  dynamicLinkCheck,
  inlineVar,
  type PlanOutcome,
  type RuntimeModule,
  staticTarget,
} from '../src/runtime.js';

const C_COMPILER = /\b(?:apk|xx-apk)\b[^;&|]*\badd\b[^;&|]*\s(?:gcc|build-base|clang|g\+\+|musl-gcc)(?:[\s=;&|]|$)/;
const STATIC_LDFLAGS = /extldflags[\s='"\\]*-static\b/;

const go: RuntimeModule = {
  runtime: 'go',
  summary: 'Go binaries: static → scratch (or distroless static), cgo → distroless base, cgo on musl → refuse',
  plan({ doc, options, builderFacts, buildRun }): PlanOutcome {
    if (!builderFacts) return { ok: false, rule: 'stage/single-stage', line: 0, message: 'no build stage found' };
    const vars = builderVars(doc, builderFacts);
    const runLine = buildRun ? buildRun.line + 1 : 0;
    const inline = inlineVar(buildRun, 'CGO_ENABLED');
    const fromEnv = vars.get('CGO_ENABLED');
    const cgo = inline ?? fromEnv?.value ?? null;
    const cgoLine = inline !== null ? runLine : (fromEnv?.line ?? 0);
    const root = builderFacts.chain[0]?.rootRef ?? null;
    const libc = builderLibc(root);
    const compilerRun = builderFacts.instrs.find((i) => i.keyword === 'RUN' && C_COMPILER.test(i.args));
    const target = staticTarget(options);
    if (cgo === '0') {
      return {
        ok: true,
        target,
        rule: 'go/static',
        line: cgoLine,
        why: `CGO_ENABLED=0 (line ${cgoLine}) builds a static binary, which needs no libc`,
      };
    }
    if (buildRun && STATIC_LDFLAGS.test(buildRun.args)) {
      return {
        ok: true,
        target,
        rule: 'go/static',
        line: runLine,
        why: `-extldflags "-static" (line ${runLine}) links the binary statically`,
      };
    }
    const image = root?.raw ?? 'the builder image';
    if (libc?.libc === 'musl') {
      if (cgo === '1' || compilerRun) {
        const at = compilerRun ? compilerRun.line + 1 : cgoLine;
        return {
          ok: false,
          rule: 'go/cgo',
          line: at,
          message: `cgo is on in an Alpine builder (${image}${compilerRun ? `, line ${at} installs a C compiler` : ''}): the binary links musl, and no distroless image has musl's loader. Build with CGO_ENABLED=0, or build on a Debian golang image`,
        };
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
      const linked = dynamicLinkCheck(
        builderFacts,
        'go/cgo',
        'the cgo binary',
        'distroless base',
        'Build with CGO_ENABLED=0, or link those libraries statically',
      );
      if (linked) return linked;
      const because =
        cgo === '1' ? `CGO_ENABLED=1 (line ${cgoLine})` : `${image} has gcc and nothing sets CGO_ENABLED=0`;
      return {
        ok: true,
        target: 'base',
        rule: 'go/cgo',
        line: runLine,
        why: `${because}: cgo links glibc dynamically, so the binary needs distroless base (glibc ${libc.version} ≤ 2.41)`,
      };
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
