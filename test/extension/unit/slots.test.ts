import { describe, expect, it } from 'vitest';
import { checkSlots, slotsLogLine, thatFit, wontFitChoices, wontFitMessage } from '../../../extension/src/meeting/slots.ts';

const listed = (n: number, prefix = 'bot-') => Array.from({ length: n }, (_, i) => ({ ExternalUserId: `${prefix}${i + 1}` }));
const meetingId = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('slot arithmetic', () => {
  it('counts new attendees against the free slots', () => {
    expect(checkSlots(listed(240), ['a1', 'a2', 'a3'])).toEqual({
      capacity: 250,
      used: 240,
      free: 10,
      newCount: 3,
      presentCount: 0,
      testCount: 240,
      fits: true,
    });
    expect(
      checkSlots(
        listed(240),
        listed(12, 'new-').map((a) => a.ExternalUserId),
      ),
    ).toMatchObject({ free: 10, newCount: 12, fits: false });
  });

  it('takes no slot for an ExternalUserId already in the meeting (it answers that attendee)', () => {
    const requested = ['bot-1', 'bot-2', 'new-1'];
    expect(checkSlots(listed(249), requested)).toMatchObject({ used: 249, free: 1, newCount: 1, presentCount: 2, fits: true });
  });

  it('fits exactly into the last free slots, and a full meeting takes only ExternalUserIds already in it', () => {
    expect(checkSlots(listed(248), ['x1', 'x2']).fits).toBe(true);
    expect(checkSlots(listed(250), ['bot-7']).fits).toBe(true);
    expect(checkSlots(listed(250), ['x1'])).toMatchObject({ free: 0, newCount: 1, fits: false });
  });

  it('compares ExternalUserIds exactly, as the service does', () => {
    expect(checkSlots([{ ExternalUserId: 'Bot-1' }], ['bot-1'])).toMatchObject({ newCount: 1, presentCount: 0 });
  });

  it('never counts a repeated ExternalUserId twice', () => {
    expect(checkSlots(listed(1), ['bot-1', 'bot-1', 'x1', 'x1'])).toMatchObject({ newCount: 1, presentCount: 1 });
  });

  it('never reports negative free slots, even if a listing held more than a meeting can', () => {
    expect(checkSlots(listed(251), ['x1'])).toMatchObject({ free: 0, fits: false });
  });

  it('honours a smaller capacity', () => {
    expect(checkSlots(listed(8), ['x1', 'x2', 'x3'], 10)).toMatchObject({ free: 2, fits: false });
  });
});

describe('when it would not fit', () => {
  const people = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ ExternalUserId: `person-${String.fromCharCode(97 + (i % 26))}${'x'.repeat(i)}` }));

  it('counts the test attendees (numbered ExternalUserIds) the meeting holds', () => {
    expect(checkSlots([...listed(3), ...people(2)], ['x1']).testCount).toBe(3);
    expect(checkSlots(people(4), ['x1']).testCount).toBe(0);
  });

  it('leads with deleting test attendees only when the meeting holds some, and offers the ones that fit when any do', () => {
    const wanted = listed(12, 'new-').map((a) => a.ExternalUserId);
    expect(wontFitChoices(checkSlots(listed(240), wanted))).toEqual(['deleteFirst', 'createFitting', 'createAnyway']);
    expect(wontFitChoices(checkSlots([...people(240)], wanted))).toEqual(['createFitting', 'deleteFirst', 'createAnyway']);
    expect(wontFitChoices(checkSlots(people(250), wanted))).toEqual(['deleteFirst', 'createAnyway']);
    expect(wontFitChoices(checkSlots(listed(250), wanted))).toEqual(['deleteFirst', 'createAnyway']);
  });

  it('asks the question that leads', () => {
    const check = checkSlots(people(240), ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10', 'a11']);
    expect(wontFitMessage(meetingId, check)).toBe(
      `Meeting ${meetingId} has 240 of 250 slots used; 11 new attendees would not fit (10 slots are free). It holds no test attendees (numbered ExternalUserIds): create the 10 that fit?`,
    );
  });

  it('keeps those already present and the first new ones that fit, in order', () => {
    expect(thatFit(['new-1', 'bot-2', 'new-2', 'new-3', 'bot-1'], listed(2), 2)).toEqual(['new-1', 'bot-2', 'new-2', 'bot-1']);
    expect(thatFit(['new-1', 'bot-1'], listed(250), 0)).toEqual(['bot-1']);
  });
});

describe('slot messages', () => {
  it('say plainly that a request would not fit, and what to do', () => {
    const check = checkSlots(
      listed(240),
      listed(12, 'new-').map((a) => a.ExternalUserId),
    );
    expect(wontFitMessage(meetingId, check)).toBe(
      `Meeting ${meetingId} has 240 of 250 slots used; 12 new attendees would not fit (10 slots are free). Delete test attendees first?`,
    );
  });

  it('mention attendees already present, and agree in number', () => {
    const check = checkSlots(listed(250), ['bot-1', 'x1']);
    expect(wontFitMessage(meetingId, check)).toBe(
      `Meeting ${meetingId} has 250 of 250 slots used; 1 new attendee would not fit (0 slots are free; 1 of those asked for is already in it and takes no new slot). Delete test attendees first?`,
    );
    expect(wontFitMessage(meetingId, checkSlots(listed(249), ['x1', 'x2']))).toContain('(1 slot is free)');
  });

  it('log counts, never names', () => {
    const line = slotsLogLine(checkSlots(listed(3), ['bot-1', 'secret-name']));
    expect(line).toBe('3 of 250 slots used; asked for 1 new, 1 already present');
    expect(line).not.toMatch(/bot-1|secret/);
  });
});
