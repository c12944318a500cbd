/** The q-th percentile (0-100) by nearest rank. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))]!;
}

/** One request of a load run: what it asked for, how it was answered, and how long that took. */
export interface Sent {
  meetingId: string;
  requested: string[];
  status: number;
  ms: number;
  /** The answer of a 200. */
  answer?: {
    Attendees: Array<{ ExternalUserId: string; AttendeeId: string }>;
    Errors: Array<{ ExternalUserId: string; ErrorCode: string }>;
  };
}
