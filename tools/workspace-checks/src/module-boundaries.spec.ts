import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const importOf = (specifier: string) =>
  `import * as probe from '${specifier}';\nexport { probe };\n`;

const ownDrivers = [
  ['apps/user-service/src/probe.ts', 'typeorm'],
  ['apps/order-service/src/probe.ts', 'mysql2'],
  ['apps/payment-service/src/probe.ts', '@nestjs/typeorm'],
  ['apps/product-service/src/probe.ts', 'mongoose'],
  ['apps/inventory-service/src/probe.ts', 'ioredis'],
] as const;

const foreignDrivers = [
  ['apps/user-service/src/probe.ts', 'mongoose'],
  ['apps/order-service/src/probe.ts', 'ioredis'],
  ['apps/product-service/src/probe.ts', 'typeorm'],
  ['apps/inventory-service/src/probe.ts', 'pg'],
  ['apps/payment-service/src/probe.ts', 'mongodb'],
  ['apps/api-gateway/src/probe.ts', 'typeorm'],
  ['apps/api-gateway/src/probe.ts', 'ioredis'],
  ['libs/messaging/src/probe.ts', 'typeorm'],
] as const;

const otherProbes = {
  anotherService: {
    file: 'apps/order-service/src/probe.ts',
    code: importOf('../../inventory-service/src/redis/redis.module'),
  },
  sharedLibs: {
    file: 'apps/order-service/src/probe.ts',
    code: importOf('@polyshop/messaging').replace(/probe/g, 'a') + importOf('@polyshop/config'),
  },
  sharedLibIntegrationTest: {
    file: 'libs/messaging/src/probe.int-spec.ts',
    code: importOf('typeorm'),
  },
  // Contracts, not service-runtime: service-runtime reads config, so lint would report that
  // import as a cycle before the tag rule.
  configImportsContracts: {
    file: 'libs/config/src/probe.ts',
    code: importOf('@polyshop/contracts'),
  },
};

const key = (file: string, code: string) => `${file}\n${code}`;

/**
 * Runs ESLint once, in a child process (Jest's VM cannot load ESLint's ESM config), with only
 * the module-boundary rule, over virtual files placed inside each project.
 */
function lintAll(): Map<string, string[]> {
  const probes = [
    ...[...ownDrivers, ...foreignDrivers].map(([file, driver]) => ({
      file,
      code: importOf(driver),
    })),
    ...Object.values(otherProbes),
  ];
  const messages = JSON.parse(
    execFileSync(process.execPath, [join(__dirname, 'lint-probes.mjs')], {
      input: JSON.stringify(probes),
      encoding: 'utf8',
    }),
  ) as string[][];
  return new Map(probes.map((p, i) => [key(p.file, p.code), messages[i]]));
}

describe('module boundaries', () => {
  let results: Map<string, string[]>;
  const violations = (file: string, code: string) => results.get(key(file, code));

  beforeAll(() => {
    results = lintAll();
  });

  it.each(ownDrivers)('lets %s import its own store driver %s', (file, driver) => {
    expect(violations(file, importOf(driver))).toEqual([]);
  });

  it.each(foreignDrivers)("forbids %s to import another store's driver %s", (file, driver) => {
    expect(violations(file, importOf(driver))).toEqual([
      expect.stringContaining(`is not allowed to import "${driver}"`),
    ]);
  });

  it('forbids a service to import another service', () => {
    const { file, code } = otherProbes.anotherService;
    expect(violations(file, code)).toHaveLength(1);
  });

  it('lets a service import the shared libraries', () => {
    const { file, code } = otherProbes.sharedLibs;
    expect(violations(file, code)).toEqual([]);
  });

  it("lets a shared library's integration tests use store drivers against real stores", () => {
    const { file, code } = otherProbes.sharedLibIntegrationTest;
    expect(violations(file, code)).toEqual([]);
  });

  it('keeps the config library free of every other library', () => {
    const { file, code } = otherProbes.configImportsContracts;
    expect(violations(file, code)).toEqual([
      expect.stringContaining('tagged with "type:config" cannot depend on any libs'),
    ]);
  });
});
