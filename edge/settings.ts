/** A setting that lists items, comma-separated: each trimmed, blanks dropped; none when it is unset. */
export function commaSeparated(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
