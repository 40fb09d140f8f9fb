// The floor the benchmark compares noisy with: Node and the SQLite driver reading every row of the
// entries table (`SELECT *`) and writing each as JSON to /dev/null. No noisy code runs, so no
// command that has to show every entry can be much faster than this on the same machine.
// Usage: node bench/floor.js JOURNAL
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

const path = process.argv[2];
if (!path) throw new Error('usage: node bench/floor.js JOURNAL');
const db = new Database(path, { readonly: true, fileMustExist: true });
const out = openSync('/dev/null', 'w');
// Each row written as it is read, as the issue that set the targets defines the floor (writing in
// 64 KB pieces instead makes it about a quarter quicker; bench/results.md has both).
for (const row of db.prepare('SELECT * FROM entries').iterate()) writeSync(out, `${JSON.stringify(row)}\n`);
closeSync(out);
db.close();
