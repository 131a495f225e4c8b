/**
 * Facts about target and source images, as data. Source: ../shared/reference/minimal-images.{md,json}
 * (distroless snapshot cd080764, 2026-08-21; Chainguard snapshot cd7edd23, 2026-08-22). Change facts here only.
 */
import type { ImageRef } from './imageref.js';

export const DISTROLESS = 'gcr.io/distroless';

/** Families of minimal images (RULES §3): Google distroless (the default), Docker Hardened Images, Chainguard. */
export type Family = 'distroless' | 'dhi' | 'chainguard';
export const FAMILIES: readonly Family[] = ['distroless', 'dhi', 'chainguard'];

export interface TargetImage {
  /** Reference without tag: `gcr.io/distroless/cc-debian13` or `scratch`. */
  ref: string;
  /** Entrypoint the image sets (null: none). */
  entrypoint: string[] | null;
  /** Debian (or Alpine) package names whose files the image already has. */
  ships: string[];
  /** Whether the image has a CA bundle at /etc/ssl/certs/ca-certificates.crt. */
  caCerts: boolean;
  /** Whether /etc/passwd has root, nobody (65534) and nonroot (65532). */
  passwd: boolean;
  /** glibc version, null for none (static images). */
  glibc: string | null;
  /** The family that publishes it (RULES §3); absent for distroless and scratch. */
  family?: Family;
  /**
   * The interpreter word a command keeps (`python3`, `node`, `java`): images that set no ENTRYPOINT and put the
   * interpreter on PATH (DHI). Absent elsewhere.
   */
  interpreter?: string;
  /** The CMD the image sets, when it sets one. */
  cmd?: string[];
  /** The user the image runs as (uid) and its working directory; absent: root (0) in /. */
  user?: string;
  workdir?: string;
  /** The users of its /etc/passwd, name → uid, when they are not distroless's root, nobody and nonroot. */
  users?: Record<string, string>;
  /** Directories the image already has, with their owner's uid (DHI node's /app is root's): COPY never re-owns them. */
  dirs?: Record<string, string>;
  /** Programs the image provides: interpreter paths, and the bare names PATH finds. */
  programs?: string[];
  /** Its C library when it has one: Alpine-based images are musl. */
  libc?: 'glibc' | 'musl';
  /** End of life (YYYY-MM-DD) from the source; after it the image counts as removed (RULES §3). */
  eol?: string | null;
  /** Where the facts come from, and their date. */
  source?: string;
  asOf?: string;
}

/** Where the distroless facts come from (minimal-images.md §0). */
const DISTROLESS_FACTS = {
  source: 'GoogleContainerTools/distroless@cd080764 (minimal-images.md §1)',
  asOf: '2026-08-21',
};

const STATIC_SHIPS = ['ca-certificates', 'ca-certificates-bundle', 'tzdata', 'tzdata-legacy', 'netbase', 'media-types'];
const BASE_SHIPS = [...STATIC_SHIPS, 'libc6', 'libssl3', 'libssl3t64', 'zlib1g', 'libzstd1'];
const CC_SHIPS = [...BASE_SHIPS, 'libgcc-s1', 'libgcc1', 'libstdc++6', 'libgomp1'];

export const TARGETS = {
  scratch: { ref: 'scratch', entrypoint: null, ships: [], caCerts: false, passwd: false, glibc: null, eol: null },
  static: {
    ref: `${DISTROLESS}/static-debian13`,
    entrypoint: null,
    ships: STATIC_SHIPS,
    caCerts: true,
    passwd: true,
    glibc: null,
    ...DISTROLESS_FACTS,
  },
  base: {
    ref: `${DISTROLESS}/base-debian13`,
    entrypoint: null,
    ships: BASE_SHIPS,
    caCerts: true,
    passwd: true,
    glibc: '2.41',
    ...DISTROLESS_FACTS,
  },
  cc: {
    ref: `${DISTROLESS}/cc-debian13`,
    entrypoint: null,
    ships: CC_SHIPS,
    caCerts: true,
    passwd: true,
    glibc: '2.41',
    ...DISTROLESS_FACTS,
  },
} satisfies Record<string, TargetImage>;

export type TargetKey = keyof typeof TARGETS;

