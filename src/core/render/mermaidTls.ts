import type { Diagnostic } from '../check/diagnostic';
import type { Span } from '../syntax/span';
import type { CertificateCheck, TlsStep } from '../tls/tlsTrace';
import { ERROR_COLOUR, TLS_COLOURS } from './colours';
import { escapeMermaid as esc, truncate } from './escapeMermaid';
import { tlsText } from '../tls/tlsText';

/** What the TLS part of the diagram needs from the writer that draws the whole scenario. */
export interface TlsCanvas {
  emit(line: string): void;
  open(line: string): void;
  close(): void;
  note(endpoint: string, text: string): void;
  noteAcross(text: string): void;
  id(endpoint: string): string | undefined;
  lineOf(span: Span): number;
  errorOn(line: number): Diagnostic | undefined;
  arrow(line: number, faulty: boolean): void;
  readonly lineNumbers: boolean;
  readonly showPayload: boolean;
}

const PAYLOAD_MAX = 40;
const LABEL_MAX = 72;
const NOTE_MAX = 90;

/**
 * Draws runs of TLS messages: the hellos on a violet tint, everything under the session keys on
 * a green one, the client's certificate check and key derivations as notes, failures and a
 * successful attacker in the error colour.
 */
export class TlsDrawing {
  /** The tint currently open, if any. */
  private open: { readonly encrypted: boolean; readonly session?: number } | undefined;
  private readonly titled = new Set<number>();
  private readonly encryptedTitled = new Set<string>();

  constructor(private readonly canvas: TlsCanvas) {}

  /** Ends the current tint: the next step is not a TLS message. */
  end(): void {
    if (this.open) this.canvas.close();
    this.open = undefined;
  }

  write(step: TlsStep): void {
    const { canvas } = this;
    const from = canvas.id(step.from);
    const to = canvas.id(step.to);
    if (!from || !to) return;
    this.tint(step);
    const line = canvas.lineOf(step.span);
    if (step.faulty) canvas.open(`rect ${ERROR_COLOUR}`);
    if (canvas.lineNumbers) canvas.emit(`autonumber ${line + 1}`);
    canvas.emit(`${from}${step.forwarded ? '--)' : '->>'}${to}: ${esc(this.label(step))}`);
    canvas.arrow(line, step.faulty);
    if (step.faulty) {
      const error = canvas.errorOn(line);
      if (error) canvas.note(step.from, truncate(`✗ ${error.code} ${error.message}`, NOTE_MAX));
      canvas.close();
    }
    if (step.certificateCheck) this.checkNote(step.certificateCheck);
    for (const derivation of step.derivations) {
      canvas.note(
        derivation.endpoint,
        tlsText().derivesNote({ secret: derivation.secret, inputs: derivation.inputs.join(', ') }),
      );
    }
    if (step.failure) {
      canvas.open(`rect ${ERROR_COLOUR}`);
      canvas.note(step.failure.endpoint, truncate(step.failure.text, NOTE_MAX));
      canvas.close();
    }
    if (step.compromised) {
      canvas.open(`rect ${ERROR_COLOUR}`);
      canvas.note(
        step.compromised,
        step.message === 'Finished'
          ? tlsText().holdsKeysNote({ attacker: step.compromised })
          : tlsText().readsNote({ attacker: step.compromised }),
      );
      canvas.close();
    }
  }

  private tint(step: TlsStep): void {
    const wanted = {
      encrypted: step.encrypted,
      ...(step.session ? { session: step.session } : {}),
    };
    if (this.open?.encrypted === wanted.encrypted && this.open.session === wanted.session) return;
    this.end();
    this.canvas.open(`rect ${step.encrypted ? TLS_COLOURS.encrypted : TLS_COLOURS.clear}`);
    this.open = wanted;
    if (step.encrypted) {
      // Once per session and sender (each side switches to the keys on its own); TCP segments
      // between its records, as in an imported capture, only interrupt the tint.
      const key = `${step.session ?? 0} ${step.from}`;
      if (!this.encryptedTitled.has(key)) this.canvas.noteAcross(tlsText().encryptedNote);
      this.encryptedTitled.add(key);
    } else if (step.session !== undefined && !this.titled.has(step.session)) {
      this.titled.add(step.session);
      this.canvas.noteAcross(tlsText().handshakeTitle({ version: step.version ?? '' }));
    }
  }

  /** Where the client accepted the server's certificate: what it verified, or why it let a fake in. */
  private checkNote({ endpoint, cert, verdict }: CertificateCheck): void {
    const text = tlsText();
    if (verdict.kind === 'CertUnchecked') {
      this.warn(endpoint, text.certUncheckedNote({ client: endpoint, cert }));
    } else if (verdict.attacker !== undefined && verdict.attacker !== endpoint) {
      const { signer: ca, attacker } = verdict;
      this.warn(endpoint, text.certAttackerCaNote({ client: endpoint, cert, ca, attacker }));
    } else {
      const note = text.certVerifiedNote({
        cert,
        signer: verdict.selfSigned ? text.selfSignedIssuer : verdict.signer,
        name: verdict.name ?? '',
        date: verdict.date ?? '',
      });
      this.canvas.note(endpoint, truncate(note, NOTE_MAX));
    }
  }

  /** A note in the error colour. */
  private warn(endpoint: string, text: string): void {
    this.canvas.open(`rect ${ERROR_COLOUR}`);
    this.canvas.note(endpoint, truncate(text, NOTE_MAX));
    this.canvas.close();
  }

  private label(step: TlsStep): string {
    const parts: string[] = [];
    if (step.forwarded) parts.push('forward');
    parts.push(step.message, ...step.details);
    const payload = step.statement.payload?.value;
    if (this.canvas.showPayload && payload !== undefined) {
      parts.push(`"${truncate(payload, PAYLOAD_MAX)}"`);
    }
    // Cipher suite lists make long labels; the hover shows the whole message.
    return truncate(parts.join(' '), LABEL_MAX);
  }
}
