import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../platform';

/** The instructions of the Dockerfile's last stage (the image that runs), continuations joined. */
const finalStage = () => {
  const instructions = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const from = instructions.map((line) => line.startsWith('FROM ')).lastIndexOf(true);
  return { all: instructions, final: instructions.slice(from) };
};

describe('docker/Dockerfile', () => {
  const { all, final } = finalStage();

  it('builds on the standard Node 20 image', () => {
    expect(all).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
    expect(
      all
        .filter((line) => line.startsWith('FROM '))
        .every((line) => line.startsWith('FROM ${NODE_IMAGE}')),
    ).toBe(true);
  });

  it('runs as a non-root numeric user, so that Kubernetes can verify runAsNonRoot', () => {
    const user = final.filter((line) => line.startsWith('USER ')).pop();
    expect(user).toMatch(/^USER [1-9]\d*:[1-9]\d*$/);
  });

  it('checks /health/live and installs production dependencies only', () => {
    expect(
      final.some((line) => /^HEALTHCHECK .*CMD \["node", "healthcheck\.js"\]$/.test(line)),
    ).toBe(true);
    expect(all.some((line) => line.includes('npm ci --omit=dev'))).toBe(true);
    expect(readFileSync(join(ROOT, 'docker', 'healthcheck.js'), 'utf8')).toContain("'live'");
  });
});
