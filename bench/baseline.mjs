/**
 * The benchmark's baseline: one Node process, one thread, that only discovers, reads and parses every Dockerfile
 * once with dockerfile-ast. Discovery is a plain synchronous walk (the Dockerfile names minbase looks for, without
 * node_modules and .git, no .gitignore), reading is readFileSync. Prints the number of files parsed.
 *
 *   node bench/baseline.mjs FOLDER
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';

const NAME = /^(?:dockerfile|containerfile)(?:\.[\s\S]*)?$|\.dockerfile$/i;
let parsed = 0;
function walk(dir) {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory()) {
      const lower = d.name.toLowerCase();
      if (lower !== 'node_modules' && lower !== '.git') walk(join(dir, d.name));
    } else if (d.isFile() && NAME.test(d.name)) {
      DockerfileParser.parse(readFileSync(join(dir, d.name), 'utf8'));
      parsed++;
    }
  }
}
walk(process.argv[2] ?? '.');
console.log(parsed);
