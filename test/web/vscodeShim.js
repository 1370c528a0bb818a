// A stand-in for the `vscode` module inside a Web Worker, the way VS Code for the Web runs an
// extension's `browser` entry. It is a test harness for the bundle's loadability, not a
// VS Code: it implements the value classes and enums the extension constructs, and records
// every registration (commands, providers, listeners, diagnostic collections) so that the test
// can check what activation did and call the registered providers with real documents.
/* eslint-disable */
'use strict';

const recorded = {
  commands: new Map(),
  providers: [],
  listeners: new Map(),
  collections: new Map(),
  serializers: [],
  panels: [],
  decorationTypes: [],
  disposed: 0,
  /** The contents of the untitled documents opened (an imported scenario), and the messages. */
  opened: [],
  messages: [],
};

/** The settings and files the driver gives (INPUT.settings, INPUT.files in base64 by path). */
const given = { settings: {}, files: {} };

class Disposable {
  constructor(callOnDispose) {
    this._dispose = callOnDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose() {
    if (this._dispose) {
      this._dispose();
      this._dispose = undefined;
      recorded.disposed++;
    }
  }
}
const registration = (undo) => new Disposable(undo || (() => {}));

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
}
class Selection extends Range {}
class Location {
  constructor(uri, range) {
    this.uri = uri;
    this.range = range;
  }
}
class Uri {
  constructor(scheme, path, query = '', fragment = '') {
    this.scheme = scheme;
    this.path = path;
    this.query = query;
    this.fragment = fragment;
  }
  static parse(text) {
    const m = /^([a-z][\w+.-]*):(?:\/\/[^/]*)?([^?#]*)/i.exec(text);
    return new Uri(m[1], m[2]);
  }
  static file(path) {
    return new Uri('file', path);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, [base.path, ...parts].join('/').replace(/\/+/g, '/'));
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
  toJSON() {
    return this.toString();
  }
}
class EventEmitter {
  constructor() {
    this._listeners = [];
    this.event = (listener) => {
      this._listeners.push(listener);
      return registration(() => {
        this._listeners = this._listeners.filter((l) => l !== listener);
      });
    };
  }
  fire(value) {
    for (const l of [...this._listeners]) l(value);
  }
  dispose() {
    this._listeners = [];
  }
}
class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(`${this.value}.${part}`);
  }
  contains(other) {
    return other.value === this.value || other.value.startsWith(this.value + '.');
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
CodeActionKind.Empty = new CodeActionKind('');
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.Source = new CodeActionKind('source');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');
class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}
class DiagnosticRelatedInformation {
  constructor(location, message) {
    this.location = location;
    this.message = message;
  }
}
class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
  appendMarkdown(v) {
    this.value += v;
    return this;
  }
}
class Hover {
  constructor(contents, range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
    this.range = range;
  }
}
class Plain {
  constructor(...args) {
    this.args = args;
  }
}
class CompletionItem {
  constructor(label, kind) {
    this.label = label;
    this.kind = kind;
  }
}
class CompletionList {
  constructor(items, isIncomplete) {
    this.items = items;
    this.isIncomplete = isIncomplete;
  }
}
class CodeAction {
  constructor(title, kind) {
    this.title = title;
    this.kind = kind;
  }
}
class CodeLens {
  constructor(range, command) {
    this.range = range;
    this.command = command;
  }
}
class InlayHint {
  constructor(position, label, kind) {
    this.position = position;
    this.label = label;
    this.kind = kind;
  }
}
class TextEdit {
  constructor(range, newText) {
    this.range = range;
    this.newText = newText;
  }
  static replace(range, text) {
    return new TextEdit(range, text);
  }
}
class WorkspaceEdit {
  constructor() {
    this.edits = [];
  }
  replace(uri, range, newText) {
    this.edits.push({ uri, range, newText });
  }
}
class DocumentSymbol {
  constructor(name, detail, kind, range, selectionRange) {
    Object.assign(this, { name, detail, kind, range, selectionRange, children: [] });
  }
}
class FoldingRange {
  constructor(start, end, kind) {
    Object.assign(this, { start, end, kind });
  }
}
const enumOf = (...names) => Object.fromEntries(names.map((n, i) => [n, i]));

