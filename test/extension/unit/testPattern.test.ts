import { describe, expect, it } from 'vitest';
import { checkCount, checkPattern, expandPattern, previewPattern } from '../../../extension/src/create/testPattern.ts';

describe('expandPattern', () => {
  it('numbers attendees from 1', () => {
    expect(expandPattern('loadtest-{n}', 3)).toEqual(['loadtest-1', 'loadtest-2', 'loadtest-3']);
  });

  it('pads numbers to the width asked for, and replaces every placeholder', () => {
    expect(expandPattern('bot-{n:3}@{n}', 2)).toEqual(['bot-001@1', 'bot-002@2']);
  });
});

describe('checkCount', () => {
  it('takes whole numbers from 1 to 250', () => {
    expect(checkCount('1')).toBeUndefined();
    expect(checkCount(' 250 ')).toBeUndefined();
    for (const bad of ['0', '251', '2.5', '-1', '', 'ten', '1e2']) expect(checkCount(bad)).toBe('Enter a whole number from 1 to 250');
  });
});

describe('checkPattern', () => {
  it('accepts a pattern whose ids keep the contract’s rules', () => {
    expect(checkPattern('loadtest-{n}', 250)).toBeUndefined();
  });

  it('needs {n} for more than one attendee, and not for one', () => {
    expect(checkPattern('loadtest', 2)).toMatch(/^Include \{n\}/);
    expect(checkPattern('loadtest', 1)).toBeUndefined();
  });

  it('checks every generated id, naming the first bad one by position', () => {
    // 62 characters plus "-1" make 64, the most allowed; "-10" makes one too many.
    expect(checkPattern(`${'x'.repeat(62)}-{n}`, 10)).toBe('Attendee 10 must be 2 to 64 characters');
    expect(checkPattern('aws:{n}', 3)).toBe('Attendee 1 must not start with "aws:" (reserved by AWS)');
    expect(checkPattern('bot;{n}', 3)).toMatch(/^Attendee 1 may hold only/);
  });
});

describe('previewPattern', () => {
  it('shows every ID of a few, and the first three and the last of many', () => {
    expect(previewPattern('bot-{n}', 2)).toBe('bot-1, bot-2');
    expect(previewPattern('bot-{n:3}', 4)).toBe('bot-001, bot-002, bot-003, bot-004');
    expect(previewPattern('loadtest-{n}', 250)).toBe('loadtest-1, loadtest-2, loadtest-3, …, loadtest-250');
  });
});
