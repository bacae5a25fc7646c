import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveDataDir, searchableByOthers } from './data-dir';

describe('resolveDataDir', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-data-dir-'));
    fs.chmodSync(scratch, 0o755);
  });

  afterEach(() => {
    fs.chmodSync(scratch, 0o755);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const checkout = (parentMode: number) => {
    const parent = path.join(scratch, 'home');
    const repo = path.join(parent, 'polyshop');
    fs.mkdirSync(repo, { recursive: true, mode: 0o755 });
    fs.chmodSync(parent, parentMode);
    return repo;
  };

  it('keeps data in <repo>/.data when the checkout is reachable by every user', () => {
    const repo = checkout(0o755);
    expect(searchableByOthers(repo)).toBe(true);
    expect(resolveDataDir(repo, undefined, path.join(scratch, 'fallback'))).toBe(
      path.join(repo, '.data'),
    );
  });

  it('moves data out of a 0700 home and links <repo>/.data to it', () => {
    const repo = checkout(0o700);
    const fallback = path.join(scratch, 'fallback');
    const dataDir = resolveDataDir(repo, undefined, fallback);
    expect(path.dirname(dataDir)).toBe(fallback);
    expect(fs.readlinkSync(path.join(repo, '.data'))).toBe(dataDir);
    expect(searchableByOthers(dataDir)).toBe(true);
  });

  it('finds the same linked folder again, recreating it after a reset deleted it', () => {
    const repo = checkout(0o700);
    const fallback = path.join(scratch, 'fallback');
    const first = resolveDataDir(repo, undefined, fallback);
    fs.rmSync(first, { recursive: true });
    expect(resolveDataDir(repo, undefined, fallback)).toBe(first);
    expect(fs.statSync(first).isDirectory()).toBe(true);
  });

  it('gives a named instance a folder of its own beside .data, in or out of the checkout', () => {
    const reachable = checkout(0o755);
    expect(resolveDataDir(reachable, 'chaos', path.join(scratch, 'fallback'))).toBe(
      path.join(reachable, '.data-chaos'),
    );
    fs.rmSync(path.join(scratch, 'home'), { recursive: true });
    const homeOnly = checkout(0o700);
    const fallback = path.join(scratch, 'fallback');
    const main = resolveDataDir(homeOnly, undefined, fallback);
    const chaos = resolveDataDir(homeOnly, 'chaos', fallback);
    expect(path.dirname(chaos)).toBe(fallback);
    expect(chaos).not.toBe(main);
    expect(fs.readlinkSync(path.join(homeOnly, '.data-chaos'))).toBe(chaos);
  });
});