/** A text document with VS Code's offset/position arithmetic (lines end at \n). */
function createTextDocument(uriText, languageId, text, version = 1) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const document = {
    uri: Uri.parse(uriText),
    languageId,
    version,
    isClosed: false,
    lineCount: starts.length,
    getText: (range) =>
      range ? text.slice(document.offsetAt(range.start), document.offsetAt(range.end)) : text,
    positionAt(offset) {
      offset = Math.max(0, Math.min(offset, text.length));
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
      return new Position(line, offset - starts[line]);
    },
    offsetAt: (p) => Math.min((starts[p.line] ?? text.length) + p.character, text.length),
    lineAt(line) {
      const t = text.slice(starts[line], (starts[line + 1] ?? text.length + 1) - 1);
      return { text: t, firstNonWhitespaceCharacterIndex: t.length - t.trimStart().length };
    },
  };
  return document;
}

/** `onDid…` events record their listeners, so the test can fire them. */
function event(name) {
  return (listener) => {
    const list = recorded.listeners.get(name) ?? [];
    list.push(listener);
    recorded.listeners.set(name, list);
    return registration(() => list.splice(list.indexOf(listener), 1));
  };
}
function fire(name, value) {
  for (const l of recorded.listeners.get(name) ?? []) l(value);
}

/** A namespace whose `register…` functions record what they are given and whose `on…` are events. */
function namespace(name, members) {
  return new Proxy(members, {
    get(target, key) {
      if (key in target) return target[key];
      if (typeof key !== 'string') return undefined;
      if (key.startsWith('register')) {
        return (selector, provider, ...rest) => {
          recorded.providers.push({ api: `${name}.${key}`, selector, provider, rest });
          return registration();
        };
      }
      if (key.startsWith('onDid') || key.startsWith('onWill')) return event(`${name}.${key}`);
      throw new Error(`the shim has no vscode.${name}.${key}`);
    },
  });
}

