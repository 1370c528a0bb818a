const SVG = 'http://www.w3.org/2000/svg';
/** Space kept free on each side of the title, in diagram units. */
const MARGIN = 8;

/**
 * Mermaid draws a sequence diagram's title as one line that starts at the diagram's middle, so
 * a title wider than half the diagram runs off its right edge, which in a side panel is most
 * titles. This breaks the title into centred lines that fit the diagram's width, measured in
 * the page, and makes room above for the extra lines.
 */
export function fitTitle(svg: SVGSVGElement): void {
  const title = [...svg.children].find(
    (child): child is SVGTextElement =>
      child instanceof SVGTextElement && child.getAttribute('y') === '-25',
  );
  const box = svg.viewBox?.baseVal;
  if (!title || !box || box.width <= 0) return;
  const words = (title.textContent ?? '').split(' ').filter(Boolean);
  if (words.length === 0) return;
  const available = Math.max(40, box.width - 2 * MARGIN);
  title.textContent = '';
  title.setAttribute('x', String(box.x + box.width / 2));
  title.setAttribute('text-anchor', 'middle');
  title.classList.add('hs-title');
  const lines: SVGTSpanElement[] = [];
  let line = addLine(title, lines);
  for (const word of words) {
    const before = line.textContent ?? '';
    line.textContent = before === '' ? word : `${before} ${word}`;
    if (before !== '' && line.getComputedTextLength() > available) {
      line.textContent = before;
      line = addLine(title, lines);
      line.textContent = word;
    }
  }
  const lineHeight = parseFloat(getComputedStyle(title).fontSize) * 1.2 || 19;
  const extra = (lines.length - 1) * lineHeight;
  lines.forEach((tspan, index) => {
    tspan.setAttribute('x', String(box.x + box.width / 2));
    tspan.setAttribute('y', String(-25 - extra + index * lineHeight));
  });
  if (extra > 0) {
    svg.setAttribute('viewBox', `${box.x} ${box.y - extra} ${box.width} ${box.height + extra}`);
    const height = parseFloat(svg.getAttribute('height') ?? '');
    if (Number.isFinite(height)) svg.setAttribute('height', String(height + extra));
  }
}

function addLine(title: SVGTextElement, lines: SVGTSpanElement[]): SVGTSpanElement {
  const tspan = document.createElementNS(SVG, 'tspan');
  title.appendChild(tspan);
  lines.push(tspan);
  return tspan;
}
