import { DurableObject } from 'cloudflare:workers';
import { SlotSchedule, type PaceLimits, type Reservation } from './schedule.ts';

/**
 * The call pacer of one AWS access key in one region, shared by every isolate of the Worker: each
 * call reserves its slot with one RPC, which answers how long to wait (or that no slot is free in
 * time), so nobody polls. The schedule lives in memory only: writing it to storage would hold every
 * answer until the write is durable, and an object is evicted only after a quiet spell longer than
 * a bucket takes to fill, so what a restart forgets is at most one burst.
 */
export class ChimePacer extends DurableObject {
  readonly #schedule = new SlotSchedule();

  reserve(operation: string, limits: PaceLimits, withinMs: number): Reservation {
    return this.#schedule.reserve(operation, limits, Date.now(), withinMs);
  }
}
