/** The contract of a runtime module (transforms/go.ts, transforms/rust.ts...): pick the target for a build. */
import type { StageFacts } from './analysis.js';
import {
  alpineMinor,
  builderLibc,
  CHAINGUARD_IMAGES,
  dhiAlpines,
  dhiStatic,
  type Family,
  pickAlpine,
  type TargetImage,
  type TargetKey,
  versionLE,
} from './catalog.js';
import type { Context } from './context.js';
import type { DockerDocument, Instr, Stage } from './document.js';
import type { ImageRef } from './imageref.js';
import type { Step, Trace } from './provenance.js';
import type { RewriteOptions, Runtime } from './types.js';

export interface PlanInput {
  doc: DockerDocument;
  options: RewriteOptions;
  /** The runtime stage and its facts. */
  stage: Stage;
  facts: StageFacts;
  /** The stage the program (or the app and its dependencies) is copied from, when there is one. */
  builder: Stage | null;
  builderFacts: StageFacts | null;
  /** The RUN that holds the command that built the program. */
  buildRun: Instr | null;
  /** The one command that wrote the program (Go, Rust), with its environment; null when it cannot be traced. */
  build: Step | null;
  /** Why the program could not be traced to one command, and the line to name. */
  untraced: { line: number; why: string } | null;
  /** The program's provenance, when the command's program is copied into the runtime stage. */
  trace: Trace | null;
}

export type PlanOutcome =
  | { ok: true; target: TargetKey | TargetImage; rule: string; why: string; line: number; note?: string }
  /** `hint`: the blocker is the version or the libc, so another family may fit (RULES §3 "Hints"). */
  | { ok: false; rule: string; line: number; message: string; hint?: boolean };

/** How an interpreter-entrypoint image runs the old command. */
export type CommandPlan =
  /** Arguments for the image's own entrypoint (CMD). `declares`: a command translated to other words. */
  | { kind: 'args'; words: string[]; why: string; declares?: { from: string[]; to: string[] } }
  /** A full command with the interpreter's absolute path (ENTRYPOINT). */
  | { kind: 'full'; words: string[]; why: string; declares?: { from: string[]; to: string[] } }
  /**
   * A full command, interpreter word first, for images that set no ENTRYPOINT and have the interpreter on PATH
   * (DHI): it keeps the role it had (CMD stays CMD).
   */
  | { kind: 'cmd'; words: string[]; why: string; declares?: { from: string[]; to: string[] } }
  | { kind: 'block'; message: string };

export interface RuntimeModule {
  runtime: Runtime;
  summary: string;
  plan(input: PlanInput): PlanOutcome;
  /** For images with an interpreter entrypoint: how the old command (interpreter first) runs there. */
  translate?(ctx: Context, words: string[]): CommandPlan;
}

/** The chosen family (RULES §3): distroless unless --family says otherwise. */
export function familyOf(options: RewriteOptions): Family {
  return options.family ?? 'distroless';
}

/**
 * The static target for the chosen base: scratch by default; with --static-base distroless the family's static
 * image (distroless static-debian13, DHI static on the builder's distro, Chainguard static). `note`: why that
 * Alpine minor, for a builder whose tag floats.
 */
export function staticTarget(options: RewriteOptions, builder: ImageRef | null = null): TargetKey | TargetImage {
  if (options.staticBase !== 'distroless') return 'scratch';
  return familyStatic(options, builder).image;
}

/** The family's static image (tzdata, CA bundle, no libc), whatever --static-base says. */
export function familyStatic(
  options: RewriteOptions,
  builder: ImageRef | null,
): { image: TargetKey | TargetImage; note: string | null } {
  const family = familyOf(options);
  if (family === 'chainguard') return { image: CHAINGUARD_IMAGES.static, note: null };
  if (family === 'dhi') {
    const minor = alpineMinor(builder);
    if (minor === undefined) return { image: dhiStatic('static', 'debian13') as TargetImage, note: null };
    const pick = pickAlpine(dhiAlpines('static'), minor) ?? (dhiAlpines('static').at(-1) as string);
    return {
      image: dhiStatic('static', `alpine${pick}`) as TargetImage,
      note: minor === null ? floatingNote(builder as ImageRef, `alpine${pick}`) : null,
    };
  }
  return { image: 'static', note: null };
}

/** The note for a builder whose Alpine tag floats (RULES §3): it means the newest Alpine. */
export function floatingNote(builder: ImageRef, distro: string): string {
  return `${builder.raw} names no Alpine minor, so it floats to the newest Alpine: the target is on ${distro.replace('alpine', 'Alpine ')}, the newest DHI has; pin the builder's Alpine minor to choose another`;
}

/**
 * The DHI image with musl for a binary linked dynamically against musl on an Alpine builder (RULES §3 DHI table):
 * `dhi.io/static:<date>-musl-alpine3.NN` (musl and libgcc), when the builder links nothing else: no `*-dev`
 * package installed beyond musl-dev. Otherwise the blocker.
 */
export function dhiMusl(
  builderFacts: StageFacts,
  rule: string,
  binary: string,
): { ok: true; image: TargetImage; note: string | null } | { ok: false; rule: string; line: number; message: string } {
  const root = builderFacts.chain[0]?.rootRef ?? null;
  const minor = alpineMinor(root);
  const have = dhiAlpines('static');
  const pick = minor === undefined ? null : pickAlpine(have, minor);
  if (pick === null) {
    return {
      ok: false,
      rule,
      line: (builderFacts.chain[0]?.from.instr.line ?? 0) + 1,
      message: `${binary} links musl from ${root?.raw ?? 'the builder'}, which is newer than the newest Alpine DHI has (${have.at(-1)}): a musl that old may not run it. Build on Alpine ${have.at(-1)} or older`,
    };
  }
  const dev = alpineDevLibraries(builderFacts);
  if (dev) {
    return {
      ok: false,
      rule,
      line: dev.line,
      message: `the builder installs ${dev.packages.join(', ')} (line ${dev.line}): ${binary} may link their shared libraries, and dhi.io/static's musl variant has only musl and libgcc. Link them statically, or build with CGO_ENABLED=0 / a static musl target`,
    };
  }
  return {
    ok: true,
    image: dhiStatic('musl', `alpine${pick}`) as TargetImage,
    note: minor === null && root ? floatingNote(root, `alpine${pick}`) : null,
  };
}

