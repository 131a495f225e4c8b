/**
 * Target selection across the families of RULES §3 (distroless, DHI, Chainguard): the chosen family's target, the
 * hints a refusal gives when another family fits, and the stand-in image the line rules use when none fits.
 */
import {
  CHAINGUARD_IMAGES,
  chainguardImage,
  DHI,
  DHI_GONE,
  DHI_VERSIONS,
  dhiImage,
  dhiStatic,
  FAMILIES,
  pastEol,
  RUNTIME_IMAGES,
  RUNTIME_LABEL,
  type RuntimeImage,
  staleLatest,
  TARGETS,
  type TargetImage,
  type TargetKey,
  today,
} from './catalog.js';
import type { ImageRef } from './imageref.js';
import { familyOf, type PlanInput, type PlanOutcome, type RuntimeModule } from './runtime.js';
import type { RewriteOptions, Runtime } from './types.js';

/** The image a plan's target names. */
export function targetImage(target: TargetKey | TargetImage): TargetImage {
  return typeof target === 'string' ? TARGETS[target] : target;
}

/**
 * The module's plan for the chosen family. A refusal whose fundamental blocker is the version or the libc names
 * every other family that has an image for the app, exactly: "`--family dhi` has dhi.io/python:3.12-debian13"
 * (RULES §3 "Hints").
 */
export function planTarget(module: RuntimeModule, input: PlanInput): PlanOutcome {
  const decision = module.plan(input);
  if (decision.ok || !decision.hint) return decision;
  const family = familyOf(input.options);
  const fits: string[] = [];
  for (const other of FAMILIES) {
    if (other === family) continue;
    const alt = module.plan({ ...input, options: { ...input.options, family: other } });
    if (!alt.ok) continue;
    const ref = targetImage(alt.target).ref;
    // scratch is every family's: it is not what the other family adds.
    if (ref === 'scratch') continue;
    fits.push(`\`--family ${other}\` has ${ref}`);
  }
  if (fits.length === 0) return decision;
  return { ...decision, message: `${decision.message.replace(/\.\s*$/, '')}. Or: ${fits.join('; ')}` };
}

/** Stand-ins for the line rules when no image of the family fits the runtime's version (one run, every blocker). */
export function provisionalTarget(runtime: Runtime, options: RewriteOptions): TargetImage {
  const family = familyOf(options);
  const interpreted = runtime === 'java' || runtime === 'node' || runtime === 'python';
  if (!interpreted) {
    // Binaries: the family's image with a C library, so the line rules judge what a dynamic binary would meet.
    if (family === 'dhi') return dhiStatic('glibc', 'debian13') as TargetImage;
    if (family === 'chainguard') return CHAINGUARD_IMAGES.glibcDynamic;
    return TARGETS.cc;
  }
  if (family === 'dhi') {
    const version = runtime === 'python' ? '3.13' : runtime === 'node' ? '24' : '21';
    return dhiImage(runtime, version, 'debian13') as RuntimeImage;
  }
  if (family === 'chainguard')
    return runtime === 'python'
      ? CHAINGUARD_IMAGES.python
      : runtime === 'node'
        ? CHAINGUARD_IMAGES.node
        : CHAINGUARD_IMAGES.jre;
  return RUNTIME_IMAGES[runtime === 'java' ? 'java:21' : runtime === 'node' ? 'node:22' : 'python:3.13'] as TargetImage;
}

/** The runtime and version of a distroless language image name (`java11-debian11`, `python3-debian12`). */
function distrolessRuntime(image: string): { runtime: 'java' | 'node' | 'python'; version: string } | null {
  const m = /^(java|nodejs)(\d+)(?:-|$)/.exec(image);
  if (m) return { runtime: m[1] === 'java' ? 'java' : 'node', version: m[2] as string };
  // python3-debian12 was CPython 3.11, python3-debian11 3.9 (minimal-images.md §1.8).
  const py = /^python3-debian(\d+)$/.exec(image);
  const version = py ? ({ '11': '3.9', '12': '3.11' } as Record<string, string>)[py[1] as string] : undefined;
  return version ? { runtime: 'python', version } : null;
}

/**
 * For a removed distroless image with no current distroless image of its runtime version (java11, python3-debian12):
 * the families that still have that version, as a hint for the refusal (RULES §3 "Hints"); '' when none.
 */
export function removedImageHint(image: string, options: RewriteOptions): string {
  const want = distrolessRuntime(image);
  if (!want) return '';
  const fits: string[] = [];
  const dhi = dhiImage(want.runtime, want.version, 'debian13');
  if (dhi && !pastEol(dhi, today(options.now))) fits.push(`\`--family dhi\` has ${dhi.ref}`);
  const cg = chainguardImage(want.runtime);
  if (cg.version === want.version && !staleLatest(cg, today(options.now)))
    fits.push(`\`--family chainguard\` has ${cg.ref}`);
  return fits.length > 0 ? `. Or: ${fits.join('; ')}` : '';
}

/**
 * A note for a file already on a DHI image past its end of life (or of a version DHI removed): it stays as it is
 * (no family-to-family moves), and the note says why it may stop receiving fixes.
 */
export function familyEolNote(ref: ImageRef, options: RewriteOptions): string | null {
  if (ref.registry.toLowerCase() !== DHI) return null;
  const runtime =
    ref.repo === 'python' ? 'python' : ref.repo === 'node' ? 'node' : ref.repo === 'eclipse-temurin' ? 'java' : null;
  if (!runtime) return null;
  const m = /^(\d+(?:\.\d+)?)/.exec(ref.tag ?? '');
  if (!m) return null;
  const version = runtime === 'python' ? (m[1] as string) : ((m[1] as string).split('.')[0] as string);
  const gone = DHI_GONE[`${runtime}:${version}`];
  if (gone) return `${ref.raw}: ${gone}`;
  const eol = DHI_VERSIONS[runtime][version]?.eol ?? null;
  if (eol && pastEol({ eol }, today(options.now)))
    return `${ref.raw} reached its end of life on ${eol}: DHI no longer updates it; move to a newer ${RUNTIME_LABEL[runtime]} version`;
  return null;
}
