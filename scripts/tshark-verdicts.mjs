#!/usr/bin/env node
// Stores tshark's TCP analysis beside each capture fixture (NAME.tshark.tsv), so that the tests
// compare our analysis with Wireshark's without needing tshark. Run it after adding or
// regenerating a capture: `node scripts/tshark-verdicts.mjs [FILE...]` (default: every .pcap
// and .pcapng in test/core/capture/fixtures). Needs tshark on the PATH.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = 'test/core/capture/fixtures';
/** The columns test/core/tcp/tcpAnalysis.test.ts reads, in its order. */
const FIELDS = [
  'frame.number',
  'tcp.stream',
  'tcp.analysis.retransmission',
  'tcp.analysis.fast_retransmission',
  'tcp.analysis.spurious_retransmission',
  'tcp.analysis.out_of_order',
  'tcp.analysis.lost_segment',
  'tcp.analysis.ack_lost_segment',
  'tcp.analysis.duplicate_ack',
  'tcp.analysis.zero_window',
  'tcp.analysis.window_full',
  'tcp.analysis.keep_alive',
  'tcp.analysis.reused_ports',
];

const files = process.argv.slice(2);
const targets = files.length
  ? files
  : readdirSync(FIXTURES)
      .filter((name) => /\.pcap(ng)?$/.test(name))
      .map((name) => join(FIXTURES, name));

for (const file of targets) {
  const args = ['-r', file, '-2', '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])];
  const run = spawnSync('tshark', [...args, '-E', 'header=y', '-E', 'occurrence=f'], {
    encoding: 'utf8',
  });
  if (run.error || run.status !== 0) {
    console.error(`tshark failed on ${file}: ${run.error?.message ?? run.stderr}`);
    process.exit(1);
  }
  writeFileSync(`${file}.tshark.tsv`, run.stdout);
  console.log(`${file}.tshark.tsv`);
}
