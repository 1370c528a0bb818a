/**
 * Node's `url` module as `@vscode/debugadapter` uses it (`new URL(...)`), for the web build:
 * the worker's own URL. esbuild.js aliases `url` to this file in the browser target only.
 */
export const URL = globalThis.URL;