const documents = [];
const vscode = {
  Disposable,
  Position,
  Range,
  Selection,
  Location,
  Uri,
  EventEmitter,
  CodeActionKind,
  Diagnostic,
  DiagnosticRelatedInformation,
  MarkdownString,
  Hover,
  CompletionItem,
  CompletionList,
  CodeAction,
  CodeLens,
  InlayHint,
  TextEdit,
  WorkspaceEdit,
  DocumentSymbol,
  FoldingRange,
  SnippetString: Plain,
  ThemeIcon: Plain,
  ThemeColor: Plain,
  DecorationRangeBehavior: enumOf('OpenOpen', 'ClosedClosed', 'OpenClosed', 'ClosedOpen'),
  DiagnosticSeverity: enumOf('Error', 'Warning', 'Information', 'Hint'),
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
  SymbolKind: enumOf(
    'File',
    'Module',
    'Namespace',
    'Package',
    'Class',
    'Method',
    'Property',
    'Field',
    'Constructor',
    'Enum',
    'Interface',
    'Function',
    'Variable',
    'Constant',
    'String',
    'Number',
    'Boolean',
    'Array',
    'Object',
    'Key',
    'Null',
    'EnumMember',
    'Struct',
    'Event',
    'Operator',
    'TypeParameter',
  ),
  CompletionItemKind: enumOf(
    'Text',
    'Method',
    'Function',
    'Constructor',
    'Field',
    'Variable',
    'Class',
    'Interface',
    'Module',
    'Property',
    'Unit',
    'Value',
    'Enum',
    'Keyword',
    'Snippet',
    'Color',
    'File',
    'Reference',
    'Folder',
    'EnumMember',
    'Constant',
    'Struct',
    'Event',
    'Operator',
    'TypeParameter',
  ),
  FoldingRangeKind: { Comment: 1, Imports: 2, Region: 3 },
  InlayHintKind: { Type: 1, Parameter: 2 },
  TextEditorRevealType: enumOf('Default', 'InCenter', 'InCenterIfOutsideViewport', 'AtTop'),
  languages: namespace('languages', {
    createDiagnosticCollection(name) {
      const entries = new Map();
      const collection = {
        name,
        set: (uri, diagnostics) => entries.set(uri.toString(), diagnostics),
        delete: (uri) => entries.delete(uri.toString()),
        get: (uri) => entries.get(uri.toString()),
        clear: () => entries.clear(),
        dispose: () => {
          entries.clear();
          recorded.collections.delete(name);
          recorded.disposed++;
        },
      };
      recorded.collections.set(name, collection);
      return collection;
    },
  }),
  commands: namespace('commands', {
    registerCommand(id, run) {
      if (recorded.commands.has(id)) throw new Error(`command ${id} registered twice`);
      recorded.commands.set(id, run);
      return registration(() => recorded.commands.delete(id));
    },
    executeCommand: async () => undefined,
  }),
  workspace: namespace('workspace', {
    textDocuments: documents,
    getConfiguration: (section) => ({
      get: (key, fallback) => given.settings[`${section}.${key}`] ?? fallback,
      has: () => false,
    }),
    workspaceFolders: [{ uri: new Uri('file', '/w'), name: 'w', index: 0 }],
    fs: {
      readFile: async (uri) => {
        const base64 = given.files[uri.path];
        if (base64 === undefined) throw new Error(`no file ${uri.path} in the shim`);
        return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      },
    },
    openTextDocument: async (options) => {
      if (!options || typeof options.content !== 'string') throw new Error('no files in the shim');
      recorded.opened.push(options.content);
      return createTextDocument('untitled:/Untitled-1', options.language, options.content);
    },
  }),
  window: namespace('window', {
    registerWebviewPanelSerializer(viewType, serializer) {
      recorded.serializers.push(viewType);
      return registration();
    },
    createWebviewPanel(viewType, title, showOptions, options) {
      const received = new EventEmitter();
      const disposed = new EventEmitter();
      const panel = {
        viewType,
        title,
        options,
        active: true,
        visible: true,
        viewColumn: 1,
        posted: [],
        webview: {
          options: {},
          html: '',
          cspSource: 'https://handshake.test',
          asWebviewUri: (uri) => uri,
          onDidReceiveMessage: received.event,
          postMessage: async (message) => {
            panel.posted.push(message);
            return true;
          },
        },
        onDidChangeViewState: new EventEmitter().event,
        onDidDispose: disposed.event,
        reveal() {},
        dispose() {
          disposed.fire();
        },
        /** For the driver: a message from the page. */
        receive: (message) => received.fire(message),
      };
      recorded.panels.push(panel);
      return panel;
    },
    createTextEditorDecorationType(options) {
      const type = { key: `decoration${recorded.decorationTypes.length}`, options };
      recorded.decorationTypes.push(type);
      return { ...type, dispose() {} };
    },
    visibleTextEditors: [],
    activeTextEditor: undefined,
    showTextDocument: async (document) => ({ document }),
    showWarningMessage: async (message) => void recorded.messages.push(message),
    showErrorMessage: async (message) => void recorded.messages.push(message),
  }),
  // The debugger registers its adapter factory, configuration provider and custom-event listener.
  debug: namespace('debug', {}),
  env: { clipboard: { writeText: async () => undefined }, language: 'en' },
  // No translation bundle: VS Code then fills the {0} placeholders of the English text.
  l10n: {
    t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])),
  },
};

/** For the test driver: what activation recorded, and ways to act as VS Code. */
const harness = {
  recorded,
  given,
  createTextDocument,
  open(document) {
    documents.push(document);
    fire('workspace.onDidOpenTextDocument', document);
  },
  close(document) {
    document.isClosed = true;
    documents.splice(documents.indexOf(document), 1);
    fire('workspace.onDidCloseTextDocument', document);
  },
};
