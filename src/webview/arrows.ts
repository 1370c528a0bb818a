import type { PreviewMessageInfo } from '../core/preview/protocol';

/**
 * Finds the drawn arrows of a Mermaid sequence diagram (label and line of each message, in
 * drawing order) and ties them to source lines: a class for faulty and lost segments, a click
 * that reveals the line, and highlighting of the arrows on the cursor's line.
 */
export interface Arrow {
  readonly info: PreviewMessageInfo;
  readonly elements: readonly Element[];
}

export function findArrows(svg: SVGSVGElement, messages: readonly PreviewMessageInfo[]): Arrow[] {
  const texts = [...svg.querySelectorAll('.messageText')];
  const lines = [...svg.querySelectorAll('.messageLine0, .messageLine1')];
  const numbers = [...svg.querySelectorAll('.sequenceNumber')];
  // Mermaid draws each line of a label as a text element of its own, in order.
  let text = 0;
  return messages.map((info, index) => {
    const label = texts.slice(text, text + info.labelLines);
    text += info.labelLines;
    return {
      info,
      elements: [...label, lines[index], numbers[index]].filter(
        (element): element is Element => element !== undefined,
      ),
    };
  });
}

export function decorate(arrows: readonly Arrow[], onClick: (line: number) => void): void {
  for (const arrow of arrows) {
    for (const element of arrow.elements) {
      element.classList.add('hs-arrow');
      element.classList.toggle('hs-faulty', arrow.info.faulty);
      element.classList.toggle('hs-lost', arrow.info.lost);
      element.setAttribute('data-line', String(arrow.info.line));
      element.addEventListener('click', () => onClick(arrow.info.line));
    }
  }
}

/** Marks the arrows on `lines`; returns the first, to scroll to. */
export function highlight(arrows: readonly Arrow[], lines: readonly number[]): Element | undefined {
  const wanted = new Set(lines);
  let first: Element | undefined;
  for (const arrow of arrows) {
    const on = wanted.has(arrow.info.line);
    for (const element of arrow.elements) element.classList.toggle('hs-active', on);
    if (on && !first) first = arrow.elements[0];
  }
  return first;
}
