/** The two views of the preview panel. */
export type PreviewView = 'diagram' | 'table';

export function isPreviewView(value: unknown): value is PreviewView {
  return value === 'diagram' || value === 'table';
}

/**
 * The toolbar's switch between the diagram and the table. The view shown is the body's
 * `data-view`, which the stylesheet reads; the diagram stays laid out under the table (only
 * hidden), so zoom, fit and the first placement work the same in both views.
 */
export class ViewSwitch {
  private view: PreviewView;

  constructor(
    private readonly buttons: readonly HTMLButtonElement[],
    initial: PreviewView,
    private readonly onChange: (view: PreviewView) => void,
  ) {
    this.view = initial;
    for (const button of buttons) {
      const view = button.dataset.view;
      if (isPreviewView(view)) button.addEventListener('click', () => this.show(view));
    }
    this.apply();
  }

  get current(): PreviewView {
    return this.view;
  }

  show(view: PreviewView): void {
    if (view === this.view) return;
    this.view = view;
    this.apply();
    this.onChange(view);
  }

  private apply(): void {
    document.body.dataset.view = this.view;
    for (const button of this.buttons) {
      button.setAttribute('aria-pressed', String(button.dataset.view === this.view));
    }
  }
}
