/**
 * A fresh script nonce for a webview page: 144 bits from the Web Crypto API, which both the
 * desktop extension host (Node) and VS Code for the Web (a web worker) provide as
 * `globalThis.crypto`. CSP 3 asks for at least 128 bits that cannot be guessed.
 */
export function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  // base64url without padding: letters, digits, '-' and '_' are all valid in a nonce source.
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
