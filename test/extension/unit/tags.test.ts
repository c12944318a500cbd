import { describe, expect, it } from 'vitest';
import { formatTags, parseTags } from '../../../extension/src/create/tags.ts';

describe('parseTags', () => {
  it('reads Key=Value pairs, splitting each at its first =', () => {
    expect(parseTags(' team = qa, expr=a=b ')).toEqual({
      tags: [
        { Key: 'team', Value: 'qa' },
        { Key: 'expr', Value: 'a=b' },
      ],
    });
  });

  it('takes empty text as no tags', () => {
    expect(parseTags('  ')).toEqual({ tags: undefined });
  });

  it('names the tag and field at fault by position', () => {
    expect(parseTags('team=qa, run')).toEqual({ problem: 'Tag 2 must look like Key=Value' });
    expect(parseTags('team=qa, run=')).toEqual({ problem: 'Tag 2 Value must be 1 to 256 characters' });
    expect(parseTags(`${'k'.repeat(129)}=v`)).toEqual({ problem: 'Tag 1 Key must be 1 to 128 characters' });
  });

  it('allows at most ten tags', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join(',');
    expect(parseTags(eleven)).toEqual({ problem: 'Tags must hold 1 to 10 tags' });
  });
});

describe('formatTags', () => {
  it('writes tags back in the form parseTags reads', () => {
    const tags = [
      { Key: 'team', Value: 'qa' },
      { Key: 'run', Value: '42' },
    ];
    expect(formatTags(tags)).toBe('team=qa, run=42');
    expect(parseTags(formatTags(tags))).toEqual({ tags });
    expect(formatTags(undefined)).toBe('');
  });
});
