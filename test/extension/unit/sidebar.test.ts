import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecentMeetings, type Memento } from '../../../extension/src/meeting/recentMeetings.ts';
import { checkConnection, connectionState, hostOf, statusText, statusTooltip } from '../../../extension/src/sidebar/connection.ts';
import { readSnapshot, slotsOf, type Snapshot } from '../../../extension/src/sidebar/meetingSnapshot.ts';
import { watchRecentMeetings, type RecentChange } from '../../../extension/src/sidebar/recentChanges.ts';
import type { BotStatus } from '../../../extension/src/bots/states.ts';
import {
  attendeeItem,
  attendeeOfArgument,
  botItem,
  JOIN_INFO_NOTE,
  MEDIA_NOT_EMULATED_NOTE,
  meetingChildren,
  meetingItem,
} from '../../../extension/src/sidebar/treeItems.ts';
import type { Meeting } from '../../../shared/index.ts';
import { fakeMeeting, startFakeWorker, type FakeWorker } from './support/fakeWorker.ts';

const MEETING_ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const meeting = (features?: Meeting['MeetingFeatures']): Meeting => ({
  ...fakeMeeting(MEETING_ID),
  ExternalMeetingId: 'alice-1',
  MeetingFeatures: features,
});
const bot = (n: number) => ({
  AttendeeId: `a-${n}`,
  ExternalUserId: `bot-${n}`,
  Capabilities: { Audio: 'None', Video: 'None', Content: 'None' } as const,
});
const live = (
  attendees: Snapshot & { state: 'live' } extends { attendees: infer A } ? A : never,
  features?: Meeting['MeetingFeatures'],
): Snapshot => ({
  state: 'live',
  meeting: meeting(features),
  attendees,
});

describe('the Meetings tree items', () => {
  it('shows a live meeting by its ExternalMeetingId, with its slots used of its capacity', () => {
    const item = meetingItem({ meetingId: MEETING_ID, ended: false }, live([bot(1), bot(2)]));
    expect(item).toMatchObject({
      label: 'alice-1',
      description: 'live · 2 of 250 slots used',
      contextValue: 'meeting.live',
      expandable: true,
    });
    expect(item.tooltip).toContain(`Meeting ${MEETING_ID}`);
    const fhd = meetingItem({ meetingId: MEETING_ID, ended: false }, live([bot(1)], { Attendee: { MaxCount: 25 } }));
    expect(fhd.description).toBe('live · 1 of 25 slots used');
  });

  it('marks an ended meeting, and one it could not read, without children', () => {
    const ended = meetingItem({ meetingId: MEETING_ID, ended: true }, undefined);
    expect(ended).toMatchObject({ label: MEETING_ID, description: 'ended', contextValue: 'meeting.ended', expandable: false });
    expect(meetingItem({ meetingId: MEETING_ID, ended: false }, { state: 'ended' }).contextValue).toBe('meeting.ended');
    expect(meetingItem({ meetingId: MEETING_ID, ended: false }, { state: 'ended' }, 'alice-1')).toMatchObject({
      label: 'alice-1',
      description: 'ended',
    });
    const unknown = meetingItem(
      { meetingId: MEETING_ID, ended: false },
      { state: 'unknown', problem: 'network: ECONNREFUSED', failure: { kind: 'network', detail: 'ECONNREFUSED' } },
    );
    expect(unknown).toMatchObject({ description: 'not read', contextValue: 'meeting.unknown', expandable: false });
    expect(unknown.tooltip).toContain('ECONNREFUSED');
    expect(meetingChildren(MEETING_ID, { state: 'ended' })).toEqual([]);
  });

  it('lists a meeting’s attendees with their capabilities, or says why there are none', () => {
    expect(meetingChildren(MEETING_ID, live([bot(1)]))).toEqual([{ kind: 'attendee', meetingId: MEETING_ID, attendee: bot(1) }]);
    expect(meetingChildren(MEETING_ID, live([]))).toEqual([{ kind: 'note', meetingId: MEETING_ID, text: 'No attendees hold a slot' }]);
    expect(meetingChildren(MEETING_ID, live({ problem: 'ForbiddenException: may not read' }))).toEqual([
      { kind: 'note', meetingId: MEETING_ID, text: 'Could not list the attendees: ForbiddenException: may not read' },
    ]);
    const item = attendeeItem(MEETING_ID, bot(3));
    expect(item).toMatchObject({ label: 'bot-3', description: 'Audio None · Video None · Content None', contextValue: 'attendee' });
    expect(item.tooltip).toContain('AttendeeId a-3');
    expect(item.tooltip).toContain(JOIN_INFO_NOTE);
    expect(JOIN_INFO_NOTE).toMatch(/idempotency token.*'create'/);
  });

  it('counts slots only when the attendees were listed', () => {
    expect(slotsOf(live([bot(1)]))).toEqual({ used: 1, capacity: 250 });
    expect(slotsOf(live({ problem: 'no' }))).toBeUndefined();
    expect(slotsOf({ state: 'ended' })).toBeUndefined();
  });

  it('takes an attendee node from a menu, and nothing else', () => {
    const node = { kind: 'attendee', meetingId: MEETING_ID, attendee: bot(1) };
    expect(attendeeOfArgument(node)).toBe(node);
    for (const other of [undefined, MEETING_ID, { kind: 'meeting', meetingId: MEETING_ID }, { kind: 'attendee', meetingId: MEETING_ID }]) {
      expect(attendeeOfArgument(other)).toBeUndefined();
    }
  });
});

