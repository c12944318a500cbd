import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  batchCreateAttendeeRequestSchema,
  createMeetingRequestSchema,
  DeleteAttendeesRequestSchema,
  describeIssues,
  HEADERS,
  LIMITS,
  parseSafely,
  type ChimeApi,
  type ErrorBody,
  type ErrorName,
  type ListedAttendee,
} from '../../../../shared/index.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';

/**
 * A tiny stand-in for the worker, on 127.0.0.1 and a free port: the same routes, headers and
 * error bodies, validated with the shared contract, plus a few meetings that misbehave on purpose.
 * It keeps the attendees it creates, so it can list and delete them, and the meetings it creates, until ended.
 * No emulator stands behind it: it answers from memory, and records what it was sent.
 */
export interface FakeWorker extends WorkerWithMeeting {
  /** May create and delete, not read: listing and reading the meeting are a 403. */
  noReadToken: string;
  /** Answers 429 ThrottlingException after "3 upstream attempts". */
  throttledMeetingId: string;
  /** Never answers, for timeouts and cancellation. */
  stalledMeetingId: string;
  /** Authorization headers received, in order. */
  authorizations: Array<string | undefined>;
  /** Requests received as `METHOD /path`, in order. */
  requests: string[];
}

/** ExternalUserIds starting with this come back in Errors, as the service's per-attendee failures do. */
export const FAILING_PREFIX = 'fail-';

type Ids = Pick<FakeWorker, 'token' | 'noReadToken' | 'meetingId' | 'throttledMeetingId' | 'stalledMeetingId'>;
type Stored = ListedAttendee & { JoinToken: string };
/** Live meetings and their attendees; an ended meeting is gone, as DeleteMeeting leaves it. */
type Meetings = Map<string, Stored[]>;

export async function startFakeWorker(api: ChimeApi = 'chime-sdk-meetings'): Promise<FakeWorker> {
  const ids: Ids = {
    token: 'fake-token-0123456789',
    noReadToken: 'fake-no-read-token-0123456789',
    meetingId: randomUUID(),
    throttledMeetingId: randomUUID(),
    stalledMeetingId: randomUUID(),
  };
  const authorizations: Array<string | undefined> = [];
  const requests: string[] = [];
  const meetings: Meetings = new Map([[ids.meetingId, []]]);
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    requests.push(`${req.method} ${req.url}`);
    void answer(req, res, api, ids, meetings);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...ids,
    authorizations,
    requests,
    close: () => {
      // Stalled requests hold their sockets open: drop them, or close() would wait for them forever.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, api: ChimeApi, ids: Ids, meetings: Meetings) {
  const requestId = randomUUID();
  res.setHeader(HEADERS.requestId, requestId);
  const refuse = (code: ErrorName, status: number, extra: Partial<ErrorBody> & { Message?: string } = {}) => {
    res.setHeader(HEADERS.errorType, code);
    send(res, status, { Code: code, Message: `fake ${code}`, RequestId: requestId, ...extra });
  };
  if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, { ok: true, api });
  if (req.method === 'POST' && req.url === '/meetings') {
    if (req.headers.authorization !== `Bearer ${ids.token}`) return refuse('UnauthorizedException', 401);
    return createFakeMeeting(JSON.parse(await readBody(req)), api, meetings, res, refuse);
  }
  if (req.method === 'GET' && req.url === '/token') {
    if (req.headers.authorization === `Bearer ${ids.token}`)
      return send(res, 200, { Name: 'fake', Operations: ['read', 'create', 'delete', 'meetings'] });
    if (req.headers.authorization === `Bearer ${ids.noReadToken}`)
      return send(res, 200, { Name: 'no-read', Operations: ['create', 'delete'] });
    return refuse('UnauthorizedException', 401);
  }
  const [, meetingId, rest = ''] = /^\/meetings\/([^/]+)(\/.*)?$/.exec(req.url ?? '') ?? [];
  const route = `${req.method} ${rest.replace(/^\/attendees\/(?!delete$)[^/]+$/, '/attendees/{id}')}`;
  const operation = ROUTES[route];
  if (!meetingId || !operation)
    return refuse('NotFoundException', 404, { Message: 'No such route; the routes are listed in /openapi.json' });
  const reader = req.headers.authorization === `Bearer ${ids.token}`;
  if (!reader && req.headers.authorization !== `Bearer ${ids.noReadToken}`) return refuse('UnauthorizedException', 401);
  if (operation === 'read' && !reader)
    return refuse('ForbiddenException', 403, { Message: "token 'no-read' may not read (it may create and delete)" });
  if (meetingId === ids.stalledMeetingId) return;
  if (meetingId === ids.throttledMeetingId) {
    res.setHeader(HEADERS.attempts, '3');
    return refuse('ThrottlingException', 429);
  }
  const attendees = meetings.get(meetingId);
  if (!attendees) return refuse('NotFoundException', 404, { Message: `Meeting ${meetingId} was not found or has ended (fake)` });
  res.setHeader(HEADERS.attempts, '1');
  res.setHeader('Server-Timing', 'upstream;dur=5');
  const listed = () => attendees.map(({ AttendeeId, ExternalUserId, Capabilities }) => ({ AttendeeId, ExternalUserId, Capabilities }));

  switch (route) {
    case 'GET ':
      return send(res, 200, { Meeting: fakeMeeting(meetingId) });
    case 'DELETE ':
      meetings.delete(meetingId);
      res.writeHead(204).end();
      return;
    case 'GET /attendees':
      return send(res, 200, { Attendees: listed() });
    case 'DELETE /attendees/{id}': {
      const index = attendees.findIndex((a) => a.AttendeeId === rest.split('/').pop());
      if (index < 0) return refuse('NotFoundException', 404, { Message: 'The meeting holds no attendee with this AttendeeId' });
      attendees.splice(index, 1);
      res.writeHead(204).end();
      return;
    }
    case 'POST /attendees/delete': {
      const parsed = parseSafely(DeleteAttendeesRequestSchema, JSON.parse(await readBody(req)));
      if (!parsed.success) return refuse('BadRequestException', 400, { Issues: describeIssues(parsed.issues) });
      const { ExternalUserIdPrefix: prefix, AttendeeIds: wanted = [] } = parsed.output;
      const targets =
        prefix !== undefined
          ? attendees.filter((a) => a.ExternalUserId.startsWith(prefix))
          : attendees.filter((a) => wanted.includes(a.AttendeeId));
      const missing = wanted.filter((id) => !attendees.some((a) => a.AttendeeId === id));
      if (targets.length === 0 && missing.length)
        return refuse('NotFoundException', 404, { Message: 'The meeting holds no attendee with this AttendeeId' });
      for (const target of targets) attendees.splice(attendees.indexOf(target), 1);
      return send(res, 200, {
        Deleted: targets.map(({ AttendeeId, ExternalUserId }) => ({ AttendeeId, ExternalUserId })),
        Errors: missing.map((AttendeeId) => ({
          AttendeeId,
          ErrorCode: 'NotFoundException',
          ErrorMessage: 'The meeting holds no attendee with this AttendeeId',
        })),
      });
    }
  }
  // POST /attendees
  const parsed = parseSafely(batchCreateAttendeeRequestSchema({ api }), JSON.parse(await readBody(req)));
  if (!parsed.success) return refuse('BadRequestException', 400, { Issues: describeIssues(parsed.issues) });
  const created: Stored[] = [];
  const errors: Array<{ ExternalUserId: string; ErrorCode: string; ErrorMessage: string }> = [];
  for (const { ExternalUserId } of parsed.output.Attendees) {
    const existing = attendees.find((a) => a.ExternalUserId === ExternalUserId);
    if (existing) created.push(existing);
    else if (ExternalUserId.startsWith(FAILING_PREFIX) || attendees.length >= LIMITS.attendeesPerMeeting) {
      errors.push({ ExternalUserId, ErrorCode: 'LimitExceededException', ErrorMessage: 'fake per-attendee failure' });
    } else {
      const attendee = { AttendeeId: randomUUID(), ExternalUserId, JoinToken: `join-${randomUUID()}` };
      attendees.push(attendee);
      created.push(attendee);
    }
  }
  send(res, 200, { Attendees: created, Errors: errors });
}

