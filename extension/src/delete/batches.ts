import type { DeleteAttendeeError, DeleteAttendeesResponse, DeletedAttendee, ListedAttendee } from '../../../shared/index.ts';
import { isMeetingNotFound, type WorkerFailure, type WorkerResult } from '../worker/client.ts';
import { failureLine } from '../worker/logLines.ts';

/*
 * Deleting many attendees in batches, so there is progress to show and a cancel that stops between
 * batches: against AWS (about 10 calls a second) a batch of 25 takes a few seconds. No vscode import.
 */

export const DELETE_BATCH_SIZE = 25;

export interface DeletionOutcome {
  Deleted: DeletedAttendee[];
  /** Attendees that were sent and not deleted, or whose outcome is unknown (ErrorCode `Cancelled`). */
  Errors: DeleteAttendeeError[];
  /** Attendees never sent: cancelled, or stopped after a failure that would have failed them too. */
  notAttempted: ListedAttendee[];
  /** Why it stopped before the end. */
  stopped?: WorkerFailure | undefined;
}

export type DeleteBatch = (attendeeIds: string[], signal: AbortSignal) => Promise<WorkerResult<DeleteAttendeesResponse>>;

export interface DeletionOptions {
  signal: AbortSignal;
  batchSize?: number;
  /** After each batch: how many of the selected attendees have an outcome. */
  onProgress?(done: number, total: number): void;
}

/** Deletes the targets batch by batch; every target ends up exactly once in Deleted, Errors or notAttempted. */
export async function deleteInBatches(
  targets: readonly ListedAttendee[],
  deleteBatch: DeleteBatch,
  options: DeletionOptions,
): Promise<DeletionOutcome> {
  const size = options.batchSize ?? DELETE_BATCH_SIZE;
  const outcome: DeletionOutcome = { Deleted: [], Errors: [], notAttempted: [] };
  for (let start = 0; start < targets.length; start += size) {
    if (options.signal.aborted) {
      return { ...outcome, notAttempted: targets.slice(start), stopped: { kind: 'cancelled' } };
    }
    const batch = targets.slice(start, start + size);
    const result = await deleteBatch(
      batch.map((attendee) => attendee.AttendeeId),
      options.signal,
    );
    if (result.ok) {
      outcome.Deleted.push(...result.value.Deleted);
      outcome.Errors.push(...result.value.Errors);
    } else {
      outcome.Errors.push(...batch.map((attendee) => batchError(attendee, result.failure)));
      // NotFoundException: the batch held no attendee the meeting still has (the worker answers the first
      // error when none could be deleted), so the next batches may well succeed. Anything else (a token,
      // a network, a worker that is down) would fail them too.
      if (!isMeetingNotFound(result.failure)) {
        options.onProgress?.(start + batch.length, targets.length);
        return { ...outcome, notAttempted: targets.slice(start + size), stopped: result.failure };
      }
    }
    options.onProgress?.(Math.min(start + size, targets.length), targets.length);
  }
  return outcome;
}

function batchError({ AttendeeId, ExternalUserId }: ListedAttendee, failure: WorkerFailure): DeleteAttendeeError {
  const error = (ErrorCode: string, ErrorMessage: string) => ({ AttendeeId, ExternalUserId, ErrorCode, ErrorMessage });
  switch (failure.kind) {
    case 'refused':
      return error(failure.code, failure.message);
    case 'cancelled':
      return error('Cancelled', `Cancelled while the worker was deleting it: ${MAYBE_DELETED}`);
    default:
      return error(ERROR_CODES[failure.kind], `${failureLine(failure)}: ${MAYBE_DELETED}`);
  }
}

const MAYBE_DELETED = 'it may have been deleted (Show Meeting lists what is left)';
const ERROR_CODES = { network: 'NetworkError', timeout: 'Timeout', unexpected: 'UnexpectedAnswer' } as const;

/** An answer of the worker itself (deleting by prefix, in one request) as an outcome. */
export function outcomeOf(response: DeleteAttendeesResponse): DeletionOutcome {
  return { Deleted: response.Deleted, Errors: response.Errors, notAttempted: [] };
}
