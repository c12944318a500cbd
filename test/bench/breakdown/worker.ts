/**
 * Where a request's CPU goes, piece by piece, inside workerd: `POST /?piece=NAME&n=N` runs one piece of
 * the worker's path N times on the request's body and answers "ok". The benchmark reads workerd's CPU
 * time around each call (workerd's clocks stand still during CPU work, so the worker cannot time itself)
 * and subtracts a call that runs nothing. The pieces use the same libraries, the same shared contract and
 * the same body parser (a pure function of the body's bytes) as the worker, not its other internals, so this
 * file keeps working while edge/ changes.
 */
import { AwsClient } from 'aws4fetch';
import { parseJsonBody } from '../../../edge/json-parse.ts';
import { batchCreateAttendeeRequestSchema, parseSafely } from '../../../shared/index.ts';

interface Env {
  /** An answer of Amazon Chime's for the same attendees, as captured from the emulator. */
  UPSTREAM_ANSWER: string;
}

const schema = batchCreateAttendeeRequestSchema({ api: 'chime-sdk-meetings' });
const aws = new AwsClient({
  accessKeyId: 'AKIDLOCALEMULATOR',
  secretAccessKey: 'local-emulator-secret-not-for-aws',
  service: 'chime',
  region: 'us-east-1',
  retries: 0,
});
const encoder = new TextEncoder();
let sink: unknown;

interface Input {
  body: string;
  bytes: Uint8Array;
  parsed: unknown;
  answer: string;
}

const PIECES: Record<string, (input: Input) => unknown> = {
  none: () => undefined,
  "the request body's bytes to JSON: bounds scan, UTF-8 decoding, JSON.parse": ({ bytes }) => parseJsonBody(bytes),
  'valibot: the request schema': ({ parsed }) => {
    const result = parseSafely(schema, parsed);
    if (!result.success) throw new Error('invalid');
    return result.output;
  },
  'SigV4 signing of the upstream call (aws4fetch, key cached)': ({ body }) =>
    aws.sign('http://127.0.0.1:1/meetings/0a1b2c3d-4e5f-4789-abcd-ef0123456789/attendees?operation=batch-create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }),
  "JSON.parse of Amazon Chime's answer": ({ answer }) => JSON.parse(answer),
  'JSON.stringify of the answer': ({ parsed }) => JSON.stringify(parsed),
  'SHA-256 of the bearer token': () => crypto.subtle.digest('SHA-256', encoder.encode('bench-token-0123456789')),
  'crypto.randomUUID (the request ID)': () => crypto.randomUUID(),
};

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'GET') return Response.json(Object.keys(PIECES));
    const piece = PIECES[url.searchParams.get('piece') ?? 'none'];
    if (!piece) return new Response('unknown piece', { status: 400 });
    const n = Number(url.searchParams.get('n') ?? 1);
    const bytes = new Uint8Array(await request.arrayBuffer());
    const body = new TextDecoder().decode(bytes);
    const input = { body, bytes, parsed: JSON.parse(body), answer: env.UPSTREAM_ANSWER };
    // 'JSON.stringify of the answer' works on the answer, the others on the request.
    if (url.searchParams.get('piece') === 'JSON.stringify of the answer') input.parsed = JSON.parse(input.answer);
    for (let i = 0; i < n; i++) sink = await piece(input);
    return new Response(sink === null ? 'null' : 'ok');
  },
};
