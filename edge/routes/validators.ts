import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import { AttendeeIdSchema, MeetingIdSchema, parseSafely, reportIssues, summarizeIssues, type ValidationIssue } from '../../shared/index.ts';
import type { AppEnv } from '../context.ts';
import { badRequest } from '../errors.ts';

/** The input parsed by the schema, or a 400 naming the failing fields and rules (the first ones, counting the rest), never the values. */
export function parseOrRefuse<S extends v.GenericSchema>(schema: S, input: unknown, root?: string): v.InferOutput<S> {
  const result = parseSafely(schema, input);
  if (result.success) return result.output;
  const { summary, issues } = reportIssues(result.issues, root);
  throw invalidRequest(issues, summary);
}

/** A 400 for these issues, each naming its field and rule; the message sums them up. */
export const invalidRequest = (issues: ValidationIssue[], summary = summarizeIssues(issues)) =>
  badRequest(`Invalid request: ${summary}`, { issues });

/** Path parameters checked by `read`, for the route to read with `c.req.valid('param')`; the meeting's ID is logged. */
const paramsOf = <P extends { meetingId: string }>(read: (params: Record<string, string>) => P) =>
  createMiddleware<AppEnv, string, { out: { param: P } }>(async (c, next) => {
    const params = read(c.req.param());
    c.get('log').meetingId = params.meetingId;
    c.req.addValidatedData('param', params);
    await next();
  });

export const meetingParam = paramsOf((params) => ({
  meetingId: parseOrRefuse(MeetingIdSchema, params.meetingId, 'MeetingId'),
}));

export const meetingAndAttendeeParams = paramsOf((params) => ({
  meetingId: parseOrRefuse(MeetingIdSchema, params.meetingId, 'MeetingId'),
  attendeeId: parseOrRefuse(AttendeeIdSchema, params.attendeeId, 'AttendeeId'),
}));

/**
 * The JSON body that jsonBody read and parsed (within its size, depth and value bounds), checked against a
 * schema, or the schema this configuration uses; the route reads it with `c.req.valid('json')`.
 */
export const jsonOf = <S extends v.GenericSchema>(schema: S | ((c: Context<AppEnv>) => S)) =>
  createMiddleware<AppEnv, string, { in: { json: v.InferInput<S> }; out: { json: v.InferOutput<S> } }>(async (c, next) => {
    c.req.addValidatedData('json', parseOrRefuse(typeof schema === 'function' ? schema(c) : schema, c.get('body')) as object);
    await next();
  });
