import { describe, expect, it } from 'vitest';
import { checkExternalUserIds, splitExternalUserIds } from '../../../extension/src/create/externalUserIds.ts';

describe('splitExternalUserIds', () => {
  it('splits on commas and line breaks, trimming and dropping empty entries', () => {
    expect(splitExternalUserIds(' alice@example.com, bob ,\n carol\r\n,, ')).toEqual(['alice@example.com', 'bob', 'carol']);
  });

  it('keeps spaces inside an id', () => {
    expect(splitExternalUserIds('Jane Doe, John Roe')).toEqual(['Jane Doe', 'John Roe']);
  });
});

describe('checkExternalUserIds', () => {
  it('accepts ids that keep the contract’s rules', () => {
    expect(checkExternalUserIds(['alice@example.com', 'bot-1', 'Zoë «Z» (QA)'])).toBeUndefined();
  });

  it('asks for at least one id', () => {
    expect(checkExternalUserIds([])).toBe('Enter at least one ExternalUserId');
  });

  it('names a bad entry by its position, never by its value', () => {
    const message = checkExternalUserIds(['alice', 'b', 'carol']);
    expect(message).toBe('Attendee 2 must be 2 to 64 characters');
  });

  it('explains each rule of the contract', () => {
    expect(checkExternalUserIds(['ok', 'x'.repeat(65)])).toBe('Attendee 2 must be 2 to 64 characters');
    expect(checkExternalUserIds(['semi;colon'])).toMatch(/^Attendee 1 may hold only letters, digits/);
    expect(checkExternalUserIds(['AWS:bot'])).toBe('Attendee 1 must not start with "aws:" (reserved by AWS)');
  });

  it('finds repeats, naming both positions', () => {
    expect(checkExternalUserIds(['alice', 'bob', 'alice'])).toBe('Attendee 3 repeats attendee 1');
  });

  it('allows a whole meeting and no more', () => {
    const ids = Array.from({ length: 251 }, (_, i) => `user-${i}`);
    expect(checkExternalUserIds(ids.slice(0, 250))).toBeUndefined();
    expect(checkExternalUserIds(ids)).toBe('At most 250 attendees fit in a meeting (this is 251)');
  });
});
