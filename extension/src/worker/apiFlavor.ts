import { DEFAULT_CHIME_API, type ChimeApi } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { checkHealth } from './client.ts';
import { failureLine } from './logLines.ts';

/** The health check is quick or useless: it only picks which question the last step asks. */
const HEALTH_TIMEOUT_MS = 5000;

/**
 * Which Chime API the worker uses, from its /healthz. Failing that, the current API is assumed: the
 * request itself will then report the real trouble (unreachable, wrong URL) with its next step.
 */
export async function detectApi(deps: Deps): Promise<ChimeApi> {
  const { workerUrl, timeoutSeconds } = deps.settings.current();
  const result = await checkHealth({ baseUrl: workerUrl, timeoutMs: Math.min(timeoutSeconds * 1000, HEALTH_TIMEOUT_MS) });
  if (result.ok) {
    deps.log.info(`worker ${workerUrl} uses the ${result.value.api} API`);
    return result.value.api;
  }
  deps.log.warn(`health check of ${workerUrl} failed, ${failureLine(result.failure)}; assuming the ${DEFAULT_CHIME_API} API`);
  return DEFAULT_CHIME_API;
}
