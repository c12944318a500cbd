import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { runtimeFor } from '../runtime.ts';

/** Resolves the configuration (cached per isolate) before anything else needs it. */
export const resolveRuntime = createMiddleware<AppEnv>(async (c, next) => {
  c.set('runtime', await runtimeFor(c.env ?? {}));
  await next();
});
