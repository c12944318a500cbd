/**
 * The emulator's unsigned control endpoints (test/emulator/README.md), through fetch alone: the same client
 * serves the suites in Node and the worker's suites inside workerd. A refusal is an error naming the route.
 */
import { AwsClient } from 'aws4fetch';
import { CONTROL_PREFIX, DEFAULT_REGION, LOCAL_CREDENTIALS, SIGNING_SERVICE } from '../emulator/defaults.ts';
import type { EmulatorAttendeeState, EmulatorMeeting, EmulatorState, Faults, OperationName, RateLimit } from '../emulator/types.ts';

export interface EmulatorControl {
  /** The emulator's base URL, as the worker's CHIME_ENDPOINT. */
  url: string;
  /** Where a person looks inside: GET /_emulator/state. */
  stateUrl: string;
  /** GET /_emulator/state. */
  state(): Promise<EmulatorState>;
  /** PUT /_emulator/faults: replaces the faults ({}: none); answers them as the emulator took them. */
  setFaults(faults: Faults): Promise<Faults>;
  /** PUT /_emulator/rate-limit: replaces the rate limit (null: none), buckets full. */
  setRateLimit(limit: RateLimit | null): Promise<RateLimit | null>;
  /** POST /_emulator/reset: faults, counters and joins cleared, the starting rate limit back; meetings too if asked. */
  reset(options?: { meetings?: boolean }): Promise<EmulatorState>;
  /** POST /_emulator/meetings: a meeting made as CreateMeeting makes one, with defaults for what `input` leaves out. */
  createMeetingAnswer(input?: Record<string, unknown>): Promise<{ Meeting: EmulatorMeeting }>;
  /** The same, answering only the new MeetingId. */
  createMeeting(input?: Record<string, unknown>): Promise<string>;
  /** The attendees the emulator holds for a meeting (none for a meeting it does not know). */
  attendees(meetingId: string): Promise<EmulatorAttendeeState[]>;
  /** Signed calls that reached one operation, or every operation, so far. */
  calls(operation?: OperationName): Promise<number>;
  /** Ends a meeting with a signed DeleteMeeting, as Amazon Chime's own idle timeout would. */
  endMeeting(meetingId: string): Promise<void>;
}

/** The emulator answers at once; past this it is gone or stuck, and the call fails rather than hangs. */
const ANSWER_TIMEOUT_MS = 10_000;

export function emulatorControl(url: string): EmulatorControl {
  let signer: AwsClient | undefined;
  /** The answer's text, or an error naming the call: no answer in time, or a refusal with the start of its body. */
  async function answer(call: string, send: (signal: AbortSignal) => Promise<Response>, expected?: number): Promise<string> {
    const response = await send(AbortSignal.timeout(ANSWER_TIMEOUT_MS)).catch((error: unknown) => {
      throw new Error(`emulator at ${url}: ${call} got no answer`, { cause: error });
    });
    const text = await response.text();
    if (expected === undefined ? !response.ok : response.status !== expected) {
      throw new Error(`emulator at ${url}: ${call} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return text;
  }
  async function call<T>(method: string, endpoint: string, body?: unknown): Promise<T> {
    const init = body === undefined ? { method } : { method, body: JSON.stringify(body) };
    const send = (signal: AbortSignal) => fetch(`${url}${CONTROL_PREFIX}${endpoint}`, { ...init, signal });
    return JSON.parse(await answer(`${method} ${CONTROL_PREFIX}${endpoint}`, send)) as T;
  }
  const control: EmulatorControl = {
    url,
    stateUrl: `${url}${CONTROL_PREFIX}state`,
    state: () => call('GET', 'state'),
    setFaults: (faults) => call('PUT', 'faults', faults),
    setRateLimit: (limit) => call('PUT', 'rate-limit', limit),
    reset: ({ meetings = false } = {}) => call('POST', meetings ? 'reset?meetings=1' : 'reset'),
    createMeetingAnswer: (input = {}) => call('POST', 'meetings', input),
    createMeeting: async (input) => (await control.createMeetingAnswer(input)).Meeting.MeetingId,
    attendees: async (meetingId) => (await control.state()).meetings.find((m) => m.MeetingId === meetingId)?.Attendees ?? [],
    async calls(operation) {
      const { calls } = await control.state();
      return operation ? (calls[operation] ?? 0) : Object.values(calls).reduce((sum, n) => sum + n, 0);
    },
    async endMeeting(meetingId) {
      const aws = (signer ??= new AwsClient({ ...LOCAL_CREDENTIALS, service: SIGNING_SERVICE, region: DEFAULT_REGION, retries: 0 }));
      await answer(`DeleteMeeting ${meetingId}`, (signal) => aws.fetch(`${url}/meetings/${meetingId}`, { method: 'DELETE', signal }), 204);
    },
  };
  return control;
}
