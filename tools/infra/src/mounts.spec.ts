import { parseMountPoints } from './mounts';

describe('parseMountPoints', () => {
  it('reads the mount point field and decodes escaped spaces', () => {
    const mountinfo = [
      '22 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
      '42 27 254:0 /work/main/.data/documentdb /root/.cache/polyshop/documentdb-root/srv/polyshop/620d rw - ext4 /dev/vda rw',
      '43 27 254:0 /x /mnt/with\\040space rw - ext4 /dev/vda rw',
      '',
    ].join('\n');
    expect(parseMountPoints(mountinfo)).toEqual([
      '/',
      '/root/.cache/polyshop/documentdb-root/srv/polyshop/620d',
      '/mnt/with space',
    ]);
  });
});
