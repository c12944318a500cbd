import { summarizeIssues } from '../../../shared/index.ts';
import { isMissingRoute, type Exchange, type Refusal, type ShownFailure, type WorkerFailure } from './client.ts';
import { plural } from '../plural.ts';
import { failureLine } from './logLines.ts';

/** Buttons offered with a failure, each a next step the person can take at once. */
export type NextStep = 'Set Worker Token' | 'Retry' | 'Open Settings' | 'Show Log' | 'Create Test Meeting…';

export interface FailureText {
  message: string;
  severity: 'error' | 'warning';
  steps: NextStep[];
}

export interface FailureContext {
  workerUrl: string;
  meetingId: string;
  hadToken: boolean;
  exchange?: Exchange | undefined;
}

/** A failure in a few words for people: the worker's code and message, or what went wrong on the way. */
export function failureDetail(failure: WorkerFailure): string {
  return failure.kind === 'refused' ? `${failure.code}: ${failure.message}` : failureLine(failure);
}

/** A sentence for people: what went wrong and what to do next; never a stack trace. */
export function describeFailure(failure: ShownFailure, context: FailureContext): FailureText {
  const { workerUrl } = context;
  switch (failure.kind) {
    case 'refused':
      return describeRefusal(failure, context);
    case 'unexpected':
      return error(
        `${workerUrl} did not answer like a chime-attendees worker (${failure.detail}). Check the chimeAttendees.workerUrl setting.`,
        'Open Settings',
        'Show Log',
      );
    case 'network':
      return error(
        `Could not reach the worker at ${workerUrl} (${failure.detail}). Is it running, and is chimeAttendees.workerUrl right?`,
        'Retry',
        'Open Settings',
      );
    case 'timeout':
      return warning(
        `The worker did not answer within ${failure.timeoutMs / 1000} s. Retry, or allow longer with chimeAttendees.requestTimeoutSeconds.`,
        'Retry',
        'Open Settings',
      );
  }
}

const error = (message: string, ...steps: NextStep[]): FailureText => ({ message, severity: 'error', steps });
const warning = (message: string, ...steps: NextStep[]): FailureText => ({ message, severity: 'warning', steps });

function describeRefusal(failure: Refusal, context: FailureContext): FailureText {
  const requestId = failure.requestId ?? context.exchange?.requestId;
  const withId = (text: string) => withRequestId(text, requestId);
  const code = failure.code;
  switch (code) {
    case 'UnauthorizedException':
      return error(
        withId(
          context.hadToken
            ? 'The worker did not accept the token (UnauthorizedException). Set the right token and try again.'
            : 'The worker needs a token, and none is set (UnauthorizedException).',
        ),
        'Set Worker Token',
      );
    case 'ForbiddenException':
      return error(withId(`The worker refused this token (ForbiddenException): ${failure.message}`), 'Set Worker Token');
    case 'NotFoundException':
      return describeNotFound(failure, context, requestId);
    case 'ThrottlingException':
      return warning(
        withId(`Amazon Chime is throttling requests${attempts(context.exchange)} (ThrottlingException). Wait a few seconds, then retry.`),
        'Retry',
      );
    case 'ServiceFailureException':
    case 'ServiceUnavailableException':
      return error(withId(`The worker or Amazon Chime failed (${code}): ${failure.message}. Retry in a moment.`), 'Retry', 'Show Log');
  }
  const issues = failure.issues?.length ? `: ${summarizeIssues(failure.issues)}` : `: ${failure.message}`;
  return error(withId(`The worker rejected the request (${code})${issues}`), 'Show Log');
}

/** The worker's own words tell a missing meeting from a wrong URL path ("No such route"). */
function describeNotFound(failure: Refusal, { workerUrl, meetingId }: FailureContext, requestId: string | undefined): FailureText {
  if (isMissingRoute(failure)) {
    const older = 'it is older than this extension (or chimeAttendees.workerUrl names something else)';
    return error(withRequestId(`The worker at ${workerUrl} has no such route: ${older}. Update the worker.`, requestId), 'Open Settings');
  }
  // Newer workers say it all: `Meeting … was not found or has ended (Amazon Chime: …). A meeting ends by itself …`.
  if (failure.message.startsWith(`Meeting ${meetingId} `)) {
    return error(`${failure.message} (NotFoundException${requestId ? `, request ${requestId}` : ''})`, 'Create Test Meeting…');
  }
  const notFound = `Meeting ${meetingId} was not found (NotFoundException: ${failure.message})`;
  return error(withRequestId(`${notFound}. It may have ended: check the ID, or start a new meeting.`, requestId), 'Create Test Meeting…');
}

const withRequestId = (text: string, requestId: string | undefined) => (requestId ? `${text} (request ${requestId})` : text);

const attempts = (exchange: Exchange | undefined) =>
  exchange?.upstreamAttempts ? ` after ${plural(exchange.upstreamAttempts, 'attempt')}` : '';
