/**
 * Window scaling (RFC 7323 §2.2-2.3) as the engine plays it: each side's shift comes from the
 * Window Scale option of its SYN (`wscale=`, or a capture annotation's), scaling is in effect
 * only when both SYNs carried it, a SYN's own window is never scaled, and RCV.WND = win << shift
 * is what the window test (RFC 9293 §3.10.7.4) and the RST-in-window test (RFC 5961 §3.2) use.
 * When a SYN was not seen (an imported capture that starts mid-stream) the shift is unknown
 * and a window is the largest its field can mean.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { newTcb } from '../../../src/core/tcp/tcb';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import {
  largestWindow,
  NO_WSCALE,
  receiveWindow,
  sendWindowShift,
  SOME_WSCALE,
  UNKNOWN_SHIFT,
  UNSEEN_WSCALE,
  windowShift,
} from '../../../src/core/tcp/windowScale';
import { codesAt, lines } from '../../helpers';

const ENDPOINTS = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'attacker mallory 10.0.0.1:50000',
  'server listen',
];

const ASSUMED = '# not in the capture: assumed';

/**
 * A handshake whose SYN and SYN ACK end in `client` and `server` (their options), after which
 * the server advertises `win=2`: 256 bytes at a shift of 7.
 */
function opening(client: string, server: string, synAckWin = 65160): string[] {
  return [
    ...ENDPOINTS,
    `client -> server SYN seq=1000 win=64240 ${client}`,
    `server -> client SYN ACK seq=5000 ack=1001 win=${synAckWin} ${server}`,
    'client -> server ACK seq=1001 ack=5001 win=502',
    'server -> client ACK seq=5001 ack=1001 win=2',
  ];
}

/** The client's data starting `offset` bytes past the server's RCV.NXT (the bytes before it lost). */
function dataAt(offset: number): string[] {
  return [
    `client -x server PSH ACK seq=1001 ack=5001 len=${offset}`,
    `client -> server PSH ACK seq=${1001 + offset} ack=5001 len=10`,
  ];
}

/** A RST forged with the client's address, `offset` bytes past the server's RCV.NXT. */
function resetAt(offset: number): string[] {
  return [`mallory -> server RST seq=${1001 + offset}`];
}

/** The outcome of the last segment, and the errors and warnings. */
function last(text: string): { outcome: string | undefined; codes: string[] } {
  const analysis = analyze(text);
  const steps = analysis.trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  return {
    outcome: steps[steps.length - 1]?.outcome,
    codes: codesAt(analysis, ['error', 'warning']),
  };
}

interface Case {
  readonly name: string;
  /** The options of the SYN and of the SYN ACK. */
  readonly client: string;
  readonly server: string;
  /** The server's RCV.NXT + RCV.WND, as an offset from RCV.NXT, after its `win=2`. */
  readonly window: number;
  readonly codes?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'both SYNs carry wscale=7: 2 << 7', client: 'wscale=7', server: 'wscale=7', window: 256 },
  {
    name: 'the capture annotations carry the option: the same as the field',
    client: '# frame 1 t=0.000000 mss=1460 wscale=7',
    server: '# frame 2 t=0.000050 mss=1460 wscale=7',
    window: 256,
  },
  {
    name: 'each side has its own shift: the server’s',
    client: 'wscale=2',
    server: 'wscale=7',
    window: 256,
  },
  {
    name: 'only the SYN carries the option: no scaling',
    client: 'wscale=7',
    server: '',
    window: 2,
  },
  { name: 'only the SYN ACK carries it: no scaling', client: '', server: 'wscale=7', window: 2 },
  {
    name: 'a captured SYN without the option: no scaling',
    client: '# frame 1 t=0.000000 mss=1460',
    server: '# frame 2 t=0.000050 mss=1460 wscale=7',
    window: 2,
  },
  { name: 'neither SYN carries it: no scaling', client: '', server: '', window: 2 },
  {
    name: 'a shift above 14 is taken as 14, with a warning (RFC 7323 §2.3)',
    client: 'wscale=14',
    server: 'wscale=20',
    window: 2 * 2 ** 14,
    codes: ['HS307@6:61'],
  },
  {
    name: 'the SYNs were not seen (a capture that starts mid-stream): any shift, up to 14',
    client: ASSUMED,
    server: ASSUMED,
    window: 2 * 2 ** 14,
  },
  {
    name: 'the SYN was not seen, the SYN ACK carries wscale=7: the SYN had one (RFC 7323 §2.2)',
    client: ASSUMED,
    server: '# frame 1 t=0.000000 mss=1460 wscale=7',
    window: 256,
  },
  {
    name: 'the SYN was not seen, the SYN ACK carries none: no scaling',
    client: ASSUMED,
    server: '# frame 1 t=0.000000 mss=1460',
    window: 2,
  },
];

