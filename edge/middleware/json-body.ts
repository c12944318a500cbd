import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { bodyBounds } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { parseJsonBody } from '../json-parse.ts';
import { readBody } from '../read-body.ts';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** A charset parameter naming anything but UTF-8 (quoted or not, with or without the hyphen). */
const OTHER_CHARSET = /^charset=(?!"?utf-?8"?$)/i;

const unsupported = (rule: string) => new ApiError('UnsupportedMediaTypeException', rule);

/** JSON as it is read: UTF-8 text, neither compressed nor in another charset (either would be misread as bad JSON). */
function requireJsonContentType(c: Context<AppEnv>): void {
  const [mediaType = '', ...parameters] = (c.req.header('content-type') ?? '').split(';').map((part) => part.trim());
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw unsupported('Content-Type must be application/json');
  if (parameters.some((parameter) => OTHER_CHARSET.test(parameter))) {
    throw unsupported("Content-Type's charset, if given, must be utf-8: the body is read as UTF-8 JSON");
  }
  const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    throw unsupported('Content-Encoding must be identity (or absent): the body is read as uncompressed JSON');
  }
}

/**
 * A JSON body of a sane size and shape, refused before it is parsed, then read once and parsed within its API's
 * bounds for jsonOf to check against its schema; one over the size bound is refused with a 413 (readBody). The
 * body is read from the raw request, so nothing can read it again behind these checks.
 */
export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  requireJsonContentType(c);
  const bounds = bodyBounds(c.get('services').config.api);
  c.set('body', parseJsonBody(await readBody(c.req.raw, bounds.requestBodyBytes), bounds));
  await next();
});
