import { Hono } from 'hono/tiny';
import { authorize } from '../auth/authorize.ts';
import type { AppEnv } from '../context.ts';
import { withUpstream } from '../middleware/upstream.ts';
import { meetingParam } from './validators.ts';

/**
 * A meeting: whether it is still live (it ends by itself about 5 minutes after it has no one in it),
 * and its MediaPlacement, which a browser needs with the attendee to join.
 */
export const meetingRoutes = new Hono<AppEnv>().get('/meetings/:meetingId', authorize('read'), meetingParam, withUpstream, async (c) => {
  const { meetingId } = c.req.valid('param');
  const { client } = c.get('services');
  const Meeting = await c.get('upstream').call((call) => client.getMeeting(meetingId, call));
  return c.json({ Meeting }, 200);
});
