/** Public types of the minbase library. */

export type Outcome = 'rewritten' | 'unchanged' | 'skipped' | 'refused' | 'error';

export type Runtime = 'go' | 'rust' | 'java' | 'node' | 'python';

/** A text edit on the original string: replace [start, end) with text. Offsets are JS string indices. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** One change the rewrite made, for reports. `line` is 1-based in the input. */
export interface Change {
  rule: string;
  line: number;
  why: string;
}

/** A line that blocks the rewrite. `line` is 1-based in the input, 0 when it concerns the whole file. */
export interface Blocker {
  rule: string;
  line: number;
  message: string;
  /** Fundamental blockers (no image for the version, musl, single stage) lead the reason. */
  fundamental?: boolean;
}

export interface RewriteOptions {
  /** Rewrite this stage instead of the last one. */
  stage?: string;
  /**
   * The family of minimal images to move to (RULES §3): `distroless` (default, Google distroless on Debian 13),
   * `dhi` (Docker Hardened Images, dhi.io: the builder's version and libc) or `chainguard` (cgr.dev/chainguard,
   * the free `:latest` images). A file already on any family's minimal image stays as it is.
   */
  family?: 'distroless' | 'dhi' | 'chainguard';
  /**
   * Base for static binaries: `scratch` (default) or `distroless`, the family's static image
   * (gcr.io/distroless/static-debian13, dhi.io/static, cgr.dev/chainguard/static).
   */
  staticBase?: 'scratch' | 'distroless';
  /** Use the `:nonroot` tag (uid 65532) on distroless, `USER 65532:65532` on scratch. */
  nonroot?: boolean;
  /** Remove a HEALTHCHECK that cannot run on the target instead of refusing. */
  dropHealthcheck?: boolean;
  /** Add a `debug` stage with a shell before the production stage (RULES §5). */
  debugStage?: boolean;
  /**
   * The date the catalog is read at (default: now): an image past its end-of-life date counts as removed. Tests
   * pass a fixed date.
   */
  now?: Date;
  /**
   * Reads a file of the build context (the Dockerfile's folder), e.g. `package.json`.
   * Returns null when it does not exist. The library never touches the file system itself.
   */
  readContextFile?: (relativePath: string) => string | null;
}

export interface RewriteResult {
  /** The new text (equal to the input unless outcome is `rewritten`). */
  output: string;
  outcome: Outcome;
  runtime: Runtime | null;
  /** The new base image reference in full (registry, repository, tag), when rewritten (or the base that makes it unchanged). */
  target: string | null;
  /** Why the outcome is what it is; for `refused`, every blocker with its line. */
  reason: string | null;
  changes: Change[];
  /** Structured blockers for `refused`. */
  blockers: Blocker[];
  /** Informational notes (e.g. end of life of a still-published image). */
  notes: string[];
}
