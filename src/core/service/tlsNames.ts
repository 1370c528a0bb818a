import type { Span } from '../text/span';
import { fieldOf, type TlsField, type TlsStatement } from '../syntax/tlsTree';

/** Which namespace a TLS name lives in: CAs, keys and certificates; or randoms and secrets. */
export type TlsNameKind = 'pki' | 'secret';

export interface TlsNameSink {
  endpoint(name: { text: string } & Span, declaration?: boolean): void;
  name(kind: TlsNameKind, text: string, span: Span, declaration: boolean): void;
}

/** Fields of a message whose value names a random, a premaster secret or a key share. */
const SECRET_FIELDS = ['random', 'premaster', 'share', 'key_share'];
/** Fields whose value names a CA, a key or a certificate. */
const PKI_FIELDS = ['cert', 'encrypted', 'key', 'issuer', 'signer', 'from'];

/** Reports every name a TLS statement contains, for references, rename and outline. */
export function visitTlsNames(statement: TlsStatement, sink: TlsNameSink): void {
  const field = (f: TlsField | undefined, kind: TlsNameKind) => {
    if (f && !(kind === 'pki' && f.value === 'self')) {
      sink.name(kind, f.value, f.valueSpan, false);
    }
  };
  switch (statement.kind) {
    case 'ca':
    case 'key': {
      sink.name('pki', statement.name.text, statement.name, true);
      const holder = fieldOf(statement, 'holder');
      if (holder) sink.endpoint({ text: holder.value, ...holder.valueSpan });
      return;
    }
    case 'cert':
      sink.name('pki', statement.name.text, statement.name, true);
      for (const name of PKI_FIELDS) field(fieldOf(statement, name), 'pki');
      return;
    case 'trust':
      sink.endpoint(statement.endpoint);
      for (const authority of statement.authorities) {
        sink.name('pki', authority.text, authority, false);
      }
      return;
    case 'attacker':
      sink.endpoint(statement.name, true);
      return;
    case 'date':
      return;
    case 'tls':
      sink.endpoint(statement.from);
      sink.endpoint(statement.to);
      for (const f of statement.fields) {
        if (SECRET_FIELDS.includes(f.name)) field(f, 'secret');
        else if (PKI_FIELDS.includes(f.name)) field(f, 'pki');
      }
      return;
  }
}
