/**
 * The line being typed in each document, so that hints about a line wait until the person
 * leaves it: a hint that appears, changes or vanishes beside the caret at every keystroke (the
 * line is half written, its verdict flips) distracts, and one placed mid-line pushes the text
 * being typed to the right.
 *
 * A line becomes "being typed" when an edit lands on it, and stops being so when the cursor
 * moves to another line. Keys are document URIs; lines are 0-based.
 */
export class EditingLines {
  private readonly lines = new Map<string, number>();

  /**
   * Records an edit whose last change ends on `line`. Returns true when the line being typed
   * changed (hints elsewhere may show again).
   */
  edited(key: string, line: number): boolean {
    const before = this.lines.get(key);
    this.lines.set(key, line);
    return before !== line;
  }

  /** Records where the cursor is. Returns true when this ends the typing of a line. */
  moved(key: string, cursorLine: number): boolean {
    const editing = this.lines.get(key);
    if (editing === undefined || editing === cursorLine) return false;
    this.lines.delete(key);
    return true;
  }

  /** The line being typed in the document, if any. */
  lineOf(key: string): number | undefined {
    return this.lines.get(key);
  }

  forget(key: string): void {
    this.lines.delete(key);
  }
}
