import { Hono } from 'hono/tiny';
import { validator } from 'hono/validator';
import * as v from 'valibot';
import { HEADERS, MeetingIdSchema, describeIssues, parseSafely, summarizeIssues } from '../../shared/index.ts';
import { createAttendees, type BatchStats } from '../batch.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { requireBearerToken } from '../middleware/auth.ts';
import { jsonBody } from '../middleware/json-body.ts';
import type { RequestSchemaOutput } from '../runtime.ts';

function invalid(issues: readonly v.BaseIssue<unknown>[], root?: string): ApiError {
  const described = describeIssues(issues, root);
  return new ApiError('BadRequestException', `Invalid request: ${summarizeIssues(described)}`, { issues: described });
}

const meetingParam = validator('param', (params: Record<string, string>) => {
  const result = parseSafely(MeetingIdSchema, params.meetingId);
  if (!result.success) throw invalid(result.issues, 'MeetingId');
  return { meetingId: result.output };
});

/** AWS's own path carries `?operation=batch-create`; it is optional here, anything else is refused. */
const operationQuery = validator('query', (query: Record<string, string | string[]>) => {
  if (query.operation !== undefined && query.operation !== 'batch-create') {
    throw new ApiError('BadRequestException', 'Invalid request: operation: must be batch-create when given', {
      issues: [{ Path: 'operation', Message: 'must be batch-create when given' }],
    });
  }
  return {};
});

const attendeesBody = validator('json', (body: unknown, c) => {
  const result = parseSafely(c.var.runtime.requestSchema, body);
  if (!result.success) throw invalid(result.issues);
  return result.output as RequestSchemaOutput;
});

export const attendeesRoutes = new Hono<AppEnv>().post(
  '/meetings/:meetingId/attendees',
  requireBearerToken,
  jsonBody,
  meetingParam,
  operationQuery,
  attendeesBody,
  async (c) => {
    const { meetingId } = c.req.valid('param');
    const { Attendees } = c.req.valid('json');
    const { client, retryPolicy } = c.var.runtime;
    Object.assign(c.var.log, { meetingId, requested: Attendees.length });
    const stats: BatchStats = { attempts: 0, upstreamMs: 0 };
    let answer;
    try {
      answer = await createAttendees(client, meetingId, Attendees, retryPolicy, stats);
    } finally {
      // Set before any answer is made, so error answers carry them too.
      Object.assign(c.var.log, { attempts: stats.attempts, upstreamStatus: stats.upstreamStatus, upstreamMs: stats.upstreamMs });
      c.header(HEADERS.attempts, String(stats.attempts));
      c.header('Server-Timing', `upstream;dur=${stats.upstreamMs}`);
    }
    Object.assign(c.var.log, { created: answer.Attendees.length, failed: answer.Errors.length });
    return c.json(answer, 200);
  },
);
