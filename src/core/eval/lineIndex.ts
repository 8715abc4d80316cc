// Maps character offsets of one source file to 1-based lines and statement spans.
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly stmtEnds = new Map<number, number>();
  constructor(private readonly source: string, spans: { s: number; e: number }[]) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
    for (const sp of spans) this.stmtEnds.set(sp.s, sp.e);
  }
  line(pos: number): number {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }
  /** The span of the statement starting at pos, clipped to its first line. */
  statementSpan(pos: number): { s: number; e: number } {
    const line = this.line(pos);
    const lineEnd = line < this.starts.length ? this.starts[line] - 1 : this.source.length;
    const end = Math.min(this.stmtEnds.get(pos) ?? lineEnd, lineEnd);
    return { s: pos, e: Math.max(end, pos + 1) };
  }
  /** The whole of a 1-based line, as a span. */
  lineSpan(line: number): { start: number; end: number; line: number } {
    const start = this.starts[line - 1] ?? 0;
    const end = line < this.starts.length ? this.starts[line] - 1 : this.source.length;
    return { start, end, line };
  }
  slice(s: number, e: number): string {
    return this.source.slice(s, e);
  }
}
