/**
 * The largest hostile bodies the worker must refuse, each under the 4 MiB body limit, and what answering
 * them costs: the answer's size and the workerd CPU per request. Figures for the bench, not a test (the
 * hostile suite asserts the bounds themselves).
 */
import { LIMITS } from '../../shared/index.ts';
import { runLoad } from './http-load.ts';
import { cpuMs } from './process-cpu.ts';

interface HostileBody {
  name: string;
  route: 'attendees' | 'attendees/delete';
  body: string;
}

export interface HostileFigure {
  name: string;
  bodyBytes: number;
  status: number;
  answerBytes: number;
  issues: number;
  /** workerd CPU milliseconds per request, over requests sent one after another. */
  cpu: number;
  /** The least of three JSON.parse runs of the body in this process: the floor any JSON worker pays. */
  parseMs: number;
}

const items = (count: number, item: string) => `[${Array(count).fill(item).join(',')}]`;
const fields = (count: number) => Array.from({ length: count }, (_, i) => `"f${i}":1`).join(',');
const wrongAttendee = (i: number) => ({
  ExternalUserId: `aws:${i};`.padEnd(100, '😀'),
  Capabilities: { Audio: 'Loud', Video: 7, Content: null, Extra: 1 },
  Tags: [{ Key: '', Value: '' }],
  [`${i}-${'k'.repeat(1_000)}`]: 1,
});
const bob = '{"ExternalUserId":"bob"}';
const ownFields = (count: number) => `{"Attendees":[${Array.from({ length: count }, (_, i) => `{"f${i}":1}`).join(',')}]}`;
/** As many attendees as the value bound allows, each an object of one value. */
const ownFieldCount = (LIMITS.jsonValues - 2) / 2;
const escapes = '\\u0041'.repeat(690_000);
const everyFieldWrong = JSON.stringify({ Attendees: Array.from({ length: LIMITS.attendeesPerMeeting }, (_, i) => wrongAttendee(i)) });

const HOSTILE_BODIES: HostileBody[] = [
  { name: '100,000 `"x"` AttendeeIds', route: 'attendees/delete', body: `{"AttendeeIds":${items(100_000, '"x"')}}` },
  { name: '1,000,000 `"x"` AttendeeIds', route: 'attendees/delete', body: `{"AttendeeIds":${items(1_000_000, '"x"')}}` },
  { name: '2,000,000 zeros as Attendees', route: 'attendees', body: `{"Attendees":${items(2_000_000, '0')}}` },
  { name: 'a 1 MiB unknown field name', route: 'attendees', body: `{"Attendees":[${bob}],"${'k'.repeat(1 << 20)}":1}` },
  { name: '340,000 unknown fields', route: 'attendees', body: `{"Attendees":[${bob}],${fields(340_000)}}` },
  { name: 'Attendees nested 2,000,000 deep', route: 'attendees', body: `{"Attendees":${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}}` },
  { name: '250 attendees wrong in every field', route: 'attendees', body: everyFieldWrong },
  { name: 'a 4 MB ExternalUserId', route: 'attendees', body: JSON.stringify({ Attendees: [{ ExternalUserId: 'x'.repeat(4_000_000) }] }) },
  // The costliest bodies the structural bounds let through to JSON.parse.
  { name: `${LIMITS.jsonValues - 4} unknown fields`, route: 'attendees', body: `{"Attendees":[${bob}],${fields(LIMITS.jsonValues - 4)}}` },
  { name: `${ownFieldCount} attendees, each with a field of its own`, route: 'attendees', body: ownFields(ownFieldCount) },
  { name: 'a 4 MB ExternalUserId of \\u escapes', route: 'attendees', body: `{"Attendees":[{"ExternalUserId":"${escapes}"}]}` },
  { name: 'a 4 MB number', route: 'attendees', body: `{"Attendees":[{"ExternalUserId":${'1'.repeat(4_000_000)}}]}` },
  { name: '4 MB of whitespace', route: 'attendees', body: `{"Attendees":${' '.repeat(4_000_000)}[]}` },
];

function parseMs(body: string): number {
  let least = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    JSON.parse(body);
    least = Math.min(least, performance.now() - started);
  }
  return least;
}

/** Sends each body once to read its answer, then `requests` more times one after another for the workerd CPU it costs. */
export async function measureHostileBodies(
  target: { url: string; pid: number; token: string },
  meetingId: string,
  requests: number,
): Promise<HostileFigure[]> {
  const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' };
  const figures: Array<Omit<HostileFigure, 'parseMs'>> = [];
  for (const { name, route, body } of HOSTILE_BODIES) {
    const url = `${target.url}/meetings/${meetingId}/${route}`;
    const response = await fetch(url, { method: 'POST', headers, body });
    const answer = await response.text();
    const issues = (JSON.parse(answer) as { Issues?: unknown[] }).Issues?.length ?? 0;
    const before = cpuMs(target.pid);
    const expectStatus = response.status;
    const load = await runLoad({ url, headers, body, concurrency: 1, maxRequests: requests, maxSeconds: 60, expectStatus });
    const cpu = (cpuMs(target.pid) - before) / load.requests;
    const answerBytes = Buffer.byteLength(answer);
    figures.push({ name, bodyBytes: Buffer.byteLength(body), status: response.status, answerBytes, issues, cpu });
  }
  // Timed after every request: JSON.parse blocks this process for seconds on some bodies, long enough for workerd
  // to close an idle keep-alive connection unseen, and for the next fetch to be sent on it.
  return figures.map((figure, i) => ({ ...figure, parseMs: parseMs(HOSTILE_BODIES[i]!.body) }));
}
