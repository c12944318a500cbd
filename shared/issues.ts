import * as v from 'valibot';
import type { ValidationIssue } from './schemas.ts';

/** A message for any rule that has none of its own: it names what was expected, never what was received. */
export const ruleMessage = (issue: v.BaseIssue<unknown>) => (issue.expected ? `must be ${issue.expected}` : 'is invalid');

/** `Attendees[0].ExternalUserId` for an issue's path; the root is named `body`. */
export function issuePath(issue: v.BaseIssue<unknown>, root = 'body'): string {
  let path = '';
  for (const item of issue.path ?? []) {
    path += typeof item.key === 'number' ? `[${item.key}]` : path ? `.${String(item.key)}` : String(item.key);
  }
  return path || root;
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[], root?: string): ValidationIssue[] {
  return issues.map((issue) => ({ Path: issuePath(issue, root), Message: issue.message }));
}

/** One line for people: `Attendees[0].ExternalUserId: must be 2 to 64 characters; ...`. */
export function summarizeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.Path}: ${i.Message}`).join('; ');
}

/** valibot's safeParse with messages that never echo input. */
export function parseSafely<S extends v.GenericSchema>(schema: S, input: unknown) {
  return v.safeParse(schema, input, { message: ruleMessage });
}
