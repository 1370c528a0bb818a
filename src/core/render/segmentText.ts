import type { Locale } from '../text/locale';
import type { Analysis } from '../analysis/analyze';
import { formatFlags } from '../protocol/tcpFlags';
import type { SeqValue, SymbolValues } from '../tcp/seqValue';
import type { SegmentStep } from '../tcp/trace';
import { payloadText } from './labelLines';
import { showNumber, type NumberStyle } from './numberStyle';
import { renderTextIn } from './renderText';

/**
 * The parts of a segment's label that the diagram's arrows and the preview's table both show,
 * so that the two always say the same thing about a segment. Plain text: each caller escapes it
 * for where it goes.
 */

const PAYLOAD_MAX = 40;

/** The flags as written in the scenario (`SYN ACK`), or a word for none. */
export function segmentFlags(step: SegmentStep, locale: Locale): string {
  return formatFlags(new Set(step.flags)) || renderTextIn(locale).noFlags;
}

/** A seq or ack as shown, and what it should be when the written value is wrong. */
export interface ShownNumber {
  readonly text: string;
  /** `✗ should be x+1`: a part of its own, so that a label may break before it. */
  readonly shouldBe?: string;
}

/** The seq and ack of a segment as they are shown; a role is absent when there is nothing to show. */
export interface ShownNumbers {
  readonly seq?: ShownNumber;
  readonly ack?: ShownNumber;
}

/** A shown number as one piece of text: `x ✗ should be x+1`. */
export function numberText(number: ShownNumber | undefined): string {
  if (!number) return '';
  return number.shouldBe ? `${number.text} ${number.shouldBe}` : number.text;
}

/**
 * The seq and ack in `style`: the value the engine used; a wrong written value with what it
 * should be (`x`, `✗ should be x+1`); as written when the engine could not simulate the segment.
 * The ack is shown when the segment carries the ACK flag, or when one is written without it.
 */
export function segmentNumbers(
  step: SegmentStep,
  analysis: Analysis,
  style: NumberStyle,
  symbols: SymbolValues,
): ShownNumbers {
  const value = (
    role: 'seq' | 'ack',
    used: SeqValue | undefined,
    iss: SeqValue | undefined,
  ): ShownNumber | undefined => {
    const node = step.statement[role]?.value;
    const written = node ? analysis.document.text.slice(node.start, node.end) : undefined;
    // Not simulated: show what was written.
    if (!used) return written === undefined ? undefined : { text: written };
    if (step.corrected[role] && written !== undefined) {
      // Read as sent, the receiver got the written value: "should be" is still the expected one.
      const expected = showNumber(step.expected[role] ?? used, style, symbols, iss);
      return {
        text: written,
        shouldBe: renderTextIn(analysis.locale).shouldBe({ shown: expected }),
      };
    }
    return { text: showNumber(used, style, symbols, iss) };
  };
  const seq = value('seq', step.seq, step.sender.after.iss ?? step.sender.before.iss);
  const showAck = step.flags.includes('ACK') || (!step.ack && step.statement.ack);
  const ack = showAck ? value('ack', step.ack, step.receiver.before.iss) : undefined;
  return { ...(seq !== undefined ? { seq } : {}), ...(ack !== undefined ? { ack } : {}) };
}

/** The payload in quotes, control characters as the scenario writes them, cut short. */
export function quotedPayload(payload: string): string {
  return payloadText(payload, PAYLOAD_MAX);
}

/**
 * What became of the segment on the way, when it is worth a word: lost, still in flight,
 * delivered later than sent (`sentLine`, 1-based: where it was sent), out of order, resent.
 */
export function segmentRemark(
  step: SegmentStep,
  sentLine: number,
  locale: Locale,
): string | undefined {
  const said = renderTextIn(locale);
  if (step.lost) return said.lost;
  if (step.outcome === 'inFlight') return said.inFlight;
  if (step.network === 'later') return said.sentAt({ line: sentLine });
  if (step.network === 'again') return said.duplicateOf({ line: sentLine });
  if (step.outcome === 'queued') return said.outOfOrder;
  if (step.retransmission) return said.retransmission;
  return undefined;
}
