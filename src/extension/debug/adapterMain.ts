import { readFile } from 'node:fs/promises';
import { localeOf } from '../../core/text/locale';
import { HandshakeDebugSession } from './handshakeDebugSession';

/**
 * The debug adapter as a process speaking DAP over stdin/stdout (dist/debugAdapter.js): what
 * the adapter tests spawn with `@vscode/debugadapter-testsupport`, and what any DAP client
 * other than VS Code can run. VS Code itself runs the same session inline (debugRegistration.ts).
 */
const session = new HandshakeDebugSession(
  (path) => readFile(path, 'utf8'),
  localeOf(process.env.HANDSHAKE_LOCALE ?? process.env.LANG),
);
session.start(process.stdin, process.stdout);
