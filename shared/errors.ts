/**
 * Error names the worker answers with: the current Chime SDK API's, whichever API is upstream,
 * plus the two HTTP-level refusals the worker makes itself.
 */
export const ERROR_STATUS = {
  BadRequestException: 400,
  LimitExceededException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  NotFoundException: 404,
  PayloadTooLargeException: 413,
  UnsupportedMediaTypeException: 415,
  UnprocessableEntityException: 422,
  ThrottlingException: 429,
  ServiceFailureException: 500,
  ServiceUnavailableException: 503,
} as const;

export type ErrorName = keyof typeof ERROR_STATUS;

/** Legacy `chime` API names and the current names they mean. */
export const LEGACY_ERROR_NAMES: Readonly<Record<string, ErrorName>> = {
  ResourceLimitExceededException: 'LimitExceededException',
  UnauthorizedClientException: 'UnauthorizedException',
  ThrottledClientException: 'ThrottlingException',
};

/** Our first name for each status: BadRequestException for 400. */
const NAME_FOR_STATUS = new Map(
  (Object.entries(ERROR_STATUS) as Array<[ErrorName, number]>).reverse().map(([name, status]) => [status, name]),
);

/** The name for a status when the upstream's name is unknown to us. */
export function errorNameForStatus(status: number): ErrorName {
  return NAME_FOR_STATUS.get(status) ?? (status >= 500 ? 'ServiceFailureException' : 'BadRequestException');
}

/** Maps any upstream error name (current, legacy or unknown) to one of ours. */
export function canonicalErrorName(name: string | undefined, status: number): ErrorName {
  if (name && name in ERROR_STATUS) return name as ErrorName;
  if (name && name in LEGACY_ERROR_NAMES) return LEGACY_ERROR_NAMES[name]!;
  return errorNameForStatus(status);
}

/** Statuses worth another try: throttling and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return [429, 500, 502, 503, 504].includes(status);
}
