import { foreignMermaid } from '../../core/render/mermaidGuard';
import { configureMermaid, renderDiagram } from '../diagram';
import { fitTitle } from '../diagramTitle';
import { currentTheme, watchTheme } from '../theme';

/**
 * The script VS Code's Markdown preview loads (`contributes.markdown.previewScripts`): draws
 * each Handshake block the markdown-it plugin wrote (`.handshake-fence`) with the bundled
 * Mermaid, in the preview's theme, again after every update of the preview's content and
 * every change of theme. Only the plugin's escaped Mermaid text is read from the page, and
 * only text our generator could have written is drawn (see core/render/mermaidGuard.ts); the
 * words shown come from the page too, so that the host decides their language.
 */
const FENCE = '.handshake-fence';

/** The Mermaid text and theme each diagram element was last drawn with. */
const drawnWith = new WeakMap<Element, string>();
let generation = 0;

async function drawAll(): Promise<void> {
  const current = ++generation;
  const theme = currentTheme();
  configureMermaid(theme);
  for (const fence of document.querySelectorAll<HTMLElement>(FENCE)) {
    const source = fence.querySelector('pre.handshake-mermaid');
    const target = fence.querySelector('.handshake-diagram');
    if (!source || !target) continue;
    const text = source.textContent ?? '';
    const key = `${theme}\n${text}`;
    // The preview keeps unchanged elements across updates: draw only what changed.
    if (drawnWith.get(target) === key && target.querySelector('svg')) continue;
    // Raw HTML in a note can carry the fence's class: draw only what our generator writes.
    const foreign = foreignMermaid(text);
    const result = foreign ? { ok: false as const, error: foreign } : await renderDiagram(text);
    if (current !== generation) return; // the content or theme changed meanwhile: start over
    fence.querySelector('.handshake-draw-error')?.remove();
    if (result.ok) {
      target.innerHTML = result.svg;
      const svg = target.querySelector('svg');
      if (svg) fitTitle(svg);
      drawnWith.set(target, key);
      fence.classList.add('handshake-drawn');
    } else {
      target.replaceChildren();
      drawnWith.delete(target);
      fence.classList.remove('handshake-drawn');
      const error = document.createElement('p');
      error.className = 'handshake-draw-error';
      error.setAttribute('role', 'alert');
      error.textContent = `${source.getAttribute('data-draw-failed') ?? ''} ${result.error}`;
      target.after(error);
    }
  }
  document.body.dataset.handshakeDrawn = String(current);
}

window.addEventListener('vscode.markdown.updateContent', () => void drawAll());
watchTheme(() => void drawAll());
void drawAll();
// VS Code's own preview script adds the note's first content without that event, and it is
// `async` like this one, so it may run later; every async script of the page has run by `load`.
if (document.readyState !== 'complete') {
  window.addEventListener('load', () => void drawAll(), { once: true });
}
