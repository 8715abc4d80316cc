// How a statement ended: normally, or by break / continue / return (which unwind to the enclosing loop or call).
export const enum Signal {
  Normal,
  Break,
  Continue,
  Return,
}
