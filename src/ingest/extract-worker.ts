/** Worker thread of ExtractPool: extracts the jobs it is sent and posts the results back. */
import { parentPort } from 'node:worker_threads';
import { runJob, type ExtractJob } from './extract-pool.js';

parentPort?.on('message', (msg: { id: number; jobs: ExtractJob[] }) => {
  parentPort!.postMessage({ id: msg.id, out: msg.jobs.map(runJob) });
});
