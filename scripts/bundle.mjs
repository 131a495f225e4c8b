/**
 * Bundles the CLI (after tsc) into dist/cli/: one module for the command line, one for the worker threads, and
 * shared chunks for the engine and for what only some runs need (--verify, -i, config files), loaded by import()
 * when they are. Node loads a handful of modules instead of a hundred, which is most of a single file's run time.
 * Packages the code loads with import() stay imports that Node resolves at run time, as it does without a bundle
 * (esbuild's chunks of CommonJS packages would only have a default export there).
 */
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const target = join(root, 'dist', 'cli');
// Built beside the old bundle and swapped in with two renames, so that a run starting meanwhile finds one or the
// other whole.
const outdir = `${target}.new-${process.pid}`;
const old = `${target}.old-${process.pid}`;
rmSync(outdir, { recursive: true, force: true });

/** @type {import('esbuild').Plugin} */
const dynamicPackagesStayExternal = {
  name: 'dynamic-packages-stay-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

await build({
  entryPoints: { main: join(root, 'dist/src/cli/main.js'), worker: join(root, 'dist/src/cli/worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS packages inside an ES module bundle call require(): give them Node's.
  banner: {
    js: "import { createRequire as __minbaseCreateRequire } from 'node:module'; const require = __minbaseCreateRequire(import.meta.url);",
  },
  plugins: [dynamicPackagesStayExternal],
  logLevel: 'warning',
});
try {
  renameSync(target, old);
} catch {}
renameSync(outdir, target);
rmSync(old, { recursive: true, force: true });
