import { crc32c } from './crc32c';

describe('crc32c', () => {
  it('matches the published CRC-32C check value for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
  });

  it('gives 0 for no bytes', () => {
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });
});
