/**
 * The sequence space one side sent that a capture does not show, and what became of its
 * parts: the data model of CaptureGaps, as pure functions.
 */
import type { WireSegment } from '../../tcp/engineSession';

/** A part of a gap, as offsets from the gap's first sequence number. */
export interface Part {
  readonly start: number;
  readonly end: number;
}

/** A captured segment that arrived late into a gap (out of order): written in its place. */
export interface Fill extends Part {
  readonly lines: readonly string[];
  /** The segment its line writes (see QueuedSegment.wire). */
  readonly wire?: WireSegment;
}

/** A part of a gap that its sender sent again before the peer acknowledged it: lost. */
export interface Lost extends Part {
  readonly frame: number;
}

/**
 * Sequence space that one side sent before the packet that revealed it (`frame`), but that the
 * capture did not show there. Whether it arrived is known only later, when the peer's ack
 * covers it (it did) or its sender resends it first (it did not): the lines are decided when
 * the gap is written, which the delivery order does only once an ack covers it.
 */
export interface Gap {
  readonly direction: 0 | 1;
  readonly start: number;
  readonly length: number;
  readonly ack: number;
  readonly frame: number;
  readonly fills: Fill[];
  readonly lost: Lost[];
}

/** A part of a gap written as assumed: lost (with the frame that resent it) or delivered. */
export interface Assumed extends Part {
  readonly lost?: number;
}

/**
 * A gap cut into its late segments and the assumed parts between them, in seq order; adjacent
 * parts of the same fate are one.
 */
export function gapPieces(gap: Gap): (Fill | Assumed)[] {
  const cuts = new Set([0, gap.length]);
  for (const p of [...gap.fills, ...gap.lost]) cuts.add(p.start).add(p.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: (Fill | Assumed)[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const fill = gap.fills.find((f) => f.start <= start && start < f.end);
    if (fill) {
      if (fill.start === start) out.push(fill);
      continue;
    }
    const lost = gap.lost.find((l) => l.start <= start && start < l.end)?.frame;
    const last = out[out.length - 1];
    if (
      last &&
      !('lines' in last) &&
      last.end === start &&
      (last.lost === undefined) === (lost === undefined)
    ) {
      out[out.length - 1] = { ...last, end };
    } else {
      out.push({ start, end, ...(lost === undefined ? {} : { lost }) });
    }
  }
  return out;
}

/** True when `at` falls strictly inside the gap (after its first byte, before its end). */
export function insideGap(at: number, gap: Gap): boolean {
  const offset = (at - gap.start) >>> 0;
  return offset > 0 && offset < gap.length;
}

/**
 * A gap cut at `offset`: its parts go to the half they fall in (a lost part across the cut to
 * both); a late segment across the cut cannot be cut (undefined).
 */
export function cutGap(gap: Gap, offset: number): [Gap, Gap] | undefined {
  if (gap.fills.some((f) => f.start < offset && offset < f.end)) return undefined;
  const first: Gap = { ...gap, length: offset, fills: [], lost: [] };
  const second: Gap = {
    ...gap,
    start: (gap.start + offset) >>> 0,
    length: gap.length - offset,
    fills: [],
    lost: [],
  };
  for (const f of gap.fills) {
    if (f.end <= offset) first.fills.push(f);
    else second.fills.push({ ...f, start: f.start - offset, end: f.end - offset });
  }
  for (const l of gap.lost) {
    if (l.start < offset) first.lost.push({ ...l, end: Math.min(l.end, offset) });
    if (l.end > offset) {
      second.lost.push({ ...l, start: Math.max(l.start - offset, 0), end: l.end - offset });
    }
  }
  return [first, second];
}
