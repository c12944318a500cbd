import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { every } from 'hono/combine';
import { LIMITS } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

const requireJsonContentType = createMiddleware<AppEnv>(async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new ApiError('UnsupportedMediaTypeException', 'Content-Type must be application/json');
  await next();
});

/** A JSON body of a sane size, refused before it is parsed. */
export const jsonBody = every(
  requireJsonContentType,
  bodyLimit({
    maxSize: LIMITS.requestBodyBytes,
    onError: () => {
      throw new ApiError('PayloadTooLargeException', `The request body must be at most ${LIMITS.requestBodyBytes} bytes`);
    },
  }),
);
