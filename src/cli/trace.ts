/**
 * Command line (CONTRACTS §3), plus `--format latex|markdown|csv` to export the trace:
 *
 *   npm run --silent trace -- '<expression>' --at x1=2,x2=5 [--seed x1] [--adjoint-seed y] [--json] [--no-merge]
 *
 * Prints the three traces as a table, or one JSON object with `--json`. Bad input exits with status 2
 * and a message located in the expression; never a stack trace.
 */
import { runTrace } from './run';

const result = runTrace(process.argv.slice(2));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.status;
