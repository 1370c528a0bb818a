import { handshakeEvent } from './tlsMessages';
import { TLS_CONTENT_TYPE, TLS_HANDSHAKE_TYPE } from '../../protocol/tlsMessageTypes';

const HANDSHAKE_RECORD = TLS_CONTENT_TYPE.Handshake;
const CLIENT_HELLO = TLS_HANDSHAKE_TYPE.ClientHello;

/**
 * What a connection's first payload says about TLS, for the connection list: `TLS sni=NAME`
 * when it is a ClientHello (RFC 8446 §4.1.2) whole in this one segment, else undefined. Reads
 * only the bytes given; never throws. The import reads TLS properly (TlsStream); this is a
 * glance that costs nothing per packet.
 */
export function tlsGlance(payload: Uint8Array): string | undefined {
  if (payload.length < 9 || payload[0] !== HANDSHAKE_RECORD || payload[1] !== 3) return undefined;
  if (payload[5] !== CLIENT_HELLO) return undefined;
  const length =
    ((payload[6] as number) << 16) | ((payload[7] as number) << 8) | (payload[8] as number);
  if (payload.length < 9 + length) return 'TLS';
  const hello = handshakeEvent(CLIENT_HELLO, payload.subarray(9, 9 + length));
  return hello?.kind === 'ClientHello' && hello.sni !== undefined ? `TLS sni=${hello.sni}` : 'TLS';
}
