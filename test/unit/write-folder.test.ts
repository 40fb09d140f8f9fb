import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFolder, type FolderWriteOptions } from '../../src/cli/write-folder.js';
import { RuntimeError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

const files = (...names: string[]) => names.map((name) => ({ name, text: `text of ${name}` }));
const options = (folder: string, overwrite = false): FolderWriteOptions => ({ folder, shown: (name) => `${folder}/${name}`, overwrite });

describe('writeFolder', () => {
  it('makes a new folder (and its parents), private, holding exactly the files', async () => {
    const parent = tempDir();
    const dir = join(parent, 'a', 'b');
    expect(await writeFolder(dir, files('1.md', '2.md'), options('a/b'))).toBe(2);
    expect(readdirSync(parent)).toEqual(['a']);
    expect(readdirSync(dir).sort()).toEqual(['1.md', '2.md']);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, '1.md')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, '2.md'), 'utf8')).toBe('text of 2.md');
  });

  it('adds to an existing folder and leaves no staging folder behind', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mine.md'), 'mine');
    expect(await writeFolder(dir, files('1.md'), options('notes'))).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['1.md', 'mine.md']);
  });

  it('removes everything it made when a file cannot be written, and says how many were undone', async () => {
    const parent = tempDir();
    const dir = join(parent, 'new', 'notes');
    // A name the file system refuses (longer than 255 bytes) as the third file.
    const error = await writeFolder(dir, files('1.md', '2.md', `${'x'.repeat(300)}.md`), options('new/notes')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).details[0]).toBe('Nothing was written to new/notes: the 2 files already written were removed.');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('lists exactly the files it moved when a move into an existing folder fails part-way', async () => {
    const dir = tempDir();
    // A file that is already there (the export checks names first; here one appears "meanwhile").
    writeFileSync(join(dir, '3.md'), 'appeared meanwhile');
    const error = await writeFolder(dir, files('1.md', '2.md', '3.md', '4.md'), options('notes')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).message).toBe('notes/3.md already exists, and noisy does not overwrite files unless asked.');
    expect((error as RuntimeError).details).toEqual([
      '2 of the 4 files were written to notes before that:',
      '  notes/1.md',
      '  notes/2.md',
      'The others were not written.',
      'Add --force to replace it, or choose another name.',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['1.md', '2.md', '3.md']);
    expect(readFileSync(join(dir, '3.md'), 'utf8')).toBe('appeared meanwhile');
  });

  it('replaces regular files with overwrite, never anything else', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '1.md'), 'old');
    mkdirSync(join(dir, '2.md'));
    const error = await writeFolder(dir, files('1.md', '2.md'), options('notes', true)).catch((e: unknown) => e);
    expect((error as RuntimeError).message).toBe('Could not write notes/2.md: it is a folder.');
    expect((error as RuntimeError).details[0]).toBe('1 of the 2 files was written to notes before that:');
    expect(readFileSync(join(dir, '1.md'), 'utf8')).toBe('text of 1.md');
  });
});
