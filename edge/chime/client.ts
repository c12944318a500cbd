import { AwsClient } from 'aws4fetch';
import type { AttendeeError, AttendeeRequest, BatchCreateAttendeeResponse, ChimeApi } from '../../shared/index.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { parseUpstreamError } from './upstream-error.ts';

/** Thrown when Amazon Chime could not be reached at all: worth a retry. */
export class UpstreamUnreachable extends ApiError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error && cause.name === 'TimeoutError' ? 'timed out' : 'failed';
    super('ServiceUnavailableException', `The connection to Amazon Chime ${reason}`);
  }
}

/** Thrown when Amazon Chime answered success with a body we cannot read. */
export class UpstreamUnreadable extends ApiError {
  constructor() {
    super('ServiceFailureException', 'Amazon Chime answered with a body that is not the expected JSON');
  }
}

/**
 * Signed calls to one Amazon Chime API endpoint. Made once per configuration, so aws4fetch's
 * cache of derived signing keys lives as long as the isolate. Retries are the caller's business:
 * aws4fetch's own retry loop is switched off.
 */
export class ChimeClient {
  readonly api: ChimeApi;
  readonly #aws: AwsClient;
  readonly #endpoint: string;

  constructor(config: Pick<Config, 'api' | 'region' | 'endpoint' | 'credentials'>) {
    this.api = config.api;
    this.#endpoint = config.endpoint;
    this.#aws = new AwsClient({ ...config.credentials, service: 'chime', region: config.region, retries: 0 });
  }

  /** One BatchCreateAttendee call (at most 100 attendees); throws ApiError for any failure. */
  async batchCreateAttendee(meetingId: string, attendees: readonly AttendeeRequest[], signal?: AbortSignal): Promise<BatchCreateAttendeeResponse> {
    const path = `/meetings/${encodeURIComponent(meetingId)}/attendees?operation=batch-create`;
    const body = await this.#send('POST', path, { Attendees: attendees }, signal);
    if (!body || !Array.isArray(body.Attendees)) throw new UpstreamUnreadable();
    return { Attendees: body.Attendees, Errors: Array.isArray(body.Errors) ? (body.Errors as AttendeeError[]) : [] };
  }

  async #send(method: string, path: string, payload: unknown, signal?: AbortSignal): Promise<Record<string, any> | undefined> {
    const request = await this.#aws.sign(this.#endpoint + path, {
      method,
      headers: payload === undefined ? {} : { 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    let response: Response;
    try {
      response = await fetch(request, signal ? { signal } : {});
    } catch (error) {
      throw new UpstreamUnreachable(error);
    }
    if (!response.ok) throw await parseUpstreamError(response);
    if (response.status === 204) return undefined;
    try {
      return (await response.json()) as Record<string, any>;
    } catch {
      throw new UpstreamUnreadable();
    }
  }
}
