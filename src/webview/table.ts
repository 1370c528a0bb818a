import type { previewText } from '../core/preview/previewText';
import type { TableProblem, TableState, TraceTableRow } from '../core/render/traceTable';

type PanelText = ReturnType<typeof previewText>;
type Column = keyof PanelText['columns'];

const COLUMNS: readonly Column[] = [
  'line',
  'ends',
  'message',
  'seq',
  'ack',
  'len',
  'states',
  'problems',
];

/**
 * The table view: one row per segment or TLS message, as the host computed them. Built with DOM
 * calls and `textContent` only, so no scenario text is ever read as HTML. A row links to its
 * source line like an arrow does; the problems on a row are spelled out in a full-width line
 * under it, so that a narrow panel gives them its whole width.
 */
export class TraceTableView {
  private readonly table: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly empty: HTMLParagraphElement;
  /** The rows of each step (the row and its problems line), for highlighting. */
  private steps: { readonly line: number; readonly rows: readonly HTMLTableRowElement[] }[] = [];

  constructor(
    container: HTMLElement,
    private readonly text: PanelText,
    onReveal: (line: number) => void,
  ) {
    const table = (this.table = document.createElement('table'));
    table.className = 'hs-table';
    table.setAttribute('aria-label', text.table);
    const head = table.createTHead().insertRow();
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.className = `hs-col-${column}`;
      th.textContent = text.columns[column];
      head.append(th);
    }
    this.body = table.createTBody();
    this.empty = document.createElement('p');
    this.empty.className = 'hs-empty';
    this.empty.textContent = text.noRows;
    container.replaceChildren(table, this.empty);
    const lineOf = (event: Event): number | undefined => {
      const row = (event.target as Element | null)?.closest<HTMLElement>('tr[data-line]');
      return row ? Number(row.dataset.line) : undefined;
    };
    this.body.addEventListener('click', (event) => {
      const line = lineOf(event);
      if (line !== undefined) onReveal(line);
    });
    this.body.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const line = lineOf(event);
      if (line === undefined) return;
      event.preventDefault();
      onReveal(line);
    });
  }

  /** Replaces the rows; the highlight is applied again by the caller. */
  show(rows: readonly TraceTableRow[]): void {
    this.steps = rows.map((row) => ({ line: row.line, rows: this.rowsOf(row) }));
    // One fragment: a spread of many thousands of rows would overflow the call's arguments.
    const fragment = document.createDocumentFragment();
    for (const step of this.steps) fragment.append(...step.rows);
    this.body.replaceChildren(fragment);
    this.table.classList.toggle('hs-no-problems', !rows.some((row) => row.problems.length > 0));
    this.empty.hidden = rows.length > 0;
  }

  /** Marks the rows on `lines`; returns the first, to scroll to. */
  highlight(lines: readonly number[]): HTMLElement | undefined {
    const wanted = new Set(lines);
    let first: HTMLElement | undefined;
    for (const step of this.steps) {
      const on = wanted.has(step.line);
      for (const row of step.rows) row.classList.toggle('hs-active', on);
      if (on && !first) first = step.rows[0];
    }
    return first;
  }

  /** Scrolls the table so that `row` is in view, below the sticky header. */
  reveal(row: HTMLElement): void {
    row.scrollIntoView({ block: 'nearest' });
  }

  private rowsOf(row: TraceTableRow): HTMLTableRowElement[] {
    const main = this.stepRow(row, 'hs-step');
    main.tabIndex = 0;
    main.title = this.text.lineTitle({ line: row.line + 1 });
    main.append(
      cell('hs-num hs-line', String(row.line + 1)),
      endsCell(row.from, row.to),
      messageCell(row),
      numberCell(row.seq),
      numberCell(row.ack),
      numberCell(row.len === undefined ? '' : String(row.len)),
      statesCell(row.states),
      codesCell(row.problems),
    );
    if (row.problems.length === 0) return [main];
    const problems = this.stepRow(row, 'hs-problems-row');
    const td = document.createElement('td');
    td.colSpan = COLUMNS.length;
    for (const problem of row.problems) td.append(problemLine(problem));
    problems.append(td);
    return [main, problems];
  }

  private stepRow(row: TraceTableRow, className: string): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.className = className;
    tr.classList.toggle('hs-faulty', row.faulty);
    tr.classList.toggle('hs-lost', row.lost);
    tr.classList.toggle('hs-tls', row.kind === 'tls');
    tr.dataset.line = String(row.line);
    return tr;
  }
}

function cell(className: string, text: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.className = className;
  td.textContent = text;
  return td;
}

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/** `client` over `→ server`: two short lines rather than one wide one. */
function endsCell(from: string, to: string): HTMLTableCellElement {
  const td = cell('hs-ends', '');
  td.append(span('hs-from', from), ' ', span('hs-to', `→\u00a0${to}`));
  return td;
}

/** The flags or the message, and under it the rest of the label in a smaller type. */
function messageCell(row: TraceTableRow): HTMLTableCellElement {
  const td = cell('hs-message', '');
  const name = span('hs-name', '');
  // ClientKeyExchange may break between its words in a narrow panel.
  name.append(...breakable(row.message, /[a-z](?=[A-Z])/g, () => 1));
  td.append(name);
  if (row.detail !== '') td.append(' ', span('hs-detail', row.detail));
  return td;
}

/**
 * A number in tabular figures. A long run of digits may break in the middle in a narrow panel
 * rather than push the table wider than the panel.
 */
function numberCell(text: string): HTMLTableCellElement {
  const td = cell('hs-num', '');
  td.append(...breakable(text, /\d{7,}/g, (run) => Math.ceil(run.length / 2)));
  return td;
}

/** Each side's state after the step, one per line; a state the step changed stands out. */
function statesCell(states: readonly TableState[]): HTMLTableCellElement {
  const td = cell('hs-states', '');
  for (const state of states) {
    const line = document.createElement('span');
    line.className = state.changed ? 'hs-state hs-changed' : 'hs-state';
    line.title = state.endpoint;
    // SYN_RECEIVED may break after its underscore in a narrow panel.
    line.append(...breakable(state.state, /_/g, () => 1));
    td.append(line);
  }
  return td;
}

/** The codes, each in its severity's colour; the messages are in the line under the row. */
function codesCell(problems: readonly TableProblem[]): HTMLTableCellElement {
  const td = cell('hs-codes', '');
  for (const problem of problems) {
    const code = span(`hs-code hs-${problem.severity}`, problem.code);
    code.title = problem.message;
    td.append(code, ' ');
  }
  return td;
}

function problemLine(problem: TableProblem): HTMLDivElement {
  const line = document.createElement('div');
  line.className = `hs-problem hs-${problem.severity}`;
  line.append(span('hs-code', problem.code), ' ', problem.message);
  return line;
}

/**
 * `text` in parts, cut where `pattern` matches, `at(match)` characters into it. A narrow panel
 * shows the parts as inline blocks, which a line may break between; elsewhere they are plain
 * inline text. (A <wbr> would break even under `white-space: nowrap` in Chromium.)
 */
function breakable(text: string, pattern: RegExp, at: (match: string) => number): Node[] {
  const parts: string[] = [];
  let start = 0;
  for (const match of text.matchAll(pattern)) {
    const split = (match.index ?? 0) + at(match[0]);
    parts.push(text.slice(start, split));
    start = split;
  }
  parts.push(text.slice(start));
  if (parts.length === 1) return [document.createTextNode(text)];
  return parts.map((part) => span('hs-part', part));
}
