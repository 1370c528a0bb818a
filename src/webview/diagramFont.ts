/**
 * The font stack the diagram is measured and drawn with.
 *
 * Mermaid places each arrow below its label from an estimate of the label's height
 * (`calculateTextDimensions`, measured once per text and font stack and then kept for the life
 * of the page), while it spaces the label's own lines by the heights the browser draws them
 * at. Its default stack, `"trebuchet ms", verdana, arial, sans-serif`, names no font Debian has,
 * so the font comes from the generic `sans-serif`, which Chromium resolves by the page's
 * language: in a zh-cn page that is the CJK font (Noto Sans CJK SC: lines of 20 px at 14 px),
 * but not always from the first moment (in VS Code's webview a first render measured 16 px
 * lines, the Latin font's). The kept estimate then stays 4 px a line too small and the last
 * line of a three-line label lands on its arrow. Naming the CJK fonts in the stack makes the
 * measured and the drawn font the same font, whenever either happens.
 */
const MERMAID_DEFAULT = '"trebuchet ms", verdana, arial, sans-serif';

/**
 * Simplified Chinese fonts by platform: Debian's fonts-noto-cjk (installed by provisioning),
 * Adobe's name for the same font, macOS, Windows, and older Linux desktops.
 */
const CHINESE_FONTS = [
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"PingFang SC"',
  '"Microsoft YaHei"',
  '"WenQuanYi Micro Hei"',
];

/**
 * The diagram's font stack for a page in `lang` (`<html lang>`): Mermaid's own for English, as
 * before, so English diagrams look as they did; for Chinese the Latin fonts first (where a
 * platform has them) and then the Chinese ones by name, before the generic family.
 */
export function diagramFontFamily(lang: string): string {
  if (!lang.toLowerCase().startsWith('zh')) return MERMAID_DEFAULT;
  return ['"trebuchet ms"', 'verdana', 'arial', ...CHINESE_FONTS, 'sans-serif'].join(', ');
}
