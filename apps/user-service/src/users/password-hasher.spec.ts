import { PasswordHasher } from './password-hasher';

// Each argon2id hash (64 MiB, 3 passes) takes a few hundred ms alone, seconds on a loaded CI
// machine: the default 5 s per test is too tight for the few hashes each test makes.
jest.setTimeout(30_000);

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  beforeAll(() => hasher.onModuleInit());

  it('hashes with argon2id and a random salt, and verifies only the right password', async () => {
    const [first, second] = await Promise.all([
      hasher.hash('correct horse'),
      hasher.hash('correct horse'),
    ]);

    expect(first).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
    expect(second).not.toBe(first);
    await expect(hasher.verify(first, 'correct horse')).resolves.toBe(true);
    await expect(hasher.verify(first, 'Correct horse')).resolves.toBe(false);
  });

  it('verifies nobody with the work of a real account, and never succeeds', async () => {
    const hash = await hasher.hash('correct horse');
    // The fastest of a few runs: pauses of a shared machine only ever add time.
    const fastest = async (work: () => Promise<boolean>) => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const start = process.hrtime.bigint();
        expect(await work()).toBe(false);
        best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
      }
      return best;
    };

    const real = await fastest(() => hasher.verify(hash, 'wrong'));
    const nobody = await fastest(() => hasher.verifyNobody('wrong'));

    expect(nobody).toBeGreaterThan(real / 3);
    expect(nobody).toBeLessThan(real * 3);
  });
});
