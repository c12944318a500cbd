import { createMiddleware } from 'hono/factory';

/**
 * The headers a JSON API needs on every answer: nothing here is a page, so nothing may be framed,
 * sniffed, referred from or loaded into one.
 */
const SECURE_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
} as const;

export const secureHeaders = createMiddleware(async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURE_HEADERS)) c.res.headers.set(name, value);
});
