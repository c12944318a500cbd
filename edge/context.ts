import type { TokenEntry } from './auth/tokens.ts';
import type { Env } from './env.ts';
import type { Services } from './services.ts';
import type { Upstream } from './upstream.ts';

/** Fields of the one log line a request writes; never a token, key, JoinToken or ExternalUserId. */
export interface LogFields {
  token?: string;
  meetingId?: string;
  requested?: number;
  created?: number;
  listed?: number;
  deleted?: number;
  failed?: number;
  attempts?: number;
  upstreamStatus?: number;
  upstreamMs?: number;
  error?: string;
  upstreamCode?: string;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    services: Services;
    log: LogFields;
    /** The caller's token, once authorized. */
    token: TokenEntry;
    /** The request's upstream calls, retried, counted and timed. */
    upstream: Upstream;
    /** The request's JSON body as jsonBody parsed it, not yet checked against a schema (jsonOf does). */
    body: unknown;
  };
};
