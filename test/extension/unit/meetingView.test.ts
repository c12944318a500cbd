import { describe, expect, it } from 'vitest';
import { meetingRows, meetingTitle } from '../../../extension/src/meeting/meetingView.ts';
import { fakeMeeting } from './support/fakeWorker.ts';

const meetingId = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const attendees = [
  { AttendeeId: 'a-1', ExternalUserId: 'bot-1', Capabilities: { Audio: 'Receive', Video: 'None', Content: 'None' } as const },
  { AttendeeId: 'a-2', ExternalUserId: 'bot-2' },
];

describe('Show Meeting', () => {
  it('titles the meeting with its slots used out of 250', () => {
    expect(meetingTitle(meetingId, attendees)).toBe(`Meeting ${meetingId}: 2 of 250 slots used`);
    expect(meetingTitle(meetingId, undefined)).toBe(`Meeting ${meetingId}`);
  });

  it('lists the meeting’s facts, its slots and its attendees, each with what Enter copies', () => {
    const meeting = { ...fakeMeeting(meetingId), MediaRegion: 'eu-central-1', ExternalMeetingId: 'standup' };
    const rows = meetingRows(meeting, attendees);
    expect(rows.map(({ label, description, detail }) => [label, description, detail].filter(Boolean).join(' — '))).toEqual([
      'Meeting',
      `$(symbol-key) MeetingId — ${meetingId}`,
      '$(link) ExternalMeetingId — standup',
      '$(globe) MediaRegion — eu-central-1',
      '$(server) Region — us-east-1',
      '$(organization) Slots — 2 of 250 slots used, 248 free',
      'Attendees (2)',
      '$(person) bot-1 — a-1 — Audio Receive · Video None · Content None',
      '$(person) bot-2 — a-2',
    ]);
    expect(rows[1]?.copy).toEqual({ text: meetingId, what: 'the MeetingId' });
    expect(rows.at(-1)?.copy).toEqual({ text: 'a-2', what: 'the AttendeeId of bot-2' });
  });

  it('leaves out the region when it is the media region, and says when nobody holds a slot', () => {
    const rows = meetingRows(fakeMeeting(meetingId), []);
    expect(rows.some((row) => row.label.includes('Region') && !row.label.includes('Media'))).toBe(false);
    expect(rows.at(-1)?.label).toBe('$(info) No attendees hold a slot');
  });

  it('says why the attendees could not be listed', () => {
    const rows = meetingRows(fakeMeeting(meetingId), { problem: "ForbiddenException: token 'ci' may not read" });
    expect(rows.at(-1)).toEqual({
      label: '$(warning) Could not list the attendees',
      detail: "ForbiddenException: token 'ci' may not read",
    });
    expect(rows.some((row) => row.label.includes('Slots'))).toBe(false);
  });
});
