/**
 * Running the consumer checks' commands (npm, node, tsc, vite) as child processes, without blocking
 * the test runner, so that checks can wait on them side by side.
 */
import { spawn } from 'node:child_process';

/** What a finished command left behind. */
export interface CommandResult {
  /** The exit code (null when a signal ended it). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link run}. */
export interface RunOptions {
  /** The working directory. */
  cwd: string;
  /** Variables added to (or, when `undefined`, removed from) the environment. */
  env?: Record<string, string | undefined>;
}

/** Runs `command` with `args` to its end and collects its output; never rejects for a non-zero exit. */
export function run(command: string, args: string[], options: RunOptions): Promise<CommandResult> {
  const env = { ...process.env, ...options.env };
  for (const [name, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `command` and throws, with its output, unless it exits with 0. */
export async function runOrThrow(command: string, args: string[], options: RunOptions): Promise<CommandResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${[command, ...args].join(' ')} exited with ${result.code} in ${options.cwd}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/**
 * A limit on how many heavy commands (each type check holds over 1 GB and a core) run at once;
 * `limit(task)` starts `task` when a slot frees up.
 */
export function concurrencyLimit(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next waiting one.
    if (running < slots) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
