/** What Java, Node and Python share: the runtime version, the target for it, and the app's build stage. */
import type { StageFacts } from './analysis.js';
import { NO_IMAGE, RUNTIME_IMAGES, type RuntimeImage } from './catalog.js';
import type { ImageRef } from './imageref.js';
import type { PlanInput, PlanOutcome } from './runtime.js';
import type { Version } from './versions.js';

export interface VersionSource {
  version: string;
  ref: ImageRef;
  /** 1-based line of the FROM that names the image. */
  line: number;
  /** Whether the version comes from the runtime stage's own image (else from the build stage). */
  own: boolean;
}

/** The runtime version: from the runtime stage's own image when it names one, else from the build stage's. */
export function findVersion(
  input: PlanInput,
  read: (ref: ImageRef) => Version,
  label: string,
  installedBy: RegExp,
): VersionSource | { ok: false; rule: string; line: number; message: string } {
  const rule = `${label.toLowerCase()}/version`;
  const candidates: Array<{ facts: StageFacts; own: boolean }> = [{ facts: input.facts, own: true }];
  if (input.builderFacts) candidates.push({ facts: input.builderFacts, own: false });
  const install = input.facts.instrs.find((i) => i.keyword === 'RUN' && installedBy.test(i.args));
  for (const { facts, own } of candidates) {
    if (!own && install) break;
    const first = facts.chain[0];
    const ref = first?.rootRef ?? null;
    if (!first || !ref) continue;
    const v = read(ref);
    if (v === null) continue;
    const line = first.from.instr.line + 1;
    if ('unknown' in v) {
      return {
        ok: false,
        rule,
        line,
        message: `${ref.raw}: ${v.unknown}; pin a major version (e.g. ${example(label)}) so minbase can pick the matching image`,
      };
    }
    return { version: v.value, ref, line, own };
  }
  if (install) {
    return {
      ok: false,
      rule,
      line: install.line + 1,
      message: `${label} is installed by a package manager in the runtime stage (line ${install.line + 1}: ${installedPackages(install.args)}), so the file does not show its version; run on an official ${label} image first`,
    };
  }
  const line = input.stage.from.instr.line + 1;
  return {
    ok: false,
    rule,
    line,
    message: `cannot tell which ${label} version the app runs on: neither the runtime stage's image nor a build stage it copies from is a ${label} image`,
  };
}

function example(label: string): string {
  return label === 'Node'
    ? 'node:22-bookworm-slim'
    : label === 'Python'
      ? 'python:3.13-slim-trixie'
      : 'eclipse-temurin:21-jre';
}

/** The distroless image for a runtime version, or a refusal naming why there is none. */
export function imageFor(runtime: RuntimeImage['runtime'], src: VersionSource, rule: string, fix: string): PlanOutcome {
  const key = `${runtime}:${src.version}`;
  const image = RUNTIME_IMAGES[key];
  const label = runtime === 'java' ? 'Java' : runtime === 'node' ? 'Node' : 'Python';
  if (!image) {
    const gone = NO_IMAGE[key];
    const why = gone ?? `distroless publishes no ${label} ${src.version} image`;
    return {
      ok: false,
      rule,
      line: src.line,
      message: `the app runs on ${label} ${src.version} (line ${src.line}, ${src.ref.raw}): ${why}. ${fix}`,
    };
  }
  return {
    ok: true,
    target: image,
    rule,
    line: src.line,
    why: `${src.ref.raw} (line ${src.line}) runs ${label} ${src.version}: ${image.ref} ships the same version`,
  };
}

/** The package words of an install line that match the runtime (`openjdk-17-jre-headless`, `nodejs`). */
function installedPackages(run: string): string {
  const words = run.split(/\s+/).filter((w) => /^(openjdk|temurin|java|default-j|nodejs|npm|python3)/.test(w));
  return words.length > 0 ? [...new Set(words)].join(', ') : 'see the line';
}
