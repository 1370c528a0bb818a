import type { Phase } from '../tcp/phase';

/** Background tints that read on light and dark themes alike. */
export const PHASE_COLOURS: Readonly<Record<Phase, string>> = {
  handshake: 'rgba(66, 133, 244, 0.12)',
  data: 'rgba(52, 168, 83, 0.12)',
  close: 'rgba(251, 188, 5, 0.14)',
  reset: 'rgba(234, 67, 53, 0.12)',
};

export const ERROR_COLOUR = 'rgba(234, 67, 53, 0.28)';

/**
 * TLS in the clear (the hellos) and under each kind of keys: TLS 1.2's session keys and TLS 1.3's
 * handshake keys on one tint, TLS 1.3's application keys on a deeper shade of it.
 */
export const TLS_COLOURS = {
  clear: 'rgba(155, 114, 203, 0.12)',
  session: 'rgba(0, 150, 136, 0.16)',
  handshake: 'rgba(0, 150, 136, 0.16)',
  application: 'rgba(0, 150, 136, 0.28)',
} as const;
