import { word } from '../text/words';
import type { Analysis } from '../analysis/analyze';
import { spanOf, touches, type Span } from '../text/span';
import type { TlsField, TlsStatement, TlsMessageStatement } from '../syntax/tlsTree';
import { TLS_MESSAGE_DOCS } from '../protocol/tlsMessageTypes';
import { buildPki, type Pki } from '../tls/pki';
import { keyExchangeOf } from '../protocol/tlsSuites';
import type { TlsStep } from '../tls/tlsTrace';
import { docsIn } from './docs';
import { tlsDocsIn } from './docsTls';

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
  const docs = docsIn(analysis.locale);
  if (statement.kind !== 'tls' && touches(statement.keywordSpan, offset)) {
    const doc = docs.keywords[statement.kind];
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
  const tlsDocs = tlsDocsIn(analysis.locale);
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
          markdown: tlsDocs.suite({ suite: text, exchange: tlsDocs.exchanges[exchange] }),
        }
      : undefined;
  }
  const role = tlsDocs.secretRoles[field.name];
  if (role) return { span: spanOf(item), markdown: tlsDocs.secret({ name: text, role }) };
  return nameHover(analysis, text, item);
}

function nameHover(analysis: Analysis, name: string, where: Span): TlsHover | undefined {
  const tlsDocs = tlsDocsIn(analysis.locale);
  const pki = pkiOf(analysis);
  const cert = pki.certs.get(name);
  if (cert) {
    const holder = (cert.key && pki.keys.get(cert.key)?.holder) ?? tlsDocs.nobody;
    const validity =
      cert.notBefore || cert.notAfter
        ? tlsDocs.validity({ from: cert.notBefore ?? '…', to: cert.notAfter ?? '…' })
        : '';
    return {
      span: spanOf(where),
      markdown: tlsDocs.certificate({
        name,
        subject: cert.subject ?? '?',
        key: cert.key ?? '?',
        holder,
        issuer: cert.issuer === 'self' ? tlsDocs.selfSigned : (cert.issuer ?? '?'),
        signer: cert.signer ?? '?',
        validity,
        copy:
          cert.base && cert.signedContent !== cert.content
            ? tlsDocs.copyOf({ base: cert.base })
            : '',
      }),
    };
  }
  const key = pki.keys.get(name);
  if (key) {
    return {
      span: spanOf(where),
      markdown: tlsDocs.key({ name, holder: key.holder ?? tlsDocs.nobody, ca: key.ca }),
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
  const tlsDocs = tlsDocsIn(analysis.locale);
  const messageDocs = TLS_MESSAGE_DOCS[analysis.locale];
  const step = analysis.trace.steps.find(
    (s): s is TlsStep => s.kind === 'tls' && s.statement === statement,
  );
  const title = tlsDocs.messageTitle({
    from: statement.from.text,
    to: statement.to.text,
    message: statement.message,
    forwarded: statement.forward !== undefined,
  });
  const facts = step && [
    step.version && step.session !== undefined
      ? tlsDocs.version({ version: step.version, session: step.session })
      : undefined,
    step.encrypted ? tlsDocs.encrypted : tlsDocs.inClear,
  ];
  const knowledge = step && [
    tlsDocs.knowledgeHeading,
    ...step.knowledge.map((k) =>
      k.secrets.length
        ? tlsDocs.knows({
            endpoint: k.endpoint,
            secrets: k.secrets.map((s) => `\`${s}\``).join(', '),
          })
        : tlsDocs.knowsNothing({ endpoint: k.endpoint }),
    ),
  ];
  return {
    // On the message name, that word; anywhere else on the line, the whole message.
    span: spanOf(touches(statement.messageSpan, offset) ? statement.messageSpan : statement),
    markdown: paragraphs(
      title,
      facts?.filter(Boolean).join(' · '),
      messageDocs[statement.message],
      statement.forward && tlsDocs.forwarded,
      ...(step?.derivations ?? []).map((d) =>
        tlsDocs.derives({
          endpoint: d.endpoint,
          secret: word(d.secret, analysis.locale),
          inputs: d.inputs.join(', '),
        }),
      ),
      step?.failure &&
        tlsDocs.failure({ text: word(step.failure.text, analysis.locale).replace(/^✗ /, '') }),
      step?.compromised && tlsDocs.compromised({ attacker: step.compromised }),
      knowledge?.join('\n'),
      problems,
    ),
  };
}
