/**
 * The job alone: what any Worker must do for `POST /meetings/{MeetingId}/attendees`, with the same
 * libraries and contract as the real worker, written straight in a fetch handler. It checks the bearer
 * token by its SHA-256, reads and validates the body with the shared contract, signs each chunk of 100
 * with aws4fetch (signing keys cached), calls the upstream for the chunks concurrently, parses each
 * answer, merges them in order, writes one log line and answers. It leaves out the framework, routing,
 * middleware, retries, pacing, request IDs, secure headers, CORS and error mapping: the benchmark reads
 * the real worker's own CPU against it, as the cost of everything the product adds to the bare job.
 * Not deployed anywhere: the benchmark bundles it with esbuild exactly like the worker.
 */
import { AwsV4Signer } from 'aws4fetch';
import {
  LIMITS,
  MeetingIdSchema,
  batchCreateAttendeeRequestSchema,
  describeIssues,
  parseSafely,
  summarizeIssues,
} from '../../../shared/index.ts';

interface Env {
  AWS_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  CHIME_ENDPOINT: string;
  API_TOKENS: string;
}

interface BatchAnswer {
  Attendees: unknown[];
  Errors: unknown[];
}

const encoder = new TextEncoder();
const schema = batchCreateAttendeeRequestSchema({ api: 'chime-sdk-meetings' });
const signingKeys = new Map<string, ArrayBuffer>();
let tokenDigests: Promise<Set<string>> | undefined;

async function hexDigest(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function refuse(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ Code: code, Message: message, ...extra }, { status, headers: { 'x-amzn-ErrorType': code } });
}

async function batchCreate(env: Env, meetingId: string, attendees: unknown[]): Promise<BatchAnswer> {
  const signed = await new AwsV4Signer({
    url: `${env.CHIME_ENDPOINT}/meetings/${encodeURIComponent(meetingId)}/attendees?operation=batch-create`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Attendees: attendees }),
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    service: 'chime',
    region: env.AWS_REGION,
    cache: signingKeys,
  }).sign();
  const response = await fetch(signed.url, { method: 'POST', headers: signed.headers, body: signed.body ?? null });
  if (!response.ok) throw new Error(`upstream answered ${response.status}`);
  return (await response.json()) as BatchAnswer;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const started = Date.now();
    tokenDigests ??= Promise.all(env.API_TOKENS.split(',').map((token) => hexDigest(token.trim()))).then((all) => new Set(all));
    const token = /^Bearer +(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!token || !(await tokenDigests).has(await hexDigest(token)))
      return refuse(401, 'UnauthorizedException', 'Send a valid bearer token');

    const path = /^\/meetings\/([^/]+)\/attendees$/.exec(new URL(request.url).pathname);
    const meetingId = parseSafely(MeetingIdSchema, path?.[1] ?? '');
    if (request.method !== 'POST' || !meetingId.success) return refuse(400, 'BadRequestException', 'Invalid MeetingId');
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return refuse(400, 'BadRequestException', 'The request body is not valid JSON');
    }
    const parsed = parseSafely(schema, body);
    if (!parsed.success) {
      const issues = describeIssues(parsed.issues);
      return refuse(400, 'BadRequestException', `Invalid request: ${summarizeIssues(issues)}`, { Issues: issues });
    }

    const attendees = parsed.output.Attendees;
    const chunks: unknown[][] = [];
    for (let i = 0; i < attendees.length; i += LIMITS.attendeesPerCall) chunks.push(attendees.slice(i, i + LIMITS.attendeesPerCall));
    const answers = await Promise.all(chunks.map((chunk) => batchCreate(env, meetingId.output, chunk)));
    const answer: BatchAnswer = { Attendees: [], Errors: [] };
    for (const part of answers) {
      answer.Attendees.push(...part.Attendees);
      answer.Errors.push(...part.Errors);
    }
    const line = {
      method: 'POST',
      status: 200,
      durationMs: Date.now() - started,
      created: answer.Attendees.length,
      failed: answer.Errors.length,
    };
    console.log(JSON.stringify(line));
    return Response.json(answer);
  },
};
