import { describe, expect, it } from 'vitest';
import { tokenAbilities, tokenVerdict } from '../../../extension/src/token/tokenText.ts';

const URL = 'http://127.0.0.1:8787';
const exchange = { status: 200, elapsedMs: 3 };

describe('tokenAbilities', () => {
  it('says an unscoped token may do everything', () => {
    expect(tokenAbilities({ Name: 'token-1', Operations: ['read', 'create', 'delete', 'meetings'] })).toBe(
      'Token "token-1" saved: it may read meetings and their attendees, create attendees, delete attendees and create and end meetings.',
    );
  });

  it('names its prefixes and what it may not do, in the operations’ own order', () => {
    expect(tokenAbilities({ Name: 'ci', Operations: ['delete', 'create'], Prefixes: ['ci-bot-', 'qa-'] })).toBe(
      'Token "ci" saved: it may create attendees and delete attendees, only for ExternalUserIds (and ExternalMeetingIds) starting with "ci-bot-" or "qa-". ' +
        'It may not read meetings and their attendees or create and end meetings.',
    );
    expect(tokenAbilities({ Name: 'reader', Operations: ['read'] })).toMatch(
      /^Token "reader" saved: it may read meetings and their attendees\. It may not create/,
    );
  });
});

describe('tokenVerdict', () => {
  it('stores a token the worker answers for, saying what it may do', () => {
    expect(tokenVerdict({ ok: true, value: { Name: 'x', Operations: ['read'] }, exchange }, URL)).toEqual({
      kind: 'store',
      message: expect.stringMatching(/^Token "x" saved: it may read/),
    });
  });

  it('refuses a token the worker refuses', () => {
    const failure = { kind: 'refused', code: 'UnauthorizedException', message: 'The bearer token is not valid for this worker' } as const;
    expect(tokenVerdict({ ok: false, failure }, URL)).toEqual({
      kind: 'refused',
      message: `The worker at ${URL} does not accept this token (UnauthorizedException); it was not saved.`,
    });
  });

  it('stores the token for a worker older than GET /token, saying it cannot tell', () => {
    const failure = {
      kind: 'refused',
      code: 'NotFoundException',
      message: 'No such route; the routes are listed in /openapi.json',
    } as const;
    expect(tokenVerdict({ ok: false, failure }, URL)).toMatchObject({
      kind: 'store',
      message: expect.stringMatching(/older than this extension/),
    });
  });

  it('leaves it to the person when the worker cannot be reached', () => {
    expect(tokenVerdict({ ok: false, failure: { kind: 'network', detail: 'connect ECONNREFUSED' } }, URL)).toEqual({
      kind: 'unchecked',
      message: `Could not check the token with the worker at ${URL} (network error: connect ECONNREFUSED). Save it anyway?`,
    });
    expect(tokenVerdict({ ok: false, failure: { kind: 'timeout', timeoutMs: 10_000 } }, URL).kind).toBe('unchecked');
    expect(tokenVerdict({ ok: false, failure: { kind: 'cancelled' } }, URL)).toEqual({ kind: 'cancelled' });
  });
});
