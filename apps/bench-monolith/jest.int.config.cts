module.exports = {
  displayName: 'bench-monolith:int',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60_000,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
};