/** Libraries python3-debian13 adds to cc (Debian names). */
const PYTHON_SHIPS = [
  ...CC_SHIPS,
  'libffi8',
  'libsqlite3-0',
  'libexpat1',
  'libbz2-1.0',
  'liblzma5',
  'libncursesw6',
  'libreadline8',
  'libuuid1',
  'libgdbm6',
  'libkrb5-3',
  'libgssapi-krb5-2',
  'libcrypt1',
  'python3',
  'python3.13',
  'python3-minimal',
];
/** Libraries java-base adds to base-nossl (Debian names; java images have no libssl). */
const JAVA_SHIPS = [
  ...STATIC_SHIPS,
  'libc6',
  'zlib1g',
  'libjpeg62-turbo',
  'liblcms2-2',
  'libfreetype6',
  'libfontconfig1',
  'fontconfig',
  'fonts-dejavu-core',
  'libexpat1',
  'libuuid1',
  'libbrotli1',
  'libcrypt1',
  'libstdc++6',
  'libgcc-s1',
  'libpng16-16',
  'libbz2-1.0',
];

/** java-base: the libraries a JVM needs and no JVM, for a runtime the Dockerfile brings itself (jlink). */
export const JAVA_BASE: TargetImage = {
  ref: `${DISTROLESS}/java-base-debian13`,
  entrypoint: null,
  ships: JAVA_SHIPS,
  caCerts: true,
  passwd: true,
  glibc: '2.41',
  ...DISTROLESS_FACTS,
};

/** Language runtime images: the version each ships, its entrypoint and the interpreter's absolute path. */
export interface RuntimeImage extends TargetImage {
  runtime: 'java' | 'node' | 'python';
  version: string;
  /** The interpreter binary: `/usr/bin/java`, `/nodejs/bin/node`, `/usr/bin/python3.13`. */
  binary: string;
  /** The full version the source records (`3.14.7`), where it is one image's only version (Chainguard). */
  fullVersion?: string;
  /**
   * A floating `:latest` (Chainguard): the day the next major was due, after which `:latest` follows it and the
   * version recorded above may no longer be the image's. Past it, the version is not known (RULES §3: only the app's
   * own version is a rewrite).
   */
  latestUntil?: { date: string; next: string; source: string };
}

const runtimeImage = (
  runtime: RuntimeImage['runtime'],
  image: string,
  version: string,
  entrypoint: string[],
  ships: string[],
): RuntimeImage => ({
  ref: `${DISTROLESS}/${image}-debian13`,
  entrypoint,
  ships,
  caCerts: true,
  passwd: true,
  glibc: '2.41',
  runtime,
  version,
  binary: entrypoint[0] as string,
  ...DISTROLESS_FACTS,
});

export const RUNTIME_IMAGES: Record<string, RuntimeImage> = {
  'java:17': runtimeImage('java', 'java17', '17', ['/usr/bin/java', '-jar'], JAVA_SHIPS),
  'java:21': runtimeImage('java', 'java21', '21', ['/usr/bin/java', '-jar'], JAVA_SHIPS),
  'java:25': runtimeImage('java', 'java25', '25', ['/usr/bin/java', '-jar'], JAVA_SHIPS),
  'node:22': runtimeImage('node', 'nodejs22', '22', ['/nodejs/bin/node'], CC_SHIPS),
  'node:24': runtimeImage('node', 'nodejs24', '24', ['/nodejs/bin/node'], CC_SHIPS),
  'node:26': runtimeImage('node', 'nodejs26', '26', ['/nodejs/bin/node'], [...CC_SHIPS, 'libatomic1']),
  'python:3.13': runtimeImage('python', 'python3', '3.13', ['/usr/bin/python3.13'], PYTHON_SHIPS),
};

/** Versions with no distroless image: when and why. */
export const NO_IMAGE: Record<string, string> = {
  'node:18': 'gcr.io/distroless/nodejs18 was removed on 2025-04-30',
  'node:20': 'gcr.io/distroless/nodejs20 was removed on 2026-05-01',
  'java:11': 'gcr.io/distroless/java11 was removed on 2024-09-03 with Debian 11',
  'java:8': 'distroless never published a Java 8 image on a supported Debian',
  'python:3.11': 'gcr.io/distroless/python3-debian12 (CPython 3.11) was removed on 2026-05-11',
};

/** Distroless images removed from the registry, with the date and what replaces them. */
export interface Removal {
  pattern: RegExp;
  removed: string;
  /** The current image of the same runtime and version, or null when there is none. */
  replacement: ((image: string) => string | null) | null;
}

const sameImageOnDebian13 = (image: string) => image.replace(/-debian\d+$/, '-debian13');

