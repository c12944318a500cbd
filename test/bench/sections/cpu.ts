/** b. CPU per request in workerd: the floor, the job alone, the Worker and the SDK baseline at 100 and 250 attendees. */
import type { Emulator } from '../../emulator/server.ts';
import { percentile } from '../../load/stats.ts';
import { ms, percent } from '../format.ts';
import { GOALS } from '../goals.ts';
import { bestOfRounds, check, lessCpu, measure } from '../measure.ts';
import { attendeesBody, createMeeting } from '../requests.ts';
import type { Run } from '../run.ts';
import type { Target, Targets } from '../targets.ts';

/** The workers' CPU per request, ms, by attendee count: each one's own (less the floor), and the floor. */
export interface CpuFigures {
  own: Record<number, number>;
  sdkOwn: Record<number, number>;
  jobOwn: Record<number, number>;
  floor: Record<number, number>;
}

const SIZES = [100, 250];

export async function cpuSection(run: Run, emulator: Emulator, targets: Targets): Promise<CpuFigures> {
  const { concurrency, seconds, rounds } = run.options;
  run.say('## b. CPU per request in workerd');
  run.say();
  run.say(
    `${concurrency} keep-alive connections for ${seconds} s per row and round, against the emulator with no added latency; ` +
      `${rounds} rounds, interleaved, each row showing its round with the least workerd CPU. ` +
      '"workerd CPU" is the user + system time of the workerd process (all its threads, from /proc) divided by the requests it served. ' +
      'The pass-through worker hands the body to an upstream that answers at once with a canned answer of the same size, ' +
      'and streams that back: ' +
      'it is workerd\'s own cost of moving the same bytes in and out, and "the worker\'s own" subtracts it. ' +
      'The SDK baseline validates with the same shared contract, so what the contract saves it saves for both. ' +
      'The job alone (test/bench/job-alone) is the bare job with the same contract and aws4fetch, written in a fetch handler with no ' +
      'framework, retries, pacing, request IDs or security headers: the least this job costs with these libraries.',
  );
  run.say();
  run.say(
    "| worker | attendees | requests | req/s | p50 ms | p99 ms | workerd CPU ms/req | the worker's own CPU ms/req | " +
      'own CPU ms per 100 attendees | load generator + emulator CPU ms/req |',
  );
  run.say('|---|---|---|---|---|---|---|---|---|---|');
  const figures: CpuFigures = { own: {}, sdkOwn: {}, jobOwn: {}, floor: {} };
  const rps = new Map<string, number>();
  const all = [targets.passthrough, targets.jobAlone, targets.worker, targets.sdk];
  const ownOf = new Map([
    [targets.worker, figures.own],
    [targets.sdk, figures.sdkOwn],
    [targets.jobAlone, figures.jobOwn],
  ]);
  for (const size of SIZES) {
    const body = attendeesBody(size);
    const meetings = new Map<Target, string>();
    for (const target of all) {
      meetings.set(target, await createMeeting(emulator));
      await check(target, meetings.get(target)!, body, size);
    }
    const shape = { concurrency, seconds, maxRequests: 20_000 };
    const best = await bestOfRounds(all, rounds, (target) => measure(target, meetings.get(target)!, body, shape), lessCpu);
    const floor = best.get(targets.passthrough)!.cpu;
    figures.floor[size] = floor;
    for (const target of all) {
      const m = best.get(target)!;
      const isFloor = target === targets.passthrough;
      const mine = isFloor ? Number.NaN : m.cpu - floor;
      const own = ownOf.get(target);
      if (own) own[size] = mine;
      rps.set(`${target.name}-${size}`, m.rps);
      run.say(
        `| ${target.name} | ${size} | ${m.requests} | ${m.rps.toFixed(0)} | ${ms(percentile(m.latencies, 50), 1)} | ` +
          `${ms(percentile(m.latencies, 99), 1)} | ${ms(m.cpu)} | ${isFloor ? '—' : ms(mine)} | ` +
          `${isFloor ? '—' : ms((mine * 100) / size)} | ${ms(m.clientCpu)} |`,
      );
    }
  }
  run.say();
  sayGoals(run, figures, (size) => rps.get(`${targets.worker.name}-${size}`)! / rps.get(`${targets.sdk.name}-${size}`)!);
  return figures;
}

function sayGoals(run: Run, { own, sdkOwn, jobOwn }: CpuFigures, ratio: (size: number) => number) {
  const shares = SIZES.map((size) => own[size]! / sdkOwn[size]!);
  const sharesText = `${percent(shares[0]!)} at 100, ${percent(shares[1]!)} at 250`;
  const shareText = `b. the worker's own CPU ≤ ${percent(GOALS.cpuShareOfSdk)} of the SDK baseline's`;
  const shareGoal = run.goal(
    shareText,
    sharesText,
    shares.every((share) => share <= GOALS.cpuShareOfSdk),
  );
  const worst = Math.max(own[100]!, (own[250]! * 100) / 250);
  const per100Text = `b. < ${GOALS.cpuMsPer100} ms of the worker's own CPU per 100 attendees`;
  const per100Goal = run.goal(per100Text, `${ms(worst)} ms`, worst < GOALS.cpuMsPer100);
  const speed = SIZES.map((size) => `${ratio(size).toFixed(2)}× at ${size}`).join(', ');
  const speedGoal = run.goal(
    'b. ahead of the SDK baseline on req/s',
    speed,
    SIZES.every((size) => ratio(size) > 1),
  );
  run.say(
    `Goal: the worker's own CPU ≤ ${percent(GOALS.cpuShareOfSdk)} of the SDK baseline's: ${sharesText}, ${shareGoal}. ` +
      `Goal < ${GOALS.cpuMsPer100} ms CPU per 100 attendees (the worker's own): ${ms(worst)} ms at most, ${per100Goal}. ` +
      `Throughput against the SDK baseline: ${speed} (${speedGoal}).`,
  );
  run.say();
  const jobShares = SIZES.map((size) => jobOwn[size]! / sdkOwn[size]!);
  const jobWorst = Math.max(jobOwn[100]!, (jobOwn[250]! * 100) / 250);
  const belowTheJob = jobShares.some((share) => share > GOALS.cpuShareOfSdk) || jobWorst >= GOALS.cpuMsPer100;
  run.say(
    `The job alone takes ${percent(jobShares[0]!)} of the SDK baseline's CPU at 100 and ${percent(jobShares[1]!)} at 250, ` +
      `${ms(jobWorst)} ms per 100 attendees at most` +
      (belowTheJob ? ': the CPU goals lie at or below what the bare job costs with these libraries. ' : '. ') +
      `Everything the Worker adds to it (Hono, its middleware, retries, pacing, request IDs, security headers, the error mapping) ` +
      `comes to ${SIZES.map((size) => `${ms(own[size]! - jobOwn[size]!)} ms at ${size}`).join(' and ')}.`,
  );
  run.say();
}
