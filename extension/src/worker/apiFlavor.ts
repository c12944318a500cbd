import type { Deps } from '../deps.ts';
import { checkHealth, type Health, type WorkerResult } from './client.ts';
import { failureLine } from './logLines.ts';

/** The health check is quick or useless: it only says whether the worker answers, and with which API. */
const HEALTH_TIMEOUT_MS = 5000;

/** The worker's /healthz as the settings say now, logged: which Chime API it uses, or why it did not answer. */
export async function checkWorker(deps: Deps): Promise<WorkerResult<Health>> {
  const { workerUrl, timeoutSeconds } = deps.settings.current();
  const result = await checkHealth({ baseUrl: workerUrl, timeoutMs: Math.min(timeoutSeconds * 1000, HEALTH_TIMEOUT_MS) });
  if (result.ok) deps.log.info(`worker ${workerUrl} uses the ${result.value.api} API`);
  else deps.log.warn(`health check of ${workerUrl} failed, ${failureLine(result.failure)}`);
  return result;
}
