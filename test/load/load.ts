/**
 * `npm run load`: drives the worker (in workerd) and the local Chime emulator with a fixed number of
 * concurrent clients for a fixed time, with and without injected faults, and prints throughput,
 * latency, the error breakdown and the count of lost or duplicated attendees (which must be 0).
 * Everything runs on 127.0.0.1 and stops by itself.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import { startEmulator, type Faults } from '../emulator/server.ts';
import { emulatorControl } from '../support/emulator-control.ts';
import { LOCAL_TOKEN } from '../tools/local-stack.ts';
import { PACE_OUT_OF_THE_WAY } from '../tools/pace.ts';
import { startWorker } from '../tools/worker-process.ts';
import { percentile, type Sent } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '15' },
    attendees: { type: 'string', default: '100' },
    'max-requests': { type: 'string', default: '20000' },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const PER_REQUEST = Number(args.attendees);
const MAX_REQUESTS = Number(args['max-requests']);

const SCENARIOS: Array<{ name: string; faults: Faults }> = [
  { name: 'no faults', faults: {} },
  {
    name: 'faults: 10% throttled, 5% 5xx, 3% dropped, 5% dropped after work, 20 ms',
    faults: { seed: 7, throttleRate: 0.1, errorRate: 0.05, dropRate: 0.03, dropAfterRate: 0.05, latencyMs: 20 },
  },
];

async function runScenario(faults: Faults) {
  const emulator = await startEmulator({ faults });
  const control = emulatorControl(emulator.url);
  const worker = await startWorker({
    CHIME_ENDPOINT: emulator.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    API_TOKENS: LOCAL_TOKEN,
    // The emulator does not throttle here: this load is about faults (npm run load:pacing is about pacing).
    ...PACE_OUT_OF_THE_WAY,
  });
  const sent: Sent[] = [];
  const stopAt = Date.now() + SECONDS * 1000;
  const client = async (id: number) => {
    for (let n = 0; Date.now() < stopAt && sent.length < MAX_REQUESTS; n++) {
      const meetingId = await control.createMeeting();
      const requested = Array.from({ length: PER_REQUEST }, (_, i) => `c${id}-r${n}-u${i}`);
      const started = performance.now();
      const response = await fetch(`${worker.url}/meetings/${meetingId}/attendees`, {
        method: 'POST',
        headers: { authorization: `Bearer ${LOCAL_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ Attendees: requested.map((ExternalUserId) => ({ ExternalUserId })) }),
      });
      const body = (await response.json()) as Sent['answer'];
      sent.push({
        meetingId,
        requested,
        status: response.status,
        ms: performance.now() - started,
        ...(response.ok ? { answer: body } : {}),
      });
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  const elapsed = (performance.now() - began) / 1000;
  const state = emulator.state();
  await worker.close();
  await emulator.close();
  return { ...tally(sent, state), requests: sent.length, rps: sent.length / elapsed, latencies: sent.map((s) => s.ms) };
}

/** Lost: requested but absent from the answer (of a 200). Duplicated: twice in an answer, or twice in the emulator. */
function tally(sent: Sent[], state: ReturnType<Awaited<ReturnType<typeof startEmulator>>['state']>) {
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const stored = new Map(state.meetings.map((m) => [m.MeetingId, m.Attendees.map((a) => a.ExternalUserId)]));
  let lost = 0;
  let duplicated = 0;
  let attendeeErrors = 0;
  for (const request of sent) {
    count(String(request.status));
    const inEmulator = stored.get(request.meetingId) ?? [];
    duplicated += inEmulator.length - new Set(inEmulator).size;
    if (!request.answer) continue;
    const answered = [...request.answer.Attendees, ...request.answer.Errors].map((a) => a.ExternalUserId);
    duplicated += answered.length - new Set(answered).size;
    const answeredSet = new Set(answered);
    lost += request.requested.filter((id) => !answeredSet.has(id)).length;
    attendeeErrors += request.answer.Errors.length;
    const storedSet = new Set(inEmulator);
    lost += request.answer.Attendees.filter((a) => !storedSet.has(a.ExternalUserId)).length;
  }
  return { statuses, lost, duplicated, attendeeErrors };
}

console.log(`load: ${CLIENTS} clients, ${SECONDS} s per scenario, ${PER_REQUEST} attendees per request, at most ${MAX_REQUESTS} requests`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; worker in workerd serving its own socket (no proxy in front), emulator in Node\n`,
);
console.log('| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | statuses | attendee errors | lost | duplicated |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
let failures = 0;
for (const scenario of SCENARIOS) {
  const result = await runScenario(scenario.faults);
  const statuses = [...result.statuses].map(([status, n]) => `${status}: ${n}`).join(', ');
  const p = (q: number) => percentile(result.latencies, q).toFixed(1);
  console.log(
    `| ${scenario.name} | ${result.requests} | ${result.rps.toFixed(1)} | ${p(50)} | ${p(95)} | ${p(99)} | ${statuses} | ${result.attendeeErrors} | ${result.lost} | ${result.duplicated} |`,
  );
  failures += result.lost + result.duplicated;
}
if (failures > 0) {
  console.error(`\n${failures} attendees lost or duplicated`);
  process.exitCode = 1;
}
