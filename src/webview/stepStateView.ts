import type { previewText } from '../core/preview/previewText';
import type { EndpointAfterStep, StepState } from '../core/preview/stepTable';

type PanelText = ReturnType<typeof previewText>;
type Field = keyof PanelText['stepRows'] | keyof typeof RFC_NAMES;

/** RFC 9293 §3.3.1's names, the same in every language. */
const RFC_NAMES = {
  sndUna: 'SND.UNA',
  sndNxt: 'SND.NXT',
  sndWnd: 'SND.WND',
  rcvNxt: 'RCV.NXT',
  rcvWnd: 'RCV.WND',
} as const;

/** A value the endpoint does not have yet. */
const UNKNOWN = '—';

const TCP_FIELDS: readonly Field[] = [
  'state',
  'sndUna',
  'sndNxt',
  'sndWnd',
  'rcvNxt',
  'rcvWnd',
  'inFlight',
];

/**
 * The table under the diagram while the timeline is on: one column per endpoint, one row per
 * variable, so that two or three endpoints fit a 360 px side panel (the box scrolls sideways
 * past that, never the page). Built with `textContent` only: no scenario text is read as HTML.
 */
export class StepStateView {
  constructor(
    private readonly container: HTMLElement,
    private readonly text: PanelText,
  ) {}

  /** Shows the endpoints after step `step` (1-based) of `total`; hides the box for none. */
  show(state: StepState | undefined, step: number, total: number): void {
    this.container.replaceChildren();
    this.container.hidden = state === undefined;
    if (!state) return;
    const table = document.createElement('table');
    table.className = 'hs-step-table';
    const caption = table.createCaption();
    caption.textContent = this.text.stepCaption({ step, total, line: state.line + 1 });
    const head = table.createTHead().insertRow();
    head.appendChild(document.createElement('th'));
    for (const endpoint of state.endpoints) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = endpoint.endpoint;
      head.appendChild(th);
    }
    const body = table.createTBody();
    const tls = state.endpoints.some((e) => e.knows.length > 0 || e.verified.length > 0);
    const fields: readonly Field[] = tls ? [...TCP_FIELDS, 'knows', 'verified'] : TCP_FIELDS;
    for (const field of fields) {
      const row = body.insertRow();
      row.dataset.field = field;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent =
        field in RFC_NAMES
          ? RFC_NAMES[field as keyof typeof RFC_NAMES]
          : this.text.stepRows[field as keyof PanelText['stepRows']];
      row.appendChild(th);
      for (const endpoint of state.endpoints) {
        row.insertCell().textContent = cell(endpoint, field);
      }
    }
    this.container.appendChild(table);
  }
}

function cell(endpoint: EndpointAfterStep, field: Field): string {
  switch (field) {
    case 'inFlight':
      return String(endpoint.inFlight);
    case 'knows':
    case 'verified':
      return endpoint[field].length > 0 ? endpoint[field].join(', ') : UNKNOWN;
    case 'state':
      return endpoint.state;
    default:
      return endpoint[field] === '' ? UNKNOWN : endpoint[field];
  }
}
