/** The contract of a runtime module (transforms/go.ts, transforms/rust.ts...): pick the target for a build. */
import type { StageFacts } from './analysis.js';
import { builderLibc, type TargetImage, type TargetKey, versionLE } from './catalog.js';
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
  | { ok: false; rule: string; line: number; message: string };

/** How an interpreter-entrypoint image runs the old command. */
export type CommandPlan =
  /** Arguments for the image's own entrypoint (CMD). `declares`: a command translated to other words. */
  | { kind: 'args'; words: string[]; why: string; declares?: { from: string[]; to: string[] } }
  /** A full command with the interpreter's absolute path (ENTRYPOINT). */
  | { kind: 'full'; words: string[]; why: string; declares?: { from: string[]; to: string[] } }
  | { kind: 'block'; message: string };

export interface RuntimeModule {
  runtime: Runtime;
  summary: string;
  plan(input: PlanInput): PlanOutcome;
  /** For images with an interpreter entrypoint: how the old command (interpreter first) runs there. */
  translate?(ctx: Context, words: string[]): CommandPlan;
}

/** The static target for the chosen base: scratch by default, distroless static with --static-base distroless. */
export function staticTarget(options: RewriteOptions): TargetKey {
  return options.staticBase === 'distroless' ? 'static' : 'scratch';
}

/** -dev packages whose runtime library every glibc distroless image (base, cc) already has. */
const SHIPPED_DEV =
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

/** Refuses builders on a newer glibc than distroless Debian 13 (2.41). */
export function glibcCheck(ref: ImageRef, line: number, rule: string): PlanOutcome | null {
  const libc = builderLibc(ref);
  if (libc?.libc === 'glibc' && libc.version && !versionLE(libc.version, '2.41')) {
    return {
      ok: false,
      rule,
      line,
      message: `${ref.raw} has glibc ${libc.version}, newer than distroless Debian 13 (2.41); native code built there may not load. Use a Debian 13 (trixie) or older image`,
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
): PlanOutcome | null {
  const root = facts.chain[0]?.rootRef ?? null;
  const newer = root && glibcCheck(root, (facts.chain[0]?.from.instr.line ?? 0) + 1, rule);
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
