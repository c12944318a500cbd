/* Waiting without sleeping: every wait polls a condition against a deadline, and each step's time is kept. */

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function withDeadline<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `probe` until it returns something truthy; past the deadline, fails saying what it last saw. */
export async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined | false>,
  seen?: () => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() >= deadline) {
      const last = seen ? `; last seen: ${JSON.stringify(await seen().catch((error: Error) => error.message))}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}`);
    }
    await pause(150);
  }
}

export const timings: Record<string, number> = {};
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = Date.now() - start;
    console.log(`[e2e] ${name}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
}
