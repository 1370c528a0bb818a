/**
 * A TLS-intercepting proxy seen from both sides (issue 20, "a real man in the middle"): a capture
 * taken where the proxy runs holds the client's connection to the proxy and the proxy's own
 * connection to the server. mitmproxy, a corporate TLS inspection box or malware all do the
 * same: they end the client's TLS with a certificate they forge for the name the client asked
 * for, signed by a CA of their own, and open a second TLS session to the real server. The
 * import writes the pair as one scenario with an `attacker` between client and server that
 * holds both TCP connections, so that the engine gives the notes' verdict: the client rejects
 * the forged certificate, or it trusts the proxy's CA and the attack succeeds (HS625).
 *
 * The listing pass reads each TLS connection's server certificate (glanceCertificate); then
 * findInterceptions pairs the connections that are the two legs of one interception.
 */
import type { TcpPacket } from '../read/packet';
import type { CertificateFacts } from '../read/x509Certificate';
import type { Connection, ConnectionEnd } from './connectionTable';
import { TlsStream } from './tlsStream';

/** At most this many of a server's payload segments are read for its certificate. */
const GLANCE_SEGMENTS = 16;

/**
 * Reads the server's certificate of a connection whose client opened with a ClientHello: the
 * server's payload is fed to a TlsStream until its Certificate, an encrypted record (TLS 1.3
 * encrypts the certificate) or GLANCE_SEGMENTS segments. Called by the listing pass.
 */
export function glanceCertificate(
  connection: Connection,
  direction: 0 | 1,
  packet: TcpPacket,
): void {
  if (connection.tls === undefined || direction === connection.client) return;
  if (packet.payloadEnd <= packet.payloadStart) return;
  let glance = connection.certificate;
  if (glance === undefined) {
    glance = { stream: new TlsStream(), segments: 0 };
    connection.certificate = glance;
  }
  const stream = glance.stream;
  if (!stream) return;
  const payload = packet.bytes.subarray(packet.payloadStart, packet.payloadEnd);
  for (const event of stream.push(packet.seq, payload, packet.len)) {
    if (event.kind === 'Certificate') {
      const leaf = event.chain[0];
      if (leaf) glance.leaf = leaf;
      glance.stream = undefined;
      return;
    }
    if (event.kind === 'Encrypted' || event.kind === 'Lost' || event.kind === 'Alert') {
      glance.stream = undefined;
      return;
    }
  }
  if (++glance.segments >= GLANCE_SEGMENTS || !stream.active) glance.stream = undefined;
}

/** Two connections of a capture that are one interception. */
export interface Interception {
  /** The client's connection to the proxy (its index in the listing, 1-based). */
  readonly clientLeg: number;
  /** The proxy's connection to the server. */
  readonly serverLeg: number;
  /** The name both ClientHellos asked for. */
  readonly sni: string;
  /** The issuer of the proxy's certificate for that name: a CA whose key the proxy holds. */
  readonly proxyIssuer: string;
  /** The issuer of the server's certificate. */
  readonly serverIssuer: string;
}

/**
 * The interceptions among the listed connections. Two connections are the legs of one when:
 * the second opens while the first is open (the proxy connects on the client's behalf), both
 * ClientHellos ask for the same name, both certificates are in the capture, each for that
 * name, and the two are issued by different CAs (the proxy forged the first). The first leg
 * is the client's: a proxy cannot connect for a client that has not connected yet. Each
 * connection is in one interception at most, paired with the first that fits.
 */
export function findInterceptions(connections: readonly Connection[]): Interception[] {
  const found: Interception[] = [];
  const paired = new Set<number>();
  const candidates = connections.filter((c) => sniOf(c) !== undefined && leafOf(c) !== undefined);
  for (const client of candidates) {
    if (paired.has(client.index)) continue;
    const sni = sniOf(client) as string;
    const forged = leafOf(client) as CertificateFacts;
    if (!namesHost(forged, sni)) continue;
    const server = candidates.find(
      (c) =>
        !paired.has(c.index) &&
        c.index !== client.index &&
        c.firstFrame > client.firstFrame &&
        c.firstFrame <= client.lastFrame &&
        sniOf(c) === sni &&
        !sameEnd(serverEnd(c), serverEnd(client)) &&
        namesHost(leafOf(c) as CertificateFacts, sni) &&
        (leafOf(c) as CertificateFacts).issuer !== forged.issuer,
    );
    if (!server) continue;
    paired.add(client.index).add(server.index);
    found.push({
      clientLeg: client.index,
      serverLeg: server.index,
      sni,
      proxyIssuer: forged.issuer,
      serverIssuer: (leafOf(server) as CertificateFacts).issuer,
    });
  }
  return found;
}

/** The name a connection's ClientHello asked for (from the listing's glance). */
function sniOf(connection: Connection): string | undefined {
  const tls = connection.tls;
  return tls?.startsWith('TLS sni=') ? tls.slice('TLS sni='.length) : undefined;
}

function leafOf(connection: Connection): CertificateFacts | undefined {
  return connection.certificate?.leaf;
}

function serverEnd(connection: Connection): ConnectionEnd {
  return connection.client === 0 ? connection.second : connection.first;
}

function sameEnd(a: ConnectionEnd, b: ConnectionEnd): boolean {
  return a.address === b.address && a.port === b.port;
}

/**
 * True when the certificate is for `host`: a DNS name of it, or its common name when it has
 * none (RFC 6125 §6.4.4), a wildcard covering one label (§6.4.3).
 */
export function namesHost(facts: CertificateFacts, host: string): boolean {
  const names = facts.dnsNames.length > 0 ? facts.dnsNames : [facts.commonName ?? ''];
  const wanted = host.toLowerCase();
  return names.some((name) => {
    const n = name.toLowerCase();
    if (n === wanted) return true;
    if (!n.startsWith('*.')) return false;
    const dot = wanted.indexOf('.');
    return dot > 0 && wanted.slice(dot) === n.slice(1);
  });
}
