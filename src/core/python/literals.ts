// Decodes Python number and string literal text into values.

export function parseNumber(text: string): { v: number; float: boolean; imag?: true } {
  const t = text.replace(/_/g, '');
  if (/^0[xX]/.test(t)) return { v: parseInt(t.slice(2), 16), float: false };
  if (/^0[oO]/.test(t)) return { v: parseInt(t.slice(2), 8), float: false };
  if (/^0[bB]/.test(t)) return { v: parseInt(t.slice(2), 2), float: false };
  // An imaginary literal (`1j`, `2.5J`): its coefficient.
  if (/[jJ]$/.test(t)) return { v: parseFloat(t.slice(0, -1)), float: true, imag: true };
  if (/[.eE]/.test(t)) return { v: parseFloat(t), float: true };
  return { v: parseInt(t, 10), float: false };
}

const escapes: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** Splits a string token into its prefix, quote and body. */
export function splitString(text: string): { prefix: string; quote: string; body: string } {
  const m = /^([rRbBuUfF]*)('''|"""|'|")/.exec(text);
  if (!m) return { prefix: '', quote: '', body: text };
  const quote = m[2];
  const start = m[0].length;
  const end = text.endsWith(quote) && text.length >= start + quote.length ? text.length - quote.length : text.length;
  return { prefix: m[1].toLowerCase(), quote, body: text.slice(start, end) };
}

export function unescape(body: string, raw: boolean): string {
  if (raw || !body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|\n|.)/g, (_m, c: string) => {
    if (c[0] === 'x' || c[0] === 'u') return String.fromCharCode(parseInt(c.slice(1), 16));
    if (c === '\n') return '';
    return escapes[c] ?? '\\' + c;
  });
}

export function parseString(text: string): string {
  const { prefix, body } = splitString(text);
  return unescape(body, prefix.includes('r'));
}
