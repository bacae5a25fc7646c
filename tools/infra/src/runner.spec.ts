import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CommandError, run } from './runner';

describe('run', () => {
  it('resolves with the output of a command that succeeds', async () => {
    await expect(run('sh', ['-c', 'echo out; echo err >&2'], { timeoutMs: 5000 })).resolves.toEqual(
      { stdout: 'out\n', stderr: 'err\n' },
    );
  });

  it('kills a command that outlives its timeout and says so', async () => {
    const started = Date.now();
    await expect(run('sleep', ['30'], { timeoutMs: 300 })).rejects.toThrow(
      /`sleep 30` timed out after 0s/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports the exit code and the output of a failing command', async () => {
    await expect(
      run('sh', ['-c', 'echo "disk full" >&2; exit 3'], { timeoutMs: 5000 }),
    ).rejects.toThrow(/exited with code 3\n\s+disk full/);
  });

  it('reports a command that does not exist', async () => {
    await expect(run('no-such-command-polyshop', [], { timeoutMs: 5000 })).rejects.toThrow(
      CommandError,
    );
  });

  it('appends to the log file and quotes its tail on failure', async () => {
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infra-run-')), 'x.log');
    await expect(
      run('sh', ['-c', 'echo first; echo second; exit 1'], { timeoutMs: 5000, logFile }),
    ).rejects.toThrow(/log: .*x\.log\)\n\s+first\n\s+second/);
    expect(fs.readFileSync(logFile, 'utf8')).toBe('first\nsecond\n');
  });

  it('does not wait for a daemon that inherited its output pipes', async () => {
    const started = Date.now();
    await run('sh', ['-c', '(sleep 30 &) ; echo forked'], { timeoutMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
