import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { median } from './stats';

/** True when `tshark` is on the PATH. */
export function hasTshark(): boolean {
  return spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The median time of Wireshark's TCP analysis of `file` over `runs` runs
 * (`tshark -r FILE -2 -T fields -e tcp.analysis.flags`, two passes as the import makes).
 */
export function tsharkMs(file: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(
      'tshark',
      ['-r', file, '-2', '-T', 'fields', '-e', 'tcp.analysis.flags'],
      { stdio: 'ignore' },
    );
    if (result.status !== 0) throw new Error(`tshark failed on ${file}`);
    times.push(performance.now() - start);
  }
  return median(times);
}
