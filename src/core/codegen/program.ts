/** What each language's program builder receives: the emitted function and the point. */
import type { EmittedFunction } from './emit';

export interface CodeInput {
  /** The first words of the header comment, `The same computation`. */
  readonly title: string;
  /** The program as the printer writes it, one statement per line (only the language's characters). */
  readonly source: readonly string[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Input values, in input order. */
  readonly x: readonly number[];
  /** `x1 = 2, x2 = 5`. */
  readonly pointText: string;
  readonly fn: EmittedFunction;
}
