import type { Out } from './report.js';

/** Batches of more files than this show a progress line. */
export const PROGRESS_MIN_FILES = 20;
/** The line is redrawn at most this often (ms). */
const INTERVAL = 100;
const CLEAR = '\r\x1b[2K';

/**
 * A single line `minbase: 120/2000 files` on a terminal, redrawn in place at most ten times a second (the first
 * time after 100 ms, so quick runs show nothing). Every other line printed on a terminal while it is up must go
 * through `around()`, which takes the line away first; `done()` takes it away for good.
 */
export class Progress {
  private shown = false;
  private last: number;

  constructor(
    private readonly out: Out,
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.last = now();
  }

  /** `done` files of the total are finished. */
  update(done: number): void {
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.last < INTERVAL) return;
    this.last = now;
    this.out.write(`${CLEAR}minbase: ${done}/${this.total} files`);
    this.shown = true;
  }

  /** Takes the line away (until the next update). */
  clear(): void {
    if (!this.shown) return;
    this.out.write(CLEAR);
    this.shown = false;
  }

  done(): void {
    this.clear();
  }

  /** `out` with the progress line cleared before each write, when `out` is a terminal too (else `out` itself). */
  around(out: Out): Out {
    if (!this.enabled || out.isTTY !== true) return out;
    const clearing: Out = {
      write: (chunk) => {
        this.clear();
        return out.write(chunk);
      },
    };
    clearing.isTTY = true;
    return clearing;
  }
}

/** Whether a batch shows progress: a terminal on stderr, text output, and enough files to wait for. */
export function wantsProgress(stderr: Out, format: string, files: number): boolean {
  return stderr.isTTY === true && format === 'text' && files > PROGRESS_MIN_FILES;
}
