/**
 * Plans files (read + rewrite + diff, see `plan()`) on worker threads, one per core, a window ahead of the file
 * being reported, and hands the plans back in the order asked. The engine is pure and synchronous, so each worker
 * runs it on its own files; reading happens there too. With one thread (one core, `MINBASE_THREADS=1`, or a batch
 * too small to be worth starting threads for) files are planned on the main thread when asked, as they always were:
 * the results are the same byte for byte either way (test/parallel.test.ts).
 *
 * A worker that dies (out of memory, a crash) loses nothing: the file it was planning is planned again on the main
 * thread, its other files go to the other workers, and a new worker takes its place.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PlanOptions } from './config.js';
import type { Entry } from './discover.js';
import { ioReport, type Planned, plan } from './process.js';

/** Below this many files, starting threads (about 50 ms each) costs more than it saves. */
export const MIN_FILES_FOR_THREADS = 32;
/** Threads never outnumber files by less than this many files each. */
const FILES_PER_THREAD = 16;
const MAX_THREADS = 8;
/** How far ahead of the file being reported files are planned, per thread (bounds memory). */
const WINDOW_PER_THREAD = 128;
/** Files sent to a worker in one message, at most; fewer near the end, so that the threads finish together. */
const MAX_BATCH = 8;
/** Batches a worker holds at once: one it works on, one waiting, so it never waits for the main thread. */
const BATCHES_PER_WORKER = 2;
/**
 * A worker's heap. The engine keeps about 10 MB live, but V8 lets garbage pile up to hundreds of MB before a full
 * collection when the limit is its default; these limits keep a 10,000-file run near 200 MB in all (three isolates)
 * for a few percent more time in the collector. A file that needs more than this dies with its worker and is planned
 * again on the main thread, whose heap has Node's usual limit, so the result is the same as without threads.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/**
 * How many threads plan `files` files: `MINBASE_THREADS` when set (1 plans on the main thread), else one per core
 * up to 8, and 1 for small batches.
 */
export function threadCount(env: Record<string, string | undefined>, files: number): number {
  const forced = env.MINBASE_THREADS;
  if (forced !== undefined && /^\d+$/.test(forced.trim()) && Number(forced) >= 1) {
    return Math.min(Number(forced), 64);
  }
  if (files < MIN_FILES_FOR_THREADS) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS, Math.ceil(files / FILES_PER_THREAD)));
}

export interface Planner {
  /** The plan of `entry`, one of the entries given, asked in their order. Never rejects. */
  plan(entry: Entry): Promise<Planned>;
  /** Stops the workers; plans not yet handed back are dropped. */
  close(): Promise<void>;
}

/** Run from the TypeScript sources (tests in this process), there is no built worker.js to start. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** Cells of the shared progress array: one per thread, and threadCount never gives more than 64. */
const MAX_CELLS = 64;

/**
 * Workers started before the files are known (while discovery walks), for the next planner to take over: a worker
 * takes ~100 ms to load the engine, which then overlaps the walk. Unreferenced, so they never hold the process.
 */
let warm: { progress: Int32Array; workers: Array<{ worker: Worker; exited: boolean }> } | null = null;

/** Starts `threads` workers ahead of `openPlanner` (nothing with one thread, or when some are started already). */
export function prestartWorkers(threads: number): void {
  if (threads <= 1 || FROM_SOURCES || warm !== null) return;
  const progress = new Int32Array(new SharedArrayBuffer(4 * MAX_CELLS));
  warm = { progress, workers: [] };
  for (let cell = 0; cell < threads; cell++) {
    const w = { worker: startWorker(progress, cell), exited: false };
    w.worker.once('exit', () => {
      w.exited = true;
    });
    w.worker.on('error', () => {});
    warm.workers.push(w);
  }
}

/** Stops the workers `prestartWorkers` started when no planner took them (interactive mode, an error). */
export async function discardWorkers(): Promise<void> {
  const w = warm;
  warm = null;
  if (w) await Promise.all(w.workers.map((x) => (x.exited ? undefined : x.worker.terminate())));
}

