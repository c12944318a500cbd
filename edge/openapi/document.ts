import { LIMITS, type ChimeApi } from '../../shared/index.ts';
import generated from './documents.json' with { type: 'json' };

/** The generated document, adapted to the configured flavor and attendee limit. */
export function openApiDocument(api: ChimeApi, maxAttendees: number): Record<string, unknown> {
  const document = structuredClone(generated.document) as any;
  const attendees = document.components.schemas.BatchCreateAttendeeRequest.properties.Attendees;
  if (api === 'chime') {
    attendees.items = generated.legacyAttendee;
    document.info.description = generated.legacyDescription;
  }
  if (maxAttendees !== LIMITS.attendeesPerMeeting) {
    attendees.maxItems = maxAttendees;
    document.paths['/meetings/{MeetingId}/attendees'].post.summary = `Create 1 to ${maxAttendees} attendees in a meeting`;
  }
  return document;
}
