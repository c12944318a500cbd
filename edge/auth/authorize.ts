import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { requireOperation } from './scope.ts';
import { findToken, type TokenOperation } from './tokens.ts';

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/**
 * Only callers with a configured bearer token that allows the operation (any, when none is named) pass,
 * before anything else is looked at; with no tokens configured, nobody does. Prefix rules need the
 * request, so routes apply them.
 */
export const authorize = (operation?: TokenOperation) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const presented = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (!presented) throw new ApiError('UnauthorizedException', 'Send the header Authorization: Bearer <token>');
    const token = await findToken(c.get('services').config.tokens, presented);
    if (!token) throw new ApiError('UnauthorizedException', 'The bearer token is not valid for this worker');
    c.get('log').token = token.name;
    if (operation) requireOperation(token, operation);
    c.set('token', token);
    await next();
  });