export const REMOVED: Removal[] = [
  // Unsuffixed names too: gcr.io/distroless/nodejs20 went with the versioned images.
  { pattern: /^java11(-|$)/, removed: '2024-09-03', replacement: null },
  { pattern: /^nodejs18(-|$)/, removed: '2025-04-30', replacement: null },
  { pattern: /^nodejs20(-|$)/, removed: '2026-05-01', replacement: null },
  { pattern: /^python3-debian12$/, removed: '2026-05-11 (it was CPython 3.11)', replacement: null },
  { pattern: /^(java-base|java17|java21)-debian12$/, removed: '2026-02-27', replacement: sameImageOnDebian13 },
  { pattern: /^nodejs(22|24)-debian12$/, removed: '2026-02-27', replacement: sameImageOnDebian13 },
  {
    pattern: /^(static|base|base-nossl|cc|java-base|java17|java21|nodejs22|nodejs24)-debian11$/,
    removed: '2024-09-03',
    replacement: sameImageOnDebian13,
  },
  { pattern: /^(static|base|base-nossl|cc)-debian10$/, removed: '2022-09-06', replacement: sameImageOnDebian13 },
  { pattern: /-debian11$/, removed: '2024-09-03', replacement: null },
  { pattern: /-debian10$/, removed: '2022-09-06', replacement: null },
  { pattern: /-debian9$/, removed: '2021-07-28', replacement: null },
];

/** Still published, past end of life. */
export const EOL: Array<{ pattern: RegExp; eol: string }> = [
  { pattern: /^(static|base|base-nossl|cc)-debian12$/, eol: 'September 2026' },
];

/** Legacy distroless repositories without a distro suffix that no longer receive updates. */
export const LEGACY_DISTROLESS = /^(java|nodejs|python2\.7)$/;

export type MinimalKind = 'scratch' | 'distroless' | 'dhi' | 'chainguard' | 'ubi-micro' | 'chiseled';

/** Is this image already a minimal base (no shell, no package manager)? */
export function minimalKind(ref: ImageRef): MinimalKind | null {
  const raw = ref.raw.toLowerCase();
  if (ref.repo === 'scratch' && ref.registry === '') return 'scratch';
  if (raw.startsWith(`${DISTROLESS}/`)) return 'distroless';
  if (isDhiRuntime(ref)) return 'dhi';
  if (ref.registry.toLowerCase() === 'cgr.dev' && !(ref.tag ?? '').includes('dev')) return 'chainguard';
  if (/(^|\/)ubi\d*[-/]micro$|(^|\/)ubi\d+-micro$/.test(ref.repo)) return 'ubi-micro';
  if ((ref.tag ?? '').includes('chiseled') || ref.repo.includes('chiseled')) return 'chiseled';
  return null;
}

/** The distroless image name (`static-debian12`) of a distroless reference. */
export function distrolessImage(ref: ImageRef): string | null {
  const raw = ref.raw.toLowerCase();
  if (!raw.startsWith(`${DISTROLESS}/`)) return null;
  return ref.repo.replace(/^distroless\//, '');
}

/** glibc of a builder image, when it can be told from the reference. `musl` for Alpine. */
export function builderLibc(ref: ImageRef | null): { libc: 'glibc' | 'musl'; version: string | null } | null {
  if (!ref) return null;
  const tag = (ref.tag ?? '').toLowerCase();
  const name = ref.name;
  if (name === 'alpine' || tag.includes('alpine')) return { libc: 'musl', version: null };
  const debian = debianGlibc(tag);
  if (['golang', 'rust', 'python', 'node', 'buildpack-deps', 'gcc', 'cargo-chef'].includes(name)) {
    return { libc: 'glibc', version: debian ?? '2.41' };
  }
  if (name === 'debian') return { libc: 'glibc', version: debian ?? debianVersionGlibc(tag) };
  if (name === 'ubuntu') return { libc: 'glibc', version: UBUNTU_GLIBC[tag.replace(/-.*/, '')] ?? null };
  if (debian) return { libc: 'glibc', version: debian };
  if (name === 'muslrust' || name === 'rust-musl-cross' || name === 'rust-musl-builder') {
    return { libc: 'glibc', version: null };
  }
  return null;
}

function debianGlibc(tag: string): string | null {
  // DHI tags name the Debian release by number (`3.12-debian13-dev`).
  if (tag.includes('trixie') || /(^|-)debian13(-|$)/.test(tag)) return '2.41';
  if (tag.includes('bookworm') || /(^|-)debian12(-|$)/.test(tag)) return '2.36';
  if (tag.includes('bullseye')) return '2.31';
  if (tag.includes('buster')) return '2.28';
  if (tag.includes('forky') || tag.includes('sid') || tag.includes('testing')) return '2.42';
  return null;
}

function debianVersionGlibc(tag: string): string | null {
  const major = /^(\d+)/.exec(tag)?.[1];
  if (major === undefined) return tag === '' || tag === 'latest' || tag.startsWith('stable') ? '2.41' : null;
  return ({ '10': '2.28', '11': '2.31', '12': '2.36', '13': '2.41' } as Record<string, string>)[major] ?? '2.42';
}

const UBUNTU_GLIBC: Record<string, string> = {
  '18.04': '2.27',
  bionic: '2.27',
  '20.04': '2.31',
  focal: '2.31',
  '22.04': '2.35',
  jammy: '2.35',
  '24.04': '2.39',
  noble: '2.39',
  '24.10': '2.40',
  oracular: '2.40',
  '25.04': '2.41',
  plucky: '2.41',
  '25.10': '2.42',
  questing: '2.42',
  '26.04': '2.43',
};

export function versionLE(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y;
  }
  return true;
}

