/** The legacy API makes no meetings (AWS removed its meeting operations in February 2025): its document has no POST /meetings. */
export function withoutCreateMeeting<T extends Record<string, any>>(document: T): T {
  delete document.paths['/meetings'];
  delete document.components.schemas.CreateMeetingRequest;
  delete document.components.schemas.CreateMeetingResponse;
  return document;
}
