// Preloaded into a process the benchmark times (`node --require bench/maxRss.cjs CLI ...`):
// when the process exits, appends its peak resident set (KiB) to HANDSHAKE_BENCH_RSS. The
// figure is the CLI's own, measured by the kernel, with no tool the machine might lack.
'use strict';
const { appendFileSync } = require('node:fs');
const file = process.env.HANDSHAKE_BENCH_RSS;
if (file) {
  process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}
