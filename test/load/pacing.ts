/**
 * `npm run load:pacing [-- --seconds 15 --workers 3 --demand 5 --attendees 2 --deadline-ms 15000]`
 *
 * One pace for the whole account, shown side by side in one run: several isolates of the worker (workers
 * in one workerd, each serving its own socket) get requests at `--demand` times the rate Amazon Chime
 * allows, round robin, for `--seconds`; every request is one BatchCreateAttendee call into the emulator,
 * which throttles as AWS does (10 calls a second, burst 20). Three ways to pace are run in turn:
 * none (the rate set far above AWS's, so nothing is ever held back), each isolate on its own (no
 * binding), and the ChimePacer Durable Object shared by every isolate (CHIME_PACER bound). Printed per
 * row: upstream 429s as a share of calls, successful calls a second against the allowed rate while the
 * demand lasts (its first second, the burst, left out), request p50/p99, and the attendees created,
 * reported failed (and of those, created all the same), lost or duplicated. Everything runs on 127.0.0.1, is bounded in
 * requests and time, and stops by itself.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { AWS_RATE_LIMIT, LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import { startEmulator, type Emulator, type EmulatorState } from '../emulator/server.ts';
import { emulatorControl } from '../support/emulator-control.ts';
import { LOCAL_TOKEN } from '../tools/local-stack.ts';
import { PACE_OUT_OF_THE_WAY } from '../tools/pace.ts';
import { startWorkers } from '../tools/worker-process.ts';
import { percentile, type Sent } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    workers: { type: 'string', default: '3' },
    demand: { type: 'string', default: '5' },
    attendees: { type: 'string', default: '2' },
    'deadline-ms': { type: 'string', default: '15000' },
  },
});
const SECONDS = bounded('seconds', 1, 120);
const WORKERS = bounded('workers', 1, 8);
const DEMAND = bounded('demand', 1, 20);
const PER_REQUEST = bounded('attendees', 1, 100);
const DEADLINE_MS = bounded('deadline-ms', 0, 60_000);
const ALLOWED = AWS_RATE_LIMIT.callsPerSecond;
const REQUESTS_PER_SECOND = ALLOWED * DEMAND;
const TOTAL = Math.round(SECONDS * REQUESTS_PER_SECOND);
/** Requests per meeting: far from its 250 attendees. */
const PER_MEETING = Math.floor(200 / PER_REQUEST);
/** A request's answer must come within its deadline and then some, or it counts as none. */
const ANSWER_TIMEOUT_MS = DEADLINE_MS + 30_000;
const OPERATION = 'BatchCreateAttendee';

const GOALS = { throttledShare: 0.01, rateShare: 0.9 };

interface Row {
  name: string;
  vars: Record<string, string>;
  sharedPacer: boolean;
}

const ROWS: Row[] = [
  { name: 'no pacer (CHIME_CALLS_PER_SECOND=10000: nothing held back)', vars: PACE_OUT_OF_THE_WAY, sharedPacer: false },
  { name: 'each isolate paces itself (no CHIME_PACER binding)', vars: {}, sharedPacer: false },
  { name: '**one pacer for the account (ChimePacer Durable Object)**', vars: {}, sharedPacer: true },
];

function bounded(name: string, min: number, max: number): number {
  const value = Number(args[name as keyof typeof args]);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}

async function runRow(emulator: Emulator, row: Row) {
  emulator.reset({ meetings: true });
  const group = await startWorkers(
    {
      CHIME_ENDPOINT: emulator.url,
      AWS_REGION: emulator.region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      API_TOKENS: LOCAL_TOKEN,
      RETRY_DEADLINE_MS: String(DEADLINE_MS),
      ...row.vars,
    },
    { count: WORKERS, sharedPacer: row.sharedPacer },
  );
  try {
    const meetings: string[] = [];
    const control = emulatorControl(emulator.url);
    for (let i = 0; i < Math.ceil(TOTAL / PER_MEETING); i++) meetings.push(await control.createMeeting());
    await warmUp(group.urls);

    const sent: Sent[] = [];
    const began = performance.now();
    let afterBurst: EmulatorState | undefined;
    const burstTimer = setTimeout(() => (afterBurst = emulator.state()), 1_000);
    const pending: Promise<void>[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const wait = began + (i * 1000) / REQUESTS_PER_SECOND - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(send(group.urls[i % group.urls.length]!, meetings[Math.floor(i / PER_MEETING)]!, i).then((s) => void sent.push(s)));
    }
    const demandEnded = performance.now();
    const atDemandEnd = emulator.state();
    clearTimeout(burstTimer);
    await Promise.all(pending);
    const state = emulator.state();
    const successes = (s: EmulatorState | undefined) => (s?.calls[OPERATION] ?? 0) - (s?.throttled[OPERATION] ?? 0);
    const ratePerSecond = (successes(atDemandEnd) - successes(afterBurst)) / ((demandEnded - began) / 1000 - 1);
    return {
      ...account(sent, state),
      requests: sent.length,
      calls: state.calls[OPERATION] ?? 0,
      throttled: state.throttled[OPERATION] ?? 0,
      ratePerSecond,
      latencies: sent.map((s) => s.ms),
    };
  } finally {
    await group.close();
  }
}

/** Each worker answers once before the clock starts, so no row pays for workerd's start. */
async function warmUp(urls: string[]) {
  for (const url of urls) {
    const response = await fetch(`${url}/healthz`);
    if (!response.ok) throw new Error(`${url}/healthz answered ${response.status}`);
  }
}

