import { randomBytes, randomUUID } from 'node:crypto';
import type { MeetingFields } from './meeting-input.ts';
import { ATTENDEES_PER_MEETING, type AttendeeRequest, type Capabilities, type Tag } from './validate.ts';
import type { EmulatorMeetingState } from './types.ts';

export interface StoredAttendee {
  AttendeeId: string;
  ExternalUserId: string;
  JoinToken: string;
  Capabilities?: Capabilities;
  Tags?: Tag[];
  /** Creation order within the meeting; ListAttendees pages by it, so deletions never shift a page. */
  sequence: number;
}

export interface StoredMeeting extends MeetingFields {
  MeetingId: string;
  /** Ended, by DeleteMeeting or by itself. */
  deleted: boolean;
  /**
   * When it ends by itself (ms since the epoch), as a meeting that nobody joins does on AWS. Nobody can join
   * the emulator's meetings (creating attendees is not joining), so every meeting ends then.
   */
  endsAt: number;
  /** Current attendees by AttendeeId, in creation order. */
  attendees: Map<string, StoredAttendee>;
  /** ExternalUserId is an idempotency token within a meeting. */
  attendeesByExternalUserId: Map<string, StoredAttendee>;
  nextSequence: number;
}

/** What admitting a batch did: attendees in request order (new or existing), and the new ones that did not fit. */
export interface Admission {
  attendees: StoredAttendee[];
  created: number;
  rejected: AttendeeRequest[];
}

/** Random, URL-safe base64 of 96 bytes: 128 characters, like the opaque tokens AWS hands out. */
const newJoinToken = (): string => randomBytes(96).toString('base64url');

/**
 * Meetings and their attendees, in memory. Holds no Chime error semantics: operations.ts decides those.
 * A meeting ends by itself when it is next looked at past its end: no timer keeps a process alive.
 */
export class MeetingStore {
  readonly #meetings = new Map<string, StoredMeeting>();
  readonly #meetingIdsByToken = new Map<string, string>();
  /** Every JoinToken handed out, deleted attendees' too, so signaling can say whose a refused one was. */
  readonly #joinTokens = new Map<string, { MeetingId: string; AttendeeId: string }>();
  readonly #autoEndMs: number;

  constructor(autoEndMs: number) {
    this.#autoEndMs = autoEndMs;
  }

  get size(): number {
    return this.#meetings.size;
  }

  /** The live meeting a ClientRequestToken already created, if any: CreateMeeting is idempotent on it. */
  meetingForToken(token: string): StoredMeeting | undefined {
    const id = this.#meetingIdsByToken.get(token);
    const meeting = id === undefined ? undefined : this.meeting(id);
    return meeting?.deleted ? undefined : meeting;
  }

  createMeeting(fields: MeetingFields): StoredMeeting {
    const meeting: StoredMeeting = {
      ...fields,
      MeetingId: randomUUID(),
      deleted: false,
      endsAt: Date.now() + this.#autoEndMs,
      attendees: new Map(),
      attendeesByExternalUserId: new Map(),
      nextSequence: 0,
    };
    this.#meetings.set(meeting.MeetingId, meeting);
    this.#meetingIdsByToken.set(fields.ClientRequestToken, meeting.MeetingId);
    return meeting;
  }

  meeting(meetingId: string): StoredMeeting | undefined {
    const meeting = this.#meetings.get(meetingId);
    if (meeting) this.#endIfDue(meeting);
    return meeting;
  }

