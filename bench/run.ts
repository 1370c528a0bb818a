import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { analyze } from '../src/core/analysis/analyze';
import { applyEdits } from '../src/core/text/textEdits';
import { formatDocument } from '../src/core/format/format';
import { generateScenario } from '../test/support/generateScenario';
import { median, table } from './stats';

/**
 * `npm run bench`: how long `analyze` takes on correct scenarios of 1k, 10k and 100k segments,
 * next to the cheapest possible pass over the same text (split into lines and touch each one),
 * measured in the same process so that the ratio cancels out most of the machine's speed.
 * Target: 100k segments checked in under 300 ms. Also: Format Document (edits computed and
 * applied) on the same scenario written without alignment, as the capture import writes it.
 */

const TARGET_SEGMENTS = 100_000;
const TARGET_MS = 300;

interface Size {
  readonly segments: number;
  readonly warmups: number;
  readonly runs: number;
}

const SIZES: readonly Size[] = [
  { segments: 1_000, warmups: 10, runs: 21 },
  { segments: 10_000, warmups: 3, runs: 11 },
  { segments: 100_000, warmups: 1, runs: 5 },
];

interface Row {
  readonly segments: number;
  readonly bytes: number;
  readonly analyzeMs: number;
  readonly formatMs: number;
  readonly splitMs: number;
}

/** Keeps results alive so that the work cannot be optimised away. */
let sink = 0;

/** Median wall time of `work` over `runs` runs, after `warmups` unmeasured ones. */
function measure(work: () => number, warmups: number, runs: number): number {
  for (let i = 0; i < warmups; i++) sink += work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    sink += work();
    times.push(performance.now() - start);
  }
  return median(times);
}

function analyzeOnce(text: string): number {
  const analysis = analyze(text);
  return analysis.trace.steps.length + analysis.diagnostics.length;
}

/** Every line reformatted, as after a capture import: the formatter's worst case. */
function unaligned(text: string): string {
  return text.replace(/ {2,}/g, ' ');
}

function formatOnce(text: string): number {
  return applyEdits(text, formatDocument(text)).length;
}

function splitOnce(text: string): number {
  let total = 0;
  for (const line of text.split('\n')) total += line.length;
  return total;
}

function benchmark(size: Size): Row {
  const { text } = generateScenario({ seed: 1, segments: size.segments, numbering: 'numeric' });
  const problems = analyze(text).diagnostics.filter((d) => d.severity !== 'info');
  if (problems.length > 0) {
    throw new Error(`the generated scenario is not correct: ${problems[0]?.message ?? ''}`);
  }
  // Each measurement gets its own warm-up so that neither pays for the other's compilation.
  const analyzeMs = measure(() => analyzeOnce(text), size.warmups, size.runs);
  const raw = unaligned(text);
  const formatMs = measure(() => formatOnce(raw), size.warmups, size.runs);
  const splitMs = measure(() => splitOnce(text), size.warmups + 5, size.runs);
  return { segments: size.segments, bytes: Buffer.byteLength(text), analyzeMs, formatMs, splitMs };
}

function rowsTable(rows: readonly Row[]): string {
  const header = [
    'segments',
    'bytes',
    'analyze ms',
    'segments/s',
    'line split ms',
    'analyze/split',
    'format ms',
    'format/split',
  ];
  const cells = rows.map((row) => [
    row.segments.toLocaleString('en-US'),
    row.bytes.toLocaleString('en-US'),
    row.analyzeMs.toFixed(1),
    Math.round(row.segments / (row.analyzeMs / 1000)).toLocaleString('en-US'),
    row.splitMs.toFixed(2),
    `${(row.analyzeMs / row.splitMs).toFixed(0)}x`,
    row.formatMs.toFixed(1),
    `${(row.formatMs / row.splitMs).toFixed(0)}x`,
  ]);
  return table(header, cells);
}

function main(): void {
  console.log(
    `Node ${process.version} on ${cpus()[0]?.model ?? 'an unknown CPU'} (${cpus().length} cores)`,
  );
  console.log('Median of several runs after warm-up; correct generated scenarios, numeric ISS.\n');
  const rows = SIZES.map(benchmark);
  console.log(rowsTable(rows));

  const first = rows[0] as Row;
  const last = rows[rows.length - 1] as Row;
  const perSegment = (row: Row, ms: (row: Row) => number): number => ms(row) / row.segments;
  const growth = (ms: (row: Row) => number): string =>
    (perSegment(last, ms) / perSegment(first, ms)).toFixed(2);
  console.log(
    `\nLinearity: time per segment at ${last.segments.toLocaleString('en-US')} / at ${first.segments.toLocaleString('en-US')} = ${growth((r) => r.analyzeMs)} for analyze, ${growth((r) => r.formatMs)} for format (1 is linear; ${last.segments / first.segments} would be quadratic)`,
  );
  const target = rows.find((row) => row.segments === TARGET_SEGMENTS);
  if (target) {
    const verdict = target.analyzeMs < TARGET_MS ? 'met' : 'MISSED';
    console.log(
      `Target: ${TARGET_SEGMENTS.toLocaleString('en-US')} segments in under ${TARGET_MS} ms: ${verdict} (${target.analyzeMs.toFixed(0)} ms, ${(target.analyzeMs / TARGET_MS).toFixed(1)}x the budget)`,
    );
  }
  if (sink === -1) console.log(sink);
}

main();
