import { createMiddleware } from 'hono/factory';
import { HEADERS } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';

const ALLOW_METHODS = 'GET,POST,DELETE,OPTIONS';
const ALLOW_HEADERS = 'authorization,content-type';
const EXPOSE_HEADERS = [HEADERS.requestId, HEADERS.attempts, HEADERS.errorType, 'server-timing', 'retry-after'].join(',');
const MAX_AGE_SECONDS = '600';

/**
 * CORS for the configured origins only; other origins get no CORS headers, so browsers refuse them.
 * Our own rather than hono/cors, which touches the answer before the route has made it and so costs
 * every request, browser or not, a placeholder Response and a copy of the real one.
 */
export const corsForConfiguredOrigins = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  const allowed = origin !== undefined && c.get('services').config.corsOrigins.includes(origin);
  if (c.req.method === 'OPTIONS') {
    // Through c, so the headers set before (request ID, secure headers) are in the answer.
    c.header('vary', 'Origin');
    if (allowed) {
      c.header('access-control-allow-origin', origin);
      c.header('access-control-allow-methods', ALLOW_METHODS);
      c.header('access-control-allow-headers', ALLOW_HEADERS);
      c.header('access-control-max-age', MAX_AGE_SECONDS);
    }
    return c.body(null, 204);
  }
  await next();
  c.res.headers.append('vary', 'Origin');
  if (allowed) {
    c.res.headers.set('access-control-allow-origin', origin);
    c.res.headers.set('access-control-expose-headers', EXPOSE_HEADERS);
  }
});
