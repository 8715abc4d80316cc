// Maps character offsets of one source file to 1-based lines and line spans.
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  line(pos: number): number {
    let lo = 0,
      hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** From pos (a statement's start) to the end of its line. */
  statementSpan(pos: number): { s: number; e: number } {
    const line = this.line(pos);
    const lineEnd = line < this.starts.length ? this.starts[line] - 1 : this.source.length;
    return { s: pos, e: Math.max(lineEnd, pos + 1) };
  }
  /** The whole of a 1-based line, as a span. */
  lineSpan(line: number): { start: number; end: number; line: number } {
    const start = this.starts[line - 1] ?? 0;
    const end = line < this.starts.length ? this.starts[line] - 1 : this.source.length;
    return { start, end, line };
  }
  /** The whole source text (inspect.getsource of a module). */
  get text(): string {
    return this.source;
  }
  slice(s: number, e: number): string {
    return this.source.slice(s, e);
  }
}
