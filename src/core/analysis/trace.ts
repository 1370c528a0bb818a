import type { TcpStep, TcpTrace } from '../tcp/trace';
import type { TlsStep } from '../tls/tlsTrace';

/** One step of the whole trace: a TCP statement's or a TLS message's, in statement order. */
export type TraceStep = TcpStep | TlsStep;

/** The TCP engine's trace with the TLS engine's steps merged in: what every feature reads. */
export interface Trace extends Omit<TcpTrace, 'steps'> {
  readonly steps: readonly TraceStep[];
}
