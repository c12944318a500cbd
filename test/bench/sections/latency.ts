/** c. Latency added on loopback: the emulator called directly against the same call through each worker. */
import type { Emulator } from '../../emulator/server.ts';
import { percentile } from '../../load/stats.ts';
import { ms } from '../format.ts';
import { GOALS } from '../goals.ts';
import { bestOfRounds, lowerP50, measure } from '../measure.ts';
import { attendeesBody, createMeeting, signedHeaders } from '../requests.ts';
import type { Run } from '../run.ts';
import { attendeesPath, type Target, type Targets } from '../targets.ts';

export async function latencySection(run: Run, emulator: Emulator, targets: Targets) {
  const { seconds, rounds } = run.options;
  const size = 100;
  const body = attendeesBody(size);
  const direct: Target = {
    name: 'the emulator, called directly (SigV4-signed from Node, signed once)',
    url: emulator.url,
    expectStatus: 200,
    path: (meetingId) => `${attendeesPath(meetingId)}?operation=batch-create`,
    headers: (meetingId, text) => signedHeaders(emulator.url, attendeesPath(meetingId), text),
    close: async () => {},
  };
  run.say('## c. Latency added on loopback');
  run.say();
  run.say(
    `One connection, one request at a time, ${size} attendees, up to ${seconds} s or 1,000 requests per row and round; ` +
      `${rounds} rounds, interleaved, each row showing its round with the lowest p50.`,
  );
  run.say();
  run.say('| path | requests | p50 ms | p99 ms | mean ms | p50 added to the direct call |');
  run.say('|---|---|---|---|---|---|');
  const all = [direct, targets.passthrough, targets.worker, targets.sdk];
  const meetings = new Map<Target, string>();
  for (const target of all) meetings.set(target, await createMeeting(emulator));
  const shape = { concurrency: 1, seconds, maxRequests: 1_000 };
  const results = await bestOfRounds(all, rounds, (target) => measure(target, meetings.get(target)!, body, shape), lowerP50);
  const p50 = (target: Target) => percentile(results.get(target)!.latencies, 50);
  const base = p50(direct);
  for (const [target, m] of results) {
    const mean = m.latencies.reduce((a, b) => a + b, 0) / m.latencies.length;
    const added = target === direct ? '—' : ms(p50(target) - base);
    run.say(`| ${target.name} | ${m.requests} | ${ms(p50(target))} | ${ms(percentile(m.latencies, 99))} | ${ms(mean)} | ${added} |`);
  }
  run.say();
  const added = p50(targets.worker) - base;
  const sdkAdded = p50(targets.sdk) - base;
  const addedGoal = run.goal(`c. < ${GOALS.addedP50Ms} ms added at p50 on loopback`, `${ms(added)} ms`, added < GOALS.addedP50Ms);
  const aheadGoal = run.goal(
    'c. ahead of the SDK baseline on p50 latency',
    `${ms(added)} ms added against ${ms(sdkAdded)} ms`,
    added < sdkAdded,
  );
  run.say(
    `Goal < ${GOALS.addedP50Ms} ms added at p50: ${ms(added)} ms, ${addedGoal}; ` +
      `the SDK baseline adds ${ms(sdkAdded)} ms (the Worker is ${added < sdkAdded ? 'ahead' : '**behind**'}: ${aheadGoal}). ` +
      "The pass-through row is workerd's own share of a hop (its canned upstream answers faster than the emulator).",
  );
  run.say();
}
