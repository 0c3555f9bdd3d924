/**
 * The shape of the in-page probes (bench/inpage.js) as the benchmark calls them through
 * `page.evaluate`: functions sent to the browser refer to `window.__bench` directly, since they run
 * there and cannot see this module.
 */
export interface KeyRecord {
  readonly key: string;
  /** The key event's timestamp: when the browser received it. */
  readonly input: number;
  /** When the first listener (the probe's) ran. */
  readonly handler: number;
  /** After the next frame was rendered. */
  readonly painted: number;
}

export interface Probes {
  paper: { drawn?: number; answered?: number };
  opened: { graph?: number; table?: number };
  keystroke?: Promise<number>;
  watchPaper(nodes: number, rows: number): void;
  firstContentfulPaint(): number | null;
  settled(nodes: number, step: number): Promise<void>;
  quiet(ms: number, frames?: number): Promise<void>;
  setHash(hash: string): void;
  armKeys(): void;
  keyDone(n: number): Promise<KeyRecord>;
  longTasksSince(from: number): { start: number; duration: number }[];
  frames(duration: number): Promise<number[]>;
  editValue(name: string, value: string, nodeIds: readonly string[]): Promise<number>;
  armKeystroke(outputId: string): void;
}

declare global {
  interface Window {
    __bench: Probes;
  }
}
