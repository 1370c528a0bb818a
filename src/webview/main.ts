import { previewText } from '../core/preview/previewText';
import { parseHostMessage } from '../core/preview/protocol';
import { isSameDrawing, type RenderMessage } from '../core/preview/sameRender';
import { decorate, findArrows, highlight, type Arrow } from './arrows';
import { configureMermaid, renderDiagram } from './diagram';
import { fitTitle } from './diagramTitle';
import { pngBase64, svgFile } from './exportImage';
import { TraceTableView } from './table';
import { currentTheme, watchTheme, type ThemeKind } from './theme';
import { isTimelineState, Timeline } from './timeline';
import { isPreviewView, ViewSwitch } from './viewSwitch';
import { vscode } from './vscodeApi';
import { INITIAL_ZOOM, isZoomState, Zoom } from './zoom';

/** The panel's words, in the language of the page VS Code wrote. */
const text = previewText(document.documentElement.lang);

/**
 * The preview webview: draws what the host sends, keeps the last good diagram while the text is
 * broken, and reports clicks, render results and exports back. Every message is validated.
 */
function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`preview page is missing #${id}`);
  return found as T;
}

const viewport = element('viewport');
const canvas = element('canvas');
const errorBox = element('error');
const notice = element('notice');
const status = element('status');

const saved = vscode.getState() as
  | { zoom?: unknown; resource?: unknown; locked?: unknown; view?: unknown; timeline?: unknown }
  | undefined;
/** Kept with setState so that VS Code can restore the panel after a reload. */
let identity = {
  resource: typeof saved?.resource === 'string' ? saved.resource : '',
  locked: saved?.locked === true,
};
const zoom = new Zoom(viewport, canvas, isZoomState(saved?.zoom) ? saved.zoom : INITIAL_ZOOM, () =>
  saveState(),
);

const views = new ViewSwitch(
  [...document.querySelectorAll<HTMLButtonElement>('[data-view]')],
  isPreviewView(saved?.view) ? saved.view : 'diagram',
  () => saveState(),
);
const table = new TraceTableView(element('table'), text, (line) =>
  vscode.postMessage({ type: 'reveal', line }),
);

/** The timeline's state to keep: the saved one while the timeline is being made. */
let timelineState = (): unknown => saved?.timeline;

const timeline = new Timeline(
  {
    group: element('timeline'),
    back: element('step-back'),
    forward: element('step-forward'),
    slider: element('step'),
    count: element('step-count'),
    predict: element('predict'),
    table: element('step-state'),
  },
  text,
  {
    reveal: (line) => vscode.postMessage({ type: 'reveal', line, preserveFocus: true }),
    show: (arrow) => zoom.reveal(arrow),
    changed: () => saveState(),
  },
  isTimelineState(saved?.timeline) ? saved.timeline : undefined,
);

timelineState = () => timeline.state;

function saveState(): void {
  vscode.setState({
    ...identity,
    zoom: zoom.current,
    view: views.current,
    timeline: timelineState(),
  });
}

/** False until the first diagram is placed: a restored or user-set view is never moved. */
let placed = isZoomState(saved?.zoom);

let latest = -1;
let lastRender: RenderMessage | undefined;
/** What the canvas shows, so that the same source in the same theme is not drawn again. */
let drawn: (Pick<RenderMessage, 'source' | 'messages'> & { theme: ThemeKind }) | undefined;
let arrows: Arrow[] = [];
let highlighted: readonly number[] = [];

configureMermaid(currentTheme());
watchTheme((kind) => {
  configureMermaid(kind);
  if (lastRender) void render(lastRender);
});

