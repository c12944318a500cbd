import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { HEADERS, TokenInfoSchema } from '../../shared/index.ts';
import { TOKEN, app, callWorker, emulator, testEnv } from './harness.ts';

/** A scoped token and its SHA-256, computed outside the worker (`printf %s TOKEN | sha256sum`). */
const CI = { token: 'ci-token-0123456789', sha256: 'fa8989317fb3e56b1fa9fc2f0608c179cf5672309f94ead4aeaec0a7abd50aca' };
const READER = { token: 'reader-token-0123456789', sha256: 'b3057e05d75e8cdca4bd6ddd527af736913e8464a7a3d47d7a09389eaa8e1eb4' };

const env = testEnv({
  API_TOKENS_JSON: JSON.stringify([
    { name: 'ci', sha256: CI.sha256, prefixes: ['ci-bot-'], operations: ['delete', 'create'] },
    { name: 'reader', sha256: READER.sha256, operations: ['read'] },
  ]),
});

const getToken = (token: string) => callWorker(env, 'GET', '/token', { token });

describe('GET /token', () => {
  it('answers a plain token: its name and every operation, no prefixes', async () => {
    const { response, json, text } = await getToken(TOKEN);
    expect(response.status).toBe(200);
    expect(v.is(TokenInfoSchema, json)).toBe(true);
    expect(json).toEqual({ Name: 'token-2', Operations: ['read', 'create', 'delete', 'meetings'] });
    expect(text).not.toContain(TOKEN);
  });

  it('answers a scoped token with its operations and prefixes, never the token or its hash', async () => {
    const { response, json, text } = await getToken(CI.token);
    expect(response.status).toBe(200);
    expect(json).toEqual({ Name: 'ci', Operations: ['create', 'delete'], Prefixes: ['ci-bot-'] });
    expect(text).not.toContain(CI.token);
    expect(text).not.toContain(CI.sha256);
  });

  it('answers a token of any single operation, without calling Amazon Chime', async () => {
    const before = await emulator.calls();
    const { response, json } = await getToken(READER.token);
    expect([response.status, json]).toEqual([200, { Name: 'reader', Operations: ['read'] }]);
    expect(await emulator.calls()).toBe(before);
  });

  it.each([
    ['a wrong token', 'not-the-token'],
    ['a prefix of a valid token', CI.token.slice(0, -1)],
  ])('refuses %s with 401, naming no token', async (_, token) => {
    const { response, json, text } = await getToken(token);
    expect([response.status, json.Code]).toEqual([401, 'UnauthorizedException']);
    expect(response.headers.get(HEADERS.errorType)).toBe('UnauthorizedException');
    expect(text).not.toContain(token);
  });

  it('refuses a request without a token', async () => {
    const response = await app.fetch(new Request('http://worker.test/token'), env);
    expect(response.status).toBe(401);
  });
});