/**
 * What a base image runs before the file's own command. `undefined`: the image is not in the catalog, so it may
 * set an entrypoint the Dockerfile does not show.
 */
export function inheritedEntrypoint(ref: ImageRef): string[] | null | undefined {
  // DHI's images (-dev variants too) set no ENTRYPOINT (dhi-images.md §3).
  if (ref.registry.toLowerCase() === DHI) return familyImageOf(ref) ? null : undefined;
  const n = ref.name;
  if (n === 'node') return ['docker-entrypoint.sh'];
  if (n === 'eclipse-temurin') return ['/__cacert_entrypoint.sh'];
  const plain = [
    'alpine',
    'debian',
    'ubuntu',
    'busybox',
    'golang',
    'rust',
    'python',
    'centos',
    'fedora',
    'rockylinux',
    'almalinux',
    'amazonlinux',
    'oraclelinux',
    'ubi',
    'ubi8',
    'ubi9',
    'ubi-minimal',
    'ubi8-minimal',
    'ubi9-minimal',
    'minideb',
    'buildpack-deps',
    'openjdk',
    'amazoncorretto',
    'photon',
    'opensuse/leap',
    'leap',
    'archlinux',
  ];
  if (plain.includes(n) || plain.includes(ref.repo)) return null;
  return undefined;
}

/** Last stage names that say the stage is not for production (RULES §1). */
export const NON_PRODUCTION = new Set(['dev', 'dev-envs', 'development', 'debug', 'test', 'tests', 'ci']);

/** Images whose presence means a Windows build. */
export function isWindowsImage(ref: ImageRef): boolean {
  const raw = ref.raw.toLowerCase();
  return (
    raw.includes('mcr.microsoft.com/windows') ||
    /(^|\/)(nanoserver|servercore|windowsservercore)$/.test(ref.repo) ||
    /windowsservercore|nanoserver|ltsc20\d\d/.test(ref.tag ?? '')
  );
}

/** Console scripts and the module that runs them. */
export const CONSOLE_SCRIPTS: Record<string, string> = {
  gunicorn: 'gunicorn',
  locust: 'locust',
  uvicorn: 'uvicorn',
  flask: 'flask',
  celery: 'celery',
  hypercorn: 'hypercorn',
  daphne: 'daphne',
  'waitress-serve': 'waitress',
  streamlit: 'streamlit',
  'django-admin': 'django',
  fastapi: 'fastapi',
  granian: 'granian',
  huey_consumer: 'huey.bin.huey_consumer',
  dramatiq: 'dramatiq',
};

/** The alpine a debug stage uses for static binaries: the current minor seen in the corpus (RULES §5). */
export const DEBUG_ALPINE = 'alpine:3.24';

// ---------------------------------------------------------------------------------------------------------------
// The other families (RULES §3). Docker Hardened Images: ../shared/reference/dhi-images.md (catalog snapshot
// 30c3db97, 2026-08-22); Chainguard: ../shared/reference/minimal-images.md §3 (chainguard-images/images cd7edd23,
// 2026-08-22). Every fact below is copied from those pages; nothing is inferred from an image name.

export const DHI = 'dhi.io';
const DHI_FACTS = {
  family: 'dhi' as const,
  source: 'docker-hardened-images/catalog@30c3db97 (dhi-images.md §2, §3)',
  asOf: '2026-08-22',
};

/** A distro variant of a DHI repository: `debian13`, `alpine3.24`. */
type DhiDistro = string;
const DHI_ALL: DhiDistro[] = ['debian12', 'debian13', 'alpine3.22', 'alpine3.23', 'alpine3.24'];
const DHI_NO_DEBIAN12: DhiDistro[] = ['debian13', 'alpine3.22', 'alpine3.23', 'alpine3.24'];

