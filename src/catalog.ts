/**
 * Facts about target and source images, as data. Source: ../shared/reference/minimal-images.{md,json}
 * (distroless snapshot cd080764, 2026-08-21; Chainguard snapshot cd7edd23, 2026-08-22). Change facts here only.
 */
import type { ImageRef } from './imageref.js';

export const DISTROLESS = 'gcr.io/distroless';

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
}

const STATIC_SHIPS = ['ca-certificates', 'ca-certificates-bundle', 'tzdata', 'tzdata-legacy', 'netbase', 'media-types'];
const BASE_SHIPS = [...STATIC_SHIPS, 'libc6', 'libssl3', 'libssl3t64', 'zlib1g', 'libzstd1'];
const CC_SHIPS = [...BASE_SHIPS, 'libgcc-s1', 'libgcc1', 'libstdc++6', 'libgomp1'];

export const TARGETS = {
  scratch: { ref: 'scratch', entrypoint: null, ships: [], caCerts: false, passwd: false, glibc: null },
  static: {
    ref: `${DISTROLESS}/static-debian13`,
    entrypoint: null,
    ships: STATIC_SHIPS,
    caCerts: true,
    passwd: true,
    glibc: null,
  },
  base: {
    ref: `${DISTROLESS}/base-debian13`,
    entrypoint: null,
    ships: BASE_SHIPS,
    caCerts: true,
    passwd: true,
    glibc: '2.41',
  },
  cc: {
    ref: `${DISTROLESS}/cc-debian13`,
    entrypoint: null,
    ships: CC_SHIPS,
    caCerts: true,
    passwd: true,
    glibc: '2.41',
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
};

/** Language runtime images: the version each ships, its entrypoint and the interpreter's absolute path. */
export interface RuntimeImage extends TargetImage {
  runtime: 'java' | 'node' | 'python';
  version: string;
  /** The interpreter binary: `/usr/bin/java`, `/nodejs/bin/node`, `/usr/bin/python3.13`. */
  binary: string;
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

export type MinimalKind = 'scratch' | 'distroless' | 'chainguard' | 'ubi-micro' | 'chiseled';

/** Is this image already a minimal base (no shell, no package manager)? */
export function minimalKind(ref: ImageRef): MinimalKind | null {
  const raw = ref.raw.toLowerCase();
  if (ref.repo === 'scratch' && ref.registry === '') return 'scratch';
  if (raw.startsWith(`${DISTROLESS}/`)) return 'distroless';
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
  if (tag.includes('trixie')) return '2.41';
  if (tag.includes('bookworm')) return '2.36';
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
