/**
 * The layers of src/core, from the ground floor up: a folder may import from its own layer and
 * from the layers before it in this list, never from one after it. ESLint enforces it
 * (scripts/lint/layersPlugin.mjs), and docs/architecture.md draws it.
 *
 * Data flows up the list: text → tokens → tree → trace → diagnostics, diagram, hovers; and
 * bytes → packets → connections → scenario text.
 */
export const CORE_LAYERS = [
  { folder: 'text', holds: 'spans, line maps, text edits, the locale' },
  { folder: 'protocol', holds: 'TCP flags and states, TLS versions, suites and messages' },
  { folder: 'check', holds: 'diagnostic codes, their messages, the diagnostic type' },
  { folder: 'syntax', holds: 'scanner, parser, syntax tree' },
  { folder: 'format', holds: 'the formatter: tree → aligned text' },
  { folder: 'tcp', holds: 'the TCP engine (RFC 9293 on both ends)' },
  { folder: 'tls', holds: 'the TLS engine (order, negotiation, certificates, keys, attacker)' },
  { folder: 'analysis', holds: 'analyze(): text → tree → trace → diagnostics' },
  { folder: 'capture/read', holds: 'bytes → packets (pcap, pcapng, tcpdump text)' },
  { folder: 'capture/write', holds: 'packets → connections → scenario text' },
  { folder: 'service', holds: 'hover, completion, fixes, outline, rename' },
  { folder: 'render', holds: 'the trace as Mermaid text and as a table' },
  { folder: 'preview', holds: 'the preview panel’s messages and words' },
  { folder: 'markdown', holds: 'handshake blocks in Markdown notes' },
  { folder: 'debug', holds: 'the debugger: stops, variables and breakpoint conditions' },
];

/**
 * Imports that still run upward, each with the work that removes it. Empty is the goal: an
 * entry here is a known defect, not a permission.
 */
export const UPWARD_FOR_NOW = [];

/** The layer of a path relative to src/core (`capture/read/packet.ts` → `capture/read`). */
export function layerOf(relativePath) {
  let best;
  for (const [index, layer] of CORE_LAYERS.entries()) {
    if (relativePath === layer.folder || relativePath.startsWith(`${layer.folder}/`)) {
      if (!best || layer.folder.length > best.folder.length) best = { ...layer, index };
    }
  }
  return best;
}