function startWorker(progress: Int32Array, cell: number): Worker {
  Atomics.store(progress, cell, -1);
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: { progress: progress.buffer, cell },
    resourceLimits: WORKER_HEAP,
  });
  worker.unref();
  return worker;
}

/**
 * A planner for `entries` (in the order they will be asked for) on `threads` threads, or on as many as
 * `prestartWorkers` started if that is more (the output is the same on any number).
 */
export function openPlanner(entries: Entry[], optionsFor: (entry: Entry) => PlanOptions, threads: number): Planner {
  const started = warm;
  warm = null;
  const count = Math.max(threads, started?.workers.length ?? 0);
  if (count <= 1 || FROM_SOURCES) {
    return { plan: (entry) => plan(entry, optionsFor(entry)), close: async () => {} };
  }
  return new Pool(entries, optionsFor, count, started);
}

type FileEntry = Extract<Entry, { kind: 'file' }>;

/** What the main thread sends a worker: files to plan, each naming its options in `options`. */
export interface BatchMessage {
  batch: number;
  items: Array<{ index: number; entry: FileEntry; options: number }>;
  options: PlanOptions[];
}

/** What a worker sends back: the plans of one batch, in its order. */
export interface ResultMessage {
  batch: number;
  plans: Planned[];
}

interface Slot {
  worker: Worker;
  /** Index of this worker's cell in `progress`. */
  cell: number;
  /** Batches sent and not answered, oldest first. */
  batches: Array<{ batch: number; indexes: number[] }>;
  exited: boolean;
}

interface Waiting {
  promise: Promise<Planned>;
  resolve: (planned: Planned) => void;
  settled: boolean;
}

class Pool implements Planner {
  private readonly order = new Map<Entry, number>();
  private readonly results: Array<Waiting | undefined> = [];
  /** Each worker writes the index of the file it is planning into its cell, so a crash names that file. */
  private readonly progress: Int32Array;
  private readonly slots: Slot[] = [];
  /** Files to send again first (their worker died before answering), then files from `next` on. */
  private readonly retry: number[] = [];
  private next = 0;
  /** Files up to (not including) this index may be planned: the window ahead of the one asked for. */
  private limit: number;
  private batches = 0;
  private respawns = 0;
  private closed = false;
  /** Set when workers cannot be had any more: the rest is planned on the main thread. */
  private inline = false;

  constructor(
    private readonly entries: Entry[],
    private readonly optionsFor: (entry: Entry) => PlanOptions,
    private readonly threads: number,
    started: typeof warm = null,
  ) {
    entries.forEach((entry, i) => {
      this.order.set(entry, i);
    });
    this.limit = Math.min(entries.length, threads * WINDOW_PER_THREAD);
    this.progress = started?.progress ?? new Int32Array(new SharedArrayBuffer(4 * threads));
    for (let i = 0; i < threads; i++) {
      const w = started?.workers[i];
      if (w && !w.exited) this.adopt(i, w.worker);
      else this.spawn(i);
    }
    this.pump();
  }

