import { describe, expect, it } from 'vitest';
import { checkPrefix, selectByPrefix, suggestPrefixes } from '../../../extension/src/delete/prefix.ts';

const named = (...ids: string[]) => ids.map((ExternalUserId, i) => ({ AttendeeId: `id-${i}`, ExternalUserId }));

describe('prefix check (the contract’s ExternalUserIdPrefix rule)', () => {
  it('accepts what could start an ExternalUserId, down to one character', () => {
    for (const prefix of ['loadtest-', 'b', 'bot 1', 'ci-bot-', 'a'.repeat(64)]) expect(checkPrefix(prefix)).toBeUndefined();
  });

  it('refuses an empty, too long, reserved or impossible prefix, without echoing it', () => {
    expect(checkPrefix('')).toBe('A prefix must be 1 to 64 characters');
    expect(checkPrefix('a'.repeat(65))).toBe('A prefix must be 1 to 64 characters');
    expect(checkPrefix('aws:bots')).toBe('A prefix must not start with "aws:" (reserved by AWS)');
    expect(checkPrefix('AWS:')).toMatch(/reserved/);
    expect(checkPrefix('bot<1>')).toMatch(/^A prefix may hold only/);
  });
});

describe('selecting by prefix', () => {
  it('selects the ExternalUserIds starting with it, case and all, as the worker does', () => {
    const attendees = named('loadtest-1', 'LoadTest-2', 'loadtest-10', 'alice@example.com');
    expect(selectByPrefix(attendees, 'loadtest-').map((a) => a.ExternalUserId)).toEqual(['loadtest-1', 'loadtest-10']);
    expect(selectByPrefix(attendees, 'nobody')).toEqual([]);
  });
});

describe('prefix suggestions', () => {
  it('offer the stem of numbered ExternalUserIds, most attendees first', () => {
    const attendees = named('loadtest-1', 'loadtest-2', 'loadtest-3', 'bot-001', 'bot-002', 'alice@example.com', 'ci-7');
    expect(suggestPrefixes(attendees)).toEqual([
      { prefix: 'loadtest-', count: 3 },
      { prefix: 'bot-', count: 2 },
      { prefix: 'ci-', count: 1 },
    ]);
  });

  it('never suggest a prefix the worker would refuse, or none at all', () => {
    expect(suggestPrefixes(named('12345', 'aws:x1'))).toEqual([]);
    expect(suggestPrefixes([])).toEqual([]);
  });
});
