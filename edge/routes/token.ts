import { Hono } from 'hono/tiny';
import type { TokenInfo } from '../../shared/index.ts';
import { authorize } from '../auth/authorize.ts';
import type { AppEnv } from '../context.ts';

/**
 * The caller's own token: its name, what it may do and the prefixes it is limited to, so a client can
 * check a token when it is set and say what it allows. Never the token or its hash; no upstream call.
 */
export const tokenRoutes = new Hono<AppEnv>().get('/token', authorize(), (c) => {
  const { name, operations, prefixes } = c.get('token');
  // Prefixes is left out of the JSON for a token without them.
  const info: TokenInfo = { Name: name, Operations: [...operations], Prefixes: prefixes && [...prefixes] };
  return c.json(info, 200);
});
