/**
 * Hostile bodies of every shape, at the size bound and at 4 MiB, and what answering them costs: the answer's size
 * and the workerd CPU per request. Figures for the bench, not a test (the hostile suite asserts the bounds themselves).
 */
import { connect } from 'node:net';
import { LIMITS } from '../../shared/index.ts';
import { runLoad } from './http-load.ts';
import { cpuMs } from './process-cpu.ts';

interface HostileBody {
  name: string;
  route: 'attendees' | 'attendees/delete';
  body: string;
  /** Sent without a Content-Length. */
  chunked?: boolean;
}

export interface HostileFigure {
  name: string;
  bodyBytes: number;
  status: number;
  /** How many of the requests sent had their answer read (a reset connection loses it). */
  answered: number;
  answerBytes: number;
  issues: number;
  /** workerd CPU milliseconds per request, over requests sent one after another. */
  cpu: number;
  /** The least of three JSON.parse runs of the body in this process: the floor any JSON worker pays. */
  parseMs: number;
}

const items = (count: number, item: string) => `[${Array(Math.floor(count)).fill(item).join(',')}]`;
const bob = '{"ExternalUserId":"bob"}';
/** `count` fields `"f0":1,"f1":1,…`. */
const fields = (count: number) => Array.from({ length: count }, (_, i) => `"f${i}":1`).join(',');
/** How many such fields fit in `bytes`, each about as long as the largest, with a comma. */
const fieldsIn = (bytes: number) => Math.floor(bytes / `,"f${bytes}":1`.length);

/** Each shape as a body of at most `bytes` bytes: one thing of that shape, as large as fits. */
const SHAPES: Array<{ shape: string; route: HostileBody['route']; body: (bytes: number) => string }> = [
  { shape: 'a long string', route: 'attendees', body: (n) => `{"Attendees":[{"ExternalUserId":"${'x'.repeat(n - 40)}"}]}` },
  {
    shape: 'a long string of \\u escapes',
    route: 'attendees',
    body: (n) => `{"Attendees":[{"ExternalUserId":"${'\\u0041'.repeat((n - 40) / 6)}"}]}`,
  },
  { shape: 'a long number', route: 'attendees', body: (n) => `{"Attendees":[{"ExternalUserId":${'1'.repeat(n - 40)}}]}` },
  { shape: 'whitespace', route: 'attendees', body: (n) => `{"Attendees":${' '.repeat(n - 20)}[]}` },
  { shape: 'deep lists', route: 'attendees', body: (n) => `{"Attendees":${'['.repeat((n - 20) / 2)}${']'.repeat((n - 20) / 2)}}` },
  { shape: 'many values (`"x"` AttendeeIds)', route: 'attendees/delete', body: (n) => `{"AttendeeIds":${items((n - 20) / 4, '"x"')}}` },
  { shape: 'many values (zeros as Attendees)', route: 'attendees', body: (n) => `{"Attendees":${items((n - 20) / 2, '0')}}` },
  { shape: 'many keys (unknown fields)', route: 'attendees', body: (n) => `{"Attendees":[${bob}],${fields(fieldsIn(n - 40))}}` },
  { shape: 'a long key', route: 'attendees', body: (n) => `{"Attendees":[${bob}],"${'k'.repeat(n - 50)}":1}` },
];

const wrongAttendee = (i: number) => ({
  ExternalUserId: `aws:${i};`.padEnd(100, '😀'),
  Capabilities: { Audio: 'Loud', Video: 7, Content: null, Extra: 1 },
  Tags: [{ Key: '', Value: '' }],
  [`${i}-${'k'.repeat(500)}`]: 1,
});
const ownFields = (count: number) => `{"Attendees":[${Array.from({ length: count }, (_, i) => `{"f${i}":1}`).join(',')}]}`;
/** As many attendees as the value bound allows, each an object of one value. */
const ownFieldCount = (LIMITS.jsonValues - 2) / 2;
const MIB = 1024 * 1024;
const bound = LIMITS.requestBodyBytes;
const kib = (bytes: number) => (bytes % MIB ? `${bytes / 1024} KiB` : `${bytes / MIB} MiB`);

