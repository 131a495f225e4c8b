/**
 * rust: a Rust binary built in a build stage. musl target or +crt-static → scratch (or distroless static);
 * the default gnu target → distroless cc; musl with -crt-static (dynamic musl) → refuse. --family dhi: dynamic
 * musl on an Alpine builder → dhi.io/static's musl variant, gnu refused; --family chainguard: gnu → glibc-dynamic.
 */
import { builderLibc, CHAINGUARD_IMAGES } from '../src/catalog.js';
import { commandWords } from '../src/provenance.js';
import {
  dynamicLinkCheck,
  familyOf,
  muslTarget,
  type PlanOutcome,
  type RuntimeModule,
  staticTarget,
} from '../src/runtime.js';

const MUSL_IMAGES = new Set(['muslrust', 'rust-musl-cross', 'rust-musl-builder']);

function crtStatic(flags: string): 'static' | 'dynamic' | null {
  return /target-feature=\+crt-static/.test(flags)
    ? 'static'
    : /target-feature=-crt-static/.test(flags)
      ? 'dynamic'
      : null;
}

const rust: RuntimeModule = {
  runtime: 'rust',
  summary: 'Rust binaries: musl or +crt-static → scratch (or distroless static), gnu → distroless cc',
  plan({ options, builderFacts, build, untraced, trace }): PlanOutcome {
    if (!builderFacts) return { ok: false, rule: 'stage/single-stage', line: 0, message: 'no build stage found' };
    const root = builderFacts.chain[0]?.rootRef ?? null;
    const image = root?.raw ?? 'the builder image';
    const libc = builderLibc(root);
    const family = familyOf(options);
    // A binary linked against musl dynamically: DHI's static image with musl, on the builder's Alpine (RULES §3).
    const muslFit = (refusal: { rule: string; line: number; message: string }, why: string): PlanOutcome =>
      family === 'dhi' && libc?.libc !== 'musl'
        ? { ok: false, ...refusal, hint: true }
        : muslTarget(family, builderFacts, refusal, why, 'no minimal image');
    if (!build) {
      const line = untraced?.line ?? 0;
      return {
        ok: false,
        rule: 'rust/gnu',
        line,
        message: `${untraced?.why ?? 'minbase cannot tell which command built the program'}; without it minbase cannot tell the target or the C library the binary links. Build it with a plain \`cargo build --release [--target TRIPLE]\` in the Dockerfile`,
      };
    }
    const runLine = build.instr.line + 1;
    const words = commandWords(build);
    const flags = build.env.get('RUSTFLAGS') ?? '';
    const crt = crtStatic(flags);
    let targetArg: string | null = null;
    const offset = build.words.length - words.length;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const at = w === '--target' ? i + 1 : w.startsWith('--target=') ? i : -1;
      if (at < 0) continue;
      if (build.unresolvedAt.has(offset + at)) targetArg = '$';
      else targetArg = w === '--target' ? (words[i + 1] ?? null) : w.slice('--target='.length);
    }
    // The path the program is copied from names the triple too: target/<triple>/release/app.
    const fromPath = /\/target\/([\w.-]+-linux-[\w.-]+)\/[^/]+\/[^/]+$/.exec(trace?.sourcePath ?? '')?.[1] ?? null;
    const triple = targetArg ?? build.env.get('CARGO_BUILD_TARGET') ?? fromPath;
    // Alpine's own rust package targets x86_64-alpine-linux-musl and links musl dynamically by default.
    const apkRust =
      root !== null &&
      !['rust', ...MUSL_IMAGES].includes(root.name) &&
      libc?.libc === 'musl' &&
      builderFacts.instrs.some(
        (i) => i.keyword === 'RUN' && /\bapk\b[^;&|]*\badd\b[^;&|]*\s(rust|cargo)(\s|$)/.test(i.args),
      );
    if (apkRust && crtStatic(flags) !== 'static' && !(triple ?? '').includes('unknown-linux-musl')) {
      return muslFit(
        {
          rule: 'rust/musl-dynamic',
          line: runLine,
          message: `the binary is built with Alpine's packaged Rust (${image}), which links musl dynamically; no minimal image has musl's loader. Build on rust:*-alpine (static musl), or add RUSTFLAGS="-C target-feature=+crt-static"`,
        },
        `the binary is built with Alpine's packaged Rust (${image}, line ${runLine})`,
      );
    }
    if (triple?.includes('$')) {
      return {
        ok: false,
        rule: 'rust/gnu',
        line: runLine,
        message: `cannot tell the Rust target: --target is a variable with no default (line ${runLine}). Give its ARG a default, name the target, or build on a musl builder`,
      };
    }
    const muslBuilder = MUSL_IMAGES.has(root?.name ?? '') || libc?.libc === 'musl';
    const musl = muslBuilder || (triple?.includes('musl') ?? false);
    const target = staticTarget(options, root);
    if (musl) {
      const because = triple?.includes('musl')
        ? `the musl target ${triple} (line ${runLine})`
        : `the musl builder ${image}`;
      if (crt === 'dynamic') {
        return muslFit(
          {
            rule: 'rust/musl-dynamic',
            line: runLine,
            message: `${because} is built with -crt-static, a dynamically linked musl binary; no minimal image has musl's loader. Drop -C target-feature=-crt-static to link statically`,
          },
          `${because} is built with -crt-static`,
        );
      }
      return {
        ok: true,
        target,
        rule: 'rust/musl-static',
        line: runLine,
        why: `${because} links musl statically, so the binary needs no libc`,
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
    if (libc?.libc === 'glibc' && libc.version && family === 'dhi') {
      return {
        ok: false,
        rule: 'rust/gnu',
        line: runLine,
        hint: true,
        message: `the default gnu target links glibc and libgcc_s dynamically, and DHI has no image with them (dhi.io/static's glibc variant adds only libc6, with no libgcc or libstdc++ as distroless cc has). Build for musl (--target x86_64-unknown-linux-musl) or with +crt-static for scratch or dhi.io/static`,
      };
    }
    if (libc?.libc === 'glibc' && libc.version && family === 'chainguard') {
      const cg = CHAINGUARD_IMAGES.glibcDynamic;
      return (
        dynamicLinkCheck(
          builderFacts,
          'rust/gnu',
          'the gnu-target binary',
          cg.ref,
          'Link them statically (or build for musl), or copy the libraries into the runtime stage yourself',
          cg.glibc,
        ) ?? {
          ok: true,
          target: cg,
          rule: 'rust/gnu',
          line: runLine,
          why: `the default gnu target links glibc and libgcc_s dynamically: ${cg.ref} has both (glibc ${cg.glibc} ≥ the builder's ${libc.version})`,
        }
      );
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
