// Pure number formatting shared by the extension host, the webview and reports: engineering units over exact integers.
import { conventionRules, type Convention } from '../core/api/options';

const decimalUnits = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Exact integer with thousands separators: 12853248 -> `12,853,248`. */
export function formatExact(value: bigint | number | string): string {
  const text = String(value);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/** Three significant digits, trailing zeros dropped: 12.845 -> `12.8`, 32.0 -> `32`. */
function significant(value: number): string {
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(digits).replace(/\.0+$|(\.\d*?)0+$/, '$1');
}

/** Scales `value` by `base` until it is below `base`; returns the mantissa and the unit index. */
function scale(value: bigint, base: bigint, units: number): [number, number] {
  let index = 0;
  let whole = value < 0n ? -value : value;
  let divisor = 1n;
  while (whole >= base && index < units - 1) {
    whole /= base;
    divisor *= base;
    index++;
  }
  const abs = value < 0n ? -value : value;
  let mantissa = Number(abs) / Number(divisor);
  if (mantissa >= 999.5 && index < units - 1) {
    mantissa /= Number(base);
    index++;
  }
  return [value < 0n ? -mantissa : mantissa, index];
}

/** Engineering units: 12853248n, 'FLOPs' -> `12.9 MFLOPs`; 500n -> `500 FLOPs`. */
export function formatCount(value: bigint | string, unit = ''): string {
  const n = typeof value === 'string' ? BigInt(value) : value;
  const [mantissa, index] = scale(n, 1000n, decimalUnits.length);
  const sep = unit || decimalUnits[index] ? ' ' : '';
  return `${significant(mantissa)}${sep}${decimalUnits[index]}${unit}`;
}

/** Binary units for bytes: 32768n -> `32 KiB`, 100n -> `100 B`. */
export function formatBytes(value: bigint | string): string {
  const n = typeof value === 'string' ? BigInt(value) : value;
  const [mantissa, index] = scale(n, 1024n, binaryUnits.length);
  return `${significant(mantissa)} ${binaryUnits[index]}`;
}

/** Engineering value followed by the exact integer: `12.9 MFLOPs (12,853,248)`. */
export function formatCountExact(value: bigint | string, unit = ''): string {
  const n = typeof value === 'string' ? BigInt(value) : value;
  return n < 1000n && n > -1000n ? formatCount(n, unit) : `${formatCount(n, unit)} (${formatExact(n)})`;
}

/** Bytes with the exact count: `32 KiB (32,768 B)`. */
export function formatBytesExact(value: bigint | string): string {
  const n = typeof value === 'string' ? BigInt(value) : value;
  return n < 1024n && n > -1024n ? formatBytes(n) : `${formatBytes(n)} (${formatExact(n)} B)`;
}

/** Share of `part` in `total` as a percentage string: `42.1%`; `0%` when total is zero. */
export function formatShare(part: bigint | string, total: bigint | string): string {
  const p = BigInt(part);
  const t = BigInt(total);
  if (t === 0n) return '0%';
  const permille = Number((p * 10000n) / t) / 100;
  return `${permille >= 10 ? permille.toFixed(1) : permille.toFixed(2).replace(/0$/, '')}%`;
}

/** Fraction in [0, 1] of part over total, for bars and heat tints. */
export function shareOf(part: bigint | string, total: bigint | string): number {
  const t = BigInt(total);
  if (t <= 0n) return 0;
  return Math.min(1, Math.max(0, Number((BigInt(part) * 1_000_000n) / t) / 1_000_000));
}

/** The unit of the main count under a convention: `macs` counts MACs, the others FLOPs. */
export function flopUnit(convention: string): 'FLOPs' | 'MACs' {
  return Object.hasOwn(conventionRules, convention) ? conventionRules[convention as Convention].unit : 'FLOPs';
}
