import { parsePasswd } from './users';

const PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash',
  'mysql:x:107:110:MySQL Server,,,:/nonexistent:/bin/false',
].join('\n');

describe('parsePasswd', () => {
  it("finds a user's uid and gid", () => {
    expect(parsePasswd(PASSWD, 'postgres')).toEqual({ uid: 101, gid: 104 });
    expect(parsePasswd(PASSWD, 'mysql')).toEqual({ uid: 107, gid: 110 });
  });

  it('does not match a user by prefix', () => {
    expect(parsePasswd(PASSWD, 'post')).toBeUndefined();
  });
});
