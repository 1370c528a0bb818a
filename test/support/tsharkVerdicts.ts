import { readFileSync } from 'node:fs';
import { scanCapture } from '../../src/core/capture/write/captureScan';
import { ANALYSIS } from '../../src/core/tcp/tcpAnalysis';

/**
 * Our analysis against Wireshark's on the same capture, one row per frame: the stream and the
 * analysis flags, as `tshark -2 -T fields -e tcp.stream -e tcp.analysis.*` prints them
 * (scripts/tshark-verdicts.mjs stores tshark's rows beside each fixture as NAME.tshark.tsv, so
 * the tests compare without tshark).
 */

/** tshark's columns, in order, and the bits that set each (retransmission covers all three). */
const COLUMNS: readonly number[] = [
  ANALYSIS.RETRANSMISSION | ANALYSIS.FAST_RETRANSMISSION | ANALYSIS.SPURIOUS_RETRANSMISSION,
  ANALYSIS.FAST_RETRANSMISSION,
  ANALYSIS.SPURIOUS_RETRANSMISSION,
  ANALYSIS.OUT_OF_ORDER,
  ANALYSIS.LOST_SEGMENT,
  ANALYSIS.ACK_LOST_SEGMENT,
  ANALYSIS.DUPLICATE_ACK,
  ANALYSIS.ZERO_WINDOW,
  ANALYSIS.WINDOW_FULL,
  ANALYSIS.KEEP_ALIVE,
  ANALYSIS.REUSED_PORTS,
];

/** Our rows for the capture in `file`, in tshark's layout. */
export function ourVerdicts(file: string): string[] {
  const rows: string[] = [];
  scanCapture([readFileSync(file)], (packet, connection, _direction, bits) => {
    const columns = COLUMNS.map((mask) => (bits & mask ? '1' : ''));
    rows.push([packet.frame, connection.index - 1, ...columns].join('\t'));
  });
  return rows;
}

/** tshark's rows for the capture in `file`, read from `file.tshark.tsv`. */
export function tsharkVerdicts(file: string): string[] {
  return readFileSync(`${file}.tshark.tsv`, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => /^\d+\t\d+/.test(line));
}