describe('the test bots in the Meetings tree', () => {
  const running = (n: number, state: BotStatus['state'], detail?: string): BotStatus => ({
    id: `id-${n}`,
    externalUserId: `bot-${n}`,
    attendeeId: `a-${n}`,
    state,
    detail,
  });

  it('lists each bot once, first, its attendee not again, then the other attendees', () => {
    const other = { AttendeeId: 'a-9', ExternalUserId: 'alice' };
    const notCreated: BotStatus = { id: 'id-3', externalUserId: 'bot-3', state: 'failed', detail: 'not created: LimitExceeded' };
    const children = meetingChildren(MEETING_ID, live([bot(1), other, bot(2)]), [
      running(1, 'signaling'),
      running(2, 'joined'),
      notCreated,
    ]);
    expect(
      children.map((node) =>
        node.kind === 'bot' ? `bot ${node.bot.externalUserId}` : node.kind === 'attendee' ? node.attendee.ExternalUserId : node.kind,
      ),
    ).toEqual(['bot bot-1', 'bot bot-2', 'bot bot-3', 'alice']);
    expect(meetingChildren(MEETING_ID, live([bot(1)]), [running(1, 'starting')])).toHaveLength(1);
    expect(meetingChildren(MEETING_ID, { state: 'ended' }, [running(1, 'starting')])).toEqual([]);
  });

  it('says each bot’s state plainly: against the emulator, "signaling reached, media not emulated", never joined', () => {
    const emulated = botItem(MEETING_ID, running(1, 'media-not-emulated', 'signaling reached, media not emulated'));
    expect(emulated).toMatchObject({
      label: 'bot-1',
      description: 'signaling reached, media not emulated',
      contextValue: 'bot',
      icon: 'info',
    });
    expect(emulated.tooltip).toContain(MEDIA_NOT_EMULATED_NOTE);
    expect(emulated.description).not.toContain('joined');
    const failed = botItem(MEETING_ID, running(2, 'failed', 'SignalingBadRequest; signaling closed with 4401 JoinToken refused'));
    expect(failed).toMatchObject({
      description: 'failed: SignalingBadRequest; signaling closed with 4401 JoinToken refused',
      icon: 'error',
    });
    expect(botItem(MEETING_ID, running(3, 'joined')).description).toBe('joined');
    expect(
      new Set(['starting', 'signaling', 'joined', 'left'].map((state) => botItem(MEETING_ID, running(1, state as BotStatus['state'])).icon))
        .size,
    ).toBe(4);
  });

  it('marks a meeting that runs bots, so its menus offer Stop Test Bots', () => {
    const item = meetingItem({ meetingId: MEETING_ID, ended: false }, live([bot(1), bot(2)]), undefined, 2);
    expect(item).toMatchObject({ description: 'live · 2 of 250 slots used · 2 test bots', contextValue: 'meeting.live.bots' });
  });
});

