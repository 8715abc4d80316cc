// A tiny assert/test helper for the in-host suite (no mocha: the same bundle runs in the web and desktop hosts).

export interface TestCase {
  readonly name: string;
  readonly fn: () => Promise<void>;
}

export class AssertionError extends Error {}

export function ok(value: unknown, message: string): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  if (actual !== expected) throw new AssertionError(`${message}: expected ${String(expected)}, got ${String(actual)}`);
}

export function includes(text: string, part: string, message: string): void {
  if (!text.includes(part))
    throw new AssertionError(
      `${message}: expected to find ${JSON.stringify(part)} in:\n${text.length > 600 ? `${text.slice(0, 600)}…` : text}`,
    );
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new AssertionError(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs every case, logs one line each, and throws a summary when any failed. */
export async function runCases(cases: readonly TestCase[], log: (line: string) => void = console.log): Promise<void> {
  const failures: string[] = [];
  for (const c of cases) {
    const started = Date.now();
    try {
      await c.fn();
      log(`  ok   ${c.name} (${Date.now() - started} ms)`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${c.name}: ${message}`);
      log(`  FAIL ${c.name}: ${message}`);
    }
  }
  log(`${cases.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length)
    throw new Error(`${failures.length} of ${cases.length} in-host tests failed:\n${failures.join('\n')}`);
}
