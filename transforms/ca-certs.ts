/**
 * ca-certs: scratch has no CA bundle. Insert `COPY --from=<builder> /etc/ssl/certs/ca-certificates.crt
 * /etc/ssl/certs/` right after FROM, from the stage the binary comes from. Distroless images have the bundle.
 */
import { builderLibc } from '../src/catalog.js';
import { bodyIndent, type Finding, insertAfter, lineNo, type Transform } from '../src/context.js';

export const CA_FILE = '/etc/ssl/certs/ca-certificates.crt';
const INSTALLS_CA = /\b(?:apk|apt-get|apt|microdnf|dnf|yum)\b[^;&|]*\s(?:add|install)\b[^;&|]*\sca-certificates\b/;

const caCerts: Transform = {
  id: 'ca-certs',
  summary: 'Copies the CA bundle from the builder into scratch images',
  run({ doc, stage, facts, plan }) {
    // Certificates the stage adds to the system bundle (then update-ca-certificates): no minimal image has them.
    const own = facts.copies.find(
      (c) => stage.body.includes(c.instr) && /^\/(usr\/local\/share|usr\/share)\/ca-certificates(\/|$)/.test(c.dest),
    );
    if (own) {
      return [
        {
          kind: 'block',
          rule: 'ca-certs/own',
          line: own.instr.line + 1,
          message: `the stage adds its own CA certificates (line ${own.instr.line + 1}) to the system bundle; ${plan.target.ref}'s bundle would not have them. Build the bundle in a build stage (update-ca-certificates there) and COPY its /etc/ssl/certs/ca-certificates.crt`,
          fundamental: true,
        },
      ];
    }
    if (plan.target.caCerts) return [];
    const kept = facts.copies.filter((c) =>
      c.sources.some((s) => s.includes('ca-certificates.crt') || s === '/etc/ssl/certs' || s === '/etc/ssl/certs/'),
    );
    if (kept.length > 0) {
      // `COPY … ca-certificates.crt /etc/ssl/certs` lands inside the directory the old base had; scratch has none,
      // so the same line would make a file named /etc/ssl/certs.
      const out: Finding[] = [];
      for (const c of kept) {
        const tok = c.destToken;
        if (!tok || tok.value.endsWith('/') || c.dest !== '/etc/ssl/certs' || !stage.body.includes(c.instr)) continue;
        if (!c.sources.every((s) => s.endsWith('ca-certificates.crt'))) continue;
        out.push({
          kind: 'edit',
          rule: 'ca-certs/copy',
          line: lineNo(c.instr),
          why: `/etc/ssl/certs is a directory in the old base, so the bundle went inside it; scratch has no such directory, and without the trailing slash the COPY would create a file named /etc/ssl/certs`,
          edits: [{ start: tok.end, end: tok.end, text: '/' }],
        });
      }
      return out;
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