const HOSTILE_BODIES: HostileBody[] = [
  { name: 'an empty Attendees list (the floor: a request refused on its first field)', route: 'attendees', body: '{"Attendees":[]}' },
  ...[bound, 4 * MIB].flatMap((bytes) =>
    SHAPES.map(({ shape, route, body }) => ({ name: `${shape}, ${kib(bytes)}`, route, body: body(bytes) })),
  ),
  // The costliest bodies the bounds let through to JSON.parse.
  { name: `${LIMITS.jsonValues - 4} unknown fields`, route: 'attendees', body: `{"Attendees":[${bob}],${fields(LIMITS.jsonValues - 4)}}` },
  { name: `${ownFieldCount} attendees, each with a field of its own`, route: 'attendees', body: ownFields(ownFieldCount) },
  {
    name: '250 attendees wrong in every field',
    route: 'attendees',
    body: JSON.stringify({ Attendees: Array.from({ length: LIMITS.attendeesPerMeeting }, (_, i) => wrongAttendee(i)) }),
  },
  ...[bound, 4 * MIB].map((bytes) => ({
    name: `whitespace, ${kib(bytes)}, chunked without a Content-Length`,
    route: 'attendees' as const,
    body: SHAPES[3]!.body(bytes),
    chunked: true,
  })),
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

interface Answer {
  status: number;
  text: string;
}

/**
 * One request on a connection of its own, written to the socket as is. A refused body is read to its end before
 * the 413 up to 4 MiB; past that, or if that ever regressed, workerd closes the connection under the rest of it and
 * may reset it before the answer is read: fetch and node:http report that as a failure, and the answer, when it
 * arrived, is lost to them. Here it is kept, or undefined, and the row counts the answers read.
 */
function post(url: URL, headers: Record<string, string>, body: Buffer, chunked: boolean): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const received: Buffer[] = [];
    socket.setTimeout(30_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    // A reset under the rest of a refused body: what was read before it is all there is.
    socket.on('error', () => {});
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      resolve(end < 0 ? undefined : { status: Number(text.slice('HTTP/1.1 '.length, 'HTTP/1.1 200'.length)), text: text.slice(end + 4) });
    });
    const framing = chunked ? 'transfer-encoding: chunked' : `content-length: ${body.length}`;
    const lines = [`POST ${url.pathname} HTTP/1.1`, `host: ${url.host}`, 'connection: close', framing];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    socket.end(chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body);
  });
}

/**
 * Sends each body once for its answer, then `requests` times one after another for the workerd CPU it costs: on
 * one kept-alive connection, or, for a refused body, each on a connection of its own, as workerd closes it after the 413.
 */
export async function measureHostileBodies(
  target: { url: string; pid: number; token: string },
  meetingId: string,
  requests: number,
): Promise<HostileFigure[]> {
  const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' };
  const figures: HostileFigure[] = [];
  for (const { name, route, body, chunked = false } of HOSTILE_BODIES) {
    const url = `${target.url}/meetings/${meetingId}/${route}`;
    const bytes = Buffer.from(body);
    let first: Answer | undefined;
    for (let tries = 0; !first && tries < 20; tries++) first = await post(new URL(url), headers, bytes, chunked);
    if (!first) throw new Error(`${name}: no answer read in 20 tries`);
    let answered = requests;
    const before = cpuMs(target.pid);
    if (first.status === 413) {
      for (let sent = 0; sent < requests; sent++) if ((await post(new URL(url), headers, bytes, chunked))?.status !== 413) answered--;
    } else {
      await runLoad({ url, headers, body, chunked, concurrency: 1, maxRequests: requests, maxSeconds: 60, expectStatus: first.status });
    }
    const cpu = (cpuMs(target.pid) - before) / requests;
    const issues = (JSON.parse(first.text) as { Issues?: unknown[] }).Issues?.length ?? 0;
    const answerBytes = Buffer.byteLength(first.text);
    figures.push({ name, bodyBytes: bytes.length, status: first.status, answered, answerBytes, issues, cpu, parseMs: parseMs(body) });
  }
  return figures;
}
