import { describe, expect, it } from 'vitest';
import { checkMeetingId, meetingIdArgument } from '../../../extension/src/meeting/meetingId.ts';

describe('checkMeetingId', () => {
  it('accepts a GUID, ignoring surrounding spaces', () => {
    expect(checkMeetingId(' 0a1b2c3d-4e5f-6789-abcd-ef0123456789 ')).toBeUndefined();
  });

  it('explains what a meeting ID looks like', () => {
    expect(checkMeetingId('not-a-meeting')).toBe('This must be a meeting ID (a GUID such as 0a1b2c3d-4e5f-6789-abcd-ef0123456789)');
    expect(checkMeetingId('0a1b2c3d-4e5f-6789-abcd-ef012345678')).toBeDefined();
  });
});

describe('a meeting ID handed to a command', () => {
  it('is taken only when it is one', () => {
    expect(meetingIdArgument(' 0a1b2c3d-4e5f-6789-abcd-ef0123456789 ')).toBe('0a1b2c3d-4e5f-6789-abcd-ef0123456789');
    for (const other of [undefined, 42, {}, 'nope', '', null, { meetingId: 'nope' }]) expect(meetingIdArgument(other)).toBeUndefined();
  });

  it('is read from a node of the Meetings tree, whose menus hand the node to the command', () => {
    const meetingId = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
    expect(meetingIdArgument({ kind: 'meeting', meetingId })).toBe(meetingId);
    expect(meetingIdArgument({ kind: 'attendee', meetingId, attendee: { AttendeeId: 'a', ExternalUserId: 'b' } })).toBe(meetingId);
  });
});
