import type { Span } from '../text/span';

/** One completion proposal, in editor-neutral terms (offsets, not positions). */
export interface CompletionItem {
  label: string;
  kind:
    | 'keyword'
    | 'endpoint'
    | 'flag'
    | 'field'
    | 'value'
    | 'state'
    | 'arrow'
    | 'duration'
    | 'symbol'
    | 'message';
  insertText?: string;
  detail?: string;
  documentation?: string;
  sortText?: string;
  preselect?: boolean;
  /** The partially typed word the item replaces (empty at the cursor when nothing is typed). */
  replace?: Span;
}

/** A proposal before it knows which text it replaces: the caller adds `replace`. */
export type Item = Omit<CompletionItem, 'replace'>;
