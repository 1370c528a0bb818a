/** The earliest and latest instants a `date YYYY-MM-DD` statement can name (years 0000–9999). */
const EARLIEST_MS = new Date('0000-01-01T00:00:00Z').getTime();
const LATEST_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

/**
 * The UTC day of a capture time (seconds since the epoch) as the language writes a date, or
 * undefined when the time cannot be one: not a number, or outside the years 0000–9999 (a
 * pcapng timestamp is 64 bits at any resolution, and JavaScript's dates end in the year 275760,
 * where `toISOString` throws).
 */
export function captureDay(seconds: number): string | undefined {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || ms < EARLIEST_MS || ms > LATEST_MS) return undefined;
  return new Date(ms).toISOString().slice(0, 10);
}
