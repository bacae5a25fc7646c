import { advertisedAddress } from './handshake.commands';

const connection = (localAddress: string) => ({
  id: 1,
  localAddress,
  localPort: 17017,
  remoteAddress: '127.0.0.1',
  remotePort: 50000,
});

describe('advertisedAddress', () => {
  it('names the address the client connected to', () => {
    expect(advertisedAddress(connection('127.0.0.1'))).toBe('127.0.0.1:17017');
  });

  it('unwraps IPv4-mapped addresses and brackets IPv6 ones', () => {
    expect(advertisedAddress(connection('::ffff:10.0.0.5'))).toBe('10.0.0.5:17017');
    expect(advertisedAddress(connection('::1'))).toBe('[::1]:17017');
  });
});
