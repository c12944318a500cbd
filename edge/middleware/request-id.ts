import { createMiddleware } from 'hono/factory';
import { HEADERS } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';

/**
 * Every request gets an ID the worker makes itself, in the x-request-id header, error bodies and the log:
 * a caller's own x-request-id never becomes it (callers could forge or reuse IDs), it is only logged beside it.
 */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = crypto.randomUUID();
  c.set('requestId', id);
  c.header(HEADERS.requestId, id);
  await next();
});
