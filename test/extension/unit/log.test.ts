import { describe, expect, it } from 'vitest';
import { createLogger, redact, type LogSink } from '../../../extension/src/log/logger.ts';

describe('redact', () => {
  it('scrubs known secrets wherever they appear', () => {
    expect(redact('token s3cret-token in url?t=s3cret-token', ['s3cret-token'])).toBe('token [redacted] in url?t=[redacted]');
  });

  it('scrubs bearer tokens and JoinTokens even when unknown', () => {
    expect(redact('Authorization: Bearer abc.def-123', [])).toBe('Authorization: Bearer [redacted]');
    expect(redact('{"AttendeeId":"a1","JoinToken":"eyJhbGci.x.y"}', [])).toBe('{"AttendeeId":"a1","JoinToken":"[redacted]"}');
    expect(redact('JoinToken=abc123', [])).toBe('JoinToken=[redacted]');
  });

  it('leaves short "secrets" alone rather than scrubbing ordinary words', () => {
    expect(redact('created 2 attendees', ['2', undefined, ''])).toBe('created 2 attendees');
  });
});

describe('createLogger', () => {
  it('writes redacted lines to every sink, asking for secrets afresh each time', () => {
    const lines: string[] = [];
    const sink = (prefix: string): LogSink => ({
      info: (line) => lines.push(`${prefix} info ${line}`),
      warn: (line) => lines.push(`${prefix} warn ${line}`),
      error: (line) => lines.push(`${prefix} error ${line}`),
    });
    let token = 'first-token';
    const log = createLogger(sink('main'), () => [token]);
    const extra = log.addSink(sink('tap'));
    log.info('using first-token');
    token = 'second-token';
    log.warn('using second-token');
    extra.dispose();
    log.error('done');
    expect(lines).toEqual([
      'main info using [redacted]',
      'tap info using [redacted]',
      'main warn using [redacted]',
      'tap warn using [redacted]',
      'main error done',
    ]);
  });
});
