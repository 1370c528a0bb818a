/** The types of coreLayers.mjs, for the tests that read it. */
export interface CoreLayer {
  readonly folder: string;
  readonly holds: string;
}
export interface UpwardImport {
  readonly from: string;
  readonly to: string;
  readonly why: string;
}
export declare const CORE_LAYERS: readonly CoreLayer[];
export declare const UPWARD_FOR_NOW: readonly UpwardImport[];
export declare function layerOf(relativePath: string): (CoreLayer & { index: number }) | undefined;
