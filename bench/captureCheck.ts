import { word } from '../src/core/text/words';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../src/core/analysis/analyze';
import { importCapture } from '../src/core/capture/write/importCapture';
import { writeCaptureFile } from './captureFile';
import { median } from './stats';

/**
 * `npm run bench` (capture check part): the check (`analyze`) of an imported capture, where
 * every segment line carries a capture annotation and Wireshark's analysis runs again on them.
 * A generated capture of 100k packets over 100 connections is imported once, then checked
 * after warm-up; the median is printed.
 */

const PACKETS = 100_000;
const CONNECTIONS = 100;
const WARMUPS = 2;
const RUNS = 7;

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'handshake-check-'));
  try {
    const file = join(dir, 'capture.pcap');
    writeCaptureFile(file, PACKETS, CONNECTIONS);
    const bytes = readFileSync(file);
    const result = importCapture(() => [bytes]);
    if (!result.ok) throw new Error(word(result.error.message, 'en'));
    const text = result.text;
    let sink = 0;
    const times: number[] = [];
    for (let i = 0; i < WARMUPS + RUNS; i++) {
      const start = performance.now();
      const analysis = analyze(text);
      const ms = performance.now() - start;
      sink += analysis.diagnostics.length + analysis.trace.steps.length;
      if (i >= WARMUPS) times.push(ms);
    }
    const lines = text.split('\n').length;
    console.log(
      `check of an imported capture, inner pass (analyze in process; ${PACKETS.toLocaleString('en-US')} packets, ${lines.toLocaleString('en-US')} lines): median ${median(times).toFixed(1)} ms over ${RUNS} runs${sink < 0 ? '' : ''}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
