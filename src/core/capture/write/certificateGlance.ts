import type { CertificateFacts } from '../read/x509Certificate';
import type { TlsStream } from './tlsStream';

/**
 * The server certificate of a TLS connection, as the listing pass reads it (glanceCertificate
 * in interception.ts), for finding a proxy's two legs.
 */
export interface CertificateGlance {
  /** The server's TLS stream while the certificate is still to come; undefined once done. */
  stream: TlsStream | undefined;
  segments: number;
  /** The leaf certificate, when the server sent it in the clear (TLS 1.2). */
  leaf?: CertificateFacts;
}
