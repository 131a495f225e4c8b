/**
 * A worker thread of the pipeline (pipeline.ts): plans the files of each batch it is sent, in order, and sends
 * their plans back. Before each file it writes the file's index into its cell of the shared progress array, so
 * that the main thread knows which file it was on if it dies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BatchMessage, ResultMessage } from './pipeline.js';
import { ioReport, type Planned, plan } from './process.js';
import { version } from './version.js';

const { progress: shared, cell } = workerData as { progress: SharedArrayBuffer; cell: number };
const progress = new Int32Array(shared);
const port = parentPort;
// For the tests only: a file whose path contains this text makes the worker planning it die (as out of memory would).
const crashOn = process.env.MINBASE_TEST_WORKER_CRASH;

const queue: BatchMessage[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  while (queue.length > 0) {
    const message = queue.shift() as BatchMessage;
    const plans: Planned[] = [];
    for (const item of message.items) {
      Atomics.store(progress, cell, item.index);
      if (crashOn && item.entry.display.includes(crashOn)) process.exit(70);
      try {
        plans.push(await plan(item.entry, message.options[item.options] ?? {}));
      } catch (err) {
        // plan() never throws; should it, the file is an error and the others go on.
        const why = err instanceof Error ? err.message : String(err);
        plans.push({
          report: ioReport(item.entry.display, 'error', `internal error in minbase ${version()}: ${why}`),
          write: null,
        });
      }
    }
    Atomics.store(progress, cell, -1);
    port?.postMessage({ batch: message.batch, plans } satisfies ResultMessage);
  }
  running = false;
}

port?.on('message', (message: BatchMessage) => {
  queue.push(message);
  if (!running) void drain();
});
