import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { servicesFor } from '../services.ts';

/** Resolves the configuration (cached per isolate) before anything else needs it. */
export const resolveServices = createMiddleware<AppEnv>(async (c, next) => {
  c.set('services', await servicesFor(c.env ?? {}));
  await next();
});
