/**
 * rust: a Rust binary built in a build stage. musl target or +crt-static → scratch (or distroless static);
 * the default gnu target → distroless cc; musl with -crt-static (dynamic musl) → refuse.
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

const MUSL_IMAGES = new Set(['muslrust', 'rust-musl-cross', 'rust-musl-builder']);

const rust: RuntimeModule = {
  runtime: 'rust',
  summary: 'Rust binaries: musl or +crt-static → scratch (or distroless static), gnu → distroless cc',
  plan({ doc, options, builderFacts, buildRun }): PlanOutcome {
    if (!builderFacts) return { ok: false, rule: 'stage/single-stage', line: 0, message: 'no build stage found' };
    const vars = builderVars(doc, builderFacts);
    const runLine = buildRun ? buildRun.line + 1 : 0;
    const root = builderFacts.chain[0]?.rootRef ?? null;
    const image = root?.raw ?? 'the builder image';
    const libc = builderLibc(root);
    const flags = inlineVar(buildRun, 'RUSTFLAGS') ?? vars.get('RUSTFLAGS')?.value ?? '';
    const crt = /target-feature=\+crt-static/.test(flags)
      ? 'static'
      : /target-feature=-crt-static/.test(flags)
        ? 'dynamic'
        : null;
    const targetArg = buildRun ? /--target[=\s]+["']?([^\s"';&|]+)/.exec(buildRun.args)?.[1] : undefined;
    const triple = targetArg ?? vars.get('CARGO_BUILD_TARGET')?.value ?? null;
    const muslBuilder = MUSL_IMAGES.has(root?.name ?? '') || libc?.libc === 'musl';
    const musl = muslBuilder || (triple?.includes('musl') ?? false);
    const target = staticTarget(options);
    if (musl) {
      const because = triple?.includes('musl')
        ? `the musl target ${triple} (line ${runLine})`
        : `the musl builder ${image}`;
      if (crt === 'dynamic') {
        return {
          ok: false,
          rule: 'rust/musl-dynamic',
          line: runLine,
          message: `${because} is built with -crt-static, a dynamically linked musl binary; no minimal image has musl's loader. Drop -C target-feature=-crt-static to link statically`,
        };
      }
      return {
        ok: true,
        target,
        rule: 'rust/musl-static',
        line: runLine,
        why: `${because} links musl statically, so the binary needs no libc`,
      };
    }
    if (triple?.includes('$')) {
      return {
        ok: false,
        rule: 'rust/gnu',
        line: runLine,
        message: `cannot tell the Rust target: --target ${triple} is a variable. Name the target, or build on a musl builder`,
      };
    }
    if (crt === 'static') {
      return {
        ok: true,
        target,
        rule: 'rust/musl-static',
        line: runLine,
        why: `RUSTFLAGS +crt-static links glibc statically, so the binary needs no libc`,
      };
    }
    if (libc?.libc === 'glibc' && libc.version) {
      const linked = dynamicLinkCheck(
        builderFacts,
        'rust/gnu',
        'the gnu-target binary',
        'distroless cc',
        'Link them statically (or build for musl), or copy the libraries into the runtime stage yourself',
      );
      if (linked) return linked;
      return {
        ok: true,
        target: 'cc',
        rule: 'rust/gnu',
        line: runLine,
        why: `the default gnu target links glibc and libgcc_s dynamically: distroless cc has both (glibc ${libc.version} ≤ 2.41)`,
      };
    }
    return {
      ok: false,
      rule: 'rust/gnu',
      line: runLine,
      message: `cannot tell which C library the Rust binary links: the builder ${image} is not a known rust, Debian, Ubuntu or Alpine image`,
    };
  },
};

export default rust;
