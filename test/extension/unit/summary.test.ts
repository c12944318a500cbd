import { describe, expect, it } from 'vitest';
import { allAttendeesJson, attendeeJson } from '../../../extension/src/create/attendeeJson.ts';
import { creationSummary, outcomeLine, presentDetail } from '../../../extension/src/create/creationText.ts';
import { errorCounts, exchangeLine } from '../../../extension/src/worker/logLines.ts';

const attendee = (n: number) => ({
  AttendeeId: `a-${n}`,
  ExternalUserId: `user-${n}`,
  JoinToken: `join-token-${n}`,
  Capabilities: { Audio: 'SendReceive', Video: 'None', Content: 'None' } as const,
});
const error = (n: number, ErrorCode: string) => ({ ExternalUserId: `user-${n}`, ErrorCode, ErrorMessage: 'no' });

describe('creationSummary', () => {
  it('counts the created, and the failed when there are any', () => {
    expect(creationSummary({ Attendees: [attendee(1)], Errors: [] })).toBe('Created 1 attendee');
    expect(creationSummary({ Attendees: [attendee(1), attendee(2)], Errors: [error(3, 'X')] })).toBe('Created 2 of 3 attendees (1 failed)');
  });
});

describe('log lines', () => {
  const exchange = { status: 200, elapsedMs: 120, requestId: 'r-1', upstreamAttempts: 2, serverTiming: 'upstream;dur=80' };

  it('describe an exchange with its request ID, attempts and timing', () => {
    expect(exchangeLine(exchange)).toBe('HTTP 200 in 120 ms, request r-1, 2 upstream attempts, server-timing upstream;dur=80');
    expect(exchangeLine({ status: 500, elapsedMs: 3 })).toBe('HTTP 500 in 3 ms');
  });

  it('count outcomes by error code and never name an attendee or a JoinToken', () => {
    const errors = [error(3, 'LimitExceededException'), error(4, 'LimitExceededException'), error(5, 'BadRequestException')];
    expect(errorCounts(errors)).toBe('LimitExceededException×2, BadRequestException×1');
    const line = outcomeLine({ ok: true, value: { Attendees: [attendee(1)], Errors: errors }, exchange });
    expect(line).toBe(`created 1, failed 3 [LimitExceededException×2, BadRequestException×1] (${exchangeLine(exchange)})`);
    expect(line).not.toMatch(/user-|join-token/);
  });

  it('describe failures by kind', () => {
    expect(outcomeLine({ ok: false, failure: { kind: 'cancelled' } })).toBe('cancelled');
    expect(outcomeLine({ ok: false, failure: { kind: 'timeout', timeoutMs: 200 } })).toBe('timed out after 200 ms');
    expect(
      outcomeLine({
        ok: false,
        failure: { kind: 'refused', code: 'BadRequestException', message: 'x', issues: [{ Path: 'p', Message: 'm' }] },
        exchange: { status: 400, elapsedMs: 4 },
      }),
    ).toBe('refused: BadRequestException (1 issue) (HTTP 400 in 4 ms)');
  });
});

describe('attendees already in the meeting', () => {
  const listedOf = (n: number, Capabilities?: { Audio: 'SendReceive' | 'Receive'; Video: 'None'; Content: 'None' }) => ({
    AttendeeId: `a-${n}`,
    ExternalUserId: `user-${n}`,
    ...(Capabilities ? { Capabilities } : {}),
  });

  it('are counted apart from the created ones', () => {
    const present = new Map([['user-2', listedOf(2)]]);
    expect(creationSummary({ Attendees: [attendee(1), attendee(2)], Errors: [] }, present)).toBe(
      'Created 1 of 2 attendees (1 already in the meeting)',
    );
    expect(creationSummary({ Attendees: [attendee(2)], Errors: [error(3, 'X')] }, present)).toBe(
      'Created 0 of 2 attendees (1 already in the meeting, 1 failed)',
    );
  });

  it('show their capabilities as they are, and those asked for when they differ', () => {
    const asIs = 'Already in the meeting, kept as it was: Audio SendReceive · Video None · Content None';
    expect(presentDetail(attendee(1), listedOf(1), { ExternalUserId: 'user-1', Capabilities: attendee(1).Capabilities })).toBe(asIs);
    expect(
      presentDetail(attendee(1), listedOf(1), {
        ExternalUserId: 'user-1',
        Capabilities: { Audio: 'Receive', Video: 'None', Content: 'None' },
      }),
    ).toBe(`${asIs} (not the Audio Receive · Video None · Content None asked for)`);
    expect(presentDetail(attendee(1), listedOf(1), { ExternalUserId: 'user-1' })).toBe(
      `${asIs} (not the Audio SendReceive · Video SendReceive · Content SendReceive asked for)`,
    );
  });

  it('fall back to the listed capabilities, and say only that it was there for the legacy API', () => {
    const { Capabilities: _, ...legacy } = attendee(1);
    expect(presentDetail(legacy, listedOf(1, { Audio: 'Receive', Video: 'None', Content: 'None' }), undefined)).toBe(
      'Already in the meeting, kept as it was: Audio Receive · Video None · Content None',
    );
    expect(presentDetail(legacy, listedOf(1), undefined)).toBe('Already in the meeting: answered as it was');
  });
});

describe('attendee JSON', () => {
  const capabilities = { Audio: 'SendReceive', Video: 'None', Content: 'None' };

  it('copies one attendee in CreateAttendee’s shape, Capabilities included', () => {
    expect(JSON.parse(attendeeJson(attendee(1)))).toEqual({
      Attendee: { AttendeeId: 'a-1', ExternalUserId: 'user-1', JoinToken: 'join-token-1', Capabilities: capabilities },
    });
  });

  it('copies all attendees in BatchCreateAttendee’s shape, Capabilities included', () => {
    expect(JSON.parse(allAttendeesJson([attendee(1), attendee(2)]))).toEqual({
      Attendees: [
        { AttendeeId: 'a-1', ExternalUserId: 'user-1', JoinToken: 'join-token-1', Capabilities: capabilities },
        { AttendeeId: 'a-2', ExternalUserId: 'user-2', JoinToken: 'join-token-2', Capabilities: capabilities },
      ],
    });
  });

  it('adds nothing the service did not answer (the legacy API has no Capabilities)', () => {
    const { Capabilities: _, ...legacy } = attendee(3);
    expect(JSON.parse(attendeeJson(legacy))).toEqual({
      Attendee: { AttendeeId: 'a-3', ExternalUserId: 'user-3', JoinToken: 'join-token-3' },
    });
  });
});
