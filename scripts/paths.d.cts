// Types for scripts/paths.cjs.
export declare const CODE_SERVER_VERSION: string;
export declare const NODE24_VERSION: string;
export declare const CACHE: string;
export declare const NODE24_BIN: string;
export declare const CODE_SERVER_DIR: string;
export declare const CODE_SERVER_ENTRY: string;
export declare function homeArgs(home: string): string[];
export declare function serveArgs(
  port: number | string,
  folder: string,
  options?: { readonly workspaceTrust?: boolean },
): string[];
