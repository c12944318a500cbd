/** The two Amazon Chime APIs that have a BatchCreateAttendee operation. */
export const CHIME_APIS = ['chime-sdk-meetings', 'chime'] as const;
export type ChimeApi = (typeof CHIME_APIS)[number];

/** The current API; the legacy `chime` namespace lost its meeting operations in February 2025. */
export const DEFAULT_CHIME_API: ChimeApi = 'chime-sdk-meetings';

export const CAPABILITY_VALUES = ['SendReceive', 'Send', 'Receive', 'None'] as const;
export type CapabilityValue = (typeof CAPABILITY_VALUES)[number];

/** Headers the worker sets on its answers. */
export const HEADERS = {
  errorType: 'x-amzn-ErrorType',
  requestId: 'x-request-id',
  /** How many upstream calls the worker made for the request, retries included. */
  attempts: 'x-upstream-attempts',
} as const;
