import type { Deps } from '../deps.ts';
import type { WorkerTarget } from './client.ts';

export interface CurrentTarget {
  target: WorkerTarget;
  workerUrl: string;
  hadToken: boolean;
}

/** The worker as the settings and the token store say now: read afresh for every request. */
export async function currentTarget(deps: Deps, maxTimeoutMs = Infinity): Promise<CurrentTarget> {
  const token = await deps.tokens.get();
  const { workerUrl, timeoutSeconds } = deps.settings.current();
  return { target: { baseUrl: workerUrl, token, timeoutMs: Math.min(timeoutSeconds * 1000, maxTimeoutMs) }, workerUrl, hadToken: token !== undefined };
}
