/**
 * Extraction in worker threads, for bulk imports: while the main thread writes one batch to the
 * database, the workers extract the next. Results come back in input order. Where the compiled
 * worker is missing (running from TypeScript sources, as the tests do), extraction runs in-process.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extract } from '../extract/index.js';
import type { ExtractResult, Lang } from '../extract/record.js';

export interface ExtractJob {
  text: string;
  published: string | null;
  lang: Lang | null;
}

export type ExtractOutcome = ExtractResult | { error: string };

/** One job, in this thread (the worker runs the same function). */
export function runJob(job: ExtractJob): ExtractOutcome {
  try {
    return extract(job.text, { published: job.published, lang: job.lang });
  } catch (err) {
    return { error: (err as Error).message };
  }
}

interface Pending { resolve: (out: ExtractOutcome[]) => void; reject: (err: Error) => void }

export class ExtractPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(size: number) {
    const file = fileURLToPath(new URL('./extract-worker.js', import.meta.url));
    if (size < 1 || !existsSync(file)) return;
    for (let i = 0; i < size; i++) {
      const w = new Worker(file);
      w.on('message', (msg: { id: number; out: ExtractOutcome[] }) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve(msg.out);
      });
      w.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      // Not unref'd: while the main thread awaits a batch, the workers are all that keeps it alive.
      this.workers.push(w);
    }
  }

  /** Threads in use (0: extraction runs in this thread). */
  get size(): number {
    return this.workers.length;
  }

  /** Extract every job; the batch is split evenly over the workers. */
  async run(jobs: ExtractJob[]): Promise<ExtractOutcome[]> {
    if (this.workers.length === 0) return jobs.map(runJob);
    const per = Math.ceil(jobs.length / this.workers.length);
    const parts = this.workers.map((w, i) => {
      const slice = jobs.slice(i * per, (i + 1) * per);
      if (slice.length === 0) return Promise.resolve([] as ExtractOutcome[]);
      const id = this.nextId++;
      return new Promise<ExtractOutcome[]>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        w.postMessage({ id, jobs: slice });
      });
    });
    return (await Promise.all(parts)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
