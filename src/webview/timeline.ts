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
}

/** How many unanswered cursor moves are remembered. */
const MAX_ECHOES = 20;

/**
 * A seq= or ack= value in a label, and the value a wrong one should have had (the `shouldBe`
 * of render/renderText.ts, in English or 简体中文): the predict mode shows `?` for them.
 */
const NUMBER = /\b(seq|ack)=\S+/g;
const SHOULD_BE = /(✗ (?:should be|应为) )\S+/g;

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

  constructor(
    private readonly elements: TimelineElements,
    private readonly text: PanelText,
    private readonly host: TimelineHost,
  ) {
    this.view = new StepStateView(elements.table, text);
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
    this.apply();
  }

  /** Shows step `step` (clamped), and moves the editor's cursor to its arrow. */
  go(step: number): void {
    const next = Math.max(0, Math.min(this.arrows.length, Math.round(step)));
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
  }

  /** Replaces the next arrow's seq and ack values by `?` until the user steps. */
  private mask(arrow: Arrow | undefined): void {
    for (const element of arrow?.elements ?? []) {
      if (!element.classList.contains('messageText')) continue;
      const own = element.textContent ?? '';
      const hidden = own.replace(NUMBER, '$1=?').replace(SHOULD_BE, '$1?');
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