async function send(url: string, meetingId: string, index: number): Promise<Sent> {
  const requested = Array.from({ length: PER_REQUEST }, (_, i) => `paced-r${index}-u${i}`);
  const started = performance.now();
  try {
    const response = await fetch(`${url}/meetings/${meetingId}/attendees`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LOCAL_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Attendees: requested.map((ExternalUserId) => ({ ExternalUserId })) }),
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    const body = (await response.json()) as Sent['answer'];
    return { meetingId, requested, status: response.status, ms: performance.now() - started, ...(response.ok ? { answer: body } : {}) };
  } catch {
    return { meetingId, requested, status: 0, ms: performance.now() - started };
  }
}

/**
 * Lost: asked for by a request that got no answer, missing from a 200 answer, or answered created but
 * absent from the emulator. Duplicated: twice in an answer or in a meeting. Reported failed yet created:
 * a call that timed out after Amazon Chime did the work (a 5xx may mean either; retrying with the same
 * ExternalUserId returns the attendee), counted apart.
 */
function account(sent: Sent[], state: EmulatorState) {
  const stored = new Map(state.meetings.map((m) => [m.MeetingId, m.Attendees.map((a) => a.ExternalUserId)]));
  const statuses = new Map<number, number>();
  let created = 0;
  let failed = 0;
  let failedYetCreated = 0;
  let lost = 0;
  let duplicated = 0;
  for (const meeting of stored.values()) duplicated += meeting.length - new Set(meeting).size;
  for (const request of sent) {
    statuses.set(request.status, (statuses.get(request.status) ?? 0) + 1);
    const inMeeting = new Set(stored.get(request.meetingId));
    const answeredCreated = new Set(request.answer?.Attendees.map((a) => a.ExternalUserId));
    const answered = [...(request.answer?.Attendees ?? []), ...(request.answer?.Errors ?? [])].map((a) => a.ExternalUserId);
    duplicated += answered.length - new Set(answered).size;
    for (const id of request.requested) {
      const isCreated = answeredCreated.has(id);
      if (isCreated) created++;
      else failed++;
      if (request.status === 0 || (request.answer && !answered.includes(id)) || (isCreated && !inMeeting.has(id))) lost++;
      else if (!isCreated && inMeeting.has(id)) failedYetCreated++;
    }
  }
  return { statuses, created, failed, failedYetCreated, lost, duplicated };
}

const emulator = await startEmulator({ rateLimit: AWS_RATE_LIMIT });
const hardStop = setTimeout(() => {
  console.error('load:pacing: still running after 10 minutes; stopping');
  process.exit(1);
}, 10 * 60_000);
hardStop.unref();
try {
  console.log(
    `load:pacing: ${WORKERS} isolates, ${REQUESTS_PER_SECOND} requests a second (${DEMAND}× the ${ALLOWED} ${OPERATION} calls a second allowed) for ${SECONDS} s, ` +
      `${TOTAL} requests of ${PER_REQUEST} attendees per row, RETRY_DEADLINE_MS=${DEADLINE_MS}`,
  );
  console.log(
    `emulator throttling as AWS: ${AWS_RATE_LIMIT.callsPerSecond} calls a second per operation, burst ${AWS_RATE_LIMIT.burst}; ` +
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n`,
  );
  console.log(
    `| pacing | requests | upstream calls | answered 429 | successful calls/s (allowed ${ALLOWED}) | p50 ms | p99 ms | statuses | attendees created | reported failed | of those, created | lost | duplicated |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  let failures = 0;
  const verdicts: string[] = [];
  for (const row of ROWS) {
    const r = await runRow(emulator, row);
    const share = r.calls === 0 ? 0 : r.throttled / r.calls;
    const statuses = [...r.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status || 'no answer'}: ${n}`)
      .join(', ');
    const p = (q: number) => percentile(r.latencies, q).toFixed(0);
    console.log(
      `| ${row.name} | ${r.requests} | ${r.calls} | ${r.throttled} (${(share * 100).toFixed(1)}%) | ${r.ratePerSecond.toFixed(1)} (${((r.ratePerSecond / ALLOWED) * 100).toFixed(0)}%) | ` +
        `${p(50)} | ${p(99)} | ${statuses} | ${r.created} | ${r.failed} | ${r.failedYetCreated} | ${r.lost} | ${r.duplicated} |`,
    );
    failures += r.lost + r.duplicated;
    if (row.sharedPacer) {
      const met = (ok: boolean) => (ok ? 'met' : '**missed**');
      verdicts.push(
        `Goals with the account's pacer: ≤ ${GOALS.throttledShare * 100}% of calls answered 429: ${(share * 100).toFixed(1)}%, ${met(share <= GOALS.throttledShare)}; ` +
          `≥ ${GOALS.rateShare * 100}% of the allowed rate used: ${((r.ratePerSecond / ALLOWED) * 100).toFixed(0)}%, ${met(r.ratePerSecond >= GOALS.rateShare * ALLOWED)}; ` +
          `nothing lost or duplicated: ${met(r.lost + r.duplicated === 0)}.`,
      );
    }
  }
  console.log(`\n${verdicts.join('\n')}`);
  if (failures > 0) {
    console.error(`\n${failures} attendees lost or duplicated`);
    process.exitCode = 1;
  }
} finally {
  clearTimeout(hardStop);
  await emulator.close();
}
