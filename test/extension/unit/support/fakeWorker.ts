import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  batchCreateAttendeeRequestSchema,
  describeIssues,
  HEADERS,
  parseSafely,
  type ChimeApi,
  type ErrorBody,
  type ErrorName,
} from '../../../../shared/index.ts';

/**
 * A tiny stand-in for the worker, on 127.0.0.1 and a free port: the same routes, headers and
 * error bodies, validated with the shared contract, plus a few meetings that misbehave on purpose.
 */
export interface FakeWorker {
  url: string;
  token: string;
  meetingId: string;
  /** Answers 429 ThrottlingException after "3 upstream attempts". */
  throttledMeetingId: string;
  /** Never answers, for timeouts and cancellation. */
  stalledMeetingId: string;
  /** Authorization headers received, in order. */
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

/** ExternalUserIds starting with this come back in Errors, as the service's per-attendee failures do. */
export const FAILING_PREFIX = 'fail-';

export async function startFakeWorker(api: ChimeApi = 'chime-sdk-meetings'): Promise<FakeWorker> {
  const ids = { token: 'fake-token-0123456789', meetingId: randomUUID(), throttledMeetingId: randomUUID(), stalledMeetingId: randomUUID() };
  const authorizations: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    void answer(req, res, api, ids);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, ...ids, authorizations, close: () => close(server) };
}

async function answer(req: IncomingMessage, res: ServerResponse, api: ChimeApi, ids: Omit<FakeWorker, 'url' | 'authorizations' | 'close'>) {
  const requestId = randomUUID();
  res.setHeader(HEADERS.requestId, requestId);
  const refuse = (code: ErrorName, status: number, extra: Partial<ErrorBody> = {}) => {
    res.setHeader(HEADERS.errorType, code);
    send(res, status, { Code: code, Message: `fake ${code}`, RequestId: requestId, ...extra });
  };
  if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, { ok: true, api });
  const meetingId = /^\/meetings\/([^/]+)\/attendees$/.exec(req.url ?? '')?.[1];
  if (req.method !== 'POST' || !meetingId) return refuse('NotFoundException', 404);
  if (req.headers.authorization !== `Bearer ${ids.token}`) return refuse('UnauthorizedException', 401);
  if (meetingId === ids.stalledMeetingId) return;
  if (meetingId === ids.throttledMeetingId) {
    res.setHeader(HEADERS.attempts, '3');
    return refuse('ThrottlingException', 429);
  }
  if (meetingId !== ids.meetingId) return refuse('NotFoundException', 404);
  const parsed = parseSafely(batchCreateAttendeeRequestSchema({ api }), JSON.parse(await readBody(req)));
  if (!parsed.success) return refuse('BadRequestException', 400, { Issues: describeIssues(parsed.issues) });
  const [failing, created] = partition(parsed.output.Attendees.map((a) => a.ExternalUserId), (id) => id.startsWith(FAILING_PREFIX));
  res.setHeader(HEADERS.attempts, '1');
  res.setHeader('Server-Timing', 'upstream;dur=5');
  send(res, 200, {
    Attendees: created.map((ExternalUserId) => ({ AttendeeId: randomUUID(), ExternalUserId, JoinToken: `join-${randomUUID()}` })),
    Errors: failing.map((ExternalUserId) => ({ ExternalUserId, ErrorCode: 'LimitExceededException', ErrorMessage: 'fake per-attendee failure' })),
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Stalled requests hold their sockets open: drop them, or close() would wait for them forever. */
function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
