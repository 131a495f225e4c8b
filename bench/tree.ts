/**
 * A synthetic monorepo for the benchmark and the parallel-identity test, built the same way every time: `count`
 * Dockerfiles (the given texts cycled in sorted order) in nested service folders with a few source files each,
 * plus decoys that discovery must skip: Dockerfiles in `node_modules`, in `.git`, and in folders a root or nested
 * `.gitignore` ignores.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeStats {
  /** Dockerfiles minbase must find. */
  dockerfiles: number;
  /** Dockerfile-named files it must skip (node_modules, .git, ignored folders). */
  decoys: number;
  /** Other files (sources, READMEs, .gitignore). */
  others: number;
  folders: number;
  /** Bytes of the Dockerfiles found. */
  bytes: number;
}

/** Names a Dockerfile in the tree may have (the corpus's own name when it is one of these shapes). */
function nameFor(source: string, i: number): string {
  const base = source.split('__').at(-1) ?? 'Dockerfile';
  if (/^(dockerfile|containerfile)(\.[A-Za-z0-9_-]+)?$|^[A-Za-z0-9_-]+\.dockerfile$/i.test(base)) return base;
  return i % 5 === 0 ? 'Containerfile' : 'Dockerfile';
}

/**
 * Writes the tree into `dir` (which must exist and be empty). `sources` are [name, bytes] pairs, used in the
 * order given (sort them first for a deterministic tree).
 */
export function buildTree(dir: string, sources: Array<[string, Buffer]>, count: number): TreeStats {
  const stats: TreeStats = { dockerfiles: 0, decoys: 0, others: 0, folders: 0, bytes: 0 };
  const made = new Set<string>();
  const folder = (p: string): string => {
    if (!made.has(p)) {
      mkdirSync(p, { recursive: true });
      made.add(p);
      stats.folders++;
    }
    return p;
  };
  const other = (p: string, text: string): void => {
    writeFileSync(p, text);
    stats.others++;
  };
  const decoy = (p: string, bytes: Buffer): void => {
    writeFileSync(p, bytes);
    stats.decoys++;
  };
  other(join(folder(dir), '.gitignore'), 'build/\n/generated/\n*.local.Dockerfile\n');
  for (let i = 0; i < count; i++) {
    const [name, bytes] = sources[i % sources.length] as [string, Buffer];
    const area = `area-${String(i % 20).padStart(2, '0')}`;
    const team = `team-${String(Math.floor(i / 20) % 25).padStart(2, '0')}`;
    const svc = folder(join(dir, 'services', area, team, `svc-${String(i).padStart(6, '0')}`));
    // Every fourth service keeps its Dockerfile two levels down, as deploy folders do.
    const home = i % 4 === 3 ? folder(join(svc, 'deploy', 'docker')) : svc;
    writeFileSync(join(home, nameFor(name, i)), bytes);
    stats.dockerfiles++;
    stats.bytes += bytes.length;
    other(join(svc, 'README.md'), `# svc-${i}\n`);
    other(join(folder(join(svc, 'src')), 'main.go'), `package main\n\nfunc main() { println(${i}) }\n`);
    if (i % 10 === 0) decoy(join(folder(join(svc, 'node_modules', 'some-package')), 'Dockerfile'), bytes);
    if (i % 25 === 0) decoy(join(folder(join(svc, 'build')), 'Dockerfile'), bytes);
    if (i % 50 === 0) decoy(join(svc, 'dev.local.Dockerfile'), bytes);
    if (i % 100 === 0) {
      // A nested .gitignore that ignores a folder of its own.
      other(join(svc, '.gitignore'), 'tmp/\n');
      decoy(join(folder(join(svc, 'tmp')), 'Dockerfile'), bytes);
    }
  }
  for (let i = 0; i < Math.max(1, Math.floor(count / 100)); i++) {
    decoy(join(folder(join(dir, '.git', 'modules', `m${i}`)), 'Dockerfile'), Buffer.from('FROM alpine\n'));
    decoy(join(folder(join(dir, 'generated', `g${i}`)), 'Dockerfile'), Buffer.from('FROM alpine\n'));
  }
  return stats;
}
