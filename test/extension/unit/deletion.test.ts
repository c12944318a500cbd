import { describe, expect, it } from 'vitest';
import { deleteInBatches, outcomeOf, type DeleteBatch } from '../../../extension/src/delete/batches.ts';
import { confirmDeletionMessage, deletionLogLine, deletionRows, deletionSummary } from '../../../extension/src/delete/deletionText.ts';
import type { WorkerFailure } from '../../../extension/src/worker/client.ts';

const meetingId = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const attendees = (n: number) => Array.from({ length: n }, (_, i) => ({ AttendeeId: `id-${i + 1}`, ExternalUserId: `bot-${i + 1}` }));
const byId = new Map(attendees(100).map((a) => [a.AttendeeId, a]));
const exchange = { status: 200, elapsedMs: 1 };

/** Deletes every AttendeeId it is given, except the ones listed as failing; records the batches. */
function fakeBatches(options: { failing?: string[]; batchFailure?: (index: number) => WorkerFailure | undefined } = {}) {
  const batches: string[][] = [];
  const deleteBatch: DeleteBatch = async (ids) => {
    batches.push(ids);
    const failure = options.batchFailure?.(batches.length - 1);
    if (failure) return { ok: false, failure };
    const failing = (id: string) => options.failing?.includes(id);
    return {
      ok: true,
      exchange,
      value: {
        Deleted: ids.filter((id) => !failing(id)).map((id) => byId.get(id)!),
        Errors: ids.filter(failing).map((id) => ({ ...byId.get(id)!, ErrorCode: 'ServiceFailureException', ErrorMessage: 'no' })),
      },
    };
  };
  return { batches, deleteBatch };
}

const refused = (code: 'NotFoundException' | 'ForbiddenException', message = 'x'): WorkerFailure => ({ kind: 'refused', code, message });

describe('deleting in batches', () => {
  it('sends batches of 25 AttendeeIds and reports progress after each', async () => {
    const { batches, deleteBatch } = fakeBatches({ failing: ['id-30'] });
    const progress: number[] = [];
    const outcome = await deleteInBatches(attendees(60), deleteBatch, {
      signal: new AbortController().signal,
      onProgress: (done) => progress.push(done),
    });
    expect(batches.map((b) => b.length)).toEqual([25, 25, 10]);
    expect(progress).toEqual([25, 50, 60]);
    expect(outcome.Deleted).toHaveLength(59);
    expect(outcome.Errors).toEqual([expect.objectContaining({ AttendeeId: 'id-30', ErrorCode: 'ServiceFailureException' })]);
    expect(outcome.notAttempted).toEqual([]);
    expect(outcome.stopped).toBeUndefined();
  });

  it('goes on after a batch the meeting no longer holds (NotFoundException), and stops after anything else', async () => {
    const goesOn = fakeBatches({
      batchFailure: (i) => (i === 0 ? refused('NotFoundException', 'The meeting holds no attendee with this AttendeeId') : undefined),
    });
    const after404 = await deleteInBatches(attendees(30), goesOn.deleteBatch, { signal: new AbortController().signal, batchSize: 10 });
    expect([after404.Errors.length, after404.Deleted.length, after404.notAttempted.length]).toEqual([10, 20, 0]);
    expect(after404.Errors[0]).toEqual({
      AttendeeId: 'id-1',
      ExternalUserId: 'bot-1',
      ErrorCode: 'NotFoundException',
      ErrorMessage: 'The meeting holds no attendee with this AttendeeId',
    });

    const stops = fakeBatches({ batchFailure: (i) => (i === 1 ? refused('ForbiddenException', "token 'ci' may not delete") : undefined) });
    const after403 = await deleteInBatches(attendees(30), stops.deleteBatch, { signal: new AbortController().signal, batchSize: 10 });
    expect(stops.batches).toHaveLength(2);
    expect([after403.Deleted.length, after403.Errors.length, after403.notAttempted.length]).toEqual([10, 10, 10]);
    expect(after403.stopped).toEqual(refused('ForbiddenException', "token 'ci' may not delete"));
  });

  it('stops on a worker that has no such route (an older worker), which a 404 does not always mean', async () => {
    const { deleteBatch } = fakeBatches({
      batchFailure: () => refused('NotFoundException', 'No such route; the routes are listed in /openapi.json'),
    });
    const outcome = await deleteInBatches(attendees(30), deleteBatch, { signal: new AbortController().signal, batchSize: 10 });
    expect([outcome.Errors.length, outcome.notAttempted.length, outcome.stopped?.kind]).toEqual([10, 20, 'refused']);
  });

  it('marks a network failure as possibly deleted', async () => {
    const { deleteBatch } = fakeBatches({ batchFailure: () => ({ kind: 'network', detail: 'ECONNRESET' }) });
    const outcome = await deleteInBatches(attendees(3), deleteBatch, { signal: new AbortController().signal });
    expect(outcome.Errors[0]).toMatchObject({ ErrorCode: 'NetworkError', ErrorMessage: expect.stringContaining('may have been deleted') });
  });

  it('stops when cancelled: the batch under way has an unknown outcome, the rest are not sent', async () => {
    const controller = new AbortController();
    const deleteBatch: DeleteBatch = async (ids) => {
      if (ids[0] === 'id-11') {
        controller.abort();
        return { ok: false, failure: { kind: 'cancelled' } };
      }
      return { ok: true, exchange, value: { Deleted: ids.map((id) => byId.get(id)!), Errors: [] } };
    };
    const outcome = await deleteInBatches(attendees(30), deleteBatch, { signal: controller.signal, batchSize: 10 });
    expect(outcome.Deleted).toHaveLength(10);
    expect(outcome.Errors.map((e) => e.ErrorCode)).toEqual(Array(10).fill('Cancelled'));
    expect(outcome.notAttempted.map((a) => a.AttendeeId)).toEqual(
      attendees(30)
        .slice(20)
        .map((a) => a.AttendeeId),
    );
    expect(outcome.stopped).toEqual({ kind: 'cancelled' });
  });

  it('sends nothing when cancelled before it starts', async () => {
    const { batches, deleteBatch } = fakeBatches();
    const outcome = await deleteInBatches(attendees(5), deleteBatch, { signal: AbortSignal.abort() });
    expect(batches).toEqual([]);
    expect([outcome.Deleted.length, outcome.notAttempted.length, outcome.stopped?.kind]).toEqual([0, 5, 'cancelled']);
  });
});

