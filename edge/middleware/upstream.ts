import { createMiddleware } from 'hono/factory';
import { HEADERS } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';
import { bindUpstream } from '../upstream.ts';

/**
 * Binds the handler's upstream calls to the retry policy and to stats they count into, then reports those in
 * the log line and the answer's headers, error answers included (Hono has made the error answer when next() returns).
 */
export const withUpstream = createMiddleware<AppEnv>(async (c, next) => {
  const upstream = bindUpstream(c.get('services').retryPolicy);
  c.set('upstream', upstream);
  await next();
  const { stats } = upstream;
  const upstreamMs = stats.startedAt === undefined ? 0 : (stats.endedAt ?? Date.now()) - stats.startedAt;
  Object.assign(c.get('log'), { attempts: stats.attempts, upstreamStatus: stats.status, upstreamMs });
  c.res.headers.set(HEADERS.attempts, String(stats.attempts));
  c.res.headers.set('Server-Timing', `upstream;dur=${upstreamMs}`);
});
