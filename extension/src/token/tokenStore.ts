const KEY = 'chimeAttendees.workerToken';

/** The worker's bearer token, kept in SecretStorage only; the last value seen is remembered for log redaction. */
export interface TokenStore {
  get(): Promise<string | undefined>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
  /** The token as last read or written, so the log can scrub it without waiting. */
  lastSeen(): string | undefined;
}

/** What the store needs of VS Code's SecretStorage. */
export interface Secrets {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export function createTokenStore(secrets: Secrets): TokenStore {
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
