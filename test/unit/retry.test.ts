import { describe, expect, it } from 'vitest';
import { ApiError } from '../../edge/errors.ts';
import { CallNotSent } from '../../edge/pacing/pacer.ts';
import { withRetries, type RetryPolicy } from '../../edge/retry.ts';

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  deadlineMs: 5_000,
  baseDelayMs: 1,
  maxDelayMs: 4,
  maxAttempts: 4,
  minAttemptMs: 100,
  random: () => 0.5,
  ...overrides,
});

/** An attempt that fails with the given errors in turn, then succeeds. */
function failing(...errors: ApiError[]) {
  let calls = 0;
  const attempt = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return 'done';
  };
  return { attempt, calls: () => calls };
}

describe('withRetries', () => {
  it('retries throttling and server failures until success, counting attempts', async () => {
    const { attempt, calls } = failing(
      new ApiError('ThrottlingException', 'slow down'),
      new ApiError('ServiceFailureException', 'oops', { status: 502 }),
    );
    const counter = { attempts: 0 };
    expect(await withRetries(attempt, policy(), counter)).toBe('done');
    expect([calls(), counter.attempts]).toEqual([3, 3]);
  });

  it('does not retry a client error', async () => {
    const { attempt, calls } = failing(new ApiError('NotFoundException', 'gone'));
    await expect(withRetries(attempt, policy(), { attempts: 0 })).rejects.toThrow('gone');
    expect(calls()).toBe(1);
  });

  it('stops after maxAttempts and throws the last error', async () => {
    const errors = Array.from({ length: 10 }, (_, i) => new ApiError('ServiceUnavailableException', `try ${i}`));
    const { attempt, calls } = failing(...errors);
    await expect(withRetries(attempt, policy(), { attempts: 0 })).rejects.toThrow('try 3');
    expect(calls()).toBe(4);
  });

  it('does not wait past the deadline for a Retry-After', async () => {
    const { attempt, calls } = failing(new ApiError('ServiceUnavailableException', 'later', { retryAfterSeconds: 60 }));
    await expect(withRetries(attempt, policy({ deadlineMs: 1_000 }), { attempts: 0 })).rejects.toThrow('later');
    expect(calls()).toBe(1);
  });

  it('hands each attempt a signal that ends with the deadline', async () => {
    let signal: AbortSignal | undefined;
    await withRetries(async (call) => (signal = call.signal()), policy({ deadlineMs: 0, minAttemptMs: 10 }), { attempts: 0 });
    await new Promise((resolve) => signal!.addEventListener('abort', resolve));
    expect(signal!.aborted).toBe(true);
  });

  it("gives every attempt the same deadline, the policy's from the first", async () => {
    const deadlines: number[] = [];
    const before = Date.now();
    const { attempt } = failing(new ApiError('ThrottlingException', 'slow down'), new ApiError('ThrottlingException', 'slow down'));
    await withRetries(async (call) => (deadlines.push(call.deadline), attempt()), policy({ deadlineMs: 5_000 }), { attempts: 0 });
    expect(new Set(deadlines).size).toBe(1);
    expect(deadlines[0]).toBeGreaterThanOrEqual(before + 5_000);
    expect(deadlines[0]).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it('neither counts nor retries a call the pacer did not send', async () => {
    const notSent = new CallNotSent('DeleteAttendee', { callsPerSecond: 10, burst: 10 }, 2_500);
    const { attempt, calls } = failing(new ApiError('ServiceUnavailableException', 'busy'), notSent);
    const counter = { attempts: 0 };
    await expect(withRetries(attempt, policy(), counter)).rejects.toBe(notSent);
    expect([calls(), counter.attempts]).toEqual([2, 1]);
  });
});
