import { describe, expect, it } from 'vitest';
import { UpstreamUnreachable } from '../../edge/chime/client.ts';
import { bindUpstream } from '../../edge/upstream.ts';

const policy = { deadlineMs: 1_000, baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 2, minAttemptMs: 100 };

describe('an upstream failure', () => {
  it('keeps what the connection to Amazon Chime failed with as its cause', () => {
    const refused = new TypeError('fetch failed');
    const error = new UpstreamUnreachable(refused);
    expect([error.name, error.message, error.cause]).toEqual([
      'ServiceUnavailableException',
      'The connection to Amazon Chime failed',
      refused,
    ]);
  });

  it('is settled as a ServiceFailureException keeping the cause when it is not an answer', async () => {
    const upstream = bindUpstream(policy);
    const broken = new RangeError('a bug');
    const settled = await upstream.settle(() => Promise.reject(broken));
    expect(settled).toEqual({ ok: false, error: expect.objectContaining({ name: 'ServiceFailureException', cause: broken }) });
    expect([upstream.stats.attempts, upstream.stats.status]).toEqual([1, 500]);
  });
});
