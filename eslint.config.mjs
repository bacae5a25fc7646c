import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const SERVICES = [
  'api-gateway',
  'user-service',
  'product-service',
  'order-service',
  'inventory-service',
  'payment-service',
];

// Database per service, enforced at import time: each store's driver belongs to its service only.
const STORE_DRIVERS = {
  typeorm: ['typeorm', '@nestjs/typeorm', 'pg', 'mysql2'],
  mongoose: ['mongoose', 'mongodb', '@nestjs/mongoose'],
  redis: ['ioredis'],
};
const ALLOWED_DRIVERS = {
  'api-gateway': [],
  'user-service': ['typeorm'],
  'product-service': ['mongoose'],
  'order-service': ['typeorm'],
  'inventory-service': ['redis'],
  'payment-service': ['typeorm'],
};
const bannedDriversFor = (allowed) =>
  Object.entries(STORE_DRIVERS)
    .filter(([family]) => !allowed.includes(family))
    .flatMap(([, packages]) => packages);

const constraintsFor = ({ tests }) => [
  // Services never import each other: a service depends on its own scope and shared libs only.
  ...SERVICES.map((service) => ({
    sourceTag: `scope:${service}`,
    onlyDependOnLibsWithTags: [`scope:${service}`, 'scope:shared'],
    bannedExternalImports: bannedDriversFor(ALLOWED_DRIVERS[service]),
  })),
  {
    sourceTag: 'scope:shared',
    onlyDependOnLibsWithTags: ['scope:shared'],
    bannedExternalImports: tests ? [] : bannedDriversFor([]),
  },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
  // The system suite reads every store directly to check the invariants.
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
  // The console runs in the browser: it talks to the gateway over HTTP and imports none of ours.
  {
    sourceTag: 'scope:console',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: [
      '@nestjs/*',
      'nats',
      'fastify',
      'class-validator',
      'class-transformer',
      ...bannedDriversFor([]),
    ],
  },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: ['@nestjs/*', 'nats', 'fastify', ...bannedDriversFor([])],
  },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
  // Logs, metrics, traces and the message context they read: below everything that emits them.
  {
    sourceTag: 'type:observability',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:config'],
  },
  {
    sourceTag: 'type:runtime',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:observability'],
  },
  {
    sourceTag: 'type:messaging',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:config',
      'type:observability',
      'type:runtime',
      ...(tests ? ['type:testing'] : []),
    ],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:config',
      'type:observability',
      'type:runtime',
      'type:messaging',
    ],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:config',
      'type:observability',
      'type:runtime',
      'type:messaging',
      'type:testing',
    ],
  },
  {
    // Messaging for the chaos suite's crash points, which it arms in the apps it starts.
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:config',
      'type:observability',
      'type:runtime',
      'type:messaging',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:config',
      'type:observability',
      'type:runtime',
      'type:messaging',
      'type:testing',
      'type:tool',
    ],
  },
];

const boundaries = (options) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/webpack\\.service\\.js$'],
    depConstraints: constraintsFor(options),
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.data/**'] },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({
    ...config,
    files: ['**/*.ts', '**/*.tsx'],
  })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Typed env classes need explicit property types: conversion reads them from metadata.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.cts', '**/*.mts'],
    rules: { '@nx/enforce-module-boundaries': boundaries({ tests: false }) },
  },
  {
    // A shared library's integration tests and benchmarks drive its store adapters against
    // real stores, with the shared test helpers.
    files: ['**/*.int-spec.ts', '**/*.bench.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries({ tests: true }) },
  },
  prettier,
];