/** Runtime (non-dev) versions of the DHI language repositories, each with its end of life and distros (§2). */
export const DHI_VERSIONS: Record<
  'python' | 'node' | 'java',
  Record<string, { eol: string | null; distros: DhiDistro[] }>
> = {
  python: {
    '3.10': { eol: '2026-10-31', distros: DHI_ALL },
    '3.11': { eol: '2027-10-31', distros: DHI_ALL },
    '3.12': { eol: '2028-10-31', distros: DHI_ALL },
    '3.13': { eol: '2029-10-31', distros: DHI_ALL },
    '3.14': { eol: '2030-10-31', distros: DHI_ALL },
  },
  node: {
    '22': { eol: '2027-04-30', distros: DHI_ALL },
    '24': { eol: '2028-04-30', distros: DHI_ALL },
    '26': { eol: null, distros: ['debian13', 'alpine3.23', 'alpine3.24'] },
  },
  // eclipse-temurin: the JRE is the only runtime variant.
  java: {
    '8': { eol: '2030-12-31', distros: DHI_NO_DEBIAN12 },
    '11': { eol: '2027-10-31', distros: DHI_NO_DEBIAN12 },
    '17': { eol: '2027-10-31', distros: DHI_NO_DEBIAN12 },
    '21': { eol: '2029-12-31', distros: DHI_NO_DEBIAN12 },
    '25': { eol: '2031-09-30', distros: DHI_NO_DEBIAN12 },
    '26': { eol: '2026-09-15', distros: DHI_NO_DEBIAN12 },
  },
};

/** Versions the DHI catalog removed or never had (§2 "Removed or absent"). */
export const DHI_GONE: Record<string, string> = {
  'node:20': 'DHI removed Node 20 on 2026-05-11 (its end of life was 2026-04-30)',
  'node:18': 'DHI never published Node 18',
  'node:23': 'DHI never published Node 23',
  'python:3.9': 'DHI never published Python 3.9',
};

/** The date tags of dhi.io/static (§1): `20250419-debian13`, `20260611-alpine3.24`, `20260611-musl-alpine3.24`. */
export const DHI_STATIC_DATE = { debian: '20250419', alpine: '20260611' };

const DHI_REPO: Record<'python' | 'node' | 'java', string> = {
  python: 'python',
  node: 'node',
  java: 'eclipse-temurin',
};

/** glibc of DHI's Debian variants (§3.1: debian-13 2.41; debian-12 is bookworm's). */
const DHI_GLIBC: Record<string, string> = { debian13: '2.41', debian12: '2.36' };

const dhiBase = (distro: DhiDistro) => {
  const alpine = distro.startsWith('alpine');
  return {
    caCerts: true,
    passwd: true,
    glibc: alpine ? null : (DHI_GLIBC[distro] ?? null),
    libc: alpine ? ('musl' as const) : ('glibc' as const),
    ...DHI_FACTS,
  };
};

/** The DHI runtime image of a language version on a distro, with its config (§3), or null when DHI has none. */
export function dhiImage(runtime: 'python' | 'node' | 'java', version: string, distro: DhiDistro): RuntimeImage | null {
  const v = DHI_VERSIONS[runtime][version];
  if (!v?.distros.includes(distro)) return null;
  const alpine = distro.startsWith('alpine');
  const ca = alpine ? 'ca-certificates-bundle' : 'ca-certificates';
  const libcPkg = alpine ? 'musl' : 'libc6';
  const ref = `${DHI}/${DHI_REPO[runtime]}:${version}-${distro}`;
  // debian12 and alpine3.22 keep the old /opt layout (§3.1, §3.2).
  const oldLayout = distro === 'debian12' || distro === 'alpine3.22';
  const common = { ...dhiBase(distro), ref, entrypoint: null, runtime, version, eol: v.eol };
  if (runtime === 'python') {
    const binary = oldLayout ? '/opt/python/bin/python3' : `/usr/bin/python${version}`;
    const dir = oldLayout ? '/opt/python/bin' : '/usr/bin';
    return {
      ...common,
      interpreter: 'python3',
      binary,
      cmd: ['python3'],
      user: '65532',
      users: { root: '0', nonroot: '65532' },
      programs: [
        `${dir}/python3`,
        `${dir}/python`,
        ...(oldLayout ? [] : [binary]),
        'python3',
        'python',
        `python${version}`,
      ],
      ships: [ca, 'tzdata', libcPkg],
    };
  }
  if (runtime === 'node') {
    const binary = oldLayout ? '/usr/local/bin/node' : '/usr/bin/node';
    return {
      ...common,
      interpreter: 'node',
      binary,
      cmd: ['node'],
      user: '1000',
      workdir: '/app',
      // WORKDIR /app, created uid 0, gid 0, mode 0755 (§3.2).
      dirs: { '/app': '0' },
      users: { root: '0', node: '1000' },
      programs: [binary, 'node'],
      // Alpine node runtimes list no tzdata (§3.2).
      ships: alpine ? [ca, libcPkg] : [ca, 'tzdata', libcPkg],
    };
  }
  // eclipse-temurin JRE: java on PATH from /usr/local/bin (debian-13, alpine-3.22) or /usr/bin (alpine 3.23+).
  const binary = distro === 'debian13' || distro === 'alpine3.22' ? '/usr/local/bin/java' : '/usr/bin/java';
  return {
    ...common,
    interpreter: 'java',
    binary,
    cmd: alpine && version === '8' ? ['java', '-help'] : ['java', '--help'],
    user: '65532',
    users: { root: '0', nonroot: '65532' },
    programs: [binary, 'java'],
    // tzdata: listed on alpine only (§3.3).
    ships: alpine ? [ca, 'tzdata', libcPkg] : [ca, libcPkg],
  };
}

