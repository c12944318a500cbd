import * as assert from 'node:assert/strict';
import type { Action } from './scriptedUi.ts';

/** Scripted answers the suites share. */
export const meeting = (meetingId: string): Action => ({ kind: 'pick', value: meetingId, label: meetingId });
export const accept = (value?: string): Action => (value === undefined ? { kind: 'accept' } : { kind: 'accept', value });
export const pick = (label: string | RegExp): Action => ({ kind: 'pick', label });
export const back: Action = { kind: 'back' };
export const hide: Action = { kind: 'hide' };
export const message = (choose?: string): Action => (choose === undefined ? { kind: 'message' } : { kind: 'message', choose });

/** The last step, whichever API the worker uses: a capabilities preset, or tags for the legacy API. */
export function options(api: string, preset = 'Audio only'): Action {
  return api === 'chime' ? accept('team=qa') : pick(preset);
}

export async function workerApi(workerUrl: string): Promise<string> {
  const health = (await (await fetch(`${workerUrl}/healthz`)).json()) as { api: string };
  return health.api;
}

/** No log line holds any of these (tokens, JoinTokens, ExternalUserIds). */
export function assertLogKeeps(log: string[], secrets: string[]): void {
  assert.ok(log.length > 0, 'nothing was logged');
  for (const line of log) {
    for (const secret of secrets) assert.ok(!line.includes(secret), `the log gave away a secret: ${line}`);
  }
}
