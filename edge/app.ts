import { Hono } from 'hono/tiny';
import type { AppEnv } from './context.ts';
import { errorResponse } from './error-handler.ts';
import { ApiError } from './errors.ts';
import { accessLog } from './middleware/access-log.ts';
import { corsForConfiguredOrigins } from './middleware/cors.ts';
import { requestId } from './middleware/request-id.ts';
import { resolveServices } from './middleware/services.ts';
import { secureHeaders } from './middleware/secure-headers.ts';
import { attendeesRoutes } from './routes/attendees.ts';
import { deletionRoutes } from './routes/deletion.ts';
import { meetingLifecycleRoutes } from './routes/meeting-lifecycle.ts';
import { meetingRoutes } from './routes/meeting.ts';
import { tokenRoutes } from './routes/token.ts';

/** The worker: the same app on Cloudflare Workers, Deno and Node; bindings arrive with each request. */
export function createApp() {
  return new Hono<AppEnv>()
    .use(requestId, accessLog, secureHeaders, resolveServices, corsForConfiguredOrigins)
    .get('/', (c) => c.json({ name: 'chime-attendees', openapi: '/openapi.json', health: '/healthz' }))
    .get('/healthz', (c) => c.json({ ok: true, api: c.get('services').config.api }))
    .get('/openapi.json', async (c) => c.json(await c.get('services').openApi()))
    .route('/', meetingRoutes)
    .route('/', meetingLifecycleRoutes)
    .route('/', attendeesRoutes)
    .route('/', deletionRoutes)
    .route('/', tokenRoutes)
    .notFound((c) => errorResponse(new ApiError('NotFoundException', 'No such route; the routes are listed in /openapi.json'), c))
    .onError(errorResponse);
}

export type App = ReturnType<typeof createApp>;
