import type { OperationName } from './types.ts';

/** Query parameters, decoded; a repeated name keeps every value. */
export type Query = Record<string, string | string[]>;

export interface Route {
  operation: OperationName;
  meetingId?: string;
  attendeeId?: string;
}

/**
 * Splits `?a=1&b=2` into decoded values. `+` stays a literal plus: SigV4 clients encode spaces as
 * %20, and the canonical query is built from these values. Undefined for malformed %-escapes.
 */
export function parseQuery(raw: string): Query | undefined {
  const query: Query = {};
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = decode(equals < 0 ? part : part.slice(0, equals));
    const value = decode(equals < 0 ? '' : part.slice(equals + 1));
    if (name === undefined || value === undefined) return undefined;
    const previous = query[name];
    query[name] = previous === undefined ? value : [...[previous].flat(), value];
  }
  return query;
}

/** The first value of a query parameter. */
export function queryValue(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The rest-json routes of both flavors (they share paths); undefined when nothing matches. */
export function matchRoute(method: string, path: string, query: Query): Route | undefined {
  const segments = path.split('/').slice(1).map(decode);
  if (segments[0] !== 'meetings' || segments.some((segment) => !segment)) return undefined;
  const [, meetingId, collection, attendeeId] = segments as string[];
  const action = queryValue(query, 'operation');

  if (segments.length === 1) {
    return method === 'POST' && action === undefined ? { operation: 'CreateMeeting' } : undefined;
  }
  if (segments.length === 2 && action === undefined) {
    if (method === 'GET') return { operation: 'GetMeeting', meetingId };
    if (method === 'DELETE') return { operation: 'DeleteMeeting', meetingId };
    return undefined;
  }
  if (collection !== 'attendees') return undefined;
  if (segments.length === 3) {
    if (method === 'POST' && action === 'batch-create') return { operation: 'BatchCreateAttendee', meetingId };
    if (action !== undefined) return undefined;
    if (method === 'POST') return { operation: 'CreateAttendee', meetingId };
    if (method === 'GET') return { operation: 'ListAttendees', meetingId };
    return undefined;
  }
  if (segments.length === 4 && action === undefined) {
    if (method === 'GET') return { operation: 'GetAttendee', meetingId, attendeeId };
    if (method === 'DELETE') return { operation: 'DeleteAttendee', meetingId, attendeeId };
  }
  return undefined;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