  plan(entry: Entry): Promise<Planned> {
    const index = this.order.get(entry);
    if (index === undefined) return plan(entry, this.optionsFor(entry));
    const limit = Math.min(this.entries.length, index + 1 + this.threads * WINDOW_PER_THREAD);
    if (limit > this.limit) {
      this.limit = limit;
      this.pump();
    }
    const waiting = this.waiting(index);
    // Handed back once: the window's memory is freed as the files are reported.
    waiting.promise.then(() => {
      this.results[index] = undefined;
    });
    return waiting.promise;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => (slot.exited ? undefined : slot.worker.terminate())));
  }

  private waiting(index: number): Waiting {
    let waiting = this.results[index];
    if (!waiting) {
      let resolve!: (planned: Planned) => void;
      const promise = new Promise<Planned>((r) => {
        resolve = r;
      });
      waiting = { promise, resolve, settled: false };
      this.results[index] = waiting;
    }
    return waiting;
  }

  private settle(index: number, planned: Planned): void {
    const waiting = this.waiting(index);
    if (waiting.settled) return;
    waiting.settled = true;
    waiting.resolve(planned);
  }

  private spawn(cell: number): void {
    this.adopt(cell, startWorker(this.progress, cell));
  }

  /** Takes `worker` (started unreferenced, on cell `cell` of `progress`) as the worker of that cell. */
  private adopt(cell: number, worker: Worker): void {
    const slot: Slot = { worker, cell, batches: [], exited: false };
    this.slots[cell] = slot;
    worker.on('message', (message: ResultMessage) => this.answered(slot, message));
    // An 'error' (uncaught in the worker, or out of memory) is followed by 'exit'; what was lost is dealt with there.
    worker.on('error', () => {});
    worker.on('exit', () => this.exited(slot));
  }

  /** The next files to send, up to `count`, or none when the window is full. */
  private take(count: number): number[] {
    const out: number[] = [];
    while (out.length < count && this.retry.length > 0) out.push(this.retry.shift() as number);
    while (out.length < count && this.next < this.limit) {
      const index = this.next++;
      const entry = this.entries[index] as Entry;
      // Discovery's errors and skips need no reading.
      if (entry.kind !== 'file')
        this.settle(index, { report: ioReport(entry.display, entry.kind, entry.reason), write: null });
      else out.push(index);
    }
    return out;
  }

  /** Sends every worker with room a batch, while files in the window are left. */
  private pump(): void {
    if (this.closed) return;
    if (this.inline) {
      for (const index of this.take(Number.POSITIVE_INFINITY)) {
        const entry = this.entries[index] as Entry;
        plan(entry, this.optionsFor(entry)).then((planned) => this.settle(index, planned));
      }
      return;
    }
    for (;;) {
      const slot = this.slots
        .filter((s) => !s.exited && s.batches.length < BATCHES_PER_WORKER)
        .sort((a, b) => a.batches.length - b.batches.length)[0];
      if (!slot) return;
      const left = this.retry.length + Math.max(0, this.limit - this.next);
      if (left === 0) return;
      const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(left / (this.threads * BATCHES_PER_WORKER))));
      const indexes = this.take(size);
      if (indexes.length === 0) return;
      const options: PlanOptions[] = [];
      const items = indexes.map((index) => {
        const entry = this.entries[index] as FileEntry;
        const opts = this.optionsFor(entry);
        let at = options.indexOf(opts);
        if (at < 0) at = options.push(opts) - 1;
        return { index, entry, options: at };
      });
      const batch = this.batches++;
      slot.batches.push({ batch, indexes });
      slot.worker.ref();
      slot.worker.postMessage({ batch, items, options } satisfies BatchMessage);
    }
  }

  private answered(slot: Slot, message: ResultMessage): void {
    const at = slot.batches.findIndex((b) => b.batch === message.batch);
    const sent = at >= 0 ? slot.batches.splice(at, 1)[0] : undefined;
    if (slot.batches.length === 0) slot.worker.unref();
    if (sent) {
      sent.indexes.forEach((index, i) => {
        const planned = message.plans[i];
        if (planned) this.settle(index, fromWorker(planned));
      });
    }
    this.pump();
  }

  private exited(slot: Slot): void {
    slot.exited = true;
    const lost = slot.batches.flatMap((b) => b.indexes);
    slot.batches = [];
    if (this.closed) return;
    if (lost.length > 0) {
      // The worker plans its files in order: the one in its cell is the one it was on. It is planned again here,
      // on the main thread (out of memory in a worker's smaller heap is the likely cause), the others by the workers.
      const culprit = Atomics.load(this.progress, slot.cell);
      if (lost.includes(culprit)) {
        const entry = this.entries[culprit] as Entry;
        plan(entry, this.optionsFor(entry)).then((planned) => this.settle(culprit, planned));
      }
      this.retry.unshift(...lost.filter((index) => index !== culprit));
    }
    if (this.respawns < this.threads * 4) {
      this.respawns++;
      this.spawn(slot.cell);
    } else if (this.slots.every((s) => s.exited)) {
      this.inline = true;
    }
    this.pump();
  }
}

/** Buffers come back from a worker as plain Uint8Arrays. */
function fromWorker(planned: Planned): Planned {
  if (!planned.write) return planned;
  const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  return {
    ...planned,
    write: { ...planned.write, content: bytes(planned.write.content), expected: bytes(planned.write.expected) },
  };
}
