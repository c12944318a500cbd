import { describe, expect, it } from 'vitest';
import { plural } from '../../../extension/src/plural.ts';

describe('plural', () => {
  it('puts the count before the word, in the singular for one only', () => {
    expect([0, 1, 2].map((count) => plural(count, 'attendee'))).toEqual(['0 attendees', '1 attendee', '2 attendees']);
  });

  it('takes the plural form when adding an s will not do', () => {
    expect([1, 10].map((count) => plural(count, 'slot is', 'slots are'))).toEqual(['1 slot is', '10 slots are']);
  });
});