/** `*-dev` packages an Alpine builder installs beyond musl-dev (build-base is not a library). */
export function alpineDevLibraries(facts: StageFacts): { line: number; packages: string[] } | null {
  for (const ins of facts.instrs) {
    if (ins.keyword !== 'RUN') continue;
    const packages: string[] = [];
    for (const m of ins.args.matchAll(/\b(?:xx-)?apk\b[^;&|]*?\sadd\s([^;&|]*)/g)) {
      for (const word of (m[1] as string).split(/\s+/)) {
        const name = word.replace(/[=<>~].*$/, '');
        if (/^[\w.+-]+-dev$/.test(name) && name !== 'musl-dev') packages.push(name);
      }
    }
    if (packages.length > 0) return { line: ins.line + 1, packages };
  }
  return null;
}

/** -dev packages whose runtime library every glibc distroless image (base, cc) already has. */
export const SHIPPED_DEV =
  /^(libc6-dev|libc-dev|libssl-dev|zlib1g-dev|libzstd-dev|libgcc-[\d.]+-dev|libstdc\+\+-[\d.]+-dev|linux-libc-dev|libcrypt-dev)(:\w+)?$/;

/**
 * Shared libraries a dynamically linked binary may need beyond what distroless base/cc ship: `lib*-dev` packages
 * installed in the builder (apt/apk, also through xx-apt). Returns the first such RUN and its packages.
 */
export function extraDevLibraries(facts: StageFacts): { line: number; packages: string[] } | null {
  for (const ins of facts.instrs) {
    if (ins.keyword !== 'RUN') continue;
    const packages: string[] = [];
    for (const m of ins.args.matchAll(/\b(?:xx-)?(?:apt-get|apt|apk)\b[^;&|]*?\s(?:install|add)\s([^;&|]*)/g)) {
      for (const word of (m[1] as string).split(/\s+/)) {
        const name = word.replace(/[=<>].*$/, '');
        if (/^lib[\w.+-]*-dev(:\w+)?$/.test(name) && !SHIPPED_DEV.test(name)) packages.push(name);
      }
    }
    if (packages.length > 0) return { line: ins.line + 1, packages };
  }
  return null;
}

/**
 * Refuses builders on a newer glibc than the target's: distroless and DHI Debian 13 (2.41) unless `max` says
 * otherwise (Chainguard: 2.43).
 */
export function glibcCheck(
  ref: ImageRef,
  line: number,
  rule: string,
  max = '2.41',
  target = 'distroless Debian 13',
): PlanOutcome | null {
  const libc = builderLibc(ref);
  if (libc?.libc === 'glibc' && libc.version && !versionLE(libc.version, max)) {
    return {
      ok: false,
      rule,
      line,
      hint: true,
      message: `${ref.raw} has glibc ${libc.version}, newer than ${target} (${max}); native code built there may not load. Use a Debian 13 (trixie) or older image`,
    };
  }
  return null;
}

/**
 * What a dynamically linked (glibc) binary needs from distroless base/cc: a builder glibc no newer than 2.41, and
 * no shared libraries beyond the image's own (extra `lib*-dev` installs). Null when both hold.
 */
export function dynamicLinkCheck(
  facts: StageFacts,
  rule: string,
  binary: string,
  target: string,
  fix: string,
  max = '2.41',
): PlanOutcome | null {
  const root = facts.chain[0]?.rootRef ?? null;
  const newer =
    root &&
    glibcCheck(
      root,
      (facts.chain[0]?.from.instr.line ?? 0) + 1,
      rule,
      max,
      max === '2.41' ? 'distroless Debian 13' : target,
    );
  if (newer) return newer;
  const dev = extraDevLibraries(facts);
  if (!dev) return null;
  return {
    ok: false,
    rule,
    line: dev.line,
    message: `the builder installs ${dev.packages.join(', ')} (line ${dev.line}): ${binary} may link their shared libraries, which ${target} does not have. ${fix}`,
  };
}

/**
 * A binary linked against musl dynamically (Go cgo or Rust on Alpine): refused on distroless and Chainguard with a
 * hint, on DHI its static image with musl when the builder links nothing else (RULES §3). `noImage` is the refusal's
 * wording that the Chainguard message replaces.
 */
export function muslTarget(
  family: string,
  builderFacts: StageFacts,
  refusal: { rule: string; line: number; message: string },
  why: string,
  noImage: string,
): PlanOutcome {
  if (family === 'chainguard')
    return { ok: false, ...refusal, message: refusal.message.replace(noImage, 'no Chainguard image'), hint: true };
  if (family !== 'dhi') return { ok: false, ...refusal, hint: true };
  const fit = dhiMusl(builderFacts, refusal.rule, 'the binary');
  if (!fit.ok) return fit;
  return {
    ok: true,
    target: fit.image,
    rule: refusal.rule,
    line: refusal.line,
    why: `${why}: the binary links musl dynamically, and ${fit.image.ref} has musl and libgcc`,
    ...(fit.note ? { note: fit.note } : {}),
  };
}
