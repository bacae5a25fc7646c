// Conformance suite: Mongoose 8 against a real DocumentDB through the gateway (DOCUMENTDB_URL).
module.exports = {
  displayName: 'mongo-gateway:int',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  testTimeout: 60_000,
};
