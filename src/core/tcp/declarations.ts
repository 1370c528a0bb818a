import { TCP_TEXT } from './tcpText';
import { diagnostic, type Finding } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import type { Span } from '../text/span';
import type { Name, ScenarioDocument, SegmentStatement, ValueExpression } from '../syntax/tree';
import { lineNumber } from './explain';
import { SEQ_MAX, seqValue, type SeqValue } from './seqValue';
import type { EndpointInfo, SymbolInfo } from './trace';

/**
 * What a scenario declares: its title, endpoints (and attackers) and `let` symbols, with the
 * symbols its segments bind as they go (see writtenValue). Declarations count wherever they stand; a name used
 * without one is reported with a fix that declares it.
 */
export class Declarations {
  readonly endpoints = new Map<string, EndpointInfo>();
  readonly symbols = new Map<string, SymbolInfo>();
  /** Each symbol's number, or undefined while only its name is known (`seq=x`). */
  readonly symbolValues = new Map<string, number | undefined>();
  title: string | undefined;
  /** How many endpoints were declared with `attacker`. */
  attackers = 0;

  constructor(
    private readonly document: ScenarioDocument,
    private readonly lines: LineMap,
    private readonly report: (d: Finding) => void,
  ) {}

  private line(span: Span): number {
    return lineNumber(this.lines, span);
  }

  /** Declarations count wherever they stand; a second one with the same name is reported. */
  declareAll(): void {
    let titleSpan: Span | undefined;
    for (const statement of this.document.statements) {
      if (statement.kind === 'scenario') {
        if (titleSpan) {
          this.report(diagnostic('DuplicateScenario', statement, { line: this.line(titleSpan) }));
        }
        titleSpan = statement;
        this.title = statement.title.value;
      } else if (statement.kind === 'endpoint' || statement.kind === 'attacker') {
        const existing = this.endpoints.get(statement.name.text);
        if (existing) {
          this.report(
            diagnostic('DuplicateEndpoint', statement.name, {
              name: statement.name.text,
              line: this.line(existing.span),
            }),
          );
          continue;
        }
        this.endpoints.set(statement.name.text, {
          name: statement.name.text,
          span: statement.name,
          ...(statement.address ? { address: statement.address } : {}),
          declared: true,
          ...(statement.kind === 'attacker' ? { attacker: true } : {}),
        });
        if (statement.kind === 'attacker') this.attackers++;
      } else if (statement.kind === 'let') {
        const name = statement.name.text;
        const existing = this.symbols.get(name);
        if (existing) {
          this.report(
            diagnostic('DuplicateSymbol', statement.name, { name, line: this.line(existing.span) }),
          );
          continue;
        }
        const value = statement.value.value;
        if (value > SEQ_MAX) {
          this.report(
            diagnostic('NumberOutOfRange', statement.value, {
              what: statement.value.text,
              max: String(SEQ_MAX),
            }),
          );
        }
        this.bindSymbol({ name, span: statement.name, ...(value <= SEQ_MAX ? { value } : {}) });
      }
    }
  }

  /** Reads a segment's written seq=/ack= value; a symbol's first use in a seq= binds it. */
  writtenValue(
    statement: SegmentStatement,
    role: 'seq' | 'ack',
    /** The endpoint whose ISS a symbol bound here names (the sender of a SYN). */
    owner?: string,
  ): SeqValue | undefined {
    const offset = role === 'seq' ? statement.seqOffset : statement.ackOffset;
    if (Number.isNaN(offset)) return undefined;
    const symbol = role === 'seq' ? statement.seqSymbol : statement.ackSymbol;
    if (Math.abs(offset) > SEQ_MAX) {
      const node = statement[role]?.value as ValueExpression;
      this.report(
        diagnostic(
          'NumberOutOfRange',
          { start: node.numberStart ?? node.start, end: node.end },
          {
            what: this.document.text.slice(node.start, node.end),
            max: String(SEQ_MAX),
          },
        ),
      );
      return undefined;
    }
    if (symbol === undefined) return seqValue(offset);
    if (!this.symbols.has(symbol)) {
      const node = statement[role]?.value.symbol as Name;
      if (role === 'ack') {
        this.report(diagnostic('UnboundSymbol', node, { name: symbol }));
        return undefined;
      }
      this.bindSymbol({ name: symbol, span: node, ...(owner ? { owner } : {}) });
    }
    return seqValue(offset, symbol);
  }

  bindSymbol(info: SymbolInfo): void {
    this.symbols.set(info.name, info);
    this.symbolValues.set(info.name, info.value);
  }

  /** Looks up an endpoint, reporting (with a fix) a name that was never declared. */
  endpoint(name: Name): string {
    return this.endpointNamed(name.text, name);
  }

  /** The sender or receiver of a segment; its name node is built only for a diagnostic. */
  segmentEndpoint(statement: SegmentStatement, role: 'from' | 'to'): string {
    return this.endpointNamed(
      role === 'from' ? statement.fromText : statement.toText,
      statement,
      role,
    );
  }

  private endpointNamed(
    text: string,
    where: Name | SegmentStatement,
    role: 'from' | 'to' = 'from',
  ): string {
    if (text === '') return text;
    const known = this.endpoints.get(text);
    if (known?.declared) return text;
    const name = 'kind' in where ? where[role] : where;
    this.report(
      diagnostic(
        'UnknownEndpoint',
        name,
        { name: text },
        {
          fix: {
            title: TCP_TEXT.fixDeclare({ name: text }),
            edits: [this.declarationEdit(text)],
          },
        },
      ),
    );
    if (!known) this.endpoints.set(text, { name: text, span: name, declared: false });
    return text;
  }

  /**
   * Inserts `endpoint NAME` after the last declaration, or before the first statement. The place
   * is found once per scenario: a file that never declares its endpoints uses them on every line.
   */
  private declarationEdit(name: string): { span: Span; newText: string } {
    const place = (this.declarationPlace ??= this.findDeclarationPlace());
    return {
      span: { start: place.at, end: place.at },
      newText: place.after ? `\nendpoint ${name}` : `endpoint ${name}\n`,
    };
  }

  private declarationPlace: { readonly at: number; readonly after: boolean } | undefined;

  private findDeclarationPlace(): { readonly at: number; readonly after: boolean } {
    const statements = this.document.statements;
    let last: (typeof statements)[number] | undefined;
    for (const s of statements) if (s.kind === 'endpoint' || s.kind === 'scenario') last = s;
    if (last) return { at: this.lines.lineEnd(this.lines.lineOf(last)), after: true };
    const first = statements[0];
    return { at: first ? this.lines.lineStart(this.lines.lineOf(first)) : 0, after: false };
  }
}
