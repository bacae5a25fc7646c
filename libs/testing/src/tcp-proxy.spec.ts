import { createServer, connect, type Server } from 'node:net';
import { TcpProxy } from './tcp-proxy';

const echoServer = async (): Promise<{ server: Server; port: number }> => {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
};

/** Sends `text` through a fresh connection; resolves with the echo or with the failure. */
const roundTrip = (port: number, text: string): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once('close', () => resolve('closed'));
    socket.once('error', () => resolve('error'));
  });

describe('TcpProxy', () => {
  let echo: { server: Server; port: number };
  let proxy: TcpProxy;
  let port: number;

  beforeEach(async () => {
    echo = await echoServer();
    proxy = new TcpProxy('127.0.0.1', echo.port);
    port = await proxy.start();
  });

  afterEach(async () => {
    await proxy.stop();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  it('relays bytes both ways to the real server', async () => {
    expect(await roundTrip(port, 'ping')).toBe('ping');
  });

  it('refuses connections while cut and relays again once restored', async () => {
    proxy.cut();
    expect(await roundTrip(port, 'ping')).toBe('closed');
    proxy.restore();
    expect(await roundTrip(port, 'pong')).toBe('pong');
  });

  it('drops connections that were open when cut', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => setImmediate(resolve));
    proxy.cut();
    await expect(closed).resolves.toBe(false);
  });
});