/** dhi.io/static (§3.4): no libc, glibc (libc6 only) or musl (musl and libgcc), on Debian 13 or an Alpine minor. */
export function dhiStatic(kind: 'static' | 'glibc' | 'musl', distro: DhiDistro): TargetImage | null {
  const alpine = distro.startsWith('alpine');
  if (!DHI_ALL.includes(distro) || (kind === 'glibc' && alpine) || (kind === 'musl' && !alpine)) return null;
  const date = alpine ? DHI_STATIC_DATE.alpine : DHI_STATIC_DATE.debian;
  const ca = alpine ? 'ca-certificates-bundle' : 'ca-certificates';
  const libs = kind === 'glibc' ? ['libc6'] : kind === 'musl' ? ['musl', 'libgcc'] : [];
  return {
    ...dhiBase(distro),
    ref: `${DHI}/static:${date}-${kind === 'static' ? '' : `${kind}-`}${distro}`,
    entrypoint: null,
    glibc: kind === 'glibc' ? (DHI_GLIBC[distro] ?? null) : null,
    ...(kind === 'static' ? {} : { libc: kind === 'glibc' ? ('glibc' as const) : ('musl' as const) }),
    user: '65532',
    users: { root: '0', nonroot: '65532' },
    ships: [ca, 'tzdata', ...libs],
    eol: null,
  };
}

export const CHAINGUARD = 'cgr.dev/chainguard';
const CG_FACTS = {
  family: 'chainguard' as const,
  source: 'chainguard-images/images@cd7edd23 (minimal-images.md §3.2)',
  asOf: '2026-08-22',
  caCerts: true,
  passwd: true,
  eol: null,
};
const CG_CA = ['ca-certificates', 'ca-certificates-bundle'];

/** Chainguard's free images (`:latest` only, §3.1), each with the config its locked_config.json records. */
export const CHAINGUARD_IMAGES = {
  static: {
    ...CG_FACTS,
    ref: `${CHAINGUARD}/static`,
    entrypoint: null,
    glibc: null,
    user: '65532',
    users: { root: '0', nonroot: '65532' },
    ships: [...CG_CA, 'tzdata'],
  },
  glibcDynamic: {
    ...CG_FACTS,
    ref: `${CHAINGUARD}/glibc-dynamic`,
    entrypoint: null,
    glibc: '2.43',
    libc: 'glibc',
    user: '65532',
    users: { root: '0', nonroot: '65532' },
    // glibc, ld-linux, libgcc, libstdc++ and the CA bundle, by their Debian names.
    ships: [...CG_CA, 'libc6', 'libgcc-s1', 'libgcc1', 'libstdc++6'],
  },
  python: {
    ...CG_FACTS,
    ref: `${CHAINGUARD}/python`,
    entrypoint: ['/usr/bin/python'],
    glibc: '2.43',
    libc: 'glibc',
    user: '65532',
    users: { root: '0', nonroot: '65532' },
    programs: ['/usr/bin/python'],
    ships: [...CG_CA, 'libc6'],
    runtime: 'python',
    version: '3.14',
    fullVersion: '3.14.7',
    binary: '/usr/bin/python',
    latestUntil: { date: '2026-10-01', next: '3.15', source: 'PEP 790, the Python 3.15 release schedule' },
  },
  node: {
    ...CG_FACTS,
    ref: `${CHAINGUARD}/node`,
    entrypoint: ['/usr/bin/node'],
    cmd: ['--help'],
    glibc: '2.43',
    libc: 'glibc',
    user: '65532',
    workdir: '/app',
    users: { root: '0', node: '65532' },
    programs: ['/usr/bin/node'],
    ships: [...CG_CA, 'libc6'],
    runtime: 'node',
    version: '26',
    fullVersion: '26.7.0',
    binary: '/usr/bin/node',
    latestUntil: { date: '2026-10-01', next: '27', source: "Node.js's release schedule (odd majors in October)" },
  },
  jre: {
    ...CG_FACTS,
    ref: `${CHAINGUARD}/jre`,
    entrypoint: ['/usr/bin/java'],
    glibc: '2.43',
    libc: 'glibc',
    user: '65532',
    workdir: '/app',
    users: { root: '0', java: '65532' },
    programs: ['/usr/bin/java'],
    ships: [...CG_CA, 'libc6'],
    runtime: 'java',
    version: '26',
    fullVersion: '26.0.2.1',
    binary: '/usr/bin/java',
    // Java 26's end of life is Java 27's release (dhi-images.md §2: eclipse-temurin 26, 2026-09-15).
    latestUntil: { date: '2026-09-15', next: '27', source: 'dhi-images.md §2 (Java 26 ends when Java 27 ships)' },
  },
} satisfies Record<string, TargetImage | RuntimeImage>;

