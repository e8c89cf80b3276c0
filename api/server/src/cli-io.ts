import fs from 'node:fs';
import { CeuError, ValidationError } from '@ceu/domain';

/** A mistake in how a command was called: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reads a file argument as text (`-` = standard input), with a clear error when it cannot. */
export function readInputFile(file: string, what: string): string {
  try {
    return file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CeuError('invalid-input', `cannot read the ${what} ${file}: ${reason}`, { cause: error });
  }
}

/** Writes to stdout and resolves once the data is flushed (large exports to a pipe). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** How an error is told to a person on a terminal; returns the exit code. */
export function reportCliError(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`ceu: ${error.message}\nRun "pnpm ceu help" for the commands.\n`);
    return 2;
  }
  if (error instanceof ValidationError) {
    process.stderr.write(`ceu: ${error.message}\n`);
    const shown = error.issues.slice(0, 20);
    for (const issue of shown)
      process.stderr.write(`  - ${issue.path || '(whole input)'}: ${issue.message}\n`);
    if (error.issues.length > shown.length)
      process.stderr.write(`  … and ${error.issues.length - shown.length} more\n`);
    return 1;
  }
  if (error instanceof CeuError) {
    process.stderr.write(`ceu: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `ceu: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 1;
}
