// The interpreter step budget setting (flopscope.analysis.maxSteps): its bounds, and a value clamped to them.

/** The bounds package.json declares for `flopscope.analysis.maxSteps` (a test checks they agree). */
export const stepBounds = { min: 1000, max: 50_000_000, default: 2_000_000 } as const;

/** A setting's value as a usable budget: a number clamped to the bounds, else the default. */
export function clampSteps(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return stepBounds.default;
  return Math.min(stepBounds.max, Math.max(stepBounds.min, Math.floor(value)));
}
