/**
 * System commands by absolute path: a PATH without /usr/sbin (CI shells, `sudo`) must not turn
 * into "command not found" halfway through a start. Debian 12 paths (merged /usr).
 */
export const SYSTEM = {
  aptGet: '/usr/bin/apt-get',
  chroot: '/usr/sbin/chroot',
  debootstrap: '/usr/sbin/debootstrap',
  mount: '/usr/bin/mount',
  rm: '/usr/bin/rm',
  runuser: '/usr/sbin/runuser',
  ss: '/usr/bin/ss',
  umount: '/usr/bin/umount',
} as const;
