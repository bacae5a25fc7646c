module.exports = {
  displayName: 'deploy',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // kubectl kustomize and docker compose run as processes: seconds on a busy machine.
  testTimeout: 60_000,
  // Fetches the two Debian tools the checks run (docker compose, client-go's schema) once.
  globalSetup: '<rootDir>/src/checks/global-setup.ts',
};