for (const c of CASES) {
  test(`${c.name}: data inside the window is taken, data at its edge dropped and acknowledged (RFC 9293 §3.10.7.4)`, () => {
    const inside = last(lines(...opening(c.client, c.server), ...dataAt(c.window - 1)));
    assert.equal(inside.outcome, 'queued');
    assert.deepEqual(inside.codes, c.codes ?? []);
    const edge = last(lines(...opening(c.client, c.server), ...dataAt(c.window)));
    assert.equal(edge.outcome, 'challenged');
    assert.deepEqual(edge.codes, c.codes ?? []);
  });

  test(`${c.name}: a RST in the window is challenged, one at its edge dropped (RFC 5961 §3.2)`, () => {
    const inside = last(lines(...opening(c.client, c.server), ...resetAt(c.window - 1)));
    assert.equal(inside.outcome, 'challenged');
    assert.deepEqual(inside.codes, c.codes ?? []);
    const edge = last(lines(...opening(c.client, c.server), ...resetAt(c.window)));
    assert.equal(edge.outcome, 'ignored');
  });
}

test('the window of a SYN ACK is never scaled (RFC 7323 §2.2)', () => {
  // The server's last window is its SYN ACK's win=3: 3 bytes, though both sides scale by 7.
  const handshake = opening('wscale=7', 'wscale=7', 3).slice(0, -1);
  assert.equal(last(lines(...handshake, ...dataAt(2))).outcome, 'queued');
  assert.equal(last(lines(...handshake, ...dataAt(3))).outcome, 'challenged');
  assert.equal(last(lines(...handshake, ...resetAt(3))).outcome, 'ignored');
  // Its next window is scaled: win=3 after the handshake is 384 bytes.
  const after = [...handshake, 'server -> client ACK seq=5001 ack=1001 win=3'];
  assert.equal(last(lines(...after, ...dataAt(383))).outcome, 'queued');
  assert.equal(last(lines(...after, ...dataAt(384))).outcome, 'challenged');
});

test('SYNs that were not seen: without win=, any window 65535 can mean is open', () => {
  const handshake = [
    ...ENDPOINTS,
    `client -> server SYN seq=1000  ${ASSUMED}`,
    `server -> client SYN ACK seq=5000 ack=1001  ${ASSUMED}`,
    `client -> server ACK seq=1001 ack=5001  ${ASSUMED}`,
  ];
  assert.equal(last(lines(...handshake, ...dataAt(65535 * 2 ** 14 - 1))).outcome, 'queued');
  assert.equal(last(lines(...handshake, ...dataAt(65535 * 2 ** 14))).outcome, 'challenged');
  // Written by hand, the same SYNs carry no option: 65535 bytes.
  const written = handshake.map((line) => line.replace(ASSUMED, ''));
  assert.equal(last(lines(...written, ...dataAt(65534))).outcome, 'queued');
  assert.equal(last(lines(...written, ...dataAt(65535))).outcome, 'challenged');
});

test('wscale= on a segment without SYN is a warning, and changes nothing (RFC 7323 §2.2)', () => {
  const text = lines(
    ...opening('wscale=7', 'wscale=7').slice(0, -1),
    'server -> client ACK seq=5001 ack=1001 win=2 wscale=0',
    ...dataAt(255),
  );
  const { outcome, codes } = last(text);
  assert.equal(outcome, 'queued');
  assert.deepEqual(codes, ['HS306@8:46']);
});

test('windowShift: the shift from both SYNs’ options (RFC 7323 §2.2)', () => {
  const cases: [own: number | undefined, peer: number | undefined, shift: number][] = [
    [7, 7, 7],
    [7, 2, 7],
    [0, 7, 0],
    [7, NO_WSCALE, 0],
    [NO_WSCALE, 7, 0],
    [7, undefined, 0], // the peer's SYN is still to come: windows are not scaled yet
    [undefined, 7, 0],
    [UNSEEN_WSCALE, 7, UNKNOWN_SHIFT],
    [7, UNSEEN_WSCALE, UNKNOWN_SHIFT],
    [UNSEEN_WSCALE, UNSEEN_WSCALE, UNKNOWN_SHIFT],
    [UNSEEN_WSCALE, NO_WSCALE, 0],
    [7, SOME_WSCALE, 7], // a SYN ACK with the option answered a SYN that had one
  ];
  for (const [own, peer, shift] of cases) {
    const tcb = newTcb({ synWscale: own, peerWscale: peer });
    assert.equal(windowShift(tcb), shift, `${own} ${peer}`);
  }
});

