import { processIo } from './io';
import { run } from './run';

process.exitCode = run(process.argv.slice(2), processIo);
