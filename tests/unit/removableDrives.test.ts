// The U 盘 list: which mounts are the user's removable drives (Linux /proc/mounts, Windows CIM JSON),
// and the packages found on a picked folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExchangeFiles, listRemovableDrives, parseLinuxMounts, parseWindowsDrives } from '../../electron/services/exchange/removableDrives';

const MOUNTS = [
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0',
  '/dev/sda2 / ext4 rw,relatime 0 0',
  '/dev/sdb1 /media/clerk/KINGSTON vfat rw,nosuid,nodev,relatime,uid=1000,gid=1000,fmask=0022,dmask=0022,codepage=437,iocharset=utf8,shortname=mixed,showexec,utf8,flush,errors=remount-ro 0 0',
  '/dev/sdc1 /media/clerk/U\\040盘 exfat rw,nosuid,nodev,relatime 0 0',
  '/dev/sdf1 /media/clerk/\\344\\270\\234\\345\\237\\216 vfat rw 0 0', // 东城, had it been escaped byte by byte
  '/dev/sdd1 /run/media/clerk/DATA ntfs3 rw,nosuid,nodev,relatime 0 0',
  '/dev/sde1 /media/other/THEIRS vfat rw 0 0',
  '/dev/sdb1 /media/clerk/KINGSTON/inner vfat rw 0 0',
  '/dev/sdb1 /media/clerk/KINGSTON vfat rw 0 0',
  'tmpfs /run/user/1000 tmpfs rw 0 0',
  '',
].join('\n');

describe('removable drives', () => {
  it('Linux: the user\'s sticks under /media/$USER and /run/media/$USER, octal escapes decoded, no duplicates or nested mounts', () => {
    expect(parseLinuxMounts(MOUNTS, 'clerk')).toEqual([
      { path: '/media/clerk/KINGSTON', label: 'KINGSTON', fsType: 'vfat' },
      { path: '/media/clerk/U 盘', label: 'U 盘', fsType: 'exfat' },
      { path: '/media/clerk/东城', label: '东城', fsType: 'vfat' },
      { path: '/run/media/clerk/DATA', label: 'DATA', fsType: 'ntfs3' },
    ]);
    expect(parseLinuxMounts(MOUNTS, 'other').map((m) => m.label)).toEqual(['THEIRS']);
    expect(parseLinuxMounts(MOUNTS, 'nobody')).toEqual([]);
  });

  it('Linux: reads a mounts file and reports the space of each drive', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-drives-'));
    try {
      const file = path.join(dir, 'mounts');
      fs.writeFileSync(file, MOUNTS);
      const drives = await listRemovableDrives({ mountsFile: file, user: 'clerk', platform: 'linux' });
      expect(drives.map((d) => d.label)).toEqual(['KINGSTON', 'U 盘', '东城', 'DATA']);
      // These mount points do not exist here: the space is unknown rather than invented.
      expect(drives[0]).toMatchObject({ totalBytes: null, freeBytes: null });
      expect(await listRemovableDrives({ mountsFile: path.join(dir, 'missing'), user: 'clerk', platform: 'linux' })).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Windows: removable logical disks from the CIM JSON, one object or many', () => {
    expect(parseWindowsDrives('{"DeviceID":"E:","VolumeName":"KINGSTON","Size":31000000000,"FreeSpace":12000000000}')).toEqual([
      { path: 'E:\\', label: 'KINGSTON(E:)', totalBytes: 31000000000, freeBytes: 12000000000 },
    ]);
    const many = parseWindowsDrives('[{"DeviceID":"E:","VolumeName":null,"Size":100,"FreeSpace":50},{"DeviceID":"F:","VolumeName":"","Size":null,"FreeSpace":null}]');
    expect(many).toEqual([{ path: 'E:\\', label: 'U 盘(E:)', totalBytes: 100, freeBytes: 50 }]); // F: is a card reader with no card
    expect(parseWindowsDrives('')).toEqual([]);
  });

  it('lists the packages or receipts in a folder, and names a folder that is gone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-stick-'));
    try {
      fs.writeFileSync(path.join(dir, '370783101-000002.prpkg'), 'b');
      fs.writeFileSync(path.join(dir, '370783101-000001.prpkg'), 'aa');
      fs.writeFileSync(path.join(dir, '回执-370783101-000001.prreceipt'), '{}');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
      fs.mkdirSync(path.join(dir, 'old.prpkg'));
      expect(listExchangeFiles(dir, 'package').map((f) => [f.fileName, f.size])).toEqual([
        ['370783101-000001.prpkg', 2],
        ['370783101-000002.prpkg', 1],
      ]);
      expect(listExchangeFiles(dir, 'receipt').map((f) => f.fileName)).toEqual(['回执-370783101-000001.prreceipt']);
      expect(() => listExchangeFiles(path.join(dir, 'gone'), 'package')).toThrow(`找不到文件夹 ${path.join(dir, 'gone')}(U 盘是否已拔出?)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
