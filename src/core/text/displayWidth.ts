/**
 * The columns a string takes in a monospace editor: two for East Asian Wide and Fullwidth
 * characters (Unicode's East Asian Width, UAX #11: CJK ideographs, kana, Hangul, full-width
 * forms, most emoji), one for everything else, zero for combining marks and joiners. What the
 * formatter aligns by, so that `客户端 -> 服务器` lines up with `client -> server`.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x300) {
      width++;
      continue;
    }
    const point = text.codePointAt(i) as number;
    if (point > 0xffff) i++; // the other half of a surrogate pair
    width += columnsOf(point);
  }
  return width;
}

function columnsOf(point: number): number {
  if (
    (point >= 0x300 && point <= 0x36f) || // combining diacritical marks
    point === 0x200b || // zero-width space
    point === 0x200d || // zero-width joiner
    (point >= 0xfe00 && point <= 0xfe0f) // variation selectors
  ) {
    return 0;
  }
  return (point >= 0x1100 && point <= 0x115f) ||
    (point >= 0x2e80 && point <= 0x303e) ||
    (point >= 0x3041 && point <= 0x33ff) ||
    (point >= 0x3400 && point <= 0x4dbf) ||
    (point >= 0x4e00 && point <= 0x9fff) ||
    (point >= 0xa000 && point <= 0xa4cf) ||
    (point >= 0xac00 && point <= 0xd7a3) ||
    (point >= 0xf900 && point <= 0xfaff) ||
    (point >= 0xfe30 && point <= 0xfe4f) ||
    (point >= 0xff00 && point <= 0xff60) ||
    (point >= 0xffe0 && point <= 0xffe6) ||
    (point >= 0x1f300 && point <= 0x1f64f) ||
    (point >= 0x1f900 && point <= 0x1f9ff) ||
    (point >= 0x20000 && point <= 0x3fffd)
    ? 2
    : 1;
}
