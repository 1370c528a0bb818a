// Types for scripts/childNpmEnv.cjs.
export declare function childNpmEnv(
  env: Readonly<Record<string, string | undefined>>,
  nodeBin: string,
  extra?: Readonly<Record<string, string>>,
): Record<string, string> & { PATH: string };
export declare function isOuterNpmVariable(name: string): boolean;
