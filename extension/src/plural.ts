/** `1 attendee`, `2 attendees`; `many` for words that do not just take an s (`1 slot is`, `2 slots are`). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
