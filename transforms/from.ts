/** from: replace the runtime stage's image reference with the target (flags and `AS name` stay). */
import type { Finding, Transform } from '../src/context.js';

const from: Transform = {
  id: 'from',
  summary: 'Replaces the image of the runtime stage; --platform and AS name stay, a digest is dropped',
  run({ doc, stage, plan }) {
    const image = stage.from.image;
    if (!image) return [];
    const digest = stage.from.resolved?.includes('@') ?? false;
    // FROM ${RUNTIME_IMAGE} or node:${NODE_VERSION}-slim: the build argument chose the image; the new one is fixed.
    const written = doc.text.slice(image.start, image.end);
    const args = [...written.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);
    const fixed =
      args.length > 0
        ? `; the old image was chosen by --build-arg ${[...new Set(args)].join(', ')} (${written}), the new one is fixed: a build argument no longer changes it`
        : '';
    const why =
      plan.targetWhy +
      (digest ? `; the old digest cannot carry over: pin ${plan.targetRef}@sha256:… yourself` : '') +
      fixed;
    const out: Finding[] = [
      {
        kind: 'edit',
        rule: plan.targetRule,
        line: plan.targetLine || stage.from.instr.line + 1,
        why,
        edits: [{ start: image.start, end: image.end, text: plan.targetRef }],
      },
    ];
    return out;
  },
};

export default from;
