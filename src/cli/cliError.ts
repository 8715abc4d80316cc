// The CLI's exit statuses, and the error that ends a run with a clear message instead of a stack.

export const exitCodes = {
  ok: 0,
  shapeErrors: 1,
  usage: 2,
  partial: 3,
  internal: 4,
} as const;

/** Bad usage or unusable input: the message is printed as is, the status is 2. */
export class UsageError extends Error {}

/** One line for an internal error: the error's own first line, never its stack (that is for --debug). */
export function internalMessage(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return 'internal error: the analysis nested too deeply (maximum call stack size exceeded)';
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const first = text.split('\n')[0].replace(/\p{Cc}/gu, '?');
  return `internal error: ${first.length > 300 ? `${first.slice(0, 297)}...` : first}`;
}