describe('presenting deletions', () => {
  const deleted = attendees(3);
  const error = { AttendeeId: 'id-9', ExternalUserId: 'bot-9', ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' };

  it('sums up what happened', () => {
    expect(deletionSummary(outcomeOf({ Deleted: deleted, Errors: [] }))).toBe('Deleted 3 attendees');
    expect(deletionSummary(outcomeOf({ Deleted: deleted.slice(0, 1), Errors: [] }))).toBe('Deleted 1 attendee');
    expect(deletionSummary(outcomeOf({ Deleted: deleted, Errors: [error] }))).toBe('Deleted 3 of 4 attendees (1 failed)');
    expect(deletionSummary({ Deleted: deleted, Errors: [error], notAttempted: attendees(2) })).toBe(
      'Deleted 3 of 6 attendees (1 failed, 2 not attempted)',
    );
    expect(deletionSummary(outcomeOf({ Deleted: [], Errors: [] }))).toBe('Deleted no attendees: none was selected');
  });

  it('lists deleted, failed and not attempted attendees, each under its heading', () => {
    const rows = deletionRows(
      {
        Deleted: deleted.slice(0, 1),
        Errors: [error, { AttendeeId: 'id-404', ErrorCode: 'NotFoundException', ErrorMessage: 'gone' }],
        notAttempted: attendees(1),
      },
      'Cancelled',
    );
    expect(rows).toEqual([
      { separator: true, label: 'Deleted (1)' },
      { label: '$(trash) bot-1', description: 'id-1', attendeeId: 'id-1' },
      { separator: true, label: 'Failed (2)' },
      { label: '$(error) bot-9', description: 'ThrottlingException', detail: 'slow down', attendeeId: 'id-9' },
      { label: '$(error) id-404', description: 'NotFoundException', detail: 'gone', attendeeId: 'id-404' },
      { separator: true, label: 'Not attempted (1)' },
      { label: '$(circle-slash) bot-1', description: 'id-1', detail: 'Cancelled', attendeeId: 'id-1' },
    ]);
    expect(deletionRows(outcomeOf({ Deleted: [], Errors: [] }))).toEqual([]);
  });

  it('asks for confirmation saying how many, and which', () => {
    expect(confirmDeletionMessage(meetingId, 12, { prefix: 'loadtest-' })).toBe(
      `Delete 12 attendees whose ExternalUserId starts with "loadtest-" from meeting ${meetingId}? Each frees its slot; anyone joined as one of them is removed from the meeting.`,
    );
    expect(confirmDeletionMessage(meetingId, 1, { picked: true })).toMatch(/^Delete 1 attendee you picked from meeting/);
    expect(confirmDeletionMessage(meetingId, undefined, { prefix: 'ci-' })).toMatch(
      /^Delete every attendee whose ExternalUserId starts with "ci-" \(the token may not list the meeting, so how many is not known\)/,
    );
  });

  it('logs counts and codes, never who', () => {
    const line = deletionLogLine({ Deleted: deleted, Errors: [error, error], notAttempted: attendees(1) });
    expect(line).toBe('deleted 3, failed 2 [ThrottlingException×2], not attempted 1');
    expect(line).not.toMatch(/bot-/);
  });
});
