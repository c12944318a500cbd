/** Headers the worker sets on its answers. */
export const HEADERS = {
  errorType: 'x-amzn-ErrorType',
  requestId: 'x-request-id',
  /** How many upstream calls the worker made for the request, retries included. */
  attempts: 'x-upstream-attempts',
} as const;
