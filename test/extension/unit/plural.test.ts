import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

describe('every count the extension shows', () => {
  const SRC = fileURLToPath(new URL('../../../extension/src/', import.meta.url));
  /** A count written straight before a plural noun (`${n} attendees`), or a hedged `attendee(s)`. */
  const HAND_WRITTEN = /\$\{[^}]+\}\s+(?:attendee|slot|attempt|bot|meeting|issue|tag|token|ID|ExternalUserId)s\b|\w\(s\)/g;

  it('goes through plural, so one is never "1 attendees"', () => {
    const found = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts'))
      .flatMap((path) => [...readFileSync(join(SRC, path), 'utf8').matchAll(HAND_WRITTEN)].map(([text]) => `${path}: ${text}`));
    expect(found).toEqual([]);
  });

  it('finds a hand-written plural', () => {
    expect('Copied ${count} attendees, ${n} bot(s)'.match(HAND_WRITTEN)).toEqual(['${count} attendees', 't(s)']);
  });
});
