/** The two Amazon Chime APIs that have a BatchCreateAttendee operation. */
export const CHIME_APIS = ['chime-sdk-meetings', 'chime'] as const;
export type ChimeApi = (typeof CHIME_APIS)[number];

/** The current API; the legacy `chime` namespace lost its meeting operations in February 2025. */
export const DEFAULT_CHIME_API: ChimeApi = 'chime-sdk-meetings';
