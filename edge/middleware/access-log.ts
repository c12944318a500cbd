import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from '../context.ts';

/** One structured line per request, written when the answer is ready. */
export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  c.set('log', {});
  await next();
  const line = {
    requestId: c.get('requestId'),
    method: c.req.method,
    // The matched route's pattern, not the path: the log groups by route.
    route: routePath(c, -1),
    status: c.res.status,
    durationMs: Date.now() - started,
    ...c.get('log'),
  };
  (c.res.status >= 500 ? console.error : console.log)(JSON.stringify(line));
});
