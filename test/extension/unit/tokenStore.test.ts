import { describe, expect, it } from 'vitest';
import { createTokenStore, type Secrets } from '../../../extension/src/token/tokenStore.ts';

function secrets(): Secrets & { held: Map<string, string> } {
  const held = new Map<string, string>();
  return {
    held,
    get: async (key) => held.get(key),
    store: async (key, value) => void held.set(key, value),
    delete: async (key) => void held.delete(key),
  };
}

describe('the token store', () => {
  it('keeps the token in secret storage and remembers the last one seen, for the log to scrub', async () => {
    const storage = secrets();
    const tokens = createTokenStore(storage);
    expect(tokens.lastSeen()).toBeUndefined();
    await tokens.set('token-one');
    expect([...storage.held.values()]).toEqual(['token-one']);
    expect(await tokens.get()).toBe('token-one');

    await tokens.clear();
    expect(storage.held.size).toBe(0);
    expect(await tokens.get()).toBeUndefined();
    expect(tokens.lastSeen()).toBe('token-one');
  });

  it('learns a token stored before it was made', async () => {
    const storage = secrets();
    storage.held.set('chimeAttendees.workerToken', 'stored-earlier');
    const tokens = createTokenStore(storage);
    expect(await tokens.get()).toBe('stored-earlier');
    expect(tokens.lastSeen()).toBe('stored-earlier');
  });
});
