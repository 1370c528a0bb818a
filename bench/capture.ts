import { word } from '../src/core/text/words';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileChunks } from '../src/cli/importCommand';
import { importCapture, listConnections } from '../src/core/capture/write/importCapture';
import { writeCaptureFile } from './captureFile';
import { median, table } from './stats';
import { hasTshark, tsharkMs } from './tshark';

/**
 * `npm run bench` (capture part): import and Wireshark analysis of generated captures of 10k,
 * 100k and 1M packets, streamed from disk in 1 MiB chunks as `handshake import` reads them.
 * Each size runs in a child process so that its peak memory (max RSS) is its own. Where tshark
 * is on PATH, the same file goes through `tshark -r FILE -2 -T fields -e tcp.analysis.flags`
 * in the same run, and the ratio is printed. Targets: at least 1M packets/s, at least 10x
 * faster than tshark, memory bounded by the connections, not the packets.
 */

const CONNECTIONS = 1000;
const SIZES = [
  { packets: 10_000, runs: 7 },
  { packets: 100_000, runs: 5 },
  { packets: 1_000_000, runs: 3 },
];
const TARGET_PACKETS_PER_SECOND = 1_000_000;
const TARGET_RATIO = 10;

interface Measured {
  readonly scanMs: number;
  readonly maxRssMb: number;
  readonly baselineRssMb: number;
  readonly connections: number;
  readonly flagged: number;
  readonly scenarioMs?: number;
}

/** In the child: import + analysis of FILE `runs` times; prints one JSON line. */
function measure(file: string, runs: number, scenario: boolean): void {
  const baselineRssMb = process.resourceUsage().maxRSS / 1024;
  const times: number[] = [];
  let connections = 0;
  let flagged = 0;
  const fd = openSync(file, 'r');
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    const summary = listConnections(fileChunks(fd));
    const ms = performance.now() - start;
    if (i > 0) times.push(ms); // the first run warms up the JIT
    connections = summary.connections.length;
    flagged = summary.connections.reduce(
      (n, c) => n + Object.values(c.analysis).reduce((a, b) => a + (b ?? 0), 0),
      0,
    );
  }
  // Peak memory of the streaming import and analysis, before the scenario text (which holds
  // every line, so grows with the packets) is built.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  let scenarioMs: number | undefined;
  if (scenario) {
    const start = performance.now();
    const result = importCapture(() => fileChunks(fd));
    scenarioMs = performance.now() - start;
    if (!result.ok) throw new Error(word(result.error.message, 'en'));
  }
  closeSync(fd);
  const measured: Measured = {
    scanMs: median(times),
    maxRssMb,
    baselineRssMb,
    connections,
    flagged,
    ...(scenarioMs !== undefined ? { scenarioMs } : {}),
  };
  console.log(JSON.stringify(measured));
}

function main(): void {
  console.log(
    `\nCapture import: Node ${process.version} on ${cpus()[0]?.model ?? 'an unknown CPU'} (${cpus().length} cores)`,
  );
  console.log(
    `Generated pcaps, ${CONNECTIONS} connections side by side, 1% retransmissions; median of several runs after a warm-up.\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'handshake-bench-'));
  const tshark = hasTshark();
  const rows: string[][] = [];
  const verdicts: string[] = [];
  try {
    for (const size of SIZES) {
      const file = join(dir, `${size.packets}.pcap`);
      writeCaptureFile(file, size.packets, CONNECTIONS);
      const child = spawnSync(
        process.execPath,
        [
          process.argv[1] as string,
          '--measure',
          file,
          String(size.runs),
          size.packets <= 100_000 ? 'scenario' : '',
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      const m = JSON.parse(child.stdout.trim().split('\n').pop() as string) as Measured;
      const perSecond = size.packets / (m.scanMs / 1000);
      const shark = tshark ? tsharkMs(file, size.packets >= 1_000_000 ? 1 : 3) : undefined;
      rows.push([
        size.packets.toLocaleString('en-US'),
        `${(statSync(file).size / 1e6).toFixed(1)} MB`,
        m.connections.toLocaleString('en-US'),
        m.flagged.toLocaleString('en-US'),
        m.scanMs.toFixed(1),
        Math.round(perSecond).toLocaleString('en-US'),
        `${(m.maxRssMb - m.baselineRssMb).toFixed(0)} MB (${m.maxRssMb.toFixed(0)})`,
        m.scenarioMs !== undefined ? m.scenarioMs.toFixed(0) : '-',
        shark !== undefined ? shark.toFixed(0) : 'no tshark',
        shark !== undefined ? `${(shark / m.scanMs).toFixed(1)}x` : '-',
      ]);
      if (size.packets === 1_000_000) {
        verdicts.push(
          `Target ${TARGET_PACKETS_PER_SECOND.toLocaleString('en-US')} packets/s: ${perSecond >= TARGET_PACKETS_PER_SECOND ? 'met' : 'MISSED'} (${Math.round(perSecond).toLocaleString('en-US')})`,
        );
        if (shark !== undefined) {
          const ratio = shark / m.scanMs;
          verdicts.push(
            `Target ${TARGET_RATIO}x faster than tshark: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'} (${ratio.toFixed(1)}x)`,
          );
        }
      }
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const header = [
    'packets',
    'file',
    'connections',
    'flags',
    'import+analysis ms',
    'packets/s',
    'peak RSS over start (total)',
    'scenario text ms',
    'tshark ms',
    'tshark/ours',
  ];
  console.log(table(header, rows));
  console.log(`\n${verdicts.join('\n')}`);
}

if (process.argv[2] === '--measure') {
  measure(process.argv[3] as string, Number(process.argv[4]), process.argv[5] === 'scenario');
} else {
  main();
}
