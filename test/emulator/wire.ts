import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Flavor } from './types.ts';

/** Modeled errors by their current (`chime-sdk-meetings`) names, with their HTTP status. */
const ERROR_STATUS = {
  BadRequestException: 400,
  LimitExceededException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  NotFoundException: 404,
  UnprocessableEntityException: 422,
  ThrottlingException: 429,
  ServiceFailureException: 500,
  ServiceUnavailableException: 503,
} as const;
export type ChimeErrorName = keyof typeof ERROR_STATUS;

/** The legacy `chime` API names three of them differently; the others are shared. */
const LEGACY_NAMES: Partial<Record<ChimeErrorName, string>> = {
  LimitExceededException: 'ResourceLimitExceededException',
  UnauthorizedException: 'UnauthorizedClientException',
  ThrottlingException: 'ThrottledClientException',
};

/** A modeled error thrown by an operation; the answer is named for the instance's flavor. */
export class ChimeError extends Error {
  constructor(
    readonly errorName: ChimeErrorName,
    message: string,
  ) {
    super(message);
  }
}

export function flavoredErrorName(flavor: Flavor, name: ChimeErrorName): string {
  return (flavor === 'chime' && LEGACY_NAMES[name]) || name;
}

/** The modeled error a scripted status stands for. */
export function errorNameForStatus(status: number): ChimeErrorName {
  const exact = (Object.keys(ERROR_STATUS) as ChimeErrorName[]).find(
    (name) => ERROR_STATUS[name] === status && name !== 'LimitExceededException',
  );
  return exact ?? (status >= 500 ? 'ServiceFailureException' : 'BadRequestException');
}

export const newRequestId = (): string => randomUUID();

interface Answer {
  status: number;
  requestId: string;
  headers?: Record<string, string>;
}

export function sendJson(res: ServerResponse, { status, requestId, headers }: Answer, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, requestId: string): void {
  res.writeHead(status, { 'x-amzn-RequestId': requestId });
  res.end();
}

/**
 * A modeled service error as Chime sends it: the name in `x-amzn-ErrorType`, and a body whose
 * `Code` is the name without its `Exception` suffix (AWS was seen answering `"Code":"NotFound"`).
 */
export function sendServiceError(
  res: ServerResponse,
  flavor: Flavor,
  requestId: string,
  error: { name: ChimeErrorName; message: string; status?: number; retryAfterSeconds?: number },
): void {
  const type = flavoredErrorName(flavor, error.name);
  const headers: Record<string, string> = { 'x-amzn-ErrorType': type };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  const status = error.status ?? ERROR_STATUS[error.name];
  sendJson(
    res,
    { status, requestId, headers },
    {
      Code: type.replace(/Exception$/, ''),
      Message: error.message,
      RequestId: requestId,
    },
  );
}

/** The suffix AWS front doors (authentication, routing) put after the error name in `x-amzn-ErrorType`. */
const FRONT_DOOR_TYPE_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.coral.service/';

/** A refusal from AWS's front door, before any operation runs: lowercase `message`, no `Code`. */
export function sendFrontDoorError(res: ServerResponse, requestId: string, error: { status: number; type: string; message: string }): void {
  const headers = { 'x-amzn-ErrorType': `${error.type}${FRONT_DOOR_TYPE_SUFFIX}` };
  sendJson(res, { status: error.status, requestId, headers }, { message: error.message });
}

/** A load balancer's 502 or 504: HTML, no error type, as clients meet them in front of AWS services. */
export function sendGatewayError(res: ServerResponse, status: number): void {
  const title = status === 504 ? '504 Gateway Time-out' : '502 Bad Gateway';
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}
