/**
 * Target selection across the families of RULES §3 (distroless, DHI, Chainguard): the chosen family's target, the
 * hints a refusal gives when another family fits, and the stand-in image the line rules use when none fits.
 */
import {
  CHAINGUARD_IMAGES,
  dhiImage,
  FAMILIES,
  RUNTIME_IMAGES,
  type RuntimeImage,
  TARGETS,
  type TargetImage,
  type TargetKey,
} from './catalog.js';
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
  if (!interpreted) return TARGETS.cc;
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
