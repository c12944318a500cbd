/**
 * The benchmarks' baseline: the worker's job written the usual way, with AWS's SDK v3 client
 * (`@aws-sdk/client-chime-sdk-meetings`) instead of aws4fetch. Same framework (hono/tiny), same
 * contract and validation (shared/), same bearer tokens, chunks of 100 run concurrently and merged in
 * order, the SDK's own retries (3 attempts). It leaves out what the real worker adds on top (access log,
 * request IDs, secure headers, CORS, retry deadline, error-name mapping), so it is, if anything, lighter.
 * Not deployed anywhere: the benchmark bundles it with esbuild exactly like the worker.
 */
import {
  BatchCreateAttendeeCommand,
  ChimeSDKMeetingsClient,
  type BatchCreateAttendeeCommandOutput,
} from '@aws-sdk/client-chime-sdk-meetings';
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
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
  CHIME_ENDPOINT?: string;
  API_TOKENS: string;
}

interface Setup {
  client: ChimeSDKMeetingsClient;
  tokens: Set<string>;
  schema: ReturnType<typeof batchCreateAttendeeRequestSchema>;
}

const setups = new WeakMap<Env, Setup>();

function setup(env: Env): Setup {
  let made = setups.get(env);
  if (!made) {
    made = {
      client: new ChimeSDKMeetingsClient({
        region: env.AWS_REGION,
        ...(env.CHIME_ENDPOINT ? { endpoint: env.CHIME_ENDPOINT } : {}),
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        maxAttempts: 3,
      }),
      tokens: new Set(
        env.API_TOKENS.split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
      schema: batchCreateAttendeeRequestSchema({ api: 'chime-sdk-meetings' }),
    };
    setups.set(env, made);
  }
  return made;
}

function fail(c: Context, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  c.header('x-amzn-ErrorType', code);
  return c.json({ Code: code, Message: message, ...extra }, status as 400);
}

type Outcome =
  { ok: true; output: BatchCreateAttendeeCommandOutput } | { ok: false; error: { name: string; message: string; status: number } };

export default new Hono<{ Bindings: Env }>().post('/meetings/:meetingId/attendees', async (c) => {
  const { client, tokens, schema } = setup(c.env);
  const token = /^Bearer +(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (!token || !tokens.has(token)) return fail(c, 401, 'UnauthorizedException', 'Send a valid bearer token');

  const meetingId = parseSafely(MeetingIdSchema, c.req.param('meetingId'));
  if (!meetingId.success) return fail(c, 400, 'BadRequestException', 'Invalid MeetingId');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return fail(c, 400, 'BadRequestException', 'The request body is not valid JSON');
  }
  const parsed = parseSafely(schema, body);
  if (!parsed.success) {
    const issues = describeIssues(parsed.issues);
    return fail(c, 400, 'BadRequestException', `Invalid request: ${summarizeIssues(issues)}`, { Issues: issues });
  }

  const attendees = parsed.output.Attendees;
  const chunks: (typeof attendees)[] = [];
  for (let i = 0; i < attendees.length; i += LIMITS.attendeesPerCall) chunks.push(attendees.slice(i, i + LIMITS.attendeesPerCall));
  const outcomes = await Promise.all(
    chunks.map(async (part): Promise<Outcome> => {
      try {
        return {
          ok: true,
          output: await client.send(new BatchCreateAttendeeCommand({ MeetingId: meetingId.output, Attendees: part as any })),
        };
      } catch (error: any) {
        return {
          ok: false,
          error: {
            name: String(error?.name ?? 'ServiceFailureException'),
            message: String(error?.message ?? ''),
            status: error?.$metadata?.httpStatusCode ?? 500,
          },
        };
      }
    }),
  );
  const firstFailure = outcomes.find((o) => !o.ok);
  if (firstFailure && !firstFailure.ok && outcomes.every((o) => !o.ok)) {
    return fail(c, firstFailure.error.status, firstFailure.error.name, firstFailure.error.message);
  }
  const answer: { Attendees: unknown[]; Errors: unknown[] } = { Attendees: [], Errors: [] };
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) {
      answer.Attendees.push(...(outcome.output.Attendees ?? []));
      answer.Errors.push(...(outcome.output.Errors ?? []));
    } else {
      for (const { ExternalUserId } of chunks[index]!)
        answer.Errors.push({ ExternalUserId, ErrorCode: outcome.error.name, ErrorMessage: outcome.error.message });
    }
  });
  return c.json(answer);
});
