/** Image references: parsing and normalisation (RULES §2). */

export interface ImageRef {
  /** The reference as written (after ARG substitution). */
  raw: string;
  /** Registry host as written, or '' for Docker Hub. */
  registry: string;
  /** Repository path without registry, normalised for Docker Hub official images: `golang`, `clux/muslrust`. */
  repo: string;
  /** Last path segment of the repository: `golang` for `docker.io/library/golang`. */
  name: string;
  tag: string | null;
  digest: string | null;
}

const HUB_MIRRORS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'mirror.gcr.io']);

export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = '';
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) {
    registry = parts.shift() ?? '';
  }
  let repoParts = parts;
  const reg = registry.toLowerCase();
  if (reg === '' || HUB_MIRRORS.has(reg)) {
    if (repoParts.length === 2 && repoParts[0] === 'library') repoParts = repoParts.slice(1);
  } else if (reg === 'public.ecr.aws' && repoParts[0] === 'docker' && repoParts[1] === 'library') {
    repoParts = repoParts.slice(2);
  }
  const repo = repoParts.join('/').toLowerCase();
  return { raw, registry, repo, name: repoParts[repoParts.length - 1]?.toLowerCase() ?? '', tag, digest };
}
