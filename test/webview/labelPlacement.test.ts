import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../src/core/analysis/analyze';
import type { Locale } from '../../src/core/text/locale';
import { renderMermaid } from '../../src/core/render/mermaid';
import {
  launch,
  openPreview,
  renderAndWait,
  renderMessage,
  servePreview,
  type PreviewServer,
} from './browser';

/**
 * Issue 18: in a zh-cn preview the last line of a red error label was drawn across its arrow.
 * Mermaid places an arrow from a kept estimate of its label's height and spaces the label's
 * lines by the heights drawn (see src/webview/diagramFont.ts); when the font behind the
 * generic `sans-serif` changes between two renders (VS Code's webview resolves it to the Latin
 * font first, to the CJK one later), the estimate stays a Latin one. Here the page's language
 * is switched between two renders to change that font the same way, and then every label is
 * checked against its arrow from the drawn geometry, at the widths of a side panel.
 */
const OUTPUT = 'test-output/webview/widths';
const WIDTHS = [360, 500, 800] as const;

/** Chinese names, a Chinese payload, and a wrong ack whose label takes three lines. */
const SCENARIO = `scenario "三次握手出错"
endpoint 客户端
endpoint 服务器

服务器 listen
客户端 -> 服务器  SYN      seq=3626544836
服务器 -> 客户端  SYN ACK  seq=1739326486  ack=3626544836
客户端 -> 服务器  ACK      seq=3626544837  ack=1739326487
客户端 -> 服务器  PSH ACK  seq=3626544837  ack=1739326487  "你好"
服务器 -> 客户端  ACK      seq=1739326487  ack=3626544839
`;

let browser: Browser;
let server: PreviewServer;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launch();
  server = await servePreview(() => 'vscode-light');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The render message for SCENARIO in `locale`, as the host sends it. */
function scenarioMessage(locale: Locale, lineNumbers = true) {
  const diagram = renderMermaid(analyze(SCENARIO, { locale }), { lineNumbers });
  return { ...renderMessage(SCENARIO), source: diagram.text, messages: diagram.messages };
}

interface Box {
  readonly text: string;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

interface Label {
  readonly lines: readonly Box[];
  /** The y of the arrow's line, when it is a straight line (not a message to oneself). */
  readonly arrowY: number | undefined;
}

/** Each arrow's label lines (their drawn boxes) and its line's y, in the SVG's units. */
async function labels(page: Page, messages: readonly { labelLines: number }[]): Promise<Label[]> {
  return (await page.evaluate(`(() => {
    const svg = document.querySelector('#canvas svg');
    const texts = [...svg.querySelectorAll('.messageText')];
    const lines = [...svg.querySelectorAll('.messageLine0, .messageLine1')];
    const counts = ${JSON.stringify(messages.map((m) => m.labelLines))};
    let next = 0;
    return counts.map((count, index) => {
      const line = lines[index];
      return {
        lines: texts.slice(next, (next += count)).map((text) => {
          const box = text.getBBox();
          return {
            text: text.textContent,
            top: box.y,
            bottom: box.y + box.height,
            left: box.x,
            right: box.x + box.width,
          };
        }),
        arrowY: line && line.tagName === 'line' ? line.getBBox().y : undefined,
      };
    });
  })()`)) as Label[];
}

/** What is wrong with the drawn labels: a line on its arrow, or two labels over each other. */
function faults(drawn: readonly Label[]): string[] {
  const found: string[] = [];
  for (const label of drawn) {
    for (const line of label.lines) {
      if (label.arrowY !== undefined && line.top < label.arrowY && line.bottom > label.arrowY) {
        found.push(
          `"${line.text}" (${line.top.toFixed(1)}–${line.bottom.toFixed(1)}) crosses its arrow at ${label.arrowY}`,
        );
      }
    }
  }
  const boxes = drawn.map((label) => ({
    text: label.lines.map((line) => line.text).join(' / '),
    top: Math.min(...label.lines.map((line) => line.top)),
    bottom: Math.max(...label.lines.map((line) => line.bottom)),
    left: Math.min(...label.lines.map((line) => line.left)),
    right: Math.max(...label.lines.map((line) => line.right)),
  }));
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      const apart =
        a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left;
      if (!apart) found.push(`"${a.text}" overlaps "${b.text}"`);
    }),
  );
  return found;
}

describe('arrow labels stay off their arrows in a Chinese scenario', () => {
  for (const lang of ['zh-cn', 'en'] as const) {
    for (const width of WIDTHS) {
      test(`${lang} page, ${width} px`, async () => {
        const { page, errors } = await openPreview(browser, server, lang);
        await page.setViewportSize({ width, height: 900 });
        // A first render while `sans-serif` stands for another font (the page in the other
        // language), then the one that is checked: Mermaid keeps its measures from the first.
        const other = lang === 'zh-cn' ? 'en' : 'zh-cn';
        await page.evaluate(`document.documentElement.lang = ${JSON.stringify(other)}`);
        const first = await renderAndWait(page, scenarioMessage(lang, false));
        assert.equal(first.ok, true, String(first.error));
        await page.evaluate(`document.documentElement.lang = ${JSON.stringify(lang)}`);
        const message = scenarioMessage(lang);
        const result = await renderAndWait(page, message);
        assert.equal(result.ok, true, String(result.error));
        const drawn = await labels(page, message.messages);
        // The wrong ack is drawn, in red, on three lines.
        const faulty = message.messages.findIndex((m) => m.faulty);
        assert.equal(drawn[faulty]?.lines.length, 3);
        await page.screenshot({ path: `${OUTPUT}/chinese-error-label-${lang}-${width}.png` });
        assert.deepEqual(faults(drawn), []);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  }
});
