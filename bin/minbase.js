#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import module from 'node:module';

// Node 22.1 and later keep the compiled code of the modules between runs, which takes a third off a short run;
// older Node has no such cache, and the bundle below is what keeps their start short.
module.enableCompileCache?.();

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
  // The CLI bundled (scripts/bundle.mjs): a few modules to load instead of a hundred.
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    // Only -i and '-' read stdin: creating the stream costs a few milliseconds that other runs need not pay.
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
    env: process.env,
  });
} catch (err) {
  process.stderr.write(
    `minbase ${version()}: unexpected error, please report it with the command you ran:\n${err?.stack ?? err}\n`,
  );
  process.exitCode = 2;
}
