import type { previewText } from '../core/preview/previewText';
import type { StepState } from '../core/preview/stepTable';
import type { Arrow } from './arrows';
import { StepStateView } from './stepStateView';

type PanelText = ReturnType<typeof previewText>;

/** The toolbar's step control and the table under the diagram. */
export interface TimelineElements {
  readonly group: HTMLElement;
  readonly back: HTMLButtonElement;
  readonly forward: HTMLButtonElement;
  readonly slider: HTMLInputElement;
  readonly count: HTMLElement;
  readonly predict: HTMLButtonElement;
  readonly table: HTMLElement;
}

/** What the timeline asks of the page around it. */
export interface TimelineHost {
  /** Moves the editor's cursor to an arrow's line, leaving the keyboard in the preview. */
  reveal(line: number): void;
  /** Scrolls an element of the diagram into view. */
  show(element: Element): void;
  /** The step or the predict mode changed: keep them with the page's state (see `state`). */
  changed(): void;
}

/**
 * What the timeline keeps in the webview's state (vscode.setState), so that a panel hidden and
 * shown again, or restored by VS Code, comes back on the same step: the step, its arrow's line
 * (to find the step again in a drawing that changed meanwhile) and the predict mode.
 */
export interface TimelineState {
  readonly step: number;
  readonly line: number;
  readonly predicting: boolean;
}

/** More steps or lines than any drawing has: a bound for what is read back. */
const MAX_SAVED = 10_000_000;

/** Whether a value read back from the webview's state is a TimelineState. */
export function isTimelineState(value: unknown): value is TimelineState {
  if (typeof value !== 'object' || value === null) return false;
  const { step, line, predicting } = value as Record<string, unknown>;
  // `line` is -1 at step 0, which has no arrow.
  return within(step, 0) && within(line, -1) && typeof predicting === 'boolean';
}

function within(value: unknown, min: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= MAX_SAVED;
}

/** How many unanswered cursor moves are remembered. */
const MAX_ECHOES = 20;

/**
 * The numbers of a segment's label (render/mermaid.ts: seq=, ack=, win=, len=) and the value a
 * wrong one should have had (the `shouldBe` of render/renderText.ts, in English or 简体中文):
 * the predict mode shows `?` for them, and for a payload (in quotes, render/labelLines.ts).
 */
const NUMBER = /\b(seq|ack|win|len)=\S+/g;
const SHOULD_BE = /(✗ (?:should be|应为) )\S+/g;
/** A hidden payload: its quotes around a question mark. */
const HIDDEN_PAYLOAD = '"?"';

/**
 * Steps through the drawn diagram: step N shows arrows 1..N as drawn and the later ones greyed
 * (classes on Mermaid's own elements: nothing is drawn again), marks arrow N and shows the
 * endpoints after it. Step 0, the start, is the diagram as it is without a timeline.
 */
export class Timeline {
  private step = 0;
  private arrows: readonly Arrow[] = [];
  private states: readonly StepState[] = [];
  private predicting = false;
  /** A debugger stop past the drawn window, for the drawing of the window around it. */
  private stop: number | undefined;
  /** Label lines whose numbers the predict mode replaced, with their own text. */
  private readonly masked = new Map<Element, string>();
  private readonly view: StepStateView;
  /** The diagram's notes (states, derivations) and where each starts, to grey the later ones. */
  private notes: readonly { readonly element: Element; readonly top: number }[] = [];
  /**
   * Lines this timeline moved the cursor to whose highlight has not come back yet: when keys
   * step faster than the host answers, an older echo must not pull the step back.
   */
  private echoes: number[] = [];

  /** A saved state to go back to when the first drawing arrives. */
  private restoring: TimelineState | undefined;

  constructor(
    private readonly elements: TimelineElements,
    private readonly text: PanelText,
    private readonly host: TimelineHost,
    restored?: TimelineState,
  ) {
    this.view = new StepStateView(elements.table, text);
    this.restoring = restored && restored.step > 0 ? restored : undefined;
    this.predicting = restored?.predicting ?? false;
    elements.back.addEventListener('click', () => this.go(this.step - 1));
    elements.forward.addEventListener('click', () => this.go(this.step + 1));
    elements.slider.addEventListener('input', () => this.go(Number(elements.slider.value)));
    elements.predict.addEventListener('click', () => {
      this.predicting = !this.predicting;
      this.apply();
    });
    this.apply();
  }

