#!/usr/bin/env node
import { readFileSync } from 'node:fs';

function version() {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

// A reader that went away (`minbase | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

try {
  const { main } = await import('../dist/src/cli/main.js');
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  });
} catch (err) {
  process.stderr.write(
    `minbase ${version()}: unexpected error, please report it with the command you ran:\n${err?.stack ?? err}\n`,
  );
  process.exitCode = 2;
}
