// The command line by the conventions (issue 14, items 5 and 11–13): `--` ends the options, repeated
// options and conflicting outputs are errors, every --json failure is the JSON error object, --file
// reads a file or stdin, and output failures (a closed pipe, a full disk) end quietly or in one line.
// The last tests run a real `npm run --silent trace` process, as a teacher's script would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrace, type CliIo } from '../../src/cli/run';
import { MAX_FILE_BYTES } from '../../src/cli/source';

const PAPER = 'ln(x1) + x1*x2 - sin(x2)';
const AT = ['--at', 'x1=2,x2=5'];
const STACK = /\n\s+at .*[(:]\d+/;

/** Runs and parses stdout as JSON (which it must be, whatever happened). */
function json(argv: string[], io?: CliIo) {
  const r = runTrace(argv, io);
  return { ...r, body: JSON.parse(r.stdout) };
}

const errorObject = {
  error: { message: expect.any(String), start: expect.any(Number), end: expect.any(Number) },
};

describe('arguments by the conventions (util.parseArgs)', () => {
  it('-- ends the options: an expression that starts with - is read after it', () => {
    const r = json(['--at', 'x=3', '--json', '--', '-x^2']);
    expect(r.status).toBe(0);
    expect(r.body.outputs[0].value).toBe(-9); // -(3^2), CONTRACTS §1
    // Without values the expression is still what is read: x needs a value, not "unknown option -x".
    const bare = runTrace(['--', '-x']);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('x needs a value');
    // After --, an option-looking word is an argument: a second expression, which is an error.
    expect(runTrace(['--', 'x', '--json']).stderr).toContain('unexpected argument "--json"');
  });

  it('an expression that starts with - before -- is an unknown option, with the way out named', () => {
    const r = runTrace(['-x^2', '--at', 'x=1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option "-x^2"');
    expect(r.stderr).toContain("-- '-x^2'");
  });

  it('--name=value and --name value mean the same', () => {
    const a = runTrace([PAPER, '--at=x1=2,x2=5', '--seed=x2', '--json']);
    const b = runTrace([PAPER, '--at', 'x1=2,x2=5', '--seed', 'x2', '--json']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('a repeated option is an error, never a silent last-wins', () => {
    for (const argv of [
      [PAPER, ...AT, '--seed', 'x1', '--seed', 'x2'],
      [PAPER, ...AT, '--adjoint-seed', 'y', '--adjoint-seed', 'y'],
      [PAPER, ...AT, '--format', 'csv', '--format', 'latex'],
      [PAPER, ...AT, '--json', '--json'],
    ]) {
      const r = runTrace(argv);
      expect(r.status, argv.join(' ')).toBe(2);
      // With --json the error is on stdout, as JSON; without, on stderr.
      expect(r.stdout + r.stderr).toMatch(/--(seed|adjoint-seed|format|json) is given more than once/);
    }
  });

  it('--at may be repeated and is merged; a name given twice is an error', () => {
    const merged = json([PAPER, '--at', 'x1=2', '--at', 'x2=5', '--json']);
    const once = json([PAPER, ...AT, '--json']);
    expect(merged.body).toEqual(once.body);
    for (const argv of [
      [PAPER, '--at', 'x1=2', '--at', 'x1=3,x2=5'],
      [PAPER, '--at', 'x1=2,x2=5,x1=2'],
    ]) {
      const r = json([...argv, '--json']);
      expect(r.status).toBe(2);
      expect(r.body.error.message).toMatch(/--at gives x1 twice/);
    }
  });

  it('--json with --format is an error: they choose different outputs', () => {
    const r = json([PAPER, ...AT, '--json', '--format', 'csv']);
    expect(r.status).toBe(2);
    expect(r.body).toEqual(errorObject);
    expect(r.body.error.message).toContain('--json and --format');
  });

  it('with --json, every usage error is the JSON error object on stdout, status 2', () => {
    const cases: [string[], RegExp][] = [
      [[PAPER, ...AT, '--bogus'], /unknown option "--bogus"/],
      [[PAPER, '--at'], /--at needs a value/],
      [[PAPER, '--at', '--seed', 'x1'], /--at needs a value/],
      [[PAPER, ...AT, '--format', 'pdf'], /--format must be one of latex, markdown, csv/],
      [[PAPER, ...AT, '--json=yes'], /--json takes no value/],
      [[...AT], /the expression is missing/],
      [[PAPER, 'x1', ...AT], /unexpected argument "x1"/],
      [['-x', ...AT], /unknown option "-x"/],
    ];
    for (const [argv, message] of cases) {
      const r = json([...argv, '--json']);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.body, argv.join(' ')).toEqual(errorObject);
      expect(r.body.error.message).toMatch(message);
      expect(r.stderr).toBe('');
    }
    // Without --json: the message and the usage on stderr, nothing on stdout.
    const plain = runTrace([PAPER, ...AT, '--bogus']);
    expect(plain.status).toBe(2);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/^error: unknown option "--bogus"\nusage: /);
  });

  it('--help prints every option of the table on stdout and exits 0', () => {
    const r = runTrace(['--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--at', '--file', '--seed', '--adjoint-seed', '--json', '--format', '--no-merge'])
      expect(r.stdout).toContain(flag);
    expect(runTrace(['-h']).stdout).toBe(r.stdout);
  });
});

describe('--file PATH and - for stdin (CONTRACTS §1b)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wengert-cli-'));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('reads the expression from a file, the same as given inline', () => {
    const p = file('paper.txt', `${PAPER}\n`);
    const fromFile = json(['--file', p, ...AT, '--json']);
    expect(fromFile.status).toBe(0);
    expect(fromFile.body).toEqual(json([PAPER, ...AT, '--json']).body);
    // A byte-order mark, as some editors write, is not part of the expression.
    expect(json(['--file', file('bom.txt', `\uFEFF${PAPER}`), ...AT, '--json']).body).toEqual(fromFile.body);
  });

  it('exactly one of an expression and --file', () => {
    const p = file('one.txt', 'x + 1');
    const both = json(['x', '--file', p, '--at', 'x=1', '--json']);
    expect(both.status).toBe(2);
    expect(both.body.error.message).toContain('not both');
    expect(json(['--at', 'x=1', '--json']).body.error.message).toContain('expression is missing');
  });

  it('a file that cannot be read is a located error, with --json too', () => {
    const missing = json(['--file', path.join(dir, 'nope.txt'), '--at', 'x=1', '--json']);
    expect(missing.status).toBe(2);
    expect(missing.body.error.message).toMatch(/cannot read .*nope\.txt: no such file/);
    const plain = runTrace(['--file', dir, '--at', 'x=1']);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/^error: cannot read .*: it is a directory\n$/);
  });

  it('a file over the size limit is refused without reading it all', () => {
    const p = file('huge.txt', 'x+'.repeat(MAX_FILE_BYTES));
    const r = json(['--file', p, '--at', 'x=1', '--json']);
    expect(r.status).toBe(2);
    expect(r.body.error.message).toContain('is larger than');
  });

  it('errors in a program of several lines name the line and point into it', () => {
    const program = 'y = x*2\nz = y + * 3\n';
    const r = runTrace(['--file', file('prog.txt', program), '--at', 'x=1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unexpected '*' (line 2, col 9)\n  z = y + * 3\n          ^\n");
    const j = json(['--file', file('prog2.txt', program), '--at', 'x=1', '--json']);
    expect(program.slice(j.body.error.start, j.body.error.end)).toBe('*');
  });

  it('uses the reader it is given (tests, or a future source)', () => {
    const io: CliIo = { readSource: (p) => ({ ok: true, text: p === 'virtual' ? 'x*x' : '' }) };
    expect(json(['--file', 'virtual', '--at', 'x=3', '--json'], io).body.outputs[0].value).toBe(9);
  });
});

describe('1e-400 in --at is read as 0 with the same warning as in the expression', () => {
  it('warns on stderr and in the JSON, for --at as for the literal', () => {
    const r = json(['x*y + 1e-400', '--at', 'x=1e-400,y=2', '--json']);
    expect(r.status).toBe(0);
    expect(r.body.inputs[0]).toEqual({ name: 'x', id: 'v-1', value: 0 });
    const message = '1e-400 is smaller than the smallest double and is read as 0';
    expect(r.stderr).toContain(`warning: --at x: ${message}\n`);
    expect(r.stderr).toContain(`warning: ${message} (col 7)\n`);
    expect(r.body.warnings).toEqual([{ id: 'v-1', input: 'x', message }]);
    expect(r.body.sourceWarnings).toEqual([{ message, start: 6, end: 12 }]);
    // The table says it too; a value that is merely small is not flagged.
    expect(runTrace(['x', '--at', 'x=1e-400']).stderr).toContain(message);
    expect(runTrace(['x', '--at', 'x=5e-324', '--json']).stderr).toBe('');
    expect(runTrace(['x', '--at', 'x=0e-400', '--json']).stderr).toBe('');
  });
});

describe('a real `npm run --silent trace` process', () => {
  // About 400 kB of JSON: far more than a pipe holds, so the writer meets the closed pipe.
  const n = 300;
  const big = Array.from({ length: n - 1 }, (_, i) => `sin(x${i + 1})*x${i + 2}`).join('+');
  const at = Array.from({ length: n }, (_, i) => `x${i + 1}=1`).join(',');
  const npm = `npm run --silent trace -- '${big}' --at ${at} --json`;

  it('a reader that closes the pipe early (| head -c 10) ends it quietly', () => {
    const r = spawnSync('bash', ['-c', `${npm} | head -c 10; echo; echo "status \${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
    });
    expect(r.stdout.trimEnd()).toBe('{\n  "input');
    const status = Number(/status (\d+)/.exec(r.stderr)?.[1]);
    expect([0, 141]).toContain(status);
    expect(r.stderr.replace(/status \d+\n/, '')).toBe('');
  }, 60_000);

  it('a full disk (> /dev/full) is one line on stderr and status 1', () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const extra of [[], ['--json']]) {
        const r = spawnSync('npm', ['run', '--silent', 'trace', '--', PAPER, ...AT, ...extra], {
          encoding: 'utf8',
          stdio: ['ignore', full, 'pipe'],
        });
        expect(r.status).toBe(1);
        expect(r.stderr).toBe('error: cannot write the output: no space left on device (ENOSPC)\n');
      }
    } finally {
      closeSync(full);
    }
  }, 60_000);

  it('-- and --file - (stdin) through npm, and usage errors as JSON, never a stack trace', () => {
    const minus = spawnSync(
      'npm',
      ['run', '--silent', 'trace', '--', '--at', 'x=3', '--json', '--', '-x^2'],
      {
        encoding: 'utf8',
      },
    );
    expect(minus.status).toBe(0);
    expect(JSON.parse(minus.stdout).outputs[0].value).toBe(-9);
    const stdin = spawnSync('npm', ['run', '--silent', 'trace', '--', '--file', '-', ...AT, '--json'], {
      encoding: 'utf8',
      input: `${PAPER}\n`,
    });
    expect(stdin.status).toBe(0);
    expect(JSON.parse(stdin.stdout).jacobian.y.x1).toBe(5.5);
    const usage = spawnSync('npm', ['run', '--silent', 'trace', '--', PAPER, '--json', '--nope'], {
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual(errorObject);
    for (const r of [minus, stdin, usage]) expect(r.stderr).not.toMatch(STACK);
  }, 60_000);
});
