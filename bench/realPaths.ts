import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeCaptureFile, type CaptureShape } from './captureFile';
import { median, table } from './stats';
import { hasTshark, tsharkMs } from './tshark';

/**
 * `npm run bench` (real paths): what a user runs, timed as processes. For each generated
 * capture shaped like real traffic, `handshake import F > out` and `handshake check out` run as
 * separate processes of the built CLI (`dist/cli.js`), and, where it is on the PATH,
 * `tshark -r F -2 -T fields -e tcp.analysis.flags` runs on the same file in the same run. Each
 * figure is the median of several runs; peak RSS is the process's own (bench/maxRss.cjs).
 * `--scale F` multiplies every size by F (a quick look: `--scale 0.05`).
 */

interface Case {
  readonly name: string;
  readonly shape: CaptureShape;
  readonly packets: number;
  readonly connections: number;
  readonly runs: number;
}

const CASES: readonly Case[] = [
  { name: 'web, 1,000 connections', shape: 'web', packets: 200_000, connections: 1000, runs: 3 },
  { name: 'loss and reordering', shape: 'lossy', packets: 200_000, connections: 1000, runs: 3 },
  {
    name: 'one direction only',
    shape: 'one-direction',
    packets: 200_000,
    connections: 200,
    runs: 3,
  },
  { name: 'SYN scan', shape: 'syn-scan', packets: 200_000, connections: 100_000, runs: 3 },
  { name: 'web, 1M packets', shape: 'web', packets: 1_000_000, connections: 1000, runs: 1 },
  {
    name: 'SYN scan, 1M connections',
    shape: 'syn-scan',
    packets: 2_000_000,
    connections: 1_000_000,
    runs: 1,
  },
];

const TARGET_IMPORT_PER_SECOND = 1_000_000;
const TARGET_RATIO = 10;
const TARGET_CHECK_LINES_PER_SECOND = 500_000;
const TARGET_SCAN_RSS_MB = 1024;

const CLI = resolve('dist/cli.js');
const PRELOAD = resolve('bench/maxRss.cjs');

interface Timed {
  readonly ms: number;
  readonly rssMb: number;
  readonly status: number | null;
  /** True when the process was stopped after TIME_LIMIT_MS: `ms` is then that limit. */
  readonly timedOut?: boolean;
}

/** A process still running after this long is stopped and reported as a missed target. */
const TIME_LIMIT_MS = 120_000;

/** Runs the CLI with `args`, stdout to `out` (or nowhere), `runs` times: median time, peak RSS. */
function runCli(
  dir: string,
  args: readonly string[],
  out: string | undefined,
  runs: number,
): Timed {
  const rssFile = join(dir, 'rss');
  const times: number[] = [];
  let status: number | null = null;
  writeFileSync(rssFile, '');
  for (let i = 0; i < runs; i++) {
    const fd = out ? openSync(out, 'w') : 'ignore';
    const start = performance.now();
    const child = spawnSync(process.execPath, ['--require', PRELOAD, CLI, ...args], {
      stdio: ['ignore', fd, 'pipe'],
      env: { ...process.env, HANDSHAKE_BENCH_RSS: rssFile, LANG: 'C' },
      maxBuffer: 1 << 24,
      timeout: TIME_LIMIT_MS,
    });
    times.push(performance.now() - start);
    if (typeof fd === 'number') closeSync(fd);
    if (child.signal) {
      // Stopped at the limit: its peak memory is unknown (it never exited), the time a bound.
      return { ms: TIME_LIMIT_MS, rssMb: NaN, status: null, timedOut: true };
    }
    status = child.status;
    if (child.status !== 0 && child.status !== 1) {
      throw new Error(
        `handshake ${args.join(' ')} exited ${child.status}: ${String(child.stderr)}`,
      );
    }
  }
  const rss = readFileSync(rssFile, 'utf8').trim().split('\n').map(Number);
  return { ms: median(times), rssMb: Math.max(...rss) / 1024, status };
}

