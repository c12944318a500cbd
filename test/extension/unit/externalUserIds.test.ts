import { describe, expect, it } from 'vitest';
import { checkExternalUserIds, checkTypedExternalUserIds, splitExternalUserIds } from '../../../extension/src/create/externalUserIds.ts';

describe('splitExternalUserIds', () => {
  it('splits on commas and line breaks, trimming and dropping empty entries', () => {
    expect(splitExternalUserIds(' alice@example.com, bob ,\n carol\r\n,, ')).toEqual({ ids: ['alice@example.com', 'bob', 'carol'] });
  });

  it('keeps spaces inside an id, and a quote inside a plain one', () => {
    expect(splitExternalUserIds('Jane Doe, John Roe, o"neil')).toEqual({ ids: ['Jane Doe', 'John Roe', 'o"neil'] });
  });

  it('takes a quoted id as it is: commas, spaces, and a doubled quote for a quote', () => {
    expect(splitExternalUserIds('"Smith, Ann", bob, " sp ", "say ""hi"""')).toEqual({ ids: ['Smith, Ann', 'bob', ' sp ', 'say "hi"'] });
    expect(splitExternalUserIds('"a,b"\n"c,d"')).toEqual({ ids: ['a,b', 'c,d'] });
  });

  it('names, by position, an id whose quote is not closed before the next comma', () => {
    const problem = 'Attendee 2 opens a quote: close it right after the ID, before the next comma ("Smith, Ann")';
    expect(splitExternalUserIds('alice, "Smith, Ann')).toEqual({ problem });
    expect(splitExternalUserIds('alice, "Smith" Ann')).toEqual({ problem });
  });
});

describe('checkTypedExternalUserIds', () => {
  it('checks the typed text: its quoting, then every id', () => {
    expect(checkTypedExternalUserIds('"Smith, Ann", e2e-bot-1')).toBeUndefined();
    expect(checkTypedExternalUserIds('"open')).toMatch(/^Attendee 1 opens a quote/);
    expect(checkTypedExternalUserIds('"a,b", "a,b"')).toBe('Attendee 2 repeats attendee 1');
    expect(checkTypedExternalUserIds(' , ')).toBe('Enter at least one ExternalUserId');
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
