/**
 * How the import names and declares the two legs of an interception (interception.ts): the
 * client's connection is `client -> mallory`, the proxy's own is `mallory -> server`, and
 * `mallory` is declared once, as an `attacker`, which may hold both connections
 * (tcp/connectionKey.ts). Its addresses go in comments: an attacker's address is the one it
 * passes for (tcp/network.ts, spoofedPeer), and a proxy forges no one's.
 */
import type { Connection, ConnectionEnd } from './connectionTable';
import type { Interception } from './interception';

/** The names of one leg's two ends, and the lines that declare what is new of them. */
export interface LegNames {
  readonly client: string;
  readonly server: string;
  readonly declarations: readonly string[];
}

/** Writes an endpoint's declaration: `endpoint NAME ADDRESS`. */
export type EndpointLine = (name: string, end: ConnectionEnd, family: 4 | 6) => string;

/** The names of the legs of a capture's interceptions. */
export class InterceptionNames {
  private readonly byLeg = new Map<number, Interception>();

  /**
   * `numbered`: the capture holds other connections too, so each interception's names carry
   * the number of its client's connection (`client1`, `mallory1`, `server1`).
   */
  constructor(
    interceptions: readonly Interception[],
    private readonly numbered: boolean,
  ) {
    for (const each of interceptions) {
      this.byLeg.set(each.clientLeg, each).set(each.serverLeg, each);
    }
  }

  /** The names of `connection` when it is a leg of an interception; undefined otherwise. */
  of(connection: Connection, endpointLine: EndpointLine): LegNames | undefined {
    const found = this.byLeg.get(connection.index);
    if (!found) return undefined;
    const { client, mallory, server } = this.names(found);
    const ends = [connection.first, connection.second];
    const clientEnd = ends[connection.client] as ConnectionEnd;
    const serverEnd = ends[1 - connection.client] as ConnectionEnd;
    const at = (end: ConnectionEnd): string =>
      connection.family === 6 ? `[${end.address}]:${end.port}` : `${end.address}:${end.port}`;
    if (connection.index === found.clientLeg) {
      return {
        client,
        server: mallory,
        declarations: [
          `# A TLS interception: connection ${found.clientLeg} is ${client}'s to a proxy, which opens connection ${found.serverLeg} to ${server} for it.`,
          `# Both ask for ${found.sni}; the proxy's certificate for it is issued by ${found.proxyIssuer},`,
          `# the server's by ${found.serverIssuer}: the proxy is the attacker between them.`,
          endpointLine(client, clientEnd, connection.family),
          `attacker ${mallory}  # ${at(serverEnd)}: the proxy, as ${client} reaches it`,
        ],
      };
    }
    return {
      client: mallory,
      server,
      declarations: [
        `# ${mallory}'s own connection, from ${at(clientEnd)}`,
        endpointLine(server, serverEnd, connection.family),
      ],
    };
  }

  /**
   * The attacker that holds the private key of the CA `issuer` (a distinguished name): the
   * proxy's own CA, which signs the certificates it forges. Undefined for any other CA.
   */
  holderOf(issuer: string): string | undefined {
    for (const found of this.byLeg.values()) {
      if (found.proxyIssuer === issuer) return this.names(found).mallory;
    }
    return undefined;
  }

  private names(found: Interception): { client: string; mallory: string; server: string } {
    const suffix = this.numbered ? String(found.clientLeg) : '';
    return { client: `client${suffix}`, mallory: `mallory${suffix}`, server: `server${suffix}` };
  }
}