  #endIfDue(meeting: StoredMeeting): void {
    if (!meeting.deleted && Date.now() >= meeting.endsAt) this.deleteMeeting(meeting);
  }

  /** How many attendees the meeting holds at most: its MeetingFeatures.Attendee.MaxCount, else 250. */
  capacity(meeting: StoredMeeting): number {
    return meeting.MeetingFeatures?.Attendee?.MaxCount ?? ATTENDEES_PER_MEETING;
  }

  /** Ends the meeting; it stays known so later calls can answer "The meeting has ended". */
  deleteMeeting(meeting: StoredMeeting): void {
    meeting.deleted = true;
    meeting.attendees.clear();
    meeting.attendeesByExternalUserId.clear();
  }

  /**
   * Returns the existing attendee for a known ExternalUserId, creates new ones in order while the
   * meeting has room, and hands back the new ones that did not fit.
   */
  admitAttendees(meeting: StoredMeeting, requests: AttendeeRequest[]): Admission {
    const admission: Admission = { attendees: [], created: 0, rejected: [] };
    for (const request of requests) {
      const existing = meeting.attendeesByExternalUserId.get(request.ExternalUserId);
      if (existing) {
        admission.attendees.push(existing);
      } else if (meeting.attendees.size >= this.capacity(meeting)) {
        admission.rejected.push(request);
      } else {
        admission.attendees.push(this.#addAttendee(meeting, request));
        admission.created++;
      }
    }
    return admission;
  }

  #addAttendee(meeting: StoredMeeting, request: AttendeeRequest): StoredAttendee {
    const attendee: StoredAttendee = {
      AttendeeId: randomUUID(),
      ExternalUserId: request.ExternalUserId,
      JoinToken: newJoinToken(),
      sequence: meeting.nextSequence++,
    };
    if (request.Capabilities) attendee.Capabilities = request.Capabilities;
    if (request.Tags) attendee.Tags = request.Tags;
    meeting.attendees.set(attendee.AttendeeId, attendee);
    meeting.attendeesByExternalUserId.set(attendee.ExternalUserId, attendee);
    this.#joinTokens.set(attendee.JoinToken, { MeetingId: meeting.MeetingId, AttendeeId: attendee.AttendeeId });
    return attendee;
  }

  attendee(meeting: StoredMeeting, attendeeId: string): StoredAttendee | undefined {
    return meeting.attendees.get(attendeeId);
  }

  /**
   * Whose a JoinToken is (its AttendeeId, or null for one never handed out), and whether it lets that
   * attendee join this meeting now: the meeting is live and the attendee not deleted.
   */
  joinTokenHolder(meetingId: string, joinToken: string): { AttendeeId: string | null; matches: boolean } {
    const holder = this.#joinTokens.get(joinToken);
    if (!holder) return { AttendeeId: null, matches: false };
    const meeting = this.meeting(holder.MeetingId);
    const current = meeting && !meeting.deleted ? meeting.attendees.get(holder.AttendeeId) : undefined;
    return { AttendeeId: holder.AttendeeId, matches: holder.MeetingId === meetingId && current?.JoinToken === joinToken };
  }

  /** Frees the attendee's slot; its ExternalUserId may then join again as a new attendee. */
  deleteAttendee(meeting: StoredMeeting, attendee: StoredAttendee): void {
    meeting.attendees.delete(attendee.AttendeeId);
    meeting.attendeesByExternalUserId.delete(attendee.ExternalUserId);
  }

  /** Up to `limit` attendees created after `afterSequence`, and whether more follow. */
  listAttendees(meeting: StoredMeeting, afterSequence: number, limit: number): { page: StoredAttendee[]; more: boolean } {
    const after = [...meeting.attendees.values()].filter((attendee) => attendee.sequence > afterSequence);
    return { page: after.slice(0, limit), more: after.length > limit };
  }

  snapshot(): EmulatorMeetingState[] {
    return [...this.#meetings.values()].map((meeting) => {
      this.#endIfDue(meeting);
      const { MeetingId, ExternalMeetingId } = meeting;
      return {
        MeetingId,
        ...(ExternalMeetingId === undefined ? {} : { ExternalMeetingId }),
        Deleted: meeting.deleted,
        Attendees: [...meeting.attendees.values()].map(({ AttendeeId, ExternalUserId }) => ({ AttendeeId, ExternalUserId })),
      };
    });
  }

  clear(): void {
    this.#meetings.clear();
    this.#meetingIdsByToken.clear();
    this.#joinTokens.clear();
  }
}
