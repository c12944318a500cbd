import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { HEADERS } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';

/**
 * CORS for the configured origins only; other origins get no CORS headers, so browsers refuse them.
 * Built once: the origin check reads the configuration from the request's context.
 */
export const corsForConfiguredOrigins = cors({
  origin: (origin, c) => ((c as Context<AppEnv>).get('runtime').config.corsOrigins.includes(origin) ? origin : null),
  allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type'],
  exposeHeaders: [HEADERS.requestId, HEADERS.attempts, HEADERS.errorType, 'server-timing', 'retry-after'],
  maxAge: 600,
});
