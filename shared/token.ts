import * as v from 'valibot';

/** What a token may be allowed to do: read meetings and listings, create attendees, delete attendees, create and end meetings. */
export const TOKEN_OPERATIONS = ['read', 'create', 'delete', 'meetings'] as const;
export type TokenOperation = (typeof TOKEN_OPERATIONS)[number];

/**
 * `GET /token`: what the caller's own token may do, so a client can say so when the token is set. Its
 * name, operations and prefixes; never the token or its hash.
 */
export const TokenInfoSchema = v.object({
  Name: v.string(),
  Operations: v.array(v.picklist(TOKEN_OPERATIONS)),
  /** The ExternalUserIds (and ExternalMeetingIds) it may see and touch start with one of these; absent: any. */
  Prefixes: v.optional(v.array(v.string())),
});

export type TokenInfo = v.InferOutput<typeof TokenInfoSchema>;
