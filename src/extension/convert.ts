import * as vscode from 'vscode';
import type { Diagnostic } from '../core/check/diagnostic';
import type { Span } from '../core/text/span';

export function toRange(document: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

const SEVERITY: Readonly<Record<Diagnostic['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVscodeDiagnostic(
  document: vscode.TextDocument,
  d: Diagnostic,
): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toRange(document, d.span), d.message, SEVERITY[d.severity]);
  result.code = d.code;
  result.source = 'handshake';
  result.relatedInformation = d.related.map(
    (r) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(document.uri, toRange(document, r.span)),
        r.message,
      ),
  );
  return result;
}