/** The Chainguard language image of a runtime: its one free version. */
export function chainguardImage(runtime: 'python' | 'node' | 'java'): RuntimeImage {
  return runtime === 'python'
    ? CHAINGUARD_IMAGES.python
    : runtime === 'node'
      ? CHAINGUARD_IMAGES.node
      : CHAINGUARD_IMAGES.jre;
}

/** How reasons name a language runtime. */
export const RUNTIME_LABEL: Record<RuntimeImage['runtime'], string> = { java: 'Java', node: 'Node', python: 'Python' };

/**
 * Why a floating `:latest` image's recorded version can no longer be trusted on `day`, or null while it can: the
 * next major was due, and Chainguard's free `:latest` is always the newest (minimal-images.md §3.2).
 */
export function staleLatest(image: RuntimeImage, day: string): string | null {
  const until = image.latestUntil;
  const label = RUNTIME_LABEL[image.runtime];
  if (!until || day <= until.date) return null;
  return `${image.ref} (the free :latest) was ${label} ${image.fullVersion ?? image.version} as of ${image.asOf}, and ${label} ${until.next} was due on ${until.date} (${until.source}); :latest follows the newest major, so minbase cannot tell which ${label} it runs now`;
}

/** The date (YYYY-MM-DD) of the clock: `now` when given (tests), else today. */
export function today(now?: Date): string {
  return (now ?? new Date()).toISOString().slice(0, 10);
}

/** Whether an image is past its end of life on that day (and so counts as removed). */
export function pastEol(image: Pick<TargetImage, 'eol'>, day: string): boolean {
  return typeof image.eol === 'string' && day > image.eol;
}

/**
 * The Alpine minor of an image reference: `3.21` for `alpine:3.21` or `node:22-alpine3.21`, null for a floating
 * tag (`node:22-alpine`, `golang:alpine`, `alpine:latest`), undefined when it is not Alpine.
 */
export function alpineMinor(ref: ImageRef | null): string | null | undefined {
  if (!ref) return undefined;
  const tag = (ref.tag ?? '').toLowerCase();
  if (ref.name === 'alpine' || ref.name === 'alpine-base') return /^(\d+\.\d+)/.exec(tag)?.[1] ?? null;
  const m = /alpine-?(\d+\.\d+)/.exec(tag);
  if (m) return m[1] as string;
  return tag.includes('alpine') ? null : undefined;
}

/**
 * The Alpine minor to run on (RULES §3): the builder's, or the oldest newer one available (musl runs binaries built
 * against an older musl); for a floating tag the newest. Null when every available one is older than the builder's.
 */
export function pickAlpine(available: string[], minor: string | null): string | null {
  const sorted = [...available].sort((a, b) => (versionLE(a, b) ? (a === b ? 0 : -1) : 1));
  if (minor === null) return sorted[sorted.length - 1] ?? null;
  return sorted.find((v) => versionLE(minor, v)) ?? null;
}

