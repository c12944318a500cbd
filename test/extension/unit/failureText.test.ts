import { describe, expect, it } from 'vitest';
import { describeFailure, failureDetail, type FailureContext } from '../../../extension/src/worker/failureText.ts';

const context: FailureContext = { workerUrl: 'http://127.0.0.1:8787', meetingId: 'm-1', hadToken: true };

describe('describeFailure', () => {
  it('offers to set the token when the worker refuses it, saying whether one was sent', () => {
    const refused = { kind: 'refused', code: 'UnauthorizedException', message: 'bad token', requestId: 'r-1' } as const;
    expect(describeFailure(refused, context)).toEqual({
      message: 'The worker did not accept the token (UnauthorizedException). Set the right token and try again. (request r-1)',
      severity: 'error',
      steps: ['Set Worker Token'],
    });
    expect(describeFailure(refused, { ...context, hadToken: false }).message).toMatch(/^The worker needs a token, and none is set/);
  });

  it('names the meeting that was not found, with the worker’s own words', () => {
    const text = describeFailure({ kind: 'refused', code: 'NotFoundException', message: 'The meeting does not exist' }, context);
    expect(text.message).toBe(
      'Meeting m-1 was not found (NotFoundException: The meeting does not exist). It may have ended: check the ID, or start a new meeting.',
    );
    expect(text.steps).toEqual(['Create Test Meeting…']);
  });

  it('suggests waiting on throttling, counting the attempts made', () => {
    const text = describeFailure(
      { kind: 'refused', code: 'ThrottlingException', message: 'slow down' },
      { ...context, exchange: { status: 429, elapsedMs: 900, requestId: 'r-2', upstreamAttempts: 4 } },
    );
    expect(text).toEqual({
      message: 'Amazon Chime is throttling requests after 4 attempts (ThrottlingException). Wait a few seconds, then retry. (request r-2)',
      severity: 'warning',
      steps: ['Retry'],
    });
  });

  it('lists validation issues', () => {
    const text = describeFailure(
      {
        kind: 'refused',
        code: 'BadRequestException',
        message: 'Invalid request',
        issues: [{ Path: 'Attendees[0].ExternalUserId', Message: 'must be 2 to 64 characters' }],
      },
      context,
    );
    expect(text.message).toBe(
      'The worker rejected the request (BadRequestException): Attendees[0].ExternalUserId: must be 2 to 64 characters',
    );
  });

  it('offers a retry for server failures', () => {
    expect(describeFailure({ kind: 'refused', code: 'ServiceUnavailableException', message: 'down' }, context).steps).toEqual([
      'Retry',
      'Show Log',
    ]);
  });

  it('points at the URL setting when the worker cannot be reached or is not the worker', () => {
    expect(describeFailure({ kind: 'network', detail: 'connect ECONNREFUSED 127.0.0.1:8787' }, context)).toEqual({
      message:
        'Could not reach the worker at http://127.0.0.1:8787 (connect ECONNREFUSED 127.0.0.1:8787). Is it running, and is chimeAttendees.workerUrl right?',
      severity: 'error',
      steps: ['Retry', 'Open Settings'],
    });
    expect(describeFailure({ kind: 'unexpected', status: 404, detail: 'HTTP 404' }, context).steps).toEqual(['Open Settings', 'Show Log']);
  });

  it('names the timeout and the setting that sets it', () => {
    expect(describeFailure({ kind: 'timeout', timeoutMs: 30_000 }, context).message).toBe(
      'The worker did not answer within 30 s. Retry, or allow longer with chimeAttendees.requestTimeoutSeconds.',
    );
  });
});

describe('describeFailure for test meetings', () => {
  it('passes on the worker’s own explanation of a meeting that has ended', () => {
    const message =
      'Meeting m-1 was not found or has ended (Amazon Chime: The meeting has ended). A meeting ends by itself about 5 minutes after it has no one in it; create a new one.';
    expect(describeFailure({ kind: 'refused', code: 'NotFoundException', message, requestId: 'r-9' }, context)).toEqual({
      message: `${message} (NotFoundException, request r-9)`,
      severity: 'error',
      steps: ['Create Test Meeting…'],
    });
  });

  it('tells a worker without the route (older than the extension) from a missing meeting', () => {
    const text = describeFailure(
      { kind: 'refused', code: 'NotFoundException', message: 'No such route; the routes are listed in /openapi.json' },
      context,
    );
    expect(text.message).toMatch(/^The worker at http:\/\/127\.0\.0\.1:8787 has no such route: it is older than this extension/);
    expect(text.steps).toEqual(['Open Settings']);
  });
});

describe('failureDetail', () => {
  it('gives the worker’s code and message, or what went wrong on the way', () => {
    expect(failureDetail({ kind: 'refused', code: 'ThrottlingException', message: 'Rate exceeded' })).toBe(
      'ThrottlingException: Rate exceeded',
    );
    expect(failureDetail({ kind: 'network', detail: 'ECONNREFUSED' })).toBe('network error: ECONNREFUSED');
  });
});
