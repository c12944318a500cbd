import { describe, expect, it } from 'vitest';
import { app, testEnv } from './harness.ts';

const APP_ORIGIN = 'https://app.example.com';
const get = (path: string, headers: Record<string, string> = {}, env = testEnv({ CORS_ORIGINS: APP_ORIGIN })) =>
  app.fetch(new Request(`http://worker.test${path}`, { headers }), env);

describe('documents, CORS and headers', () => {
  it('serves its OpenAPI document and links it from /', async () => {
    const index = (await (await get('/')).json()) as { openapi: string };
    const doc = (await (await get(index.openapi)).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/meetings/{MeetingId}',
        '/meetings/{MeetingId}/attendees',
        '/meetings/{MeetingId}/attendees/{AttendeeId}',
        '/meetings/{MeetingId}/attendees/delete',
      ]),
    );
  });

  it('sends secure headers on every answer, errors included', async () => {
    for (const response of [await get('/healthz'), await get('/missing')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    }
  });

  it('answers a preflight from a configured origin and exposes the worker’s headers', async () => {
    const response = await app.fetch(
      new Request('http://worker.test/meetings/x/attendees', {
        method: 'OPTIONS',
        headers: {
          origin: APP_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      }),
      testEnv({ CORS_ORIGINS: `https://other.example.com, ${APP_ORIGIN}` }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/DELETE/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const simple = await get('/healthz', { origin: APP_ORIGIN });
    expect(simple.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
  });

  it('lets a configured origin read error answers too', async () => {
    const response = await app.fetch(
      new Request('http://worker.test/meetings/x/attendees', { method: 'POST', headers: { origin: APP_ORIGIN } }),
      testEnv({ CORS_ORIGINS: APP_ORIGIN }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('gives no CORS headers to an origin that is not configured, nor when none is', async () => {
    expect((await get('/healthz', { origin: 'https://evil.example.com' })).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.fetch(
      new Request('http://worker.test/meetings/x/attendees', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
      }),
      testEnv({ CORS_ORIGINS: APP_ORIGIN }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    expect((await get('/healthz', { origin: APP_ORIGIN }, testEnv())).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a CORS_ORIGINS entry that is not an origin', async () => {
    const response = await get('/healthz', {}, testEnv({ CORS_ORIGINS: 'https://app.example.com/path' }));
    expect(response.status).toBe(500);
    expect(((await response.json()) as { Message: string }).Message).toContain('CORS_ORIGINS');
  });
});
