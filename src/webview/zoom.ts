/** Zoom and pan of the diagram, kept across re-renders and window reloads. */
export interface ZoomState {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
  /** When true the diagram is refitted to the panel's width after each render and resize. */
  readonly fit: boolean;
  /**
   * The default until the user zooms: fit to the width when the text stays readable
   * (READABLE_PX), otherwise actual size from the left edge. Chosen again at each render and
   * resize.
   */
  readonly auto?: boolean;
}

/** Until the user chooses: fitted when readable, else actual size (see `ZoomState.auto`). */
export const INITIAL_ZOOM: ZoomState = { scale: 1, x: 8, y: 8, fit: false, auto: true };
/** The smallest text, in CSS pixels, that the automatic zoom shows a whole diagram at. */
export const READABLE_PX = 10;
const MIN = 0.1;
const MAX = 8;
const STEP = 1.2;
/** Mermaid's message text size when the diagram has none to measure. */
const DEFAULT_FONT_PX = 14;

export function isZoomState(value: unknown): value is ZoomState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.scale === 'number' &&
    v.scale >= MIN &&
    v.scale <= MAX &&
    Number.isFinite(v.x) &&
    Number.isFinite(v.y) &&
    typeof v.fit === 'boolean' &&
    (v.auto === undefined || typeof v.auto === 'boolean')
  );
}

/**
 * Applies a ZoomState to `canvas` inside `viewport` and wires the wheel (Ctrl/Cmd + wheel
 * zooms around the pointer, the wheel alone pans) and dragging with the mouse.
 */
export class Zoom {
  private state: ZoomState;
  /** Whether a diagram has been fitted since the page loaded. */
  private fitted = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
    initial: ZoomState,
    private readonly onChange: (state: ZoomState) => void,
  ) {
    this.state = initial;
    viewport.addEventListener('wheel', (event) => this.wheel(event), { passive: false });
    viewport.addEventListener('pointerdown', (event) => this.drag(event));
    new ResizeObserver(() => {
      if (this.state.fit || this.state.auto) this.refresh('resize');
    }).observe(viewport);
  }

  get current(): ZoomState {
    return this.state;
  }

  zoomIn(): void {
    this.zoomAround(this.state.scale * STEP, this.viewport.clientWidth / 2, 0);
  }

  zoomOut(): void {
    this.zoomAround(this.state.scale / STEP, this.viewport.clientWidth / 2, 0);
  }

  reset(): void {
    this.set({ scale: 1, x: 0, y: 0, fit: false, auto: false });
  }

  /** Scales the diagram so its width fills the panel. */
  fitWidth(): void {
    const scale = this.fitScale(2);
    if (scale === undefined) return;
    this.fitted = true;
    this.set({ scale, x: 8, y: 8, fit: true, auto: false });
  }

  /**
   * Re-applies the current state to a resized panel or a new diagram, keeping the scroll. A
   * fitted (or automatic) scale follows the panel's width, and the diagram's width once the
   * scenario has no errors: a diagram with errors is one being typed, where a transient
   * participant (a misspelt name) or a half-written label would otherwise shrink and regrow the
   * whole picture at every keystroke. The first diagram is always fitted.
   */
  refresh(reason: 'resize' | 'settled' | 'unsettled' = 'settled'): void {
    const fitting = this.state.fit || this.state.auto;
    const hold = reason === 'unsettled' && this.fitted;
    const fitted = fitting && !hold ? this.fitScale(this.state.fit ? 2 : 1) : undefined;
    if (fitted === undefined) return this.apply();
    this.fitted = true;
    const readable = this.state.fit || fitted * this.fontSize() >= READABLE_PX;
    this.set({ ...this.state, scale: readable ? fitted : 1, x: 8 });
  }

  /** The scale at which the diagram fills the panel's width, at most `max`. */
  private fitScale(max: number): number | undefined {
    const width = this.contentWidth();
    if (width <= 0) return undefined;
    const available = Math.max(50, this.viewport.clientWidth - 16);
    return clamp(Math.min(available / width, max));
  }

  /** The size of the arrows' labels in the diagram's own units, as the page computes it. */
  private fontSize(): number {
    const label = this.canvas.querySelector('svg .messageText');
    const size = label ? parseFloat(getComputedStyle(label).fontSize) : NaN;
    return Number.isFinite(size) && size > 0 ? size : DEFAULT_FONT_PX;
  }

  /** Scrolls so that `element` is visible, without changing the scale. */
  reveal(element: Element): void {
    const box = element.getBoundingClientRect();
    const view = this.viewport.getBoundingClientRect();
    if (box.top >= view.top && box.bottom <= view.bottom) return;
    const dy = view.top + view.height / 3 - box.top;
    this.set({ ...this.state, y: this.state.y + dy });
  }

  /** Pans so that `element`'s left edge is in view when it is not, without changing the scale. */
  showLeftEdge(element: Element): void {
    if (this.state.fit || this.state.auto) return;
    const box = element.getBoundingClientRect();
    const view = this.viewport.getBoundingClientRect();
    if (box.left >= view.left && box.right <= view.right) return;
    this.set({ ...this.state, x: this.state.x + view.left + 8 - box.left });
  }

  private contentWidth(): number {
    const svg = this.canvas.querySelector('svg');
    if (!svg) return 0;
    const viewBox = svg.viewBox?.baseVal;
    return viewBox && viewBox.width > 0
      ? viewBox.width
      : svg.getBoundingClientRect().width / this.state.scale;
  }

  private zoomAround(scale: number, px: number, py: number): void {
    const next = clamp(scale);
    const ratio = next / this.state.scale;
    this.set({
      scale: next,
      x: px - (px - this.state.x) * ratio,
      y: py - (py - this.state.y) * ratio,
      fit: false,
      auto: false,
    });
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      const box = this.viewport.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY / 300);
      this.zoomAround(this.state.scale * factor, event.clientX - box.left, event.clientY - box.top);
    } else {
      this.set({
        ...this.state,
        x: this.state.x - event.deltaX,
        y: this.state.y - event.deltaY,
        fit: this.state.fit && event.deltaX === 0,
        auto: this.state.auto === true && event.deltaX === 0,
      });
    }
  }

  private drag(event: PointerEvent): void {
    if (event.button !== 0 || (event.target as Element).closest('.hs-arrow')) return;
    const startX = event.clientX;
    const startY = event.clientY;
    const origin = this.state;
    let moved = false;
    const move = (e: PointerEvent): void => {
      const dx = e.clientX - startX;
      const dy = e.clientY - startY;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 3) return;
      moved = true;
      this.viewport.classList.add('hs-dragging');
      this.set({
        ...origin,
        x: origin.x + dx,
        y: origin.y + dy,
        fit: origin.fit && dx === 0,
        auto: origin.auto === true && dx === 0,
      });
    };
    const up = (): void => {
      this.viewport.classList.remove('hs-dragging');
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  private set(state: ZoomState): void {
    this.state = state;
    this.apply();
    this.onChange(state);
  }

  private apply(): void {
    const { scale, x, y } = this.state;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
  }
}

function clamp(scale: number): number {
  return Math.min(MAX, Math.max(MIN, scale));
}
