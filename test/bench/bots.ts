/**
 * What test bots cost on this machine: headless Chromium tabs running the bot page against the local stack.
 * For each number of bots in one browser (the runner allows up to 16; the benchmark goes past it to show
 * where Chromium stops) it launches them, waits until every bot is over (against the
 * emulator: "signaling reached, media not emulated", the tab staying open with its fake camera and
 * microphone running), then measures the browser's processes over a window: memory (PSS, shared pages
 * counted once) and CPU. A benchmark that prints figures, not a test.
 *
 *   npm run bench:bots [-- 1 5 10 20]      (Linux: reads /proc)
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { startBots, createBots } from '../../extension/src/bots/runner.ts';
import { botBrowserPids } from '../tools/bot-processes.ts';
import { startLocalWorker } from '../tools/local-stack.ts';
import { cpuMs } from './process-cpu.ts';

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const WINDOW_MS = 10_000;
const BUNDLE = fileURLToPath(new URL('../../extension/dist/bots/bot.js', import.meta.url));

/** Proportional set size of a process in MB: its private pages plus its share of shared ones. */
function pssMb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) / 1024;
  } catch {
    return 0; // gone meanwhile
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const safeCpuMs = (pid: number) => {
  try {
    return cpuMs(pid);
  } catch {
    return 0;
  }
};

spawnSync(process.execPath, [fileURLToPath(new URL('../../extension/src/bots/page/esbuild.mjs', import.meta.url))], { stdio: 'inherit' });
const worker = await startLocalWorker();
const rows: Array<Record<string, string | number>> = [];
try {
  for (const count of SIZES.length ? SIZES : [1, 5, 10, 20]) {
    const meetingId = await worker.emulator.createMeeting();
    const started = performance.now();
    const options = {
      worker: { baseUrl: worker.url, token: worker.token, timeoutMs: 30_000 },
      meetingId,
      count,
      prefix: 'bench-',
      seconds: 600,
      bundlePath: BUNDLE,
    };
    // All in one browser, past the runner's bound of tabs when asked: startBots takes the groups as given.
    const run = await startBots(await createBots(options), { ...options, tabsPerBrowser: count });
    const bots = await run.settled;
    const settledS = (performance.now() - started) / 1000;
    const pids = botBrowserPids();
    const cpuBefore = sum(pids.map(safeCpuMs));
    await delay(WINDOW_MS);
    const cpuPercent = ((sum(pids.map(safeCpuMs)) - cpuBefore) / WINDOW_MS) * 100;
    const memoryMb = sum(botBrowserPids().map(pssMb));
    const reached = bots.filter((bot) => bot.state === 'media-not-emulated').length;
    const failures = [...new Set(bots.filter((bot) => bot.state === 'failed').map((bot) => bot.detail))];
    await run.stop({ deleteAttendees: true });
    rows.push({
      bots: count,
      'reached signaling': `${reached}/${count}`,
      'all over after (s)': settledS.toFixed(1),
      processes: pids.length,
      'PSS (MB)': Math.round(memoryMb),
      'PSS per bot (MB)': Math.round(memoryMb / count),
      'CPU (% of a core)': cpuPercent.toFixed(1),
      'CPU per bot (%)': (cpuPercent / count).toFixed(1),
      ...(failures.length ? { failures: failures.join(' | ').slice(0, 120) } : {}),
    });
  }
} finally {
  await worker.close();
}
// What one more bot adds, against the single bot's browser (which carries the browser's own processes).
const single = rows.find((row) => row['bots'] === 1);
for (const row of rows) {
  if (!single || row === single) continue;
  const extra = (Number(row['PSS (MB)']) - Number(single['PSS (MB)'])) / (Number(row['bots']) - 1);
  row['MB per extra bot'] = Math.round(extra);
}
console.table(rows);
