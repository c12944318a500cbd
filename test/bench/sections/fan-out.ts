/** d. Fan-out: 250 attendees' three upstream calls run concurrently, against an emulator that waits before each answer. */
import { startEmulator } from '../../emulator/server.ts';
import { percentile } from '../../load/stats.ts';
import { bundleWorker } from '../../tools/worker-process.ts';
import { runLoad } from '../http-load.ts';
import { ms } from '../format.ts';
import { check } from '../measure.ts';
import { attendeesBody, createMeeting } from '../requests.ts';
import type { Run } from '../run.ts';
import { bearer, startAttendeesTarget, workerVars } from '../targets.ts';

export async function fanOutSection(run: Run) {
  const latency = run.options.latencyMs;
  const slow = await startEmulator({ faults: { latencyMs: latency } });
  run.onClose(() => slow.close());
  const target = await startAttendeesTarget(run, 'the Worker', await bundleWorker(), workerVars(slow.url));
  run.say('## d. Fan-out');
  run.say();
  run.say(
    `The emulator waits ${latency} ms (L) before answering each BatchCreateAttendee call; ` +
      'one request at a time, 3 per row after one to warm up.',
  );
  run.say();
  run.say('| attendees | upstream calls | p50 ms | in units of L | one call after another would take at least |');
  run.say('|---|---|---|---|---|');
  let ratio250 = Number.NaN;
  for (const size of [100, 250]) {
    const calls = Math.ceil(size / 100);
    const body = attendeesBody(size);
    const meetingId = await createMeeting(slow);
    await check(target, meetingId, body, size);
    const url = target.url + target.path(meetingId);
    const m = await runLoad({ url, headers: bearer(), body, concurrency: 1, maxRequests: 3, maxSeconds: 30, expectStatus: 200 });
    const p50 = percentile(m.latencies, 50);
    if (size === 250) ratio250 = p50 / latency;
    run.say(`| ${size} | ${calls} | ${ms(p50, 0)} | ${(p50 / latency).toFixed(2)} L | ${calls * latency} ms (${calls} L) |`);
  }
  run.say();
  const met = run.goal('d. 250 attendees in about one upstream latency, not three', `${ratio250.toFixed(2)} L`, ratio250 < 1.5);
  run.say(`250 attendees complete in ${ratio250.toFixed(2)} L: the three calls run concurrently (${met}).`);
  run.say();
}
