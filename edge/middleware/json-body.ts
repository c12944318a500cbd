import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { every } from 'hono/combine';
import type { MiddlewareHandler } from 'hono';
import { CHIME_APIS, bodyBounds, type ChimeApi } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { parseJsonBody } from '../json-parse.ts';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const CHARSET = /^charset=/i;
const UTF8 = /^"?utf-?8"?$/i;

const unsupported = (rule: string) => new ApiError('UnsupportedMediaTypeException', rule);

/** JSON as it is read: UTF-8 text, neither compressed nor in another charset (either would be misread as bad JSON). */
const requireJsonContentType = createMiddleware<AppEnv>(async (c, next) => {
  const [mediaType = '', ...parameters] = (c.req.header('content-type') ?? '').split(';').map((part) => part.trim());
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw unsupported('Content-Type must be application/json');
  if (parameters.some((parameter) => CHARSET.test(parameter) && !UTF8.test(parameter.slice('charset='.length)))) {
    throw unsupported("Content-Type's charset, if given, must be utf-8: the body is read as UTF-8 JSON");
  }
  const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    throw unsupported('Content-Encoding must be identity (or absent): the body is read as uncompressed JSON');
  }
  await next();
});

/**
 * Each API's size bound, through Hono's bodyLimit: a Content-Length over it is refused before a byte is read, and
 * a body sent without one (chunked) as soon as it passes the bound.
 */
const sizeLimits = Object.fromEntries(
  CHIME_APIS.map((api) => {
    const maxSize = bodyBounds(api).requestBodyBytes;
    const rule = `The request body must be at most ${maxSize} bytes (${maxSize / 1024} KiB)`;
    const onError = () => {
      throw new ApiError('PayloadTooLargeException', rule);
    };
    return [api, bodyLimit({ maxSize, onError })];
  }),
) as Record<ChimeApi, MiddlewareHandler>;

const limitSize = createMiddleware<AppEnv>((c, next) => sizeLimits[c.get('services').config.api](c, next));

/**
 * The body read once and parsed within its API's bounds, for jsonOf to check against its schema. It is read from
 * the raw request, so nothing can read it again behind these checks.
 */
const parseBody = createMiddleware<AppEnv>(async (c, next) => {
  c.set('body', parseJsonBody(new Uint8Array(await c.req.raw.arrayBuffer()), bodyBounds(c.get('services').config.api)));
  await next();
});

/** A JSON body of a sane size and shape, refused before it is parsed. */
export const jsonBody = every(requireJsonContentType, limitSize, parseBody);
