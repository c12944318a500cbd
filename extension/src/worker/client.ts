import * as v from 'valibot';
import {
  BatchCreateAttendeeResponseSchema,
  canonicalErrorName,
  CHIME_APIS,
  CreateMeetingResponseSchema,
  DeleteAttendeesResponseSchema,
  ErrorBodySchema,
  GetMeetingResponseSchema,
  HEADERS,
  ListAttendeesResponseSchema,
  TokenInfoSchema,
  parseSafely,
  type BatchCreateAttendeeRequest,
  type BatchCreateAttendeeResponse,
  type CreateMeetingRequest,
  type CreateMeetingResponse,
  type DeleteAttendeesRequest,
  type DeleteAttendeesResponse,
  type ErrorName,
  type GetMeetingResponse,
  type ListAttendeesResponse,
  type TokenInfo,
  type ValidationIssue,
} from '../../../shared/index.ts';

/*
 * The worker's HTTP API, on nothing but fetch: no vscode import, so it runs (and is tested) in plain Node.
 * Every call resolves to a result; nothing here throws for a refusal, a dead network or a timeout.
 */

export interface WorkerTarget {
  /** The worker's base URL; a path prefix (https://host/api) is kept. */
  baseUrl: string;
  /** Sent as a bearer token when present. */
  token?: string | undefined;
  timeoutMs: number;
}

/** What the answer said about itself, for the log. */
export interface Exchange {
  status: number;
  elapsedMs: number;
  requestId?: string | undefined;
  upstreamAttempts?: number | undefined;
  serverTiming?: string | undefined;
}

export type WorkerFailure =
  /** The worker refused, with one of the contract's error names. */
  | { kind: 'refused'; code: ErrorName; message: string; requestId?: string | undefined; issues?: ValidationIssue[] | undefined }
  /** Something answered, but not in the worker's words (wrong URL, a proxy, a broken deployment). */
  | { kind: 'unexpected'; status: number; detail: string }
  | { kind: 'network'; detail: string }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'cancelled' };

export type Refusal = Extract<WorkerFailure, { kind: 'refused' }>;

/** A failure worth telling the person about: anything but their own Cancel. */
export type ShownFailure = Exclude<WorkerFailure, { kind: 'cancelled' }>;

export type WorkerResult<T> =
  { ok: true; value: T; exchange: Exchange } | { ok: false; failure: WorkerFailure; exchange?: Exchange | undefined };

export const HealthSchema = v.object({ ok: v.literal(true), api: v.picklist(CHIME_APIS) });
export type Health = v.InferOutput<typeof HealthSchema>;

export function createAttendees(
  target: WorkerTarget,
  meetingId: string,
  body: BatchCreateAttendeeRequest,
  signal?: AbortSignal,
): Promise<WorkerResult<BatchCreateAttendeeResponse>> {
  const path = `${meetingPath(meetingId)}/attendees`;
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return call(target, path, init, BatchCreateAttendeeResponseSchema, signal);
}

/** The meeting, if it is still live: its MediaPlacement is what joining needs with an attendee. */
export function getMeeting(target: WorkerTarget, meetingId: string, signal?: AbortSignal): Promise<WorkerResult<GetMeetingResponse>> {
  return call(target, meetingPath(meetingId), { method: 'GET' }, GetMeetingResponseSchema, signal);
}

/** Every attendee holding a slot (those the token may see), without JoinTokens. */
export function listAttendees(target: WorkerTarget, meetingId: string, signal?: AbortSignal): Promise<WorkerResult<ListAttendeesResponse>> {
  return call(target, `${meetingPath(meetingId)}/attendees`, { method: 'GET' }, ListAttendeesResponseSchema, signal);
}

/** A new meeting, with the attendees asked for in the same call: each created or with its error. */
export function createMeeting(
  target: WorkerTarget,
  body: CreateMeetingRequest,
  signal?: AbortSignal,
): Promise<WorkerResult<CreateMeetingResponse>> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return call(target, 'meetings', init, CreateMeetingResponseSchema, signal);
}

/** Ends the meeting (DeleteMeeting), which frees every slot at once: 204 and no body. */
export function endMeeting(target: WorkerTarget, meetingId: string, signal?: AbortSignal): Promise<WorkerResult<undefined>> {
  return call(target, meetingPath(meetingId), { method: 'DELETE' }, NoBodySchema, signal);
}

/** Deletes the attendees a prefix or a list of AttendeeIds selects; each comes back deleted or with its error. */
export function deleteAttendees(
  target: WorkerTarget,
  meetingId: string,
  body: DeleteAttendeesRequest,
  signal?: AbortSignal,
): Promise<WorkerResult<DeleteAttendeesResponse>> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return call(target, `${meetingPath(meetingId)}/attendees/delete`, init, DeleteAttendeesResponseSchema, signal);
}

