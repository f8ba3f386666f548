// The release's own tar.gz and zip writers (scripts/release/archive.ts): the system's tar and
// Python's zipfile read them back with the names, modes, times and contents given, and the same
// input gives the same bytes.
import { expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarGz, zip, type ArchiveEntry } from '../../../scripts/release/archive.ts';

const ENTRIES: ArchiveEntry[] = [
  { name: 'kubectl-job_x', data: Buffer.from('#!/bin/sh\necho hi\n'.repeat(100)), mode: 0o755 },
  { name: 'LICENSE', data: Buffer.alloc(1025, 'x'), mode: 0o644 },
];
const MTIME = 1_780_000_000; // 2026-05-28T20:26:40Z

test('tar.gz: tar extracts every entry with its mode, time and bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'job-x-tar-'));
  try {
    writeFileSync(join(dir, 'a.tar.gz'), tarGz(ENTRIES, MTIME));
    execFileSync('tar', ['-xzf', 'a.tar.gz'], { cwd: dir });
    for (const entry of ENTRIES) {
      const path = join(dir, entry.name);
      expect(readFileSync(path)).toEqual(entry.data);
      expect(statSync(path).mode & 0o777).toBe(entry.mode);
      expect(statSync(path).mtimeMs / 1000).toBe(MTIME);
    }
    expect(execFileSync('tar', ['-tzf', 'a.tar.gz'], { cwd: dir, encoding: 'utf8' })).toBe('kubectl-job_x\nLICENSE\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('zip: Python zipfile reads every entry back, with its CRC checked, Unix mode and time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'job-x-zip-'));
  try {
    writeFileSync(join(dir, 'a.zip'), zip(ENTRIES, MTIME));
    const script = `import zipfile, json, sys
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps([[i.filename, i.external_attr >> 16, list(i.date_time), z.read(i).decode()] for i in z.infolist()]))`;
    const listed = JSON.parse(execFileSync('python3', ['-c', script, join(dir, 'a.zip')], { encoding: 'utf8' }));
    expect(listed).toEqual(
      ENTRIES.map((e) => [e.name, 0o100000 | e.mode, [2026, 5, 28, 20, 26, 40], e.data.toString()]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same entries give the same bytes; another time gives others', () => {
  expect(tarGz(ENTRIES, MTIME).equals(tarGz(ENTRIES, MTIME))).toBe(true);
  expect(zip(ENTRIES, MTIME).equals(zip(ENTRIES, MTIME))).toBe(true);
  expect(tarGz(ENTRIES, MTIME).equals(tarGz(ENTRIES, MTIME + 2))).toBe(false);
  expect(zip(ENTRIES, MTIME).equals(zip(ENTRIES, MTIME + 2))).toBe(false);
});
