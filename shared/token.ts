/** What a token may be allowed to do: read meetings and listings, create attendees, delete attendees, create and end meetings. */
export const TOKEN_OPERATIONS = ['read', 'create', 'delete', 'meetings'] as const;
export type TokenOperation = (typeof TOKEN_OPERATIONS)[number];