  /** The step shown: 0 when the timeline is off. */
  get current(): number {
    return this.step;
  }

  /** What to keep in the webview's state. */
  get state(): TimelineState {
    // Until the first drawing, the state read back is still the one to keep.
    if (this.restoring) return this.restoring;
    return {
      step: this.step,
      line: this.arrows[this.step - 1]?.info.line ?? -1,
      predicting: this.predicting,
    };
  }

  /**
   * Takes the arrows of a new drawing and their table (absent from a host that sends none). The
   * step stays on the same source line when the new drawing still has it.
   */
  update(arrows: readonly Arrow[], states: readonly StepState[] | undefined): void {
    const line = this.arrows[this.step - 1]?.info.line;
    this.unmask();
    const usable = states !== undefined && states.length === arrows.length;
    this.arrows = usable ? arrows : [];
    this.states = usable ? states : [];
    this.notes = usable ? notesOf(arrows) : [];
    if (this.step > 0) {
      const same = this.arrows.findIndex((arrow) => arrow.info.line === line);
      this.step = same >= 0 ? same + 1 : Math.min(this.step, this.arrows.length);
    }
    const restoring = this.restoring;
    if (restoring && this.arrows.length > 0) {
      this.restoring = undefined;
      const same = this.arrows.findIndex((arrow) => arrow.info.line === restoring.line);
      this.step = same >= 0 ? same + 1 : Math.min(restoring.step, this.arrows.length);
    }
    if (this.stop !== undefined) {
      const stop = this.stop;
      this.stop = undefined;
      this.place(stop);
      return;
    }
    this.apply();
  }

  /** Shows step `step` (clamped), and moves the editor's cursor to its arrow. */
  go(step: number): void {
    const next = Math.max(0, Math.min(this.arrows.length, Math.round(step)));
    this.stop = undefined;
    if (next === this.step) return;
    this.step = next;
    this.apply();
    const arrow = this.arrows[next - 1];
    if (arrow) {
      this.echoes = [...this.echoes.slice(-(MAX_ECHOES - 1)), arrow.info.line];
      this.host.reveal(arrow.info.line);
      const first = arrow.elements[0];
      if (first) this.host.show(first);
    }
  }

  /**
   * Follows the editor's cursor while the timeline is on: the first arrow on the cursor's lines
   * becomes the step, unless the current one is already there (the echo of our own reveal).
   */
  follow(lines: readonly number[]): void {
    const wanted = new Set(lines);
    const echo = this.echoes.findIndex((line) => wanted.has(line));
    if (echo >= 0) {
      this.echoes = this.echoes.slice(echo + 1);
      return;
    }
    if (this.step === 0) return;
    if (wanted.has(this.arrows[this.step - 1]?.info.line ?? -1)) return;
    const index = this.arrows.findIndex((arrow) => wanted.has(arrow.info.line));
    if (index < 0) return;
    this.step = index + 1;
    this.apply();
  }

  /**
   * The debugger stopped on `line`: the timeline goes to that step, turning itself on. A line
   * with no arrow (`listen`, `expect`) shows the last arrow before it; a line past the drawn
   * window waits for the drawing of the window around it (see update). The editor is already
   * on the line: the cursor is not moved.
   */
  stopAt(line: number): void {
    const first = this.arrows[0]?.info.line ?? Infinity;
    const last = this.arrows[this.arrows.length - 1]?.info.line ?? -Infinity;
    this.stop = line < first || line > last ? line : undefined;
    this.place(line);
  }

  /** Shows the step of the last arrow on or before `line`, and that arrow if it is on it. */
  private place(line: number): void {
    let step = 0;
    this.arrows.forEach((arrow, index) => {
      if (arrow.info.line <= line) step = index + 1;
    });
    this.step = step;
    this.apply();
    const arrow = this.arrows[step - 1];
    const element = arrow?.info.line === line ? arrow.elements[0] : undefined;
    if (element) this.host.show(element);
  }

