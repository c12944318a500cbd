import { parseSafely, TagsSchema, type Tag } from '../../../shared/index.ts';

export type TagsAnswer = { tags: Tag[] | undefined } | { problem: string };

/** `team=qa, run=42` into tags (split at each comma, then at the first `=`); empty text means no tags. */
export function parseTags(text: string): TagsAnswer {
  const entries = text
    .split(/[,\r\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return { tags: undefined };
  const tags: Tag[] = [];
  for (const [index, entry] of entries.entries()) {
    const equals = entry.indexOf('=');
    if (equals < 0) return { problem: `Tag ${index + 1} must look like Key=Value` };
    tags.push({ Key: entry.slice(0, equals).trim(), Value: entry.slice(equals + 1).trim() });
  }
  const result = parseSafely(TagsSchema, tags);
  return result.success ? { tags: result.output } : { problem: describeTagIssue(result.issues[0]) };
}

export function formatTags(tags: readonly Tag[] | undefined): string {
  return (tags ?? []).map((tag) => `${tag.Key}=${tag.Value}`).join(', ');
}

/** `Tag 2 Value must be 1 to 256 characters`, or the list's own rule when no tag is at fault. */
function describeTagIssue(issue: { message: string; path?: ReadonlyArray<{ key: unknown }> }): string {
  const [item, field] = issue.path ?? [];
  if (typeof item?.key !== 'number') return `Tags ${issue.message}`;
  return `Tag ${item.key + 1} ${field ? `${String(field.key)} ` : ''}${issue.message}`;
}
