import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import {
  CONTROL_PREFIX,
  DEFAULT_HOST,
  DEFAULT_MEETING_AUTO_END_MS,
  DEFAULT_REGION,
  KEEP_ALIVE_TIMEOUT_MS,
  LEGACY_REGION,
  LOCAL_ACCOUNT_ID,
  LOCAL_CREDENTIALS,
  MAX_BODY_BYTES,
  SIGNALING_PATH,
  SIGNING_SERVICE,
} from './defaults.ts';
import { FaultInjector, InvalidFaultsError, parseFaults, type FaultOutcome } from './faults.ts';
import { OPERATION_HANDLERS, TAKES_JSON_BODY, type OperationAnswer } from './operations.ts';
import { InvalidRateLimitError, RateLimiter, parseRateLimit } from './rate-limit.ts';
import { matchRoute, parseQuery, queryValue, type Query, type Route } from './routes.ts';
import { createSignaling } from './signaling.ts';
import { verifySignature } from './sigv4.ts';
import { MeetingStore } from './store.ts';
import type { Emulator, EmulatorOptions, EmulatorState, Faults, Flavor, RateLimit } from './types.ts';
import { badRequest, excerpt, isRecord } from './validate.ts';
import {
  ChimeError,
  errorNameForStatus,
  newRequestId,
  sendEmpty,
  sendFrontDoorError,
  sendGatewayError,
  sendJson,
  sendServiceError,
} from './wire.ts';

export type * from './types.ts';

/** AWS's words for a meeting call on the legacy endpoint since February 2025 (seen in the wild, account ID aside). */
const DEPRECATED_API_MESSAGE = `Account Id ${LOCAL_ACCOUNT_ID} is not authorized to call deprecated Amazon Chime SDK API on the "chime" endpoint, use one of the "*-chime*" endpoints instead.`;

