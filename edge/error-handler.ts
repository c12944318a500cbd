import type { Context } from 'hono';
import { HEADERS, type ErrorBody } from '../shared/index.ts';
import type { AppEnv } from './context.ts';
import { ApiError, serviceFailure } from './errors.ts';

/** Every error leaves as `{Code, Message, RequestId}` with `x-amzn-ErrorType`; never a stack trace. */
export function errorResponse(error: unknown, c: Context<AppEnv>): Response {
  const apiError = error instanceof ApiError ? error : unexpected(error, c);
  Object.assign(c.get('log'), { error: apiError.name, upstreamCode: apiError.upstreamCode });
  const body: ErrorBody = {
    Code: apiError.name,
    Message: apiError.message,
    RequestId: c.get('requestId'),
    // Either is left out of the JSON when the error has none.
    UpstreamCode: apiError.upstreamCode,
    Issues: apiError.issues,
  };
  c.header(HEADERS.errorType, apiError.name);
  if (apiError.status === 401) c.header('WWW-Authenticate', 'Bearer realm="chime-attendees"');
  if (apiError.retryAfterSeconds !== undefined) c.header('Retry-After', String(Math.ceil(apiError.retryAfterSeconds)));
  return c.json(body, apiError.status as 400);
}

/** Anything else thrown is a bug: logged by its kind only (its message could hold anything), answered as a 500. */
function unexpected(error: unknown, c: Context<AppEnv>): ApiError {
  console.error(JSON.stringify({ requestId: c.get('requestId'), unexpected: error instanceof Error ? error.name : typeof error }));
  return serviceFailure('The worker failed unexpectedly; the request ID identifies it in the log');
}
