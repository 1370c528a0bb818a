import { CAPTURE_MESSAGES as M } from './captureMessages';
import type { CaptureProblem, PacketSink } from './packet';
import { concat, isPcapMagic, PcapReader, u32be } from './pcapReader';
import { PcapngReader } from './pcapngReader';
import { TcpdumpTextReader } from './tcpdumpTextReader';

export type CaptureFormat = 'pcap' | 'pcapng' | 'tcpdump-text';

/**
 * Reads any capture the importer understands, pushed in chunks: it looks at the first bytes to
 * choose the libpcap, pcapng or tcpdump-text reader, then streams. Never throws.
 */
export class CaptureReader {
  format: CaptureFormat | undefined;
  private inner: PcapReader | PcapngReader | undefined;
  private text: TcpdumpTextReader | undefined;
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private head: Uint8Array = new Uint8Array(0);
  private bytesSeen = 0;
  private readonly own: CaptureProblem[] = [];

  constructor(private readonly sink: PacketSink) {}

  get problems(): readonly CaptureProblem[] {
    const inner = this.inner?.problems ?? this.text?.problems ?? [];
    return this.own.length > 0 ? [...this.own, ...inner] : inner;
  }

  /** Frames read so far: records of a binary capture, lines of tcpdump text. */
  get frames(): number {
    return this.inner?.frames ?? this.text?.frames ?? 0;
  }

  /** True once a fatal problem stopped the reading. */
  get stopped(): boolean {
    return this.own.length > 0 || (this.inner?.stopped ?? false) || (this.text?.stopped ?? false);
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0 || this.own.length > 0) return;
    this.bytesSeen += chunk.length;
    if (!this.inner && !this.text) {
      // Wait for enough bytes to tell text from binary, then hand them all on.
      this.head = concat(this.head, chunk);
      if (this.head.length < 64) return;
      const head = this.head;
      this.head = new Uint8Array(0);
      if (this.choose(head)) this.feed(head);
      return;
    }
    this.feed(chunk);
  }

  end(): void {
    if (!this.inner && !this.text && this.own.length === 0) {
      if (this.bytesSeen === 0)
        this.own.push({ offset: 0, line: 0, message: M.empty(), fatal: true });
      else if (this.choose(this.head)) this.feed(this.head);
      this.head = new Uint8Array(0);
    }
    if (this.text && this.decoder) this.text.push(this.decoder.decode());
    this.inner?.end();
    this.text?.end();
  }

  private feed(chunk: Uint8Array): void {
    if (this.inner) this.inner.push(chunk);
    else if (this.text && this.decoder)
      this.text.push(this.decoder.decode(chunk, { stream: true }));
  }

  private choose(head: Uint8Array): boolean {
    const magic = head.length >= 4 ? u32be(head, 0) : -1;
    if (isPcapMagic(magic)) {
      this.format = 'pcap';
      this.inner = new PcapReader(this.sink);
    } else if (magic === 0x0a0d0d0a) {
      this.format = 'pcapng';
      this.inner = new PcapngReader(this.sink);
    } else if (looksLikeText(head)) {
      this.format = 'tcpdump-text';
      this.decoder = new TextDecoder('utf-8');
      this.text = new TcpdumpTextReader(this.sink);
    } else {
      const bytes = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      this.own.push({ offset: 0, line: 0, message: M.notCapture({ bytes }), fatal: true });
      return false;
    }
    return true;
  }
}

/** Text when the first bytes hold no control characters other than tab, CR and LF. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  for (const byte of head.subarray(0, 64)) {
    if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 13) return false;
    if (byte === 0x7f) return false;
  }
  return true;
}
