import type { HostMessage } from './protocol';

/** A `render` message from the host to the preview webview. */
export type RenderMessage = Extract<HostMessage, { type: 'render' }>;

/**
 * Whether `next` would show exactly what `last` already showed: the same Mermaid source, the
 * same arrows and everything around them, whatever their version numbers. The host sends no
 * such render: events that change nothing drawn (a save, the dirty flag, a cursor move in a
 * diagram that is not windowed) would otherwise cost a full Mermaid redraw.
 */
export function isSameRender(last: RenderMessage | undefined, next: RenderMessage): boolean {
  if (last === undefined) return false;
  // The source first: it is the large part, and differs in almost every real change.
  if (last.source !== next.source) return false;
  return JSON.stringify({ ...last, version: 0 }) === JSON.stringify({ ...next, version: 0 });
}

/**
 * Whether the webview can keep the diagram it drew for `last` when asked to draw `next`: the
 * same source gives the same SVG, and the same messages map it to the same lines.
 */
export function isSameDrawing(
  last: Pick<RenderMessage, 'source' | 'messages'> | undefined,
  next: Pick<RenderMessage, 'source' | 'messages'>,
): boolean {
  if (last === undefined || last.source !== next.source) return false;
  return JSON.stringify(last.messages) === JSON.stringify(next.messages);
}
