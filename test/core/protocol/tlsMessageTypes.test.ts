import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseTlsMessageType,
  TLS_CONTENT_TYPE,
  TLS_HANDSHAKE_TYPE,
  TLS_MESSAGE_TYPES,
} from '../../../src/core/protocol/tlsMessageTypes';

test('record content types are 20 to 23 (RFC 8446 §5.1)', () => {
  assert.deepEqual(TLS_CONTENT_TYPE, {
    ChangeCipherSpec: 20,
    Alert: 21,
    Handshake: 22,
    ApplicationData: 23,
  });
});

test('handshake types have their RFC 8446 §4 code points', () => {
  assert.equal(TLS_HANDSHAKE_TYPE.ClientHello, 1);
  assert.equal(TLS_HANDSHAKE_TYPE.ServerHello, 2);
  assert.equal(TLS_HANDSHAKE_TYPE.Certificate, 11);
  assert.equal(TLS_HANDSHAKE_TYPE.CertificateVerify, 15);
  assert.equal(TLS_HANDSHAKE_TYPE.ClientKeyExchange, 16);
  const codes = Object.values(TLS_HANDSHAKE_TYPE);
  assert.equal(new Set(codes).size, codes.length);
});

test('every message name reads back in any case', () => {
  for (const message of TLS_MESSAGE_TYPES) {
    assert.equal(parseTlsMessageType(message), message);
    assert.equal(parseTlsMessageType(message.toLowerCase()), message);
  }
  assert.equal(parseTlsMessageType('NewSessionTicket'), undefined);
});

test('the RFCs’ enum spelling reads too: client_hello, server_hello_done, change_cipher_spec', () => {
  assert.equal(parseTlsMessageType('client_hello'), 'ClientHello');
  assert.equal(parseTlsMessageType('Server_Hello_Done'), 'ServerHelloDone');
  assert.equal(parseTlsMessageType('change_cipher_spec'), 'ChangeCipherSpec');
  assert.equal(parseTlsMessageType('client__hello_x'), undefined);
  assert.equal(parseTlsMessageType('_'), undefined);
});
