import type { MermaidOptions } from '../core/render/mermaid';
import { NUMBER_STYLES, type NumberStyle } from '../core/render/numberStyle';

export type DiagramArgs =
  | {
      readonly ok: true;
      readonly options: Partial<MermaidOptions>;
      /** The arguments that are not diagram options, in order. */
      readonly rest: readonly string[];
    }
  | { readonly ok: false; readonly error: string };

/**
 * Reads the diagram options shared by `mermaid` and `render` (`--numbers`, `--no-states`,
 * `--no-payload`, `--no-line-numbers`, `--max-segments N`) and leaves the others in `rest`.
 */
export function parseDiagramArgs(args: readonly string[]): DiagramArgs {
  const options: { -readonly [K in keyof MermaidOptions]?: MermaidOptions[K] } = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--no-states') options.showStates = false;
    else if (arg === '--no-payload') options.showPayload = false;
    else if (arg === '--no-line-numbers') options.lineNumbers = false;
    else if (arg === '--numbers') {
      const value = args[++i];
      if (!value || !(NUMBER_STYLES as readonly string[]).includes(value)) {
        return { ok: false, error: `--numbers takes ${NUMBER_STYLES.join(', ')}` };
      }
      options.numbers = value as NumberStyle;
    } else if (arg === '--max-segments') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 1) {
        return { ok: false, error: '--max-segments takes a whole number of at least 1' };
      }
      options.maxSegments = value;
    } else rest.push(arg);
  }
  return { ok: true, options, rest };
}
