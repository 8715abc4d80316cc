// The bounded analysis settings (flopscope.analysis.maxSteps, memoryLimitMb): their bounds, and values clamped to them.

/** The bounds package.json declares for `flopscope.analysis.maxSteps` (a test checks they agree). */
export const stepBounds = { min: 1000, max: 50_000_000, default: 2_000_000 } as const;

/** The bounds of `flopscope.analysis.memoryLimitMb`, the analysis process's heap cap (real models need well under 500). */
export const memoryBounds = { min: 128, max: 16384, default: 2048 } as const;

type Bounds = { readonly min: number; readonly max: number; readonly default: number };

/** A setting's value as a usable number: an integer clamped to the bounds, else the default. */
function clamp(value: unknown, bounds: Bounds): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return bounds.default;
  return Math.min(bounds.max, Math.max(bounds.min, Math.floor(value)));
}

export const clampSteps = (value: unknown): number => clamp(value, stepBounds);
export const clampMemory = (value: unknown): number => clamp(value, memoryBounds);