const ROUTES: Record<string, 'read' | 'create' | 'delete'> = {
  'GET ': 'read',
  'DELETE ': 'delete',
  'GET /attendees': 'read',
  'POST /attendees': 'create',
  'DELETE /attendees/{id}': 'delete',
  'POST /attendees/delete': 'delete',
};

const SERVICE_DEFAULT = { Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' } as const;

/** POST /meetings: a new live meeting, with its attendees made as the create-attendees route makes them. */
function createFakeMeeting(
  body: unknown,
  api: ChimeApi,
  meetings: Meetings,
  res: ServerResponse,
  refuse: (code: ErrorName, status: number, extra?: Partial<ErrorBody>) => void,
) {
  const parsed = parseSafely(createMeetingRequestSchema({ api }), body);
  if (!parsed.success) return refuse('BadRequestException', 400, { Issues: describeIssues(parsed.issues) });
  const { ExternalMeetingId, MediaRegion = 'us-east-1', MeetingFeatures, Attendees = [] } = parsed.output;
  const MeetingId = randomUUID();
  const attendees = Attendees.map(({ ExternalUserId, Capabilities = SERVICE_DEFAULT }) => ({
    AttendeeId: randomUUID(),
    ExternalUserId,
    Capabilities,
    JoinToken: `join-${randomUUID()}`,
  }));
  meetings.set(MeetingId, attendees);
  send(res, 200, {
    Meeting: { ...fakeMeeting(MeetingId), ExternalMeetingId, MediaRegion, MeetingFeatures },
    Attendees: attendees,
    Errors: [],
  });
}

export function fakeMeeting(MeetingId: string) {
  const host = `fake-${createHash('sha256').update(MeetingId).digest('hex').slice(0, 8)}.invalid`;
  return {
    MeetingId,
    MediaRegion: 'us-east-1',
    MediaPlacement: {
      AudioHostUrl: `${host}:3478`,
      AudioFallbackUrl: `wss://${host}/audio`,
      SignalingUrl: `wss://${host}/control`,
      TurnControlUrl: `https://${host}/turn`,
      ScreenDataUrl: `wss://${host}/screen`,
      ScreenViewingUrl: `wss://${host}/viewing`,
      ScreenSharingUrl: `wss://${host}/sharing`,
      EventIngestionUrl: `https://${host}/events`,
    },
    MeetingArn: `arn:aws:chime:us-east-1:000000000000:meeting/${MeetingId}`,
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}
