import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { findToken } from '../tokens.ts';

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/** Only callers with a configured bearer token pass; with no tokens configured, nobody does. */
export const requireBearerToken = createMiddleware<AppEnv>(async (c, next) => {
  const presented = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
  if (!presented) throw new ApiError('UnauthorizedException', 'Send the header Authorization: Bearer <token>');
  const entry = await findToken(c.var.runtime.config.tokens, presented);
  if (!entry) throw new ApiError('UnauthorizedException', 'The bearer token is not valid for this worker');
  c.var.log.token = entry.name;
  await next();
});
