import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { InfraError } from './errors';
import { tailFile } from './processes';

export interface RunOptions {
  /** Every external command has one: it is killed (TERM, then KILL) when it runs out. */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Appends the output to this file instead of keeping it (long, chatty commands). */
  readonly logFile?: string;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

export class CommandError extends InfraError {}

const KEEP_BYTES = 64 * 1024;
const KILL_GRACE_MS = 3000;
/** A command that forked a daemon holding our pipes still counts as finished when it exits. */
const STDIO_GRACE_MS = 500;

const keepTail = (chunks: Buffer[], chunk: Buffer) => {
  chunks.push(chunk);
  while (chunks.length > 1 && Buffer.concat(chunks).length > KEEP_BYTES) chunks.shift();
};

/** Runs a command to completion; rejects with its output (or log tail) if it fails or times out. */
export function run(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const display = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const logFd = options.logFile === undefined ? undefined : fs.openSync(options.logFile, 'a');
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', logFd ?? 'pipe', logFd ?? 'pipe'],
    });
    if (logFd !== undefined) fs.closeSync(logFd);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => keepTail(stdout, chunk));
    child.stderr?.on('data', (chunk: Buffer) => keepTail(stderr, chunk));

    let timedOut = false;
    let settled = false;
    let stdioGrace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, options.timeoutMs);

    const output = () =>
      options.logFile === undefined
        ? `${Buffer.concat(stderr).toString()}${Buffer.concat(stdout).toString()}`.trim()
        : tailFile(options.logFile);
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(stdioGrace);
      if (code === 0) {
        resolve({
          stdout: Buffer.concat(stdout).toString(),
          stderr: Buffer.concat(stderr).toString(),
        });
        return;
      }
      const why = timedOut
        ? `timed out after ${Math.round(options.timeoutMs / 1000)}s`
        : signal
          ? `was killed by ${signal}`
          : `exited with code ${String(code)}`;
      const where = options.logFile === undefined ? '' : ` (log: ${options.logFile})`;
      reject(new CommandError(`\`${display}\` ${why}${where}\n${indent(output())}`));
    };

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const why = error.code === 'ENOENT' ? 'command not found' : error.message;
      reject(new CommandError(`\`${display}\` could not start: ${why}`));
    });
    child.on('close', finish);
    child.on('exit', (code, signal) => {
      stdioGrace = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(code, signal);
      }, STDIO_GRACE_MS);
    });
  });
}

export const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
