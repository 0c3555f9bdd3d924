/**
 * The program formats and their names: a module of its own, so that the page can list them without
 * loading the generators (those load with the export chunk, when a program is first shown).
 */
export type CodeFormat = 'jax' | 'pytorch' | 'julia';
export const CODE_FORMATS: readonly CodeFormat[] = ['jax', 'pytorch', 'julia'];

/** How each framework is named for people, and the file name a download takes. */
export const CODE_FORMAT_INFO: Readonly<Record<CodeFormat, { label: string; file: string }>> = {
  jax: { label: 'JAX', file: 'wengert_jax.py' },
  pytorch: { label: 'PyTorch', file: 'wengert_pytorch.py' },
  julia: { label: 'Julia', file: 'wengert.jl' },
};

export const isCodeFormat = (s: string): s is CodeFormat => (CODE_FORMATS as readonly string[]).includes(s);
