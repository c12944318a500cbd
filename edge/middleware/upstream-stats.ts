import { createMiddleware } from 'hono/factory';
import { HEADERS } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';
import type { UpstreamStats } from '../upstream.ts';

/**
 * Gives the handler stats to count its upstream calls into, then reports them in the log line and
 * the answer's headers, error answers included (Hono has made the error answer when next() returns).
 */
export const upstreamStats = createMiddleware<AppEnv>(async (c, next) => {
  const stats: UpstreamStats = { attempts: 0 };
  c.set('upstream', stats);
  await next();
  const upstreamMs = stats.startedAt === undefined ? 0 : (stats.endedAt ?? Date.now()) - stats.startedAt;
  Object.assign(c.get('log'), { attempts: stats.attempts, upstreamStatus: stats.status, upstreamMs });
  c.res.headers.set(HEADERS.attempts, String(stats.attempts));
  c.res.headers.set('Server-Timing', `upstream;dur=${upstreamMs}`);
});