test('receiveWindow: win << shift, the largest it can mean when the shift is unknown', () => {
  assert.equal(largestWindow(502, 7), 64256);
  assert.equal(largestWindow(502, UNKNOWN_SHIFT), 502 * 2 ** 14);
  assert.equal(largestWindow(0, UNKNOWN_SHIFT), 0);
  assert.equal(receiveWindow(newTcb()), 65535);
  assert.equal(receiveWindow(newTcb({ synWscale: 7, peerWscale: 7 })), 65535 * 2 ** 7);
  assert.equal(receiveWindow(newTcb({ rcvWnd: 1000, synWscale: 7, peerWscale: 7 })), 1000);
});

test('an imported capture whose SYNs carry wscale=10 checks with zero engine errors, its data all taken', () => {
  const name = 'http.pcap';
  const bytes = readFileSync(`test/core/capture/fixtures/${name}`);
  const result = importCapture(() => [bytes], { name });
  assert.ok(result.ok);
  // The import writes the option in the SYNs' annotations, as before.
  assert.equal((result.text.match(/^.* SYN .*# frame \d+ .*wscale=10/gm) ?? []).length, 2);
  const analysis = analyze(result.text);
  assert.deepEqual(
    analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
    [],
  );
  const steps = analysis.trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  assert.ok(steps.every((s) => s.outcome !== 'challenged' && s.outcome !== 'ignored'));
});

/** Each segment's receiver's SND.WND and sender's RCV.WND in the trace's snapshots, in order. */
function windows(text: string): [sndWnd: number | undefined, rcvWnd: number | undefined][] {
  return analyze(text)
    .trace.steps.filter((s): s is SegmentStep => s.kind === 'segment')
    .map((s) => [s.receiver.after.sndWnd, s.sender.after.rcvWnd]);
}

test('the trace holds SND.WND (the peer’s last window) and RCV.WND (its own), scaled', () => {
  // Shifts 7 (client) and 8 (server). RFC 9293 §3.10.7.4: SND.WND <- SEG.WND, shifted by the
  // peer's scale (RFC 7323 §2.3); a SYN's window is never scaled.
  assert.deepEqual(windows(lines(...opening('wscale=7', 'wscale=8'))), [
    [64240, 64240],
    [65160, 65160],
    [502 * 2 ** 7, 502 * 2 ** 7],
    [2 * 2 ** 8, 2 * 2 ** 8],
  ]);
  // Only one SYN offered the option: no window is scaled.
  assert.deepEqual(windows(lines(...opening('wscale=7', ''))).slice(2), [
    [502, 502],
    [2, 2],
  ]);
});

test('no win= written: SND.WND and RCV.WND stay unknown; a lost segment moves neither', () => {
  const text = lines(
    ...ENDPOINTS,
    'client -> server SYN seq=1000',
    'server -> client SYN ACK seq=5000 ack=1001 win=100',
    'client -x server ACK seq=1001 ack=5001 win=7',
  );
  const steps = analyze(text).trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  assert.equal(steps[0]?.sender.after.rcvWnd, undefined);
  assert.equal(steps[0]?.receiver.after.sndWnd, undefined);
  assert.equal(steps[1]?.receiver.after.sndWnd, 100);
  assert.equal(steps[2]?.sender.after.rcvWnd, 7, 'it was advertised');
  assert.equal(steps[2]?.receiver.after.sndWnd, undefined, 'it never arrived');
});

test('sendWindowShift: the peer’s shift once both SYNs carried one (RFC 7323 §2.2)', () => {
  const cases: [own: number | undefined, peer: number | undefined, shift: number][] = [
    [7, 2, 2],
    [0, 7, 7],
    [7, NO_WSCALE, 0],
    [NO_WSCALE, 7, 0],
    [undefined, 7, 0],
    [7, UNSEEN_WSCALE, UNKNOWN_SHIFT],
    [7, SOME_WSCALE, UNKNOWN_SHIFT],
    [UNSEEN_WSCALE, 7, UNKNOWN_SHIFT],
  ];
  for (const [own, peer, shift] of cases) {
    const tcb = newTcb({ synWscale: own, peerWscale: peer });
    assert.equal(sendWindowShift(tcb), shift, `${own} ${peer}`);
  }
});
