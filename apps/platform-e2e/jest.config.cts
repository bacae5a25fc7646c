/** Unit specs of the suites' own logic (chaos plans and reports); the system suite is jest.e2e.config.cts. */
module.exports = {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