describe('a meeting read for the tree', () => {
  let fake: FakeWorker;
  const target = () => ({ baseUrl: fake.url, token: fake.token, timeoutMs: 5_000 });
  beforeAll(async () => {
    fake = await startFakeWorker();
  });
  afterAll(() => fake.close());

  it('is live with its attendees, ended when the worker does not find it, unknown when it cannot tell', async () => {
    expect(await readSnapshot(target(), fake.meetingId)).toMatchObject({
      state: 'live',
      meeting: { MeetingId: fake.meetingId },
      attendees: [],
    });
    expect(await readSnapshot(target(), MEETING_ID)).toEqual({ state: 'ended' });
    expect(await readSnapshot({ ...target(), token: 'wrong' }, fake.meetingId)).toMatchObject({
      state: 'unknown',
      problem: expect.stringMatching(/^UnauthorizedException/),
    });
    const noRead = await readSnapshot({ ...target(), token: fake.noReadToken }, fake.meetingId);
    expect(noRead).toMatchObject({ state: 'unknown', problem: expect.stringMatching(/^ForbiddenException/) });
  });

  it('checks the connection: the worker’s host and API, and whether a token is set', async () => {
    const connection = await checkConnection(fake.url, false, 30);
    expect(connection).toMatchObject({ host: new URL(fake.url).host, api: 'chime-sdk-meetings', hasToken: false });
    expect(connectionState(connection)).toBe('noToken');
    expect(connectionState({ ...connection, hasToken: true })).toBe('ready');
    expect(statusText({ ...connection, hasToken: true })).toBe(`$(plug) ${connection.host} · chime-sdk-meetings · $(key)`);
    expect(statusText(connection)).toBe(`$(plug) ${connection.host} · chime-sdk-meetings · $(warning) no token`);
    const closed = await startFakeWorker();
    await closed.close();
    const dead = await checkConnection(closed.url, true, 30);
    const host = new URL(closed.url).host;
    expect(connectionState(dead)).toBe('noWorker');
    expect(statusText(dead)).toBe(`$(debug-disconnect) ${host} · no answer · $(key)`);
    expect(statusTooltip(dead)).toBe(
      `Chime worker ${closed.url}: does not answer (network error: connect ECONNREFUSED ${host})\nA worker token is set.\n` +
        'Click for Set Worker Token, Show Log and the worker URL setting.',
    );
  });

  it('names a worker by its host, and its path when it has one', () => {
    expect(hostOf('https://chime.example.com')).toBe('chime.example.com');
    expect(hostOf('https://example.com/api/')).toBe('example.com/api');
  });
});

describe('the recent meetings, watched', () => {
  it('tells after each change has been stored, and stops telling when asked', async () => {
    const stored = new Map<string, unknown>();
    const state: Memento = { get: (key) => stored.get(key), update: async (key, value) => void stored.set(key, value) };
    const watched = watchRecentMeetings(createRecentMeetings(state));
    const heard: Array<RecentChange & { listed: string[] }> = [];
    const stop = watched.onChange((change) => heard.push({ ...change, listed: watched.recent.list() }));
    await watched.recent.remember(MEETING_ID);
    await watched.recent.markEnded(MEETING_ID);
    await watched.recent.forget(MEETING_ID);
    stop();
    await watched.recent.remember(MEETING_ID);
    expect(heard).toEqual([
      { kind: 'remembered', meetingId: MEETING_ID, listed: [MEETING_ID] },
      { kind: 'ended', meetingId: MEETING_ID, listed: [MEETING_ID] },
      { kind: 'forgotten', meetingId: MEETING_ID, listed: [] },
    ]);
    expect(watched.recent.entries()).toEqual([{ meetingId: MEETING_ID, ended: false }]);
  });
});