/** Starts a local Amazon Chime emulator of one API flavor; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const flavor: Flavor = options.flavor ?? 'chime-sdk-meetings';
  const region = resolveRegion(flavor, options.region);
  if (options.deprecated && flavor !== 'chime') throw new Error('only the legacy chime flavor can be deprecated');
  const credentials = options.credentials ?? [LOCAL_CREDENTIALS];
  const autoEndMs = options.meetingAutoEndMs ?? DEFAULT_MEETING_AUTO_END_MS;
  if (!Number.isInteger(autoEndMs) || autoEndMs < 1) throw new Error('meetingAutoEndMs must be a positive whole number of ms');
  const store = new MeetingStore(autoEndMs);
  const signaling = createSignaling(store);
  /** Known once the server listens, before any request can arrive. */
  let signalingUrl = '';
  let faults = new FaultInjector(parseFaults(options.faults ?? {}));
  const clock = options.clock ?? Date.now;
  /** A limiter with full buckets, checked like any untrusted input; none for undefined or null. */
  const limiterFor = (input: unknown) => {
    const limit = parseRateLimit(input ?? null);
    return limit ? new RateLimiter(limit, clock) : undefined;
  };
  let limiter = limiterFor(options.rateLimit);
  let calls = new Map<string, number>();
  let throttled = new Map<string, number>();
  // Aborted by close(), so no latency timer outlives the server.
  const shutdown = new AbortController();

  const state = (): EmulatorState => ({
    calls: Object.fromEntries(calls),
    throttled: Object.fromEntries(throttled),
    meetings: store.snapshot(),
    joins: signaling.joins(),
  });
  const setFaults = (next: Faults) => {
    faults = new FaultInjector(parseFaults(next));
  };
  const setRateLimit = (next: RateLimit | undefined) => {
    limiter = limiterFor(next);
  };
  const reset = ({ meetings = false } = {}) => {
    faults = new FaultInjector();
    limiter = limiterFor(options.rateLimit);
    calls = new Map();
    throttled = new Map();
    signaling.reset();
    if (meetings) store.clear();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const received = await readBody(req);
    if (received === 'aborted') return;
    if (received === 'too-large') {
      return sendFrontDoorError(res, requestId, {
        status: 413,
        type: 'RequestEntityTooLargeException',
        message: 'Request Entity Too Large',
      });
    }
    const [path = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
    const method = req.method ?? 'GET';
    const query = parseQuery(rawQuery);

    if (path.startsWith(CONTROL_PREFIX)) return control(res, requestId, method, path.slice(CONTROL_PREFIX.length), query ?? {}, received);

    const verdict = await verifySignature(
      { method, path, query: query ?? {}, headers: req.headers, body: received },
      { credentials, region, service: SIGNING_SERVICE, now: new Date() },
    );
    if (!verdict.ok) return sendFrontDoorError(res, requestId, verdict);

    const route = query ? matchRoute(method, path, query) : undefined;
    if (!route || !query) {
      const message = `No operation matches ${method} ${excerpt(path)}`;
      return sendFrontDoorError(res, requestId, { status: 404, type: 'UnknownOperationException', message });
    }
    calls.set(route.operation, (calls.get(route.operation) ?? 0) + 1);
    if (options.deprecated)
      return sendServiceError(res, flavor, requestId, { name: 'ForbiddenException', message: DEPRECATED_API_MESSAGE });
    if (limiter && !limiter.admit(route.operation)) {
      throttled.set(route.operation, (throttled.get(route.operation) ?? 0) + 1);
      return sendServiceError(res, flavor, requestId, { name: 'ThrottlingException', message: 'Rate exceeded' });
    }

    let outcome: FaultOutcome = { kind: 'answer' };
    if (faults.appliesTo(route.operation)) {
      // The injector of the moment the call arrived decides it, even if faults change meanwhile.
      const injector = faults;
      if (injector.latencyMs > 0) await delay(injector.latencyMs, undefined, { signal: shutdown.signal });
      outcome = injector.next();
    }
    if (outcome.kind === 'drop') return void req.socket.destroy();
    if (outcome.kind === 'error') return answerFault(res, requestId, outcome);

    const answer = run(route, query, req.headers['content-type'], received);
    if (outcome.kind === 'drop-after') return void req.socket.destroy();
    if (answer instanceof ChimeError) return sendServiceError(res, flavor, requestId, { name: answer.errorName, message: answer.message });
    if (answer.body === undefined) return sendEmpty(res, answer.status, requestId);
    sendJson(res, { status: answer.status, requestId }, answer.body);
  }

  /** Runs an operation, or returns the modeled error it raised. */
  function run(route: Route, query: Query, contentType: string | undefined, body: Buffer): OperationAnswer | ChimeError {
    try {
      const json = TAKES_JSON_BODY.has(route.operation) ? jsonBody(contentType, body) : {};
      return OPERATION_HANDLERS[route.operation]({ flavor, region, store, signalingUrl, route, query, body: json });
    } catch (error) {
      if (error instanceof ChimeError) return error;
      throw error;
    }
  }

  function answerFault(res: ServerResponse, requestId: string, fault: Extract<FaultOutcome, { kind: 'error' }>): void {
    if (fault.status === 502 || fault.status === 504) return sendGatewayError(res, fault.status);
    const name = errorNameForStatus(fault.status);
    const message = `Injected fault: ${fault.status}`;
    const error = { name, message, status: fault.status };
    sendServiceError(
      res,
      flavor,
      requestId,
      fault.retryAfterSeconds === undefined ? error : { ...error, retryAfterSeconds: fault.retryAfterSeconds },
    );
  }

  /** The unsigned endpoints tests use to look inside and to steer faults. */
  function control(res: ServerResponse, requestId: string, method: string, endpoint: string, query: Query, body: Buffer): void {
    const answer = (status: number, json: unknown) => sendJson(res, { status, requestId }, json);
    const refuse = (status: number, message: string) => answer(status, { message });
    const route = `${method} ${endpoint}`;
    try {
      switch (route) {
        case 'GET state':
          return answer(200, state());
        case 'PUT faults':
          faults = new FaultInjector(parseFaults(controlJson(body) ?? {}));
          return answer(200, faults.faults);
        case 'PUT rate-limit':
          setRateLimit(controlJson(body) as RateLimit | undefined);
          return answer(200, limiter?.limit ?? null);
        case 'POST reset':
          reset({ meetings: queryValue(query, 'meetings') === '1' });
          return answer(200, state());
        case 'POST meetings': {
          // Creates a meeting exactly as a signed CreateMeeting would, with defaults for what is left out.
          const given = controlJson(body) ?? {};
          if (!isRecord(given)) throw badRequest('the body must be a JSON object');
          const meetingInput = {
            ClientRequestToken: randomUUID(),
            MediaRegion: region,
            ExternalMeetingId: `emulator-${randomUUID()}`,
            ...given,
          };
          const created = OPERATION_HANDLERS.CreateMeeting({
            flavor,
            region,
            store,
            signalingUrl,
            route: { operation: 'CreateMeeting' },
            query,
            body: meetingInput,
          });
          return answer(created.status, created.body);
        }
        default:
          return refuse(
            404,
            `No emulator control endpoint ${excerpt(route)}; there are GET state, PUT faults, PUT rate-limit, POST reset, POST meetings`,
          );
      }
    } catch (error) {
      if (error instanceof InvalidFaultsError || error instanceof InvalidRateLimitError) return refuse(400, error.message);
      if (error instanceof ChimeError) return sendServiceError(res, flavor, requestId, { name: error.errorName, message: error.message });
      throw error;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (shutdown.signal.aborted) return void req.socket.destroy();
      // A bug in the emulator: say so loudly, and answer like AWS's own internal errors.
      console.error('chime emulator:', error);
      if (!res.headersSent)
        sendServiceError(res, flavor, newRequestId(), { name: 'ServiceFailureException', message: 'Internal emulator error' });
      else res.destroy();
    });
  });
  server.on('upgrade', signaling.upgrade);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  const port = await listen(server, options.host ?? DEFAULT_HOST, options.port ?? 0);
  const host = options.host ?? DEFAULT_HOST;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  signalingUrl = `ws://${authority}${SIGNALING_PATH}`;

  return {
    url: `http://${authority}`,
    port,
    flavor,
    region,
    setFaults,
    setRateLimit,
    reset,
    state,
    close: async () => {
      shutdown.abort();
      signaling.close();
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
    },
  };
}

function resolveRegion(flavor: Flavor, region: string | undefined): string {
  if (flavor === 'chime' && region !== undefined && region !== LEGACY_REGION) {
    throw new Error(`the legacy chime API only exists in ${LEGACY_REGION}, not ${region}`);
  }
  return region ?? (flavor === 'chime' ? LEGACY_REGION : DEFAULT_REGION);
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Reads the whole body, but keeps no more than MAX_BODY_BYTES of it: past that the rest is
 * discarded as it arrives (node:http drains it), so the 413 reaches the client intact.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return resolve('too-large');
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      resolve('too-large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    // 'close' without 'end': the client went away mid-request; nothing to answer.
    req.once('close', () => resolve('aborted'));
  });
}

/** A JSON body for an operation: AWS's rest-json needs `content-type: application/json`. */
function jsonBody(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    throw badRequest('Content-Type must be application/json');
  }
  const parsed = parseJson(body);
  if (!isRecord(parsed)) throw badRequest('The request body must be a JSON object');
  return parsed;
}

/** Control endpoints take JSON whatever the content-type (plain fetch sends text/plain); empty means none. */
function controlJson(body: Buffer): unknown {
  return body.length === 0 ? undefined : parseJson(body);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('Could not parse the request body as JSON');
  }
}
