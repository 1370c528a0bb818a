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
      if (c.packets >= 1_000_000 && c.shape === 'web') {
        verdicts.push(
          verdict('import to a file', importRate, TARGET_IMPORT_PER_SECOND, 'packets/s', where),
        );
      }
      if (c.shape === 'syn-scan' && c.connections >= 1_000_000) {
        const peak = Math.max(imported.rssMb, checked.rssMb);
        const finished = !imported.timedOut && !checked.timedOut;
        verdicts.push(
          `peak RSS under ${TARGET_SCAN_RSS_MB} MB ${where}: ${finished && peak < TARGET_SCAN_RSS_MB ? 'met' : 'MISSED'} (${finished ? `${peak.toFixed(0)} MB` : `stopped after ${TIME_LIMIT_MS / 1000} s`})`,
        );
      }
      if (c.runs > 1) {
        verdicts.push(
          verdict(
            'check through the CLI',
            checkRate,
            TARGET_CHECK_LINES_PER_SECOND,
            'lines/s',
            where,
          ),
        );
        if (shark !== undefined) {
          verdicts.push(
            verdict('import + check vs tshark', shark / both, TARGET_RATIO, 'x faster', where),
          );
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

function verdict(what: string, value: number, target: number, unit: string, where: string): string {
  const shown = unit === 'x faster' ? `${value.toFixed(2)}x` : `${count(value)} ${unit}`;
  const wanted = unit === 'x faster' ? `${target}x faster` : `${count(target)} ${unit}`;
  return `${what} at least ${wanted} ${where}: ${value >= target ? 'met' : 'MISSED'} (${shown})`;
}

main();
