import { CaptureScan } from './captureScan';
import {
  afterListing,
  WritePass,
  summarize,
  type CaptureSummary,
  type ImportOptions,
  type ImportResult,
  type ImportStep,
} from './importCapture';

/**
 * A re-readable source of chunks read as they are asked for (a file read through a handle): the
 * importer reads a capture twice, and asks for a chunk only once it is done with the last one.
 */
export type AsyncChunkSource = () => AsyncIterable<Uint8Array>;

export interface StreamImportOptions extends ImportOptions {
  /**
   * Called after each chunk, and awaited: the editor reports progress here and gives the
   * event loop back, so that a Cancel button can be pressed.
   */
  readonly onStep?: (step: ImportStep) => void | Promise<void>;
}

/**
 * `importCapture` for a source that is read asynchronously, one chunk at a time: only the chunk
 * being read is held, never the capture. `cancelled` is checked after every chunk; the reading
 * stops there (the source's iterator is closed) and the result says it was cancelled. A source
 * that fails to read rejects the promise with its error.
 */
export async function importStream(
  source: AsyncChunkSource,
  options: StreamImportOptions = {},
): Promise<ImportResult> {
  const listing = new CaptureScan();
  let cancelled = false;
  for await (const chunk of source()) {
    if (!listing.push(chunk)) break;
    await options.onStep?.({ pass: 'list', bytes: listing.bytes });
    cancelled = options.cancelled?.() ?? false;
    if (cancelled) break;
  }
  const next = afterListing(listing.end(), cancelled, options);
  if (!(next instanceof WritePass)) return next;
  for await (const chunk of source()) {
    if (!next.scan.push(chunk)) break;
    await options.onStep?.({ pass: 'write', bytes: next.scan.bytes });
    if (options.cancelled?.()) return next.cancel();
  }
  return next.finish();
}

/** `listConnections` for a source read asynchronously, one chunk at a time. */
export async function listConnectionsStream(
  chunks: AsyncIterable<Uint8Array>,
  cancelled?: () => boolean,
): Promise<CaptureSummary> {
  const scan = new CaptureScan();
  for await (const chunk of chunks) {
    if (!scan.push(chunk) || cancelled?.()) break;
  }
  return summarize(scan.end(), cancelled?.() ?? false);
}
