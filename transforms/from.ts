/** from: replace the runtime stage's image reference with the target (flags and `AS name` stay). */
import type { Finding, Transform } from '../src/context.js';

const from: Transform = {
  id: 'from',
  summary: 'Replaces the image of the runtime stage; --platform and AS name stay, a digest is dropped',
  run({ stage, plan }) {
    const image = stage.from.image;
    if (!image) return [];
    const digest = stage.from.resolved?.includes('@') ?? false;
    const why =
      plan.targetWhy + (digest ? `; the old digest cannot carry over: pin ${plan.targetRef}@sha256:… yourself` : '');
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
