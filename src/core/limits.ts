/**
 * Limits that the link codec checks as well as the machinery they limit. They live apart so that
 * reading a link (in the first load) does not pull training or finite differences along: a bundler
 * keeps a module whole in one chunk, so a constant imported from `train.ts` brought all of training
 * into the page's first script (issue 13).
 */

/** Most rows a data table may have. */
export const MAX_DATA_ROWS = 1_000;
/** Longest data text read, in characters: checked before anything is split. */
export const MAX_DATA_TEXT = 100_000;
/** Most steps one training run may take (the command line's `--steps` and "until converged" on the page). */
export const MAX_TRAIN_STEPS = 100_000;

/** The range of log10 h that the finite-difference slider and plot cover. */
export const FD_LOG10_H_MAX = -1;
export const FD_LOG10_H_MIN = -16;
