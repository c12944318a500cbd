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

const ENTRIES = Object.entries(SECURE_HEADERS);

/** Set before the answer is made, so they are in it from the start rather than set on it one by one after. */
export const secureHeaders = createMiddleware(async (c, next) => {
  for (const [name, value] of ENTRIES) c.header(name, value);
  await next();
});
