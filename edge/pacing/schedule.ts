/** How fast one operation may be called: a steady rate, and a burst after a quiet spell. */
export interface PaceLimits {
  callsPerSecond: number;
  burst: number;
}

/** A slot for one call, `waitMs` from now; or none within the time allowed, the next one `retryAfterMs` away. */
export type Reservation = { ok: true; waitMs: number } | { ok: false; retryAfterMs: number };

/**
 * Hands out call slots, per operation, as a token bucket would let calls through (GCRA: each
 * operation keeps the time its next call is due, and a call may start up to `burst - 1` intervals
 * before that). A slot is reserved only when it starts within `withinMs`: a call that will not be
 * sent takes nothing from the others. Pure: the caller says what time it is.
 */
export class SlotSchedule {
  readonly #due = new Map<string, number>();

  reserve(operation: string, limits: PaceLimits, now: number, withinMs: number): Reservation {
    const interval = 1000 / limits.callsPerSecond;
    const due = Math.max(this.#due.get(operation) ?? now, now);
    const start = Math.max(now, due - (limits.burst - 1) * interval);
    if (start - now > withinMs) return { ok: false, retryAfterMs: start - now };
    this.#due.set(operation, due + interval);
    return { ok: true, waitMs: start - now };
  }
}
