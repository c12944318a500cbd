import { validator } from 'hono/validator';
import * as v from 'valibot';
import { AttendeeIdSchema, MeetingIdSchema, parseSafely, reportIssues } from '../../shared/index.ts';
import { ApiError } from '../errors.ts';

/** The input parsed by the schema, or a 400 naming the failing fields and rules (the first ones, counting the rest), never the values. */
export function parsed<S extends v.GenericSchema>(schema: S, input: unknown, root?: string): v.InferOutput<S> {
  const result = parseSafely(schema, input);
  if (result.success) return result.output;
  const { summary, issues } = reportIssues(result.issues, root);
  throw new ApiError('BadRequestException', `Invalid request: ${summary}`, { issues });
}

export const meetingParam = validator('param', (params: Record<string, string>) => ({
  meetingId: parsed(MeetingIdSchema, params.meetingId, 'MeetingId'),
}));

export const meetingAndAttendeeParams = validator('param', (params: Record<string, string>) => ({
  meetingId: parsed(MeetingIdSchema, params.meetingId, 'MeetingId'),
  attendeeId: parsed(AttendeeIdSchema, params.attendeeId, 'AttendeeId'),
}));

/** A JSON body checked against a fixed schema (jsonBody has checked its media type and size). */
export const jsonOf = <S extends v.GenericSchema>(schema: S) => validator('json', (body: unknown) => parsed(schema, body));