/** The Alpine minors a DHI language version (or static) is published on. */
export function dhiAlpines(runtime: 'python' | 'node' | 'java' | 'static', version = ''): string[] {
  const distros = runtime === 'static' ? DHI_ALL : (DHI_VERSIONS[runtime][version]?.distros ?? []);
  return distros.filter((d) => d.startsWith('alpine')).map((d) => d.slice('alpine'.length));
}

/**
 * Facts of a DHI or Chainguard reference as written on a FROM line (any version the catalog knows, past end of
 * life too), for the behaviour check. `dev`: a -dev variant (root, with a shell). Null when the catalog does not
 * know it.
 */
export function familyImageOf(ref: ImageRef): { image: TargetImage; dev: boolean } | null {
  const reg = ref.registry.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  const dev = /(^|-)dev(-|$)/.test(tag);
  if (reg === DHI) {
    const repo = ref.repo;
    if (repo === 'static') {
      const m = /^\d{8}(?:-(glibc|musl))?(?:-(debian1[23]|debian|alpine3\.\d+|alpine))?$/.exec(tag);
      if (!m) return null;
      const distro = !m[2] || m[2] === 'debian' ? 'debian13' : m[2] === 'alpine' ? 'alpine3.24' : m[2];
      const kind = (m[1] as 'glibc' | 'musl' | undefined) ?? 'static';
      const image = dhiStatic(kind, distro);
      return image ? { image: { ...image, ref: `${DHI}/static:${tag}` }, dev: false } : null;
    }
    const runtime =
      repo === 'python' ? 'python' : repo === 'node' ? 'node' : repo === 'eclipse-temurin' ? 'java' : null;
    if (!runtime) return null;
    const m = /^(\d+(?:\.\d+)?)(?:[.\d]*)(?:-(?:jdk-)?(debian1[23]|debian|alpine3\.\d+|alpine))?(?:-.*)?$/.exec(tag);
    if (!m) return null;
    const major = runtime === 'python' ? (m[1] as string) : (m[1] as string).split('.')[0];
    const distro = !m[2] || m[2] === 'debian' ? 'debian13' : m[2] === 'alpine' ? 'alpine3.24' : m[2];
    const image = dhiImage(runtime, major ?? '', distro);
    return image ? { image: { ...image, ref: `${DHI}/${repo}:${ref.tag}` }, dev } : null;
  }
  if (reg === 'cgr.dev') {
    const name = ref.name;
    const image =
      name === 'static'
        ? CHAINGUARD_IMAGES.static
        : name === 'glibc-dynamic'
          ? CHAINGUARD_IMAGES.glibcDynamic
          : name === 'python'
            ? CHAINGUARD_IMAGES.python
            : name === 'node'
              ? CHAINGUARD_IMAGES.node
              : name === 'jre'
                ? CHAINGUARD_IMAGES.jre
                : null;
    return image ? { image, dev } : null;
  }
  return null;
}

/** DHI repositories whose non-dev tags are minimal runtime images (no shell, no package manager; §2, §3). */
const DHI_MINIMAL = new Set(['python', 'node', 'eclipse-temurin', 'amazoncorretto', 'sapmachine', 'azul', 'static']);

/** Is this a DHI runtime image (not a -dev variant, not a toolchain or base with a shell)? */
export function isDhiRuntime(ref: ImageRef): boolean {
  const tag = (ref.tag ?? '').toLowerCase();
  if (/(^|-)dev$|-dev-|-compat$/.test(tag)) return false;
  if (ref.registry.toLowerCase() === DHI) return DHI_MINIMAL.has(ref.repo);
  // Select and Enterprise mirrors: <your-org>/dhi-<repo> (§1).
  const m = /^[^/]+\/dhi-([a-z0-9-]+)$/.exec(ref.repo);
  return m !== null && DHI_MINIMAL.has(m[1] as string);
}

/** The catalog's facts for a minimal image reference (distroless, scratch, DHI, Chainguard), or null. */
export function catalogImage(ref: ImageRef): TargetImage | null {
  if (ref.name.toLowerCase() === 'scratch' && !ref.registry) return TARGETS.scratch;
  const family = familyImageOf(ref);
  if (family) return family.image;
  const image = distrolessImage(ref);
  if (image === null) return null;
  const name = `${DISTROLESS}/${image}`;
  for (const t of [...Object.values(TARGETS), ...Object.values(RUNTIME_IMAGES), JAVA_BASE])
    if (t.ref === name) return t;
  return null;
}

/** The target as a language runtime image (it runs an interpreter the command names), or null for binary images. */
export function runtimeImageOf(t: TargetImage): RuntimeImage | null {
  return 'runtime' in t && 'binary' in t ? (t as RuntimeImage) : null;
}
