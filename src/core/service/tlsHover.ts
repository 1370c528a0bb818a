import type { Analysis } from '../analysis/analyze';
import { spanOf, touches, type Span } from '../text/span';
import type { TlsField, TlsStatement, TlsMessageStatement } from '../syntax/tlsTree';
import { TLS_MESSAGE_DOCS } from '../protocol/tlsMessageTypes';
import { buildPki, type Pki } from '../tls/pki';
import { keyExchangeOf } from '../protocol/tlsSuites';
import type { TlsStep } from '../tls/tlsTrace';
import { DOCS } from './docs';
import { TLS_DOCS } from './docsTls';

export interface TlsHover {
  readonly span: Span;
  readonly markdown: string;
}

function paragraphs(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');
}

/** The PKI as the engine read it (declarations only; rebuilt, quietly, for the hover). */
function pkiOf(analysis: Analysis): Pki {
  const endpoints = new Set(analysis.trace.endpoints.map((e) => e.name));
  return buildPki(
    analysis.document.statements,
    analysis.lines,
    (n) => endpoints.has(n),
    () => {},
  );
}

/**
 * Hovers in TLS statements: the message with what the engine made of it (version, encryption,
 * derivations, failure, who knows what afterwards), certificates, keys, suites and secrets.
 */
export function tlsHover(
  analysis: Analysis,
  statement: TlsStatement,
  offset: number,
  problems: string | undefined,
): TlsHover | undefined {
  if (statement.kind !== 'tls' && touches(statement.keywordSpan, offset)) {
    const doc = DOCS.keywords[statement.kind];
    return {
      span: spanOf(statement.keywordSpan),
      markdown: paragraphs('```\n' + doc.syntax + '\n```', doc.text, problems),
    };
  }
  if (statement.kind === 'ca' || statement.kind === 'key' || statement.kind === 'cert') {
    if (touches(statement.name, offset))
      return nameHover(analysis, statement.name.text, statement.name);
  }
  const fields = 'fields' in statement ? statement.fields : [];
  const field = fields.find((f) => touches(f.valueSpan, offset));
  if (field) return fieldHover(analysis, field, offset);
  if (statement.kind === 'trust') {
    const authority = statement.authorities.find((a) => touches(a, offset));
    if (authority) return nameHover(analysis, authority.text, authority);
  }
  if (statement.kind === 'tls') return messageHover(analysis, statement, offset, problems);
  return undefined;
}

function fieldHover(analysis: Analysis, field: TlsField, offset: number): TlsHover | undefined {
  const item = field.items.find((i) => touches(i, offset)) ?? {
    ...field.valueSpan,
    text: field.value,
  };
  const text = item.text;
  if (field.name === 'suite' || field.name === 'suites') {
    const exchange = keyExchangeOf(text);
    return exchange
      ? {
          span: spanOf(item),
          markdown: TLS_DOCS.suite({ suite: text, exchange: TLS_DOCS.exchanges[exchange] }),
        }
      : undefined;
  }
  const role = TLS_DOCS.secretRoles[field.name];
  if (role) return { span: spanOf(item), markdown: TLS_DOCS.secret({ name: text, role }) };
  return nameHover(analysis, text, item);
}

function nameHover(analysis: Analysis, name: string, where: Span): TlsHover | undefined {
  const pki = pkiOf(analysis);
  const cert = pki.certs.get(name);
  if (cert) {
    const holder = (cert.key && pki.keys.get(cert.key)?.holder) ?? TLS_DOCS.nobody;
    const validity =
      cert.notBefore || cert.notAfter
        ? TLS_DOCS.validity({ from: cert.notBefore ?? '…', to: cert.notAfter ?? '…' })
        : '';
    return {
      span: spanOf(where),
      markdown: TLS_DOCS.certificate({
        name,
        subject: cert.subject ?? '?',
        key: cert.key ?? '?',
        holder,
        issuer: cert.issuer === 'self' ? TLS_DOCS.selfSigned : (cert.issuer ?? '?'),
        signer: cert.signer ?? '?',
        validity,
        copy:
          cert.base && cert.signedContent !== cert.content
            ? TLS_DOCS.copyOf({ base: cert.base })
            : '',
      }),
    };
  }
  const key = pki.keys.get(name);
  if (key) {
    return {
      span: spanOf(where),
      markdown: TLS_DOCS.key({ name, holder: key.holder ?? TLS_DOCS.nobody, ca: key.ca }),
    };
  }
  return undefined;
}

function messageHover(
  analysis: Analysis,
  statement: TlsMessageStatement,
  offset: number,
  problems: string | undefined,
): TlsHover {
  const step = analysis.trace.steps.find(
    (s): s is TlsStep => s.kind === 'tls' && s.statement === statement,
  );
  const title = TLS_DOCS.messageTitle({
    from: statement.from.text,
    to: statement.to.text,
    message: statement.message,
    forwarded: statement.forward !== undefined,
  });
  const facts = step && [
    step.version && step.session !== undefined
      ? TLS_DOCS.version({ version: step.version, session: step.session })
      : undefined,
    step.encrypted ? TLS_DOCS.encrypted : TLS_DOCS.inClear,
  ];
  const knowledge = step && [
    TLS_DOCS.knowledgeHeading,
    ...step.knowledge.map((k) =>
      k.secrets.length
        ? TLS_DOCS.knows({
            endpoint: k.endpoint,
            secrets: k.secrets.map((s) => `\`${s}\``).join(', '),
          })
        : TLS_DOCS.knowsNothing({ endpoint: k.endpoint }),
    ),
  ];
  return {
    // On the message name, that word; anywhere else on the line, the whole message.
    span: spanOf(touches(statement.messageSpan, offset) ? statement.messageSpan : statement),
    markdown: paragraphs(
      title,
      facts?.filter(Boolean).join(' · '),
      TLS_MESSAGE_DOCS[statement.message],
      statement.forward && TLS_DOCS.forwarded,
      ...(step?.derivations ?? []).map((d) =>
        TLS_DOCS.derives({ endpoint: d.endpoint, secret: d.secret, inputs: d.inputs.join(', ') }),
      ),
      step?.failure && TLS_DOCS.failure({ text: step.failure.text.replace(/^✗ /, '') }),
      step?.compromised && TLS_DOCS.compromised({ attacker: step.compromised }),
      knowledge?.join('\n'),
      problems,
    ),
  };
}
