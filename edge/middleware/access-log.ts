import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { HEADERS, echoable } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';

/** One structured line per request, written when the answer is ready; a caller's own request ID beside the worker's, cut and cleaned. */
export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  c.set('log', {});
  await next();
  const callerRequestId = c.req.header(HEADERS.requestId);
  const line = {
    requestId: c.get('requestId'),
    ...(callerRequestId ? { callerRequestId: echoable(callerRequestId) } : {}),
    method: c.req.method,
    // The matched route's pattern, not the path: the log groups by route.
    route: routePath(c, -1),
    status: c.res.status,
    durationMs: Date.now() - started,
    ...c.get('log'),
  };
  (c.res.status >= 500 ? console.error : console.log)(JSON.stringify(line));
});
