import * as v from 'valibot';
import { LIMITS } from './limits.ts';
import { AttendeeIdSchema, ExternalUserIdPrefixSchema } from './ids.ts';
import { boundedList, closedObject, noRepeats } from './schemaParts.ts';

const { attendeesPerMeeting } = LIMITS;

/**
 * `POST /meetings/{MeetingId}/attendees/delete`: which attendees to delete, by the start of their
 * ExternalUserId or by AttendeeId; exactly one of the two.
 */
export const DeleteAttendeesRequestSchema = v.pipe(
  closedObject({
    ExternalUserIdPrefix: v.optional(ExternalUserIdPrefixSchema),
    AttendeeIds: v.optional(
      v.pipe(
        boundedList(AttendeeIdSchema, 1, attendeesPerMeeting, `must hold 1 to ${attendeesPerMeeting} attendee IDs`),
        noRepeats(
          (id: string) => id.toLowerCase(),
          (index, first) => `item ${index} repeats item ${first} (each AttendeeId may appear once)`,
        ),
      ),
    ),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed && (dataset.value.ExternalUserIdPrefix === undefined) === (dataset.value.AttendeeIds === undefined)) {
      addIssue({ message: 'must hold exactly one of ExternalUserIdPrefix and AttendeeIds' });
    }
  }),
);

export type DeleteAttendeesRequest = v.InferOutput<typeof DeleteAttendeesRequestSchema>;
