import type { ChimeApi } from '../../shared/index.ts';
import { DOCUMENTS_DEFLATE_RAW_BASE64 } from './documents.ts';
import type { documentsToStore } from './build.ts';
import { withoutCreateMeeting } from './legacy.ts';

/** The stored documents, unpacked (DecompressionStream: workerd, Deno and Node alike). */
export async function unpackStoredDocuments(): Promise<ReturnType<typeof documentsToStore>> {
  const bytes = Uint8Array.from(atob(DOCUMENTS_DEFLATE_RAW_BASE64), (char) => char.charCodeAt(0));
  const unpacked: unknown = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).json();
  return unpacked as ReturnType<typeof documentsToStore>;
}

/** The document the worker serves: the stored one, adapted to the configured flavor and attendee limit. */
export async function servedOpenApiDocument(api: ChimeApi, maxAttendees: number): Promise<Record<string, unknown>> {
  const generated = await unpackStoredDocuments();
  const document = generated.document as any;
  const { schemas } = document.components;
  const attendees = schemas.BatchCreateAttendeeRequest.properties.Attendees;
  attendees.maxItems = maxAttendees;
  schemas.CreateMeetingRequest.properties.Attendees.maxItems = maxAttendees;
  document.paths['/meetings/{MeetingId}/attendees'].post.summary = `Create 1 to ${maxAttendees} attendees in a meeting`;
  if (api === 'chime') {
    attendees.items = generated.legacyAttendee;
    document.info.description = generated.legacyDescription;
    return withoutCreateMeeting(document);
  }
  return document;
}
