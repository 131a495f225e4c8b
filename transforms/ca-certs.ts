/**
 * ca-certs: scratch has no CA bundle. Insert `COPY --from=<builder> /etc/ssl/certs/ca-certificates.crt
 * /etc/ssl/certs/` right after FROM, from the stage the binary comes from. Distroless images have the bundle.
 */
import { builderLibc } from '../src/catalog.js';
import { bodyIndent, type Finding, insertAfter, type Transform } from '../src/context.js';

export const CA_FILE = '/etc/ssl/certs/ca-certificates.crt';
const INSTALLS_CA = /\b(?:apk|apt-get|apt|microdnf|dnf|yum)\b[^;&|]*\s(?:add|install)\b[^;&|]*\sca-certificates\b/;

const caCerts: Transform = {
  id: 'ca-certs',
  summary: 'Copies the CA bundle from the builder into scratch images',
  run({ doc, stage, facts, plan }) {
    if (plan.target.caCerts) return [];
    if (
      facts.copies.some((c) =>
        c.sources.some((s) => s.includes('ca-certificates.crt') || s === '/etc/ssl/certs' || s === '/etc/ssl/certs/'),
      )
    ) {
      return [];
    }
    if (!plan.builderFacts || plan.builderRef === null) return [];
    const root = plan.builderFacts.chain[0]?.rootRef ?? null;
    const libc = builderLibc(root);
    const known =
      root !== null &&
      (['golang', 'rust', 'muslrust', 'rust-musl-cross', 'rust-musl-builder'].includes(root.name) ||
        libc?.libc === 'musl');
    const installs = plan.builderFacts.instrs.some((i) => i.keyword === 'RUN' && INSTALLS_CA.test(i.args));
    const line = stage.from.instr.line + 1;
    if (!known && !installs) {
      return [
        {
          kind: 'block',
          rule: 'ca-certs/copy',
          line,
          message: `scratch has no CA certificates and the builder ${root?.raw ?? plan.builderRef} may not have ${CA_FILE}: install ca-certificates in the builder, or use --static-base distroless (which ships them)`,
        },
      ];
    }
    const copy = `COPY --from=${plan.builderRef} ${CA_FILE} /etc/ssl/certs/`;
    const out: Finding[] = [
      {
        kind: 'edit',
        rule: 'ca-certs/copy',
        line,
        why: `scratch has no CA bundle: copy the builder's so TLS connections can verify servers`,
        edits: [insertAfter(doc, stage.from.instr, [copy], bodyIndent(doc, stage))],
      },
    ];
    return out;
  },
};

export default caCerts;