function lineCount(file: string): number {
  const text = readFileSync(file);
  let n = 0;
  for (let i = text.indexOf(10); i >= 0; i = text.indexOf(10, i + 1)) n++;
  return n;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const took = (t: Timed): string => (t.timedOut ? `>${TIME_LIMIT_MS / 1000}` : seconds(t.ms));
const memory = (t: Timed): string => (t.timedOut ? '?' : `${t.rssMb.toFixed(0)} MB`);
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

function main(): void {
  console.log(
    `\nReal paths: the CLI as processes, Node ${process.version} on ${cpus()[0]?.model ?? 'an unknown CPU'} (${cpus().length} cores)`,
  );
  console.log('Generated pcaps; median of the runs shown; peak RSS of the process itself.\n');
  const dir = mkdtempSync(join(tmpdir(), 'handshake-real-'));
  const tshark = hasTshark();
  const rows: string[][] = [];
  const verdicts: string[] = [];
  try {
    const start = startCosts(dir);
    console.log(
      `A start with almost nothing to do: import of a 10-packet pcap ${seconds(start.import.ms)} s (${memory(start.import)}), check of its scenario ${seconds(start.check.ms)} s (${memory(start.check)}).\n`,
    );
    const scale = Number(process.argv[process.argv.indexOf('--scale') + 1]) || 1;
    for (const full of CASES) {
      const c = {
        ...full,
        packets: Math.round(full.packets * scale),
        connections: Math.max(1, Math.round(full.connections * scale)),
      };
      const file = join(dir, 'capture.pcap');
      const out = join(dir, 'capture.handshake');
      writeCaptureFile(file, c.packets, c.connections, c.shape);
      const imported = runCli(dir, ['import', file], out, c.runs);
      const lines = lineCount(out);
      const checked: Timed = imported.timedOut
        ? imported
        : runCli(dir, ['check', out], undefined, c.runs);
      const shark = tshark ? tsharkMs(file, c.runs) : undefined;
      const both = imported.ms + checked.ms;
      const importRate = c.packets / (imported.ms / 1000);
      const checkRate = lines / (checked.ms / 1000);
      rows.push([
        c.name,
        count(c.packets),
        `${(statSync(file).size / 1e6).toFixed(1)} MB`,
        took(imported),
        count(importRate),
        memory(imported),
        count(lines),
        took(checked),
        count(checkRate),
        memory(checked),
        checked.timedOut ? 'stopped' : checked.status === 0 ? 'clean' : 'errors',
        shark === undefined ? 'no tshark' : seconds(shark),
        shark === undefined ? '-' : `${(shark / both).toFixed(2)}x`,
      ]);
      const where = `(${c.name})`;
      const work = { packets: c.packets, lines, imported, checked, start };
      if (c.packets >= 1_000_000 && c.shape === 'web') {
        const v = verdict(
          'import to a file',
          importRate,
          TARGET_IMPORT_PER_SECOND,
          'packets/s',
          where,
        );
        verdicts.push(v + importGap(work, v));
      }
      if (c.shape === 'syn-scan' && c.connections >= 1_000_000) {
        const peak = Math.max(imported.rssMb, checked.rssMb);
        const finished = !imported.timedOut && !checked.timedOut;
        const met = finished && peak < TARGET_SCAN_RSS_MB;
        verdicts.push(
          `peak RSS under ${TARGET_SCAN_RSS_MB} MB ${where}: ${met ? 'met' : 'MISSED'} (${finished ? `${peak.toFixed(0)} MB` : `stopped after ${TIME_LIMIT_MS / 1000} s`})` +
            (met || !finished ? '' : memoryGap(peak, start, c.connections)),
        );
      }
      if (c.runs > 1) {
        const v = verdict(
          'check through the CLI',
          checkRate,
          TARGET_CHECK_LINES_PER_SECOND,
          'lines/s',
          where,
        );
        verdicts.push(v + checkGap(work, v));
        if (shark !== undefined) {
          const r = verdict(
            'import + check vs tshark',
            shark / both,
            TARGET_RATIO,
            'x faster',
            where,
          );
          verdicts.push(r + ratioGap(work, shark, r));
        }
      }
      rmSync(file);
      rmSync(out);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const header = [
    'capture',
    'packets',
    'file',
    'import s',
    'packets/s',
    'import RSS',
    'lines',
    'check s',
    'lines/s',
    'check RSS',
    'check says',
    'tshark s',
    'tshark/(import+check)',
  ];
  console.log(table(header, rows, true));
  console.log(`\nTargets:\n${verdicts.map((v) => `- ${v}`).join('\n')}`);
}

/** What a run of a case measured, for the explanations of a missed target. */
interface Work {
  readonly packets: number;
  readonly lines: number;
  readonly imported: Timed;
  readonly checked: Timed;
  readonly start: StartCosts;
}

interface StartCosts {
  readonly import: Timed;
  readonly check: Timed;
}

/**
 * The CLI's cost with almost nothing to do (starting Node, loading the bundle, a 10-packet
 * capture and its scenario): what every figure pays before its first packet.
 */
function startCosts(dir: string): StartCosts {
  const file = join(dir, 'tiny.pcap');
  const out = join(dir, 'tiny.handshake');
  writeCaptureFile(file, 10, 1, 'web');
  const imported = runCli(dir, ['import', file], out, 5);
  const checked = runCli(dir, ['check', out], undefined, 5);
  rmSync(file);
  rmSync(out);
  return { import: imported, check: checked };
}

const micro = (ms: number, n: number): string => `${((ms * 1000) / n).toFixed(2)} µs`;

/** A missed import rate, explained: the time per packet past the start, against the budget. */
function importGap(w: Work, v: string): string {
  if (!v.includes('MISSED') || w.imported.timedOut) return '';
  const perPacket = micro(w.imported.ms - w.start.import.ms, w.packets);
  return `. Past the start (${seconds(w.start.import.ms)} s) each packet costs ${perPacket} (reading, Wireshark's analysis, the RFC 9293 engine on both ends, writing its line); the target allows ${micro(1000 / TARGET_IMPORT_PER_SECOND, 1)} for all of it.`;
}

/** A missed check rate, explained the same way. */
function checkGap(w: Work, v: string): string {
  if (!v.includes('MISSED') || w.checked.timedOut) return '';
  const perLine = micro(w.checked.ms - w.start.check.ms, w.lines);
  return `. Past the start (${seconds(w.start.check.ms)} s) each line costs ${perLine} (parsing it, the engine on both ends, Wireshark's analysis of the annotation); the target allows ${micro(1000 / TARGET_CHECK_LINES_PER_SECOND, 1)}.`;
}

/**
 * A missed ratio to tshark, explained: what 10x allows for both processes, against what their
 * two starts alone take and what the packets take past them.
 */
function ratioGap(w: Work, shark: number, v: string): string {
  if (!v.includes('MISSED') || w.imported.timedOut || w.checked.timedOut) return '';
  const budget = shark / TARGET_RATIO;
  const starts = w.start.import.ms + w.start.check.ms;
  const past = w.imported.ms + w.checked.ms - starts;
  return starts >= budget
    ? `. ${TARGET_RATIO}x allows ${seconds(budget)} s for both processes; their two starts alone take ${seconds(starts)} s.`
    : `. ${TARGET_RATIO}x allows ${seconds(budget)} s for both processes: ${seconds(budget - starts)} s past their starts (${seconds(starts)} s), ${micro(budget - starts, w.packets)} per packet; the packets take ${seconds(past)} s, ${micro(past, w.packets)} per packet.`;
}

/** A missed memory bound, explained: the memory per connection past the start's. */
function memoryGap(peak: number, start: StartCosts, connections: number): string {
  const base = Math.max(start.import.rssMb, start.check.rssMb);
  const perConnection = ((peak - base) * 1024) / connections;
  return `. Past the start's ${base.toFixed(0)} MB that is ${perConnection.toFixed(2)} KB of peak RSS per connection (the generated scan has every connection open at once); the bound allows ${(((TARGET_SCAN_RSS_MB - base) * 1024) / connections).toFixed(2)} KB.`;
}

function verdict(what: string, value: number, target: number, unit: string, where: string): string {
  const shown = unit === 'x faster' ? `${value.toFixed(2)}x` : `${count(value)} ${unit}`;
  const wanted = unit === 'x faster' ? `${target}x faster` : `${count(target)} ${unit}`;
  return `${what} at least ${wanted} ${where}: ${value >= target ? 'met' : 'MISSED'} (${shown})`;
}

main();