  /** Left/Right, Home/End and Escape on the diagram; true when the key was a step. */
  key(key: string): boolean {
    if (this.arrows.length === 0) return false;
    if (key === 'ArrowRight') this.go(this.step + 1);
    else if (key === 'ArrowLeft') this.go(this.step - 1);
    else if (key === 'Home') this.go(1);
    else if (key === 'End') this.go(this.arrows.length);
    else if (key === 'Escape' && this.step > 0) this.go(0);
    else return false;
    return true;
  }

  private apply(): void {
    const { group, back, forward, slider, count, predict } = this.elements;
    const total = this.arrows.length;
    group.hidden = total === 0;
    slider.max = String(total);
    slider.value = String(this.step);
    back.disabled = this.step === 0;
    forward.disabled = this.step >= total;
    count.textContent = `${this.step === 0 ? '–' : this.step}/${total}`;
    predict.setAttribute('aria-pressed', String(this.predicting));
    document.body.classList.toggle('hs-stepping', this.step > 0);
    this.arrows.forEach((arrow, index) => {
      for (const element of arrow.elements) {
        element.classList.toggle('hs-future', this.step > 0 && index >= this.step);
        element.classList.toggle('hs-current', index === this.step - 1);
      }
    });
    // A note after the next arrow (a state, a derived key) belongs to a later step too.
    const next = this.step > 0 ? this.arrows[this.step]?.elements[0] : undefined;
    const limit = next ? topOf(next) : Infinity;
    for (const note of this.notes) note.element.classList.toggle('hs-future', note.top >= limit);
    this.unmask();
    if (this.predicting && this.step > 0) this.mask(this.arrows[this.step]);
    this.view.show(this.states[this.step - 1], this.step, total);
    this.host.changed();
  }

  /**
   * Hides the next arrow's numbers and payload until the user steps. A label is drawn one text
   * element per line, and a long payload may run from one line into the next: the quote that
   * opens it is carried from line to line.
   */
  private mask(arrow: Arrow | undefined): void {
    let quoted = false;
    for (const element of arrow?.elements ?? []) {
      if (!element.classList.contains('messageText')) continue;
      const own = element.textContent ?? '';
      const [hidden, stillQuoted] = hideLine(own, quoted);
      quoted = stillQuoted;
      if (hidden === own) continue;
      this.masked.set(element, own);
      element.textContent = hidden;
    }
  }

  private unmask(): void {
    for (const [element, own] of this.masked) element.textContent = own;
    this.masked.clear();
  }
}

/** The notes of the diagram the arrows are in, with their tops in the diagram's units. */
function notesOf(arrows: readonly Arrow[]): { element: Element; top: number }[] {
  const svg = arrows[0]?.elements[0]?.closest('svg');
  if (!svg) return [];
  return [...svg.querySelectorAll('.note, .noteText')].map((element) => ({
    element,
    top: topOf(element),
  }));
}

function topOf(element: Element): number {
  return element instanceof SVGGraphicsElement ? element.getBBox().y : Infinity;
}

/**
 * One line of a label with its numbers and its payload hidden; `quoted` when the line starts
 * inside a payload begun on the line before. Returns the line and whether it ends inside one.
 */
function hideLine(line: string, quoted: boolean): [string, boolean] {
  let out = '';
  let rest = line;
  let inside = quoted;
  while (rest !== '') {
    const quote = rest.indexOf('"');
    if (inside) {
      // The payload's text is dropped; its closing quote went out with its opening one.
      if (quote < 0) return [out.trimEnd(), true];
      rest = rest.slice(quote + 1);
      inside = false;
      continue;
    }
    const plain = quote < 0 ? rest : rest.slice(0, quote);
    out += plain.replace(NUMBER, '$1=?').replace(SHOULD_BE, '$1?');
    if (quote < 0) break;
    out += HIDDEN_PAYLOAD;
    rest = rest.slice(quote + 1);
    inside = true;
  }
  return [out, inside];
}