/** Deletes one attendee: 204 and no body. */
export function deleteAttendee(
  target: WorkerTarget,
  meetingId: string,
  attendeeId: string,
  signal?: AbortSignal,
): Promise<WorkerResult<undefined>> {
  return call(target, `${meetingPath(meetingId)}/attendees/${encodeURIComponent(attendeeId)}`, { method: 'DELETE' }, NoBodySchema, signal);
}

/** What the target's token may do (its name, operations and prefixes): any valid token may ask. */
export function getToken(target: WorkerTarget, signal?: AbortSignal): Promise<WorkerResult<TokenInfo>> {
  return call(target, 'token', { method: 'GET' }, TokenInfoSchema, signal);
}

/** Which Chime API the worker is configured for; the health check needs no token. */
export function checkHealth(target: WorkerTarget, signal?: AbortSignal): Promise<WorkerResult<Health>> {
  return call({ ...target, token: undefined }, 'healthz', { method: 'GET' }, HealthSchema, signal);
}

async function call<S extends v.GenericSchema>(
  target: WorkerTarget,
  path: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  schema: S,
  cancel?: AbortSignal,
): Promise<WorkerResult<v.InferOutput<S>>> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(target.timeoutMs);
  const signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
  const headers = { accept: 'application/json', ...init.headers, ...bearer(target.token) };
  let response: Response;
  let text: string;
  try {
    response = await fetch(workerUrl(target.baseUrl, path), { ...init, headers, signal });
    text = await response.text();
  } catch (error) {
    return { ok: false, failure: transportFailure(error, cancel, timeout, target.timeoutMs) };
  }
  const exchange = describeExchange(response, performance.now() - started);
  const json = parseJson(text);
  if (response.ok) {
    const parsed = parseSafely(schema, json);
    if (parsed.success) return { ok: true, value: parsed.output, exchange };
    const detail = 'the answer is not in the worker API’s shape';
    return { ok: false, failure: { kind: 'unexpected', status: response.status, detail }, exchange };
  }
  return { ok: false, failure: refusal(response, json), exchange };
}

const meetingPath = (meetingId: string) => `meetings/${encodeURIComponent(meetingId)}`;

/** An answer without a body (204) reads as undefined. */
const NoBodySchema = v.undefined();

/**
 * A 404 the worker makes for a path it has no route for: a worker older than this extension, not a
 * missing meeting. It must not mark a meeting as ended.
 */
export function isMissingRoute(failure: WorkerFailure): boolean {
  return failure.kind === 'refused' && failure.code === 'NotFoundException' && /^No such route\b/.test(failure.message);
}

/** The meeting itself is gone (ended, or never was): a NotFoundException that is not about a route. */
export function isMeetingNotFound(failure: WorkerFailure): boolean {
  return failure.kind === 'refused' && failure.code === 'NotFoundException' && !isMissingRoute(failure);
}

/** The token may not do this (a scope it lacks): some callers go on without it. */
export function isForbidden(failure: WorkerFailure): failure is Refusal {
  return failure.kind === 'refused' && failure.code === 'ForbiddenException';
}

export function workerUrl(baseUrl: string, path: string): URL {
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

const bearer = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The worker's error body; failing that, its error-type header; failing that, not the worker at all. */
function refusal(response: Response, json: unknown): WorkerFailure {
  const body = parseSafely(ErrorBodySchema, json);
  if (body.success) {
    const { Code: code, Message: message, RequestId: requestId, Issues: issues } = body.output;
    return { kind: 'refused', code, message, requestId, issues };
  }
  // The header may carry a suffix after a colon (`ThrottlingException:http://…`), as AWS's does.
  const errorType = response.headers.get(HEADERS.errorType)?.split(':')[0];
  if (errorType) {
    const requestId = response.headers.get(HEADERS.requestId) ?? undefined;
    return { kind: 'refused', code: canonicalErrorName(errorType, response.status), message: `HTTP ${response.status}`, requestId };
  }
  return { kind: 'unexpected', status: response.status, detail: `HTTP ${response.status} without the worker’s error body` };
}

function transportFailure(error: unknown, cancel: AbortSignal | undefined, timeout: AbortSignal, timeoutMs: number): WorkerFailure {
  if (cancel?.aborted) return { kind: 'cancelled' };
  if (timeout.aborted) return { kind: 'timeout', timeoutMs };
  return { kind: 'network', detail: networkDetail(error) };
}

/** Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function networkDetail(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  // Connecting to every address of a name fails as an AggregateError: no message, but a code.
  if (cause instanceof Error) return cause.message || String((cause as { code?: unknown }).code ?? cause.name);
  return error instanceof Error ? error.message : String(error);
}

function describeExchange(response: Response, elapsedMs: number): Exchange {
  const attempts = Number(response.headers.get(HEADERS.attempts));
  return {
    status: response.status,
    elapsedMs: Math.round(elapsedMs),
    requestId: response.headers.get(HEADERS.requestId) ?? undefined,
    upstreamAttempts: Number.isInteger(attempts) && attempts > 0 ? attempts : undefined,
    serverTiming: response.headers.get('server-timing') ?? undefined,
  };
}
