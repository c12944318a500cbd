import type { Env } from './env.ts';
import type { Runtime } from './runtime.ts';

/** Fields of the one log line a request writes; never a token, key, JoinToken or ExternalUserId. */
export interface LogFields {
  token?: string;
  meetingId?: string;
  requested?: number;
  created?: number;
  failed?: number;
  attempts?: number;
  upstreamStatus?: number;
  upstreamMs?: number;
  error?: string;
  upstreamCode?: string;
}

export type AppEnv = {
  Bindings: Env;
  Variables: { requestId: string; runtime: Runtime; log: LogFields };
};
