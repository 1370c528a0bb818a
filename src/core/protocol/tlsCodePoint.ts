/** A 16-bit code point as the IANA registries write it: `0x00ff`. */
export function codePointText(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}

/**
 * GREASE values (RFC 8701 §2) stand for nothing: 0x0a0a, 0x1a1a ... 0xfafa, in versions,
 * cipher suites, groups and extensions alike.
 */
export function isGrease(value: number): boolean {
  return (value & 0x0f0f) === 0x0a0a && value >> 8 === (value & 0xff);
}