async function render(message: RenderMessage): Promise<void> {
  latest = message.version;
  lastRender = message;
  identity = { resource: message.resource, locked: message.locked };
  saveState();
  const started = performance.now();
  // Let messages already queued arrive first: in a burst of edits only the newest is drawn.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (message.version !== latest) return;
  // The table needs no drawing: it shows the new rows while Mermaid works.
  table.show(message.rows);
  table.highlight(highlighted);
  const theme = currentTheme();
  if (drawn?.theme === theme && isSameDrawing(drawn, message)) {
    // Mermaid would draw the same SVG: keep it (and the zoom, the highlight, the listeners).
    errorBox.hidden = true;
    showSummary(message);
    timeline.update(arrows, message.steps);
    vscode.postMessage({
      type: 'rendered',
      version: message.version,
      ok: true,
      arrows: arrows.length,
      ms: performance.now() - started,
    });
    return;
  }
  const result = await renderDiagram(message.source);
  if (message.version !== latest) return; // a newer text arrived while drawing: drop this one
  const ms = performance.now() - started;
  if (!result.ok) {
    // Keep the last good diagram; say what is wrong above it.
    errorBox.textContent = text.drawFailed({ error: result.error });
    errorBox.hidden = false;
    vscode.postMessage({
      type: 'rendered',
      version: message.version,
      ok: false,
      error: result.error.slice(0, 5000),
      arrows: 0,
      ms,
    });
    return;
  }
  errorBox.hidden = true;
  canvas.innerHTML = result.svg;
  drawn = { source: message.source, messages: message.messages, theme };
  const svg = canvas.querySelector('svg');
  if (svg) fitTitle(svg);
  arrows = svg ? findArrows(svg, message.messages) : [];
  decorate(arrows, (line) => vscode.postMessage({ type: 'reveal', line }));
  highlight(arrows, highlighted);
  timeline.update(arrows, message.steps);
  showSummary(message);
  zoom.refresh(message.problems.errors > 0 ? 'unsettled' : 'settled');
  // Notes left of the first participant (key derivations, long states) can push it out of a
  // narrow panel at actual size: start with it in view.
  const actor = leftmost(svg?.querySelectorAll('rect.actor') ?? []);
  if (!placed && actor) zoom.showLeftEdge(actor);
  placed ||= actor !== undefined;
  vscode.postMessage({
    type: 'rendered',
    version: message.version,
    ok: true,
    arrows: arrows.length,
    ms,
  });
}

/** The notice above the diagram and the status line under it. */
function showSummary(message: RenderMessage): void {
  notice.textContent = message.notice;
  notice.hidden = message.notice === '';
  const { errors, warnings } = message.problems;
  status.textContent =
    arrowCount(message.messages) +
    ` · ${errors + warnings > 0 ? text.problems({ errors, warnings }) : text.noProblems}`;
  status.classList.toggle('hs-has-errors', errors > 0);
}

async function exportDiagram(requestId: number, format: 'svg' | 'png'): Promise<void> {
  const svg = canvas.querySelector('svg');
  if (!svg) {
    vscode.postMessage({
      type: 'exportFailed',
      requestId,
      error: 'there is no diagram to export yet',
    });
    return;
  }
  try {
    const data = format === 'svg' ? svgFile(svg) : await pngBase64(svg);
    vscode.postMessage({ type: 'exported', requestId, format, data });
  } catch (error) {
    vscode.postMessage({
      type: 'exportFailed',
      requestId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'render':
      void render(message);
      return;
    case 'highlight': {
      highlighted = message.lines;
      if (message.debugStop) timeline.stopAt(highlighted[0] ?? -1);
      else timeline.follow(highlighted);
      const first = highlight(arrows, highlighted);
      if (first) zoom.reveal(first);
      const row = table.highlight(highlighted);
      if (row && views.current === 'table') table.reveal(row);
      return;
    }
    case 'zoom':
      runZoom(message.action);
      return;
    case 'export':
      void exportDiagram(message.requestId, message.format);
      return;
  }
});

function runZoom(action: 'in' | 'out' | 'fit' | 'reset'): void {
  if (action === 'in') zoom.zoomIn();
  else if (action === 'out') zoom.zoomOut();
  else if (action === 'fit') zoom.fitWidth();
  else zoom.reset();
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-zoom]')) {
  const action = button.dataset.zoom;
  if (action === 'in' || action === 'out' || action === 'fit' || action === 'reset') {
    button.addEventListener('click', () => runZoom(action));
  }
}

window.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLInputElement || views.current !== 'diagram') return;
  if (timeline.key(event.key)) {
    event.preventDefault();
    return;
  }
  if (event.key === '+' || event.key === '=') runZoom('in');
  else if (event.key === '-') runZoom('out');
  else if (event.key === '0') runZoom('reset');
});

vscode.postMessage({ type: 'ready' });

/** "4 segments", "9 TLS messages" or both, for the status line. */
function arrowCount(messages: readonly { readonly tls: boolean }[]): string {
  const tls = messages.filter((m) => m.tls).length;
  const segments = messages.length - tls;
  const parts = [
    segments > 0 || tls === 0 ? text.segments({ count: segments }) : '',
    tls > 0 ? text.tlsMessages({ count: tls }) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** The element furthest left on screen (Mermaid draws the participants' boxes in no set order). */
function leftmost(elements: Iterable<Element>): Element | undefined {
  let found: Element | undefined;
  let left = Infinity;
  for (const element of elements) {
    const x = element.getBoundingClientRect().left;
    if (x < left) [found, left] = [element, x];
  }
  return found;
}
