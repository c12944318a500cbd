/**
 * Worker settings that keep the pacer out of the way: far above anything a suite or benchmark sends,
 * so only what tests pacing waits for slots, and no other figure or test depends on the time of day.
 * `npm start` and `npm run load:pacing` keep the worker's defaults (AWS's rate).
 */
export const PACE_OUT_OF_THE_WAY = { CHIME_CALLS_PER_SECOND: '10000', CHIME_CALLS_BURST: '10000' } as const;
