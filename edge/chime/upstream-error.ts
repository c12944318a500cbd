import { canonicalErrorName } from '../../shared/index.ts';
import { ApiError } from '../errors.ts';

/**
 * Reads an AWS error answer the way the AWS SDKs do: the `x-amzn-ErrorType` header first
 * (`Name` or `Name:extra`), then a body `Code`/`code`, then `__type` (`namespace#Name`).
 */
export async function parseUpstreamError(response: Response): Promise<ApiError> {
  const body = await readJsonObject(response);
  const upstreamName =
    errorTypeName(response.headers.get('x-amzn-errortype')) ??
    stringField(body, 'Code') ??
    stringField(body, 'code') ??
    errorTypeName(stringField(body, '__type'));
  const name = canonicalErrorName(upstreamName, response.status);
  const message = stringField(body, 'Message') ?? stringField(body, 'message') ?? `Amazon Chime answered HTTP ${response.status}`;
  if (response.status === 403 && LEGACY_API_REFUSED.test(message)) {
    // What to change, in the worker's terms; AWS's own message names the account, which callers need not see.
    return new ApiError(
      'ForbiddenException',
      'Amazon Chime no longer serves meetings through the legacy chime API (AWS removed it in February 2025): set CHIME_API to chime-sdk-meetings',
    );
  }
  return new ApiError(name, message, {
    status: response.status,
    ...(upstreamName && upstreamName !== name ? { upstreamCode: upstreamName } : {}),
    ...retryAfter(response.headers.get('retry-after')),
  });
}

/**
 * AWS's answer when the legacy `chime` namespace is used for meetings, which it no longer serves:
 * "Account Id 123456789012 is not authorized to call deprecated Amazon Chime SDK API on the "chime"
 * endpoint, use one of the "*-chime*" endpoints instead."
 */
const LEGACY_API_REFUSED = /not authorized to call deprecated Amazon Chime SDK API/i;

/** NotFound for a whole meeting: meetings end by themselves, which is what developers trip over. */
export function meetingNotFound(meetingId: string, upstream: ApiError): ApiError {
  return new ApiError(
    'NotFoundException',
    `Meeting ${meetingId} was not found or has ended (Amazon Chime: ${upstream.message}). A meeting ends by itself about 5 minutes after it has no one in it; create a new one.`,
    upstream.upstreamCode ? { upstreamCode: upstream.upstreamCode } : {},
  );
}

function errorTypeName(value: string | null | undefined): string | undefined {
  const name = value?.split(':')[0]?.split('#').pop()?.trim();
  return name || undefined;
}

async function readJsonObject(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** Retry-After in seconds (AWS sends seconds; an HTTP date is accepted too). */
function retryAfter(value: string | null): { retryAfterSeconds?: number } {
  if (!value) return {};
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? { retryAfterSeconds: seconds } : {};
}
