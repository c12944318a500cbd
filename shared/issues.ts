import * as v from 'valibot';
import { LIMITS } from './limits.ts';
import type { ValidationIssue } from './answers.ts';

/** How many issues a message names before it only counts the rest. */
const ISSUES_NAMED = 3;

/** A message for any rule that has none of its own: it names what was expected, never what was received. */
export const ruleMessage = (issue: v.BaseIssue<unknown>) => (issue.expected ? `must be ${issue.expected}` : 'is invalid');

/** Text from the caller made safe to repeat: control and format characters replaced, at most `max` characters. */
export function echoable(text: string, max: number = LIMITS.echoedTextLength): string {
  const safe = text.slice(0, max).replace(/\p{C}/gu, '\uFFFD');
  return text.length > max ? `${safe}…` : safe;
}

/** `Attendees[0].ExternalUserId` for an issue's path; the root is named `body`. Unknown keys come from the caller. */
export function issuePath(issue: v.BaseIssue<unknown>, root = 'body'): string {
  let path = '';
  for (const item of issue.path ?? []) {
    path += typeof item.key === 'number' ? `[${item.key}]` : `${path ? '.' : ''}${echoable(String(item.key))}`;
  }
  return path || root;
}

/** Items of a list checked only up to their first issue, once the list had found as many as an answer lists. */
export interface FurtherItemsIssue extends v.BaseIssue<unknown> {
  type: 'further_items';
  /** How many of those items have an issue. */
  items: number;
}

const furtherItems = (count: number) => `${count} further item${count === 1 ? '' : 's'}`;
const isFurtherItems = (issue: v.BaseIssue<unknown>): issue is FurtherItemsIssue => issue.type === 'further_items';

/** The issue a list raises for `items` further items that have issues, whose issues it did not keep. */
export function furtherItemsIssue(input: unknown[], items: number, config: v.Config<v.BaseIssue<unknown>>): FurtherItemsIssue {
  return {
    kind: 'validation',
    type: 'further_items',
    input,
    expected: null,
    received: `${items} items`,
    message: `has issues in ${furtherItems(items)}`,
    items,
    lang: config.lang,
    abortEarly: config.abortEarly,
    abortPipeEarly: config.abortPipeEarly,
  };
}

/** The first LIMITS.issuesListed issues found in full, each with its field and rule. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], root?: string): ValidationIssue[] {
  const listed: ValidationIssue[] = [];
  for (const issue of issues) {
    if (listed.length === LIMITS.issuesListed) break;
    if (!isFurtherItems(issue)) listed.push({ Path: issuePath(issue, root), Message: issue.message });
  }
  return listed;
}

/** One line for people: `Attendees[0].ExternalUserId: must be 2 to 64 characters; ...`, then how many of `total` it left out. */
export function summarizeIssues(issues: readonly ValidationIssue[], total = issues.length): string {
  const named = issues.map((i) => `${i.Path}: ${i.Message}`).join('; ');
  return total > issues.length ? `${named}; and ${total - issues.length} more issues` : named;
}

/**
 * A validation failure as answered: the first issues listed, and a summary that names a few, counts the rest found
 * in full, and then the items of each list that were checked only up to their first issue.
 */
export function reportIssues(issues: readonly v.BaseIssue<unknown>[], root?: string): { summary: string; issues: ValidationIssue[] } {
  const listed = describeIssues(issues, root);
  const further = issues.filter(isFurtherItems);
  const named = summarizeIssues(listed.slice(0, ISSUES_NAMED), issues.length - further.length);
  const counted = further.map((issue) => `; and more issues in ${furtherItems(issue.items)} of ${issuePath(issue, root)}`);
  return { summary: named + counted.join(''), issues: listed };
}

/** valibot's safeParse with messages that never echo input. */
export function parseSafely<S extends v.GenericSchema>(schema: S, input: unknown) {
  return v.safeParse(schema, input, { message: ruleMessage });
}
