import { describe, expect, it } from 'vitest';
import { readTarballContents } from './tarball-contents.ts';

/** One ustar entry as PGlite writes them: a header block with its checksum, then the data. */
function entry(name: string, content: string | undefined): Uint8Array {
  const data = new TextEncoder().encode(content ?? '');
  const header = new Uint8Array(512);
  const put = (offset: number, text: string) => header.set(new TextEncoder().encode(text), offset);
  put(0, name);
  put(100, '0000666\0');
  put(124, `${data.length.toString(8).padStart(11, '0')}\0`);
  put(156, content === undefined ? '5' : '0');
  put(257, 'ustar\u000000');
  put(148, '        ');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  put(148, `${checksum.toString(8).padStart(6, '0')}\0 `);
  const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
  padded.set(data);
  return Uint8Array.from([...header, ...padded]);
}

function tarball(...entries: Uint8Array[]): Uint8Array {
  return Uint8Array.from([...entries.flatMap((one) => [...one]), ...new Uint8Array(1024)]);
}

const databaseFolder = () =>
  tarball(entry('/PG_VERSION', '18\n'), entry('/base', undefined), entry('/base/1/1259', 'x'));

describe('checking a tarball of an embedded database before restoring it', () => {
  it("counts its files and folders and reads the data files' PostgreSQL version", () => {
    expect(readTarballContents('b.tar', databaseFolder())).toEqual({
      files: 2,
      directories: 1,
      postgresVersion: '18',
    });
  });

  it('a header whose checksum does not match is damaged', () => {
    const damaged = databaseFolder();
    damaged[1024 + 10] = 0x41; // the second entry's name, after PG_VERSION's header and data
    expect(() => readTarballContents('b.tar', damaged)).toThrow(
      expect.objectContaining({
        code: 'backup-damaged',
        message: expect.stringContaining('the header of entry 2 fails its checksum'),
      }),
    );
  });

  it('an archive cut short, inside a file or before its end block, is damaged', () => {
    const whole = databaseFolder();
    expect(() => readTarballContents('b.tar', whole.subarray(0, 512 * 2 + 100))).toThrow(
      expect.objectContaining({ code: 'backup-damaged' }),
    );
    expect(() => readTarballContents('b.tar', whole.subarray(0, whole.length - 1024))).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('ends early, without its end-of-archive block'),
      }),
    );
    expect(() =>
      readTarballContents('b.tar', tarball(entry('/PG_VERSION', 'x'.repeat(600))).subarray(0, 900)),
    ).toThrow(expect.objectContaining({ message: expect.stringContaining('in the middle of') }));
  });

  it('a tarball of something other than a database folder is not a backup', () => {
    expect(() => readTarballContents('photos.tar', tarball(entry('/cat.jpg', 'x')))).toThrow(
      expect.objectContaining({
        code: 'not-a-backup',
        message: expect.stringContaining('not of a database folder (it has no PG_VERSION file)'),
      }),
    );
    expect(() => readTarballContents('db.tar', tarball(entry('toc.dat', 'PGDMP')))).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('pg_dump archive in the tar format'),
      }),
    );
  });

  it('an entry that climbs out of the folder is refused', () => {
    expect(() =>
      readTarballContents('b.tar', tarball(entry('/PG_VERSION', '18'), entry('/../etc/x', 'x'))),
    ).toThrow(expect.objectContaining({ message: expect.stringContaining('points outside') }));
  });
});
