import { word, type Text } from '../text/words';
import type { Locale } from '../text/locale';
import type { Diagnostic } from '../check/diagnostic';
import type { Span } from '../text/span';
import type { CertificateCheck, TlsStep, TrafficKeys } from '../tls/tlsTrace';
import { ERROR_COLOUR, TLS_COLOURS } from './colours';
import { truncate } from './escapeMermaid';
import { TLS_TEXT } from '../tls/tlsText';
import { LABEL_LINES, LABEL_WIDTH, mermaidLines, packLines, payloadText } from './labelLines';

/** What the TLS part of the diagram needs from the writer that draws the whole scenario. */
export interface TlsCanvas {
  emit(line: string): void;
  open(line: string): void;
  close(): void;
  note(endpoint: string, text: string): void;
  noteAcross(text: string): void;
  id(endpoint: string): string | undefined;
  lineOf(span: Span): number;
  /** The first error that belongs to the step. */
  errorOf(step: TlsStep): Diagnostic | undefined;
  arrow(line: number, faulty: boolean, labelLines: number): void;
  readonly lineNumbers: boolean;
  readonly showPayload: boolean;
}

const PAYLOAD_MAX = 40;
const NOTE_MAX = 90;

/** A tint of the diagram: the clear part of a handshake, or the part under one kind of keys. */
type TlsPhase = 'clear' | TrafficKeys;

/**
 * Draws runs of TLS messages: the hellos on a violet tint, everything under the keys on a green
 * one (TLS 1.3's application keys deeper than its handshake keys), the client's certificate check
 * and key derivations as notes, failures and a successful attacker in the error colour.
 */
export class TlsDrawing {
  /** The tint currently open, if any. */
  private open: { readonly phase: TlsPhase; readonly group: string | undefined } | undefined;
  /** The phase titles drawn, by group and phase (see `tint`). */
  private readonly titled = new Set<string>();

  constructor(
    private readonly canvas: TlsCanvas,
    private readonly locale: Locale,
  ) {}

  /** The words of an engine's text in the diagram's language. */
  private say(text: Text): string {
    return word(text, this.locale);
  }

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
    // Cipher suite lists make long labels: what does not fit is cut; the hover shows it all.
    const label = packLines(this.label(step), LABEL_WIDTH, LABEL_LINES);
    canvas.emit(`${from}${step.forwarded ? '--)' : '->>'}${to}: ${mermaidLines(label)}`);
    canvas.arrow(line, step.faulty, label.length);
    if (step.faulty) {
      const error = canvas.errorOf(step);
      if (error) canvas.note(step.from, truncate(`✗ ${error.code} ${error.message}`, NOTE_MAX));
      canvas.close();
    }
    if (step.certificateCheck) this.checkNote(step.certificateCheck);
    for (const derivation of step.derivations) {
      canvas.note(
        derivation.endpoint,
        this.say(
          TLS_TEXT.derivesNote({ secret: derivation.secret, inputs: derivation.inputs.join(', ') }),
        ),
      );
    }
    if (step.failure) {
      canvas.open(`rect ${ERROR_COLOUR}`);
      canvas.note(step.failure.endpoint, truncate(this.say(step.failure.text), NOTE_MAX));
      canvas.close();
    }
    if (step.compromised) {
      canvas.open(`rect ${ERROR_COLOUR}`);
      canvas.note(
        step.compromised,
        this.say(
          step.message === 'Finished'
            ? TLS_TEXT.holdsKeysNote({ attacker: step.compromised })
            : TLS_TEXT.readsNote({ attacker: step.compromised }),
        ),
      );
      canvas.close();
    }
  }

  private tint(step: TlsStep): void {
    const phase: TlsPhase = step.keys ?? 'clear';
    const group = groupOf(step);
    if (this.open?.phase === phase && this.open.group === group) return;
    this.end();
    this.canvas.open(`rect ${TLS_COLOURS[phase]}`);
    this.open = { phase, group };
    if (group === undefined) return;
    // TCP segments between TLS records, as in an imported capture, only interrupt the tint: each
    // phase is titled once. In TLS 1.2 each side switches to the session keys on its own
    // ChangeCipherSpec, so each side's switch is a phase of its own.
    const key = `${group} ${phase}${phase === 'session' ? ` ${step.role ?? ''}` : ''}`;
    if (this.titled.has(key)) return;
    this.titled.add(key);
    this.canvas.noteAcross(
      this.say(
        phase === 'clear'
          ? TLS_TEXT.handshakeTitle({ version: step.version ?? '' })
          : TLS_TEXT.keysTitle[phase],
      ),
    );
  }

  /** Where the client accepted the server's certificate: what it verified, or why it let a fake in. */
  private checkNote({ endpoint, cert, verdict }: CertificateCheck): void {
    const text = TLS_TEXT;
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
        noSni: verdict.noSni ?? false,
      });
      this.canvas.note(endpoint, truncate(this.say(note), NOTE_MAX));
    }
  }

  /** A note in the error colour. */
  private warn(endpoint: string, text: Text): void {
    this.canvas.open(`rect ${ERROR_COLOUR}`);
    this.canvas.note(endpoint, truncate(this.say(text), NOTE_MAX));
    this.canvas.close();
  }

  private label(step: TlsStep): string[] {
    const parts: string[] = [];
    if (step.forwarded) parts.push('forward');
    parts.push(step.message, ...step.details);
    const payload = step.statement.payload?.value;
    if (this.canvas.showPayload && payload !== undefined) {
      parts.push(payloadText(payload, PAYLOAD_MAX));
    }
    return parts;
  }
}

/**
 * The steps whose phases are titled together: one handshake, or every leg of a man in the middle,
 * so the client's leg and the attacker's own handshake with the server share one title per phase.
 */
function groupOf(step: TlsStep): string | undefined {
  if (step.session === undefined) return undefined;
  return step.mitm !== undefined ? `mitm ${step.mitm}` : `session ${step.session}`;
}
