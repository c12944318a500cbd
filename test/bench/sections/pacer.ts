/**
 * c2. What the account's pacer adds to a request: the Worker with its in-process schedule against the same
 * Worker with CHIME_PACER bound, where each call first reserves its slot with one RPC to the Durable
 * Object. The pace is set far above what one connection sends, so no call ever waits for its slot:
 * what differs is the reservation itself.
 */
import type { Emulator } from '../../emulator/server.ts';
import { percentile } from '../../load/stats.ts';
import { bundleWorker } from '../../tools/worker-process.ts';
import { ms } from '../format.ts';
import { GOALS } from '../goals.ts';
import { bestOfRounds, check, lowerP50, measure } from '../measure.ts';
import { attendeesBody, createMeeting } from '../requests.ts';
import type { Run } from '../run.ts';
import { startAttendeesTarget, workerVars, type Target } from '../targets.ts';

export async function pacerSection(run: Run, emulator: Emulator) {
  const { seconds, rounds } = run.options;
  const size = 100;
  const body = attendeesBody(size);
  const vars = workerVars(emulator.url);
  const script = await bundleWorker();
  const local = await startAttendeesTarget(run, 'the Worker, pacing in-process (no binding)', script, vars);
  const bound = await startAttendeesTarget(
    run,
    'the Worker, pacing through the ChimePacer Durable Object (CHIME_PACER bound)',
    script,
    vars,
    true,
  );
  run.say("### c2. What the account's pacer adds, under the rate");
  run.say();
  run.say(
    `The same measurement as above (one connection, ${size} attendees, one upstream call per request, ${rounds} rounds interleaved, ` +
      'each row its lowest p50), with CHIME_CALLS_PER_SECOND and CHIME_CALLS_BURST at 10000 so that no call waits for its slot: ' +
      'the second row pays one RPC to the Durable Object per call, in the same workerd.',
  );
  run.say();
  run.say('| path | requests | p50 ms | p99 ms | p50 added by the Durable Object |');
  run.say('|---|---|---|---|---|');
  const meetings = new Map<Target, string>();
  for (const target of [local, bound]) {
    meetings.set(target, await createMeeting(emulator));
    await check(target, meetings.get(target)!, body, size);
  }
  const shape = { concurrency: 1, seconds, maxRequests: 1_000 };
  const best = await bestOfRounds([local, bound], rounds, (target) => measure(target, meetings.get(target)!, body, shape), lowerP50);
  const p50 = (target: Target) => percentile(best.get(target)!.latencies, 50);
  const added = p50(bound) - p50(local);
  for (const target of [local, bound]) {
    const m = best.get(target)!;
    const mine = target === local ? '—' : ms(added);
    run.say(`| ${target.name} | ${m.requests} | ${ms(p50(target))} | ${ms(percentile(m.latencies, 99))} | ${mine} |`);
  }
  run.say();
  const { pacerAddedP50Ms } = GOALS;
  const met = run.goal(
    `c2. ≤ ${pacerAddedP50Ms} ms added at p50 by the account's pacer under the rate`,
    `${ms(added)} ms`,
    added <= pacerAddedP50Ms,
  );
  run.say(
    `Goal ≤ ${pacerAddedP50Ms} ms added at p50 by the pacer under the rate: ${ms(added)} ms, ${met}. ` +
      "On Cloudflare the object lives in one place for the whole account: a Worker far from it adds the network's round trip as well.",
  );
  run.say();
}
