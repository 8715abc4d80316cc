// Where a line of an older text sits after edits: annotations of the last result follow the code until the next one.

/** One replaced range of a text edit, in 1-based lines of the text before it, with how many newlines it inserted. */
export interface LineEdit {
  readonly startLine: number;
  readonly endLine: number;
  readonly insertedNewlines: number;
}

/** The line `line` after one event's edits (ranges of the same older text); undefined when it was replaced. */
export function shiftLine(edits: readonly LineEdit[], line: number): number | undefined {
  let delta = 0;
  for (const e of edits) {
    if (line > e.startLine && line <= e.endLine) return undefined;
    if (line > e.endLine) delta += e.insertedNewlines - (e.endLine - e.startLine);
  }
  return line + delta;
}

/** The line after a sequence of events, oldest first; undefined once any of them replaced it. */
export function followLine(events: readonly (readonly LineEdit[])[], line: number): number | undefined {
  let at: number | undefined = line;
  for (const edits of events) {
    if (at === undefined) return undefined;
    at = shiftLine(edits, at);
  }
  return at;
}
