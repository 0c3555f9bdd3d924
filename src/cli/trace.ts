/**
 * Command line (CONTRACTS §3, §3b), run as `npm run --silent trace -- …`:
 *
 *   npm run --silent trace -- '<expression>' --at x1=2,x2=5 [--seed x1] [--adjoint-seed y] [--json]
 *   npm run --silent trace -- --file program.txt --at x=2 [--format latex|markdown|csv|jax|pytorch|julia] [--no-merge]
 *
 * Prints the three traces as a table, one JSON object with `--json`, or a document with `--format`.
 * Exit status: 0 done; 2 bad input or usage (with `--json`, `{"error": …}` on stdout); 1 the output
 * could not be written (one line on stderr). A reader that closes the pipe early (`| head`) ends the
 * program quietly. Never a stack trace.
 */
import { writeAll } from './output';
import { runTrace } from './run';

const quit = (status: number): never => process.exit(status);

// Defence in depth: whatever escapes is one line, not a stack trace.
process.on('uncaughtException', (e) => {
  writeAll(2, `error: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  quit(1);
});

const result = runTrace(process.argv.slice(2));
const out = writeAll(1, result.stdout);
if (!out.ok && !out.closed) {
  writeAll(2, `error: cannot write the output: ${out.message}\n`);
  quit(1);
}
if (result.stderr) writeAll(2, result.stderr);
quit(result.status);
