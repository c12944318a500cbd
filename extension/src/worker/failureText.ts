import { summarizeIssues } from '../../../shared/index.ts';
import { isMissingRoute, type Exchange, type Refusal, type ShownFailure, type WorkerFailure } from './client.ts';
import { failureLine } from './logLines.ts';

/** Buttons offered with a failure, each a next step the person can take at once. */
export type NextStep = 'Set Worker Token' | 'Retry' | 'Open Settings' | 'Show Log';

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
  switch (failure.kind) {
    case 'refused':
      return describeRefusal(failure, context);
    case 'unexpected':
      return {
        message: `${context.workerUrl} did not answer like a chime-attendees worker (${failure.detail}). Check the chimeAttendees.workerUrl setting.`,
        severity: 'error',
        steps: ['Open Settings', 'Show Log'],
      };
    case 'network':
      return {
        message: `Could not reach the worker at ${context.workerUrl} (${failure.detail}). Is it running, and is chimeAttendees.workerUrl right?`,
        severity: 'error',
        steps: ['Retry', 'Open Settings'],
      };
    case 'timeout':
      return {
        message: `The worker did not answer within ${failure.timeoutMs / 1000} s. Retry, or allow longer with chimeAttendees.requestTimeoutSeconds.`,
        severity: 'warning',
        steps: ['Retry', 'Open Settings'],
      };
  }
}

function describeRefusal(failure: Refusal, context: FailureContext): FailureText {
  const requestId = failure.requestId ?? context.exchange?.requestId;
  const withId = (text: string) => (requestId ? `${text} (request ${requestId})` : text);
  const code = failure.code;
  switch (code) {
    case 'UnauthorizedException':
      return {
        message: withId(context.hadToken ? 'The worker did not accept the token (UnauthorizedException). Set the right token and try again.' : 'The worker needs a token, and none is set (UnauthorizedException).'),
        severity: 'error',
        steps: ['Set Worker Token'],
      };
    case 'ForbiddenException':
      return { message: withId(`The worker refused this token (ForbiddenException): ${failure.message}`), severity: 'error', steps: ['Set Worker Token'] };
    case 'NotFoundException':
      if (isMissingRoute(failure)) {
        return {
          message: withId(`The worker at ${context.workerUrl} has no such route: it is older than this extension (or chimeAttendees.workerUrl names something else). Update the worker.`),
          severity: 'error',
          steps: ['Open Settings'],
        };
      }
      // Newer workers say it all: `Meeting … was not found or has ended (Amazon Chime: …). A meeting ends by itself …`.
      if (failure.message.startsWith(`Meeting ${context.meetingId} `)) {
        return { message: `${failure.message} (NotFoundException${requestId ? `, request ${requestId}` : ''})`, severity: 'error', steps: [] };
      }
      return {
        // The worker's own words tell a missing meeting from a wrong URL path ("No such route").
        message: withId(`Meeting ${context.meetingId} was not found (NotFoundException: ${failure.message}). It may have ended: check the ID, or start a new meeting.`),
        severity: 'error',
        steps: [],
      };
    case 'ThrottlingException':
      return { message: withId(`Amazon Chime is throttling requests${attempts(context.exchange)} (ThrottlingException). Wait a few seconds, then retry.`), severity: 'warning', steps: ['Retry'] };
    case 'ServiceFailureException':
    case 'ServiceUnavailableException':
      return { message: withId(`The worker or Amazon Chime failed (${code}): ${failure.message}. Retry in a moment.`), severity: 'error', steps: ['Retry', 'Show Log'] };
  }
  const issues = failure.issues?.length ? `: ${summarizeIssues(failure.issues)}` : `: ${failure.message}`;
  return { message: withId(`The worker rejected the request (${code})${issues}`), severity: 'error', steps: ['Show Log'] };
}

const attempts = (exchange: Exchange | undefined) => (exchange?.upstreamAttempts ? ` after ${exchange.upstreamAttempts} attempts` : '');
