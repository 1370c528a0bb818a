import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestTcpState, parseTcpState } from '../../../src/core/protocol/tcpStates';

test('states in any case, with - or _, and the spellings of tools', () => {
  assert.equal(parseTcpState('fin-wait-1'), 'FIN_WAIT_1');
  assert.equal(parseTcpState('SYN_RECV'), 'SYN_RECEIVED');
  assert.equal(parseTcpState('CLOSED_WAIT'), undefined);
});

test('an unknown state is nearest to one state, or to none', () => {
  const cases: [string, string | undefined][] = [
    ['CLOSED_WAIT', 'CLOSE_WAIT'],
    ['closewait', 'CLOSE_WAIT'],
    ['ESTABLISH', 'ESTABLISHED'],
    ['TIMEWAIT', 'TIME_WAIT'],
    ['SYN_RECIEVED', 'SYN_RECEIVED'],
    ['SYNSENT', 'SYN_SENT'],
    // Two equally near (FIN_WAIT_1, FIN_WAIT_2), or none near: no guess.
    ['FIN_WAIT', undefined],
    ['OPEN', undefined],
    ['X', undefined],
  ];
  for (const [text, state] of cases) assert.equal(nearestTcpState(text), state, text);
});
