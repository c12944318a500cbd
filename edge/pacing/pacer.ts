import { ApiError } from '../errors.ts';
import { SlotSchedule, type PaceLimits, type Reservation } from './schedule.ts';

/** Where slots come from: this isolate's own schedule, or the account's Durable Object. */
export interface SlotSource {
  reserve(operation: string, limits: PaceLimits, withinMs: number): Promise<Reservation>;
}

/** Slots from a schedule of this isolate's (on Node and Deno, of the process's) own. */
export function localSlots(now: () => number = Date.now): SlotSource {
  const schedule = new SlotSchedule();
  return { reserve: async (operation, limits, withinMs) => schedule.reserve(operation, limits, now(), withinMs) };
}

/** A call the pacer held back: its slot came after the deadline, so it was never sent to Amazon Chime. */
export class CallNotSent extends ApiError {
  constructor(operation: string, limits: PaceLimits, retryAfterMs: number) {
    const seconds = Math.ceil(retryAfterMs / 1000);
    super(
      'ThrottlingException',
      `The worker paces ${operation} at ${limits.callsPerSecond} calls a second for these AWS credentials (CHIME_CALLS_PER_SECOND); ` +
        `no slot was free before the deadline (the next in ${seconds} s), so the call was not sent`,
      { retryAfterSeconds: seconds },
    );
  }
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: PacerClock = { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** Keeps every call within the account's rate for its operation: each one waits for a slot, or is not sent. */
export interface Pacer {
  /** Resolves when the call may start; throws CallNotSent at once if its slot would come after `deadline` (ms since the epoch). */
  take(operation: string, deadline: number): Promise<void>;
}

export function createPacer(limits: PaceLimits, slots: SlotSource, clock: PacerClock = REAL_CLOCK): Pacer {
  return {
    async take(operation, deadline) {
      const reservation = await slots.reserve(operation, limits, Math.max(0, deadline - clock.now()));
      if (!reservation.ok) throw new CallNotSent(operation, limits, reservation.retryAfterMs);
      if (reservation.waitMs > 0) await clock.sleep(reservation.waitMs);
    },
  };
}
