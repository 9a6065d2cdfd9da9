#!/usr/bin/env node
/**
 * `npm run bench:telegram`: generate a Telegram export (1,000,000 messages by default, kept in
 * .bench/ for the next run), ingest it into a fresh embedded PGlite database with the real CLI, and
 * print messages/s and the peak resident memory. It ingests with `--defer-resolve` (new documents
 * stored unresolved) and then runs `letopis resolve` once over the whole import, and times both.
 *
 *   node bench/telegram.mjs [--messages 1000000] [--batch-size 1000] [--workers 2]
 *
 * Goals (issue 4): >= 3,000 messages/s on a 2-core machine, peak RSS under 1 GB.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const messages = Number(arg('messages', '1000000'));
const batch = arg('batch-size', '1000');
const workers = arg('workers', '2');
const label = messages % 1_000_000 === 0 ? `${messages / 1_000_000}m` : messages % 1000 === 0 ? `${messages / 1000}k` : String(messages);
const file = join(root, '.bench', `telegram-${label}.json`);
const data = join(root, '.bench', 'telegram-db');

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

function run(cmd, argv, onPid) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    onPid?.(child.pid);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * Peak resident memory (VmHWM) and CPU time (user + system, all threads) of a running process,
 * read from /proc while it lives. CPU time tells what the machine could do when others share it.
 */
function watchPeak(pid) {
  let peak = 0;
  let childPeak = 0;
  let cpu = 0;
  const hwm = (p) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  const read = () => {
    try {
      peak = Math.max(peak, hwm(pid));
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu = (Number(f[11]) + Number(f[12])) / 100;
      // Child processes (a new data folder's initdb) are watched too, and reported apart.
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
          try {
            childPeak = Math.max(childPeak, hwm(child));
          } catch { /* ended */ }
        }
      }
    } catch { /* the process has ended */ }
  };
  const timer = setInterval(read, 100);
  return { stop: () => { read(); clearInterval(timer); return { peak, cpu, childPeak }; } };
}

if (!existsSync(file)) {
  console.error(`bench: generating ${messages} messages into ${file}`);
  const g = await run(process.execPath, [join(root, 'bench', 'generate-telegram.mjs'), '--messages', String(messages), '--out', file]);
  if (g.code !== 0) process.exit(g.code ?? 1);
}
rmSync(data, { recursive: true, force: true });
console.error(`bench: ingesting ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) into ${data}, batch size ${batch}`);
let watcher;
const started = Date.now();
const r = await run(process.execPath, [join(root, 'bin', 'letopis.js'), 'ingest', '--data', data, '--batch-size', batch, '--workers', workers, '--defer-resolve', '--quiet', file], (pid) => { watcher = watchPeak(pid); });
const ingestSecs = (Date.now() - started) / 1000;
const ingestUse = watcher.stop();
// Bulk resolution of the whole import, as `letopis ingest --defer-resolve` leaves it.
const r2 = r.code === 0 ? await run(process.execPath, [join(root, 'bin', 'letopis.js'), 'resolve', '--data', data, '--quiet'], (pid) => { watcher = watchPeak(pid); }) : r;
const resolveUse = watcher.stop();
const secs = (Date.now() - started) / 1000;
const peak = Math.max(ingestUse.peak, resolveUse.peak);
const cpu = ingestUse.cpu + resolveUse.cpu;
const stored = /documents: (\d+) new/.exec(r.stderr)?.[1];
console.log(`messages in export: ${messages}`);
console.log(`documents stored:   ${stored ?? '?'}`);
console.log(`wall time:          ${secs.toFixed(1)} s (ingest ${ingestSecs.toFixed(1)} s, resolve ${(secs - ingestSecs).toFixed(1)} s)`);
console.log(`messages/s:         ${Math.round(messages / secs)}   (goal >= 3000)`);
console.log(`CPU time:           ${cpu.toFixed(1)} s (all threads; ${Math.round(messages / Math.max(cpu, 0.01))} messages per CPU-second)`);
console.log(`peak RSS:           ${(peak / 1048576).toFixed(0)} MB   (goal < 1024 MB)`);
console.log(`initdb child:       ${(ingestUse.childPeak / 1048576).toFixed(0)} MB peak, before the import starts (a new data folder is created in a process of its own)`);
process.exit(r.code || r2.code || 0);
