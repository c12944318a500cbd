import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { HEADERS } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';

/** CORS for the configured origins only; other origins get no CORS headers, so browsers refuse them. */
export const corsForConfiguredOrigins = createMiddleware<AppEnv>((c, next) =>
  cors({
    origin: (origin) => (c.var.runtime.config.corsOrigins.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type'],
    exposeHeaders: [HEADERS.requestId, HEADERS.attempts, HEADERS.errorType, 'server-timing', 'retry-after'],
    maxAge: 600,
  })(c, next),
);
