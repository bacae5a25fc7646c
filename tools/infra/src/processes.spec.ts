import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { assertPortFree, isProcessOf, waitUntil } from './processes';

describe('waitUntil', () => {
  it('resolves with the first value the probe returns', async () => {
    let calls = 0;
    const value = await waitUntil({
      what: 'x',
      deadlineMs: 5000,
      intervalMs: 10,
      probe: () => Promise.resolve(++calls < 3 ? undefined : 'ready'),
    });
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('fails at the deadline naming the store, the last error and the log tail', async () => {
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infra-wait-')), 's.log');
    fs.writeFileSync(logFile, 'booting\nFATAL: could not bind\n');
    await expect(
      waitUntil({
        what: 'redis-inventory (port 16379)',
        deadlineMs: 200,
        intervalMs: 20,
        probe: () => Promise.reject(new Error('ECONNREFUSED')),
        logFile,
      }),
    ).rejects.toThrow(
      /redis-inventory \(port 16379\) did not become ready within 0s \(last probe error: ECONNREFUSED\)[\s\S]*\| FATAL: could not bind/,
    );
  });

  it('stops waiting as soon as the process is gone', async () => {
    const started = Date.now();
    await expect(
      waitUntil({
        what: 'nats',
        deadlineMs: 30_000,
        probe: () => Promise.resolve(undefined),
        stillRunning: () => false,
      }),
    ).rejects.toThrow('nats exited before it became ready');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('assertPortFree', () => {
  it('names the store and port when another process listens there', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      await expect(assertPortFree('127.0.0.1', port, 'postgres-user')).rejects.toThrow(
        `Port ${port} for postgres-user is already taken`,
      );
    } finally {
      server.close();
    }
    await expect(assertPortFree('127.0.0.1', port, 'postgres-user')).resolves.toBeUndefined();
  });
});

describe('isProcessOf', () => {
  it('recognises a live process by its command line, and nothing else', () => {
    expect(isProcessOf(process.pid, 'node')).toBe(true);
    expect(isProcessOf(process.pid, 'redis-server-polyshop')).toBe(false);
    expect(isProcessOf(undefined, 'node')).toBe(false);
    expect(isProcessOf(2 ** 22 + 1, 'node')).toBe(false);
  });
});
