/** What Java, Node and Python share: the runtime version, the target for it, and the app's build stage. */
import type { StageFacts } from './analysis.js';
import {
  alpineMinor,
  builderLibc,
  chainguardImage,
  DHI_GONE,
  DHI_VERSIONS,
  dhiAlpines,
  dhiImage,
  NO_IMAGE,
  pastEol,
  pickAlpine,
  RUNTIME_IMAGES,
  RUNTIME_LABEL,
  type RuntimeImage,
  staleLatest,
  today,
} from './catalog.js';
import type { ImageRef } from './imageref.js';
import { familyOf, floatingNote, glibcCheck, type PlanInput, type PlanOutcome } from './runtime.js';
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
  const label = RUNTIME_LABEL[runtime];
  if (!image) {
    const gone = NO_IMAGE[key];
    const why = gone ?? `distroless publishes no ${label} ${src.version} image`;
    return {
      ok: false,
      rule,
      line: src.line,
      hint: true,
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

/**
 * The image of a non-default family (RULES §3) for the app's runtime version. DHI: the same version on the same C
 * library as `libcRef` (the image the app's packages were built on): Debian 13, or the builder's Alpine minor (the
 * oldest newer one DHI has; the newest for a floating tag). Chainguard: its one free version, on glibc.
 */
export function familyImageFor(
  input: PlanInput,
  runtime: RuntimeImage['runtime'],
  src: VersionSource,
  libcRef: ImageRef | null,
  rule: string,
): PlanOutcome {
  const label = RUNTIME_LABEL[runtime];
  const at = `line ${src.line}, ${src.ref.raw}`;
  const fail = (message: string, line = src.line): PlanOutcome => ({ ok: false, rule, line, message, hint: true });
  const libc = builderLibc(libcRef)?.libc ?? 'glibc';
  const libcLine =
    libcRef === src.ref ? src.line : (input.builderFacts?.chain[0]?.from.instr.line ?? -1) + 1 || src.line;
  if (familyOf(input.options) === 'chainguard') {
    const image = chainguardImage(runtime);
    const mismatch = (): PlanOutcome =>
      fail(
        `the app runs on ${label} ${src.version} (${at}), and ${image.ref} (the free :latest) is ${label} ${image.version} (${image.fullVersion} as of ${image.asOf}); other versions need a Chainguard subscription. Upgrade to ${label} ${image.version} first`,
      );
    // The recorded version, or the next major once :latest may have moved to it.
    if (src.version !== image.version && src.version !== image.latestUntil?.next) return mismatch();
    if (libc === 'musl') {
      return fail(
        `the app is built on Alpine (${libcRef?.raw}, line ${libcLine}): what it compiled there links musl, and Chainguard's images are glibc (Wolfi). Build on a Debian image`,
        libcLine,
      );
    }
    const stale = staleLatest(image, today(input.options.now));
    if (stale)
      return fail(
        `the app runs on ${label} ${src.version} (${at}); ${stale}. Check which version :latest is, or use another family`,
      );
    if (src.version !== image.version) return mismatch();
    const newer = libcRef && glibcCheck(libcRef, libcLine, rule, image.glibc ?? '2.43', image.ref);
    if (newer) return newer;
    return {
      ok: true,
      target: image,
      rule,
      line: src.line,
      why: `${src.ref.raw} (line ${src.line}) runs ${label} ${src.version}: ${image.ref} is ${label} ${image.fullVersion} (as of ${image.asOf}), glibc ${image.glibc}`,
    };
  }
  // DHI.
  const key = `${runtime}:${src.version}`;
  const entry = DHI_VERSIONS[runtime][src.version];
  const repo = runtime === 'java' ? 'eclipse-temurin' : runtime;
  if (!entry) {
    const have = Object.keys(DHI_VERSIONS[runtime]).join(', ');
    return fail(
      `the app runs on ${label} ${src.version} (${at}): ${DHI_GONE[key] ?? `DHI publishes no ${label} ${src.version} image`} (dhi.io/${repo} has ${have}). Upgrade ${label}, then run minbase again`,
    );
  }
  const day = today(input.options.now);
  if (pastEol(entry, day)) {
    return fail(
      `the app runs on ${label} ${src.version} (${at}): dhi.io/${repo} ${src.version} reached its end of life on ${entry.eol}, so it counts as removed. Upgrade ${label}, then run minbase again`,
    );
  }
  let distro = 'debian13';
  let note: string | undefined;
  if (libc === 'musl') {
    const minor = alpineMinor(libcRef) ?? null;
    const have = dhiAlpines(runtime, src.version);
    const pick = pickAlpine(have, minor);
    if (pick === null) {
      return fail(
        `the app is built on ${libcRef?.raw} (line ${libcLine}), a newer Alpine than any dhi.io/${repo} ${src.version} has (${have.join(', ')}): what it compiled there may need a newer musl. Build on Alpine ${have.at(-1)} or older`,
        libcLine,
      );
    }
    distro = `alpine${pick}`;
    if (minor === null && libcRef) note = floatingNote(libcRef, distro);
  } else {
    const newer = libcRef && glibcCheck(libcRef, libcLine, rule, '2.41', 'DHI Debian 13');
    if (newer) return newer;
  }
  const image = dhiImage(runtime, src.version, distro) as RuntimeImage;
  return {
    ok: true,
    target: image,
    rule,
    line: src.line,
    why: `${src.ref.raw} (line ${src.line}) runs ${label} ${src.version}${libcRef && libcRef.raw !== src.ref.raw ? ` and ${runtime === 'java' ? 'the jar' : runtime === 'node' ? 'its node_modules' : 'its packages'} come${runtime === 'java' ? 's' : ''} from ${libcRef.raw}` : ''}: ${image.ref} is the same ${label} on the same C library (${libc === 'musl' ? `musl, Alpine ${distro.slice('alpine'.length)}` : 'glibc 2.41, Debian 13'})`,
    ...(note ? { note } : {}),
  };
}
