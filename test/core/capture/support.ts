import { readFileSync } from 'node:fs';
import { CaptureReader } from '../../../src/core/capture/read/captureReader';
import { addressText, type CaptureProblem } from '../../../src/core/capture/read/packet';

export const FIXTURES = 'test/core/capture/fixtures';

export function fixture(name: string): Uint8Array {
  return readFileSync(`${FIXTURES}/${name}`);
}

/** What the tests compare of each packet: a compact, copied line. */
export interface Seen {
  readonly lines: string[];
  readonly problems: readonly CaptureProblem[];
  readonly frames: number;
}

/** Reads `bytes` pushed in chunks of `chunk` bytes and describes every TCP packet. */
export function read(bytes: Uint8Array, chunk = bytes.length || 1): Seen {
  const lines: string[] = [];
  const reader = new CaptureReader((p) => {
    const time = `${p.sec}.${String(p.nsec).padStart(9, '0')}`;
    const src = `${addressText(p.srcWords, p.family)}.${p.srcPort}`;
    const dst = `${addressText(p.dstWords, p.family)}.${p.dstPort}`;
    lines.push(
      `#${p.frame} ${time} ${src} > ${dst} flags=${p.flags} seq=${p.seq} ack=${p.ack} win=${p.win} len=${p.len} captured=${p.payloadEnd - p.payloadStart}${p.wscale >= 0 ? ` wscale=${p.wscale}` : ''}`,
    );
  });
  for (let at = 0; at < bytes.length; at += chunk) reader.push(bytes.subarray(at, at + chunk));
  reader.end();
  return { lines, problems: reader.problems, frames: reader.frames };
}
