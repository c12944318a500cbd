import type { ChimeApi } from '../../../shared/index.ts';
import { checkHealth } from '../worker/client.ts';
import { failureLine } from '../worker/logLines.ts';

/*
 * Which worker the extension talks to, whether it answers and with which API, and whether a token is set:
 * what the status-bar item shows and which welcome the Meetings view shows while it is empty.
 */

export interface Connection {
  workerUrl: string;
  /** `127.0.0.1:8787`, `chime.example.com`. */
  host: string;
  /** Undefined when the worker did not answer its health check. */
  api: ChimeApi | undefined;
  /** Why it did not answer. */
  problem?: string | undefined;
  hasToken: boolean;
}

/** The Meetings view's welcome is chosen by this (the `chimeAttendees.connection` context key). */
export type ConnectionState = 'noWorker' | 'noToken' | 'ready';

/** The health check is quick or useless. */
const HEALTH_TIMEOUT_MS = 5000;

export async function checkConnection(workerUrl: string, hasToken: boolean, timeoutSeconds: number): Promise<Connection> {
  const host = hostOf(workerUrl);
  const health = await checkHealth({ baseUrl: workerUrl, timeoutMs: Math.min(timeoutSeconds * 1000, HEALTH_TIMEOUT_MS) });
  return health.ok
    ? { workerUrl, host, api: health.value.api, hasToken }
    : { workerUrl, host, api: undefined, problem: failureLine(health.failure), hasToken };
}

export function connectionState(connection: Connection): ConnectionState {
  if (!connection.api) return 'noWorker';
  return connection.hasToken ? 'ready' : 'noToken';
}

/** `$(plug) 127.0.0.1:8787 · chime-sdk-meetings · $(key)`, with a warning sign for what is missing. */
export function statusText(connection: Connection): string {
  const api = connection.api ?? 'no answer';
  const token = connection.hasToken ? '$(key)' : '$(warning) no token';
  return `${connection.api ? '$(plug)' : '$(debug-disconnect)'} ${connection.host} · ${api} · ${token}`;
}

export function statusTooltip(connection: Connection): string {
  const worker = connection.api
    ? `Chime worker ${connection.workerUrl}: answers, with the ${connection.api} API`
    : `Chime worker ${connection.workerUrl}: does not answer (${connection.problem})`;
  const token = connection.hasToken ? 'A worker token is set.' : 'No worker token is set.';
  return `${worker}\n${token}\nClick for Set Worker Token, Show Log and the worker URL setting.`;
}

export function hostOf(workerUrl: string): string {
  try {
    const url = new URL(workerUrl);
    return url.pathname.length > 1 ? `${url.host}${url.pathname.replace(/\/$/, '')}` : url.host;
  } catch {
    return workerUrl;
  }
}
