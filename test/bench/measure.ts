/** One target measured under load: a checked first request, a warm-up, then the run with workerd's CPU read around it. */
import { percentile } from '../load/stats.ts';
import { runLoad, type LoadResult } from './http-load.ts';
import { cpuMs } from './process-cpu.ts';
import type { Target } from './targets.ts';

export interface Measured extends LoadResult {
  /** workerd CPU milliseconds per request. */
  cpu: number;
  /** This process's CPU (load generator + emulator) per request. */
  clientCpu: number;
}

export interface LoadShape {
  concurrency: number;
  seconds: number;
  maxRequests: number;
}

/** One request first, checked: a benchmark of wrong answers measures nothing. */
export async function check(target: Target, meetingId: string, body: string, count: number) {
  const response = await fetch(target.url + target.path(meetingId), {
    method: 'POST',
    headers: await target.headers(meetingId, body),
    body,
  });
  const text = await response.text();
  if (response.status !== target.expectStatus) throw new Error(`${target.name} answered ${response.status}: ${text.slice(0, 300)}`);
  if (target.expectStatus === 200) {
    const json = JSON.parse(text) as { Attendees?: unknown[]; Errors?: unknown[] };
    if (json.Attendees?.length !== count || json.Errors?.length !== 0)
      throw new Error(`${target.name} did not create all ${count} attendees: ${text.slice(0, 300)}`);
  }
}

export async function measure(target: Target, meetingId: string, body: string, shape: LoadShape): Promise<Measured> {
  const headers = await target.headers(meetingId, body);
  const url = target.url + target.path(meetingId);
  const load = { url, headers, body, concurrency: shape.concurrency, expectStatus: target.expectStatus };
  // Warm up: connections, JIT, the worker's cached configuration.
  await runLoad({ ...load, maxRequests: 40, maxSeconds: 2 });
  const cpuBefore = target.pid === undefined ? Number.NaN : cpuMs(target.pid);
  const ownBefore = process.cpuUsage();
  const result = await runLoad({ ...load, maxRequests: shape.maxRequests, maxSeconds: shape.seconds });
  const own = process.cpuUsage(ownBefore);
  const cpu = target.pid === undefined ? Number.NaN : (cpuMs(target.pid) - cpuBefore) / result.requests;
  return { ...result, cpu, clientCpu: (own.user + own.system) / 1000 / result.requests };
}

/** Each target measured `rounds` times, the targets interleaved so a burst of other work hits them alike; each keeps its best. */
/** The least workerd CPU, or the lowest p50: what a row keeps of its rounds. */
export const lessCpu = (a: Measured, b: Measured) => a.cpu < b.cpu;
export const lowerP50 = (a: Measured, b: Measured) => percentile(a.latencies, 50) < percentile(b.latencies, 50);

export async function bestOfRounds(
  targets: readonly Target[],
  rounds: number,
  measureOnce: (target: Target) => Promise<Measured>,
  better: (a: Measured, b: Measured) => boolean,
  afterRound: () => void = () => {},
): Promise<Map<Target, Measured>> {
  const best = new Map<Target, Measured>();
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      const m = await measureOnce(target);
      const kept = best.get(target);
      if (!kept || better(m, kept)) best.set(target, m);
    }
    afterRound();
  }
  return best;
}
