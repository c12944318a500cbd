import type * as vscode from 'vscode';

const KEY = 'chimeAttendees.workerToken';

/** The worker's bearer token, kept in SecretStorage only; the last value seen is remembered for log redaction. */
export interface TokenStore {
  get(): Promise<string | undefined>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
  /** The token as last read or written, so the log can scrub it without waiting. */
  lastSeen(): string | undefined;
}

export function createTokenStore(secrets: vscode.SecretStorage): TokenStore {
  let seen: string | undefined;
  return {
    async get() {
      const token = await secrets.get(KEY);
      if (token) seen = token;
      return token;
    },
    async set(token) {
      seen = token;
      await secrets.store(KEY, token);
    },
    async clear() {
      await secrets.delete(KEY);
    },
    lastSeen: () => seen,
  };
}
