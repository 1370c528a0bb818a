/**
 * The part of Node's `events` that `@vscode/debugadapter` uses (its ProtocolServer extends
 * EventEmitter and calls `on` and `emit`), for the web build: a web worker has no `events`.
 * esbuild.js aliases `events` to this file in the browser target only.
 */
export class EventEmitter {
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();

  on(name: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  emit(name: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(name) ?? [];
    for (const listener of list) listener(...args);
    return list.length > 0;
  }
}
