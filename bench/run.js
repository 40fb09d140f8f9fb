// npm run bench: times noisy as whole processes on journals of 1,000 / 10,000 / 100,000 entries and
// writes bench/results.md. Each command is also given as a ratio to two floors measured in the same
// run: `node -e 0`, and for its journal's size Node and the driver reading every entry and writing
// it as JSON (bench/floor.js). Environment: BENCH_RUNS (default 5), BENCH_SIZES (e.g. "1000,10000"),
// BENCH_ONLY=history (only the floors and history: a quicker run while working on history),
// BENCH_ONLY=export (only the floors and the two exports, each in turns with its floor),
// BENCH_ONLY=import (the floors, and one import of each size's JSON export),
// BENCH_ONLY=save (`node -e 0`, one save into the largest journal and a search in it, in turns),
// BENCH_ONLY=search (only `noisy search`, printed; results.md is left as it is),
// BENCH_ONLY=encrypted (the journal encrypted next to the plain one: history, exports and a save,
// with the key from a passphrase and remembered; printed, results.md is left as it is).
// BENCH_ONLY=attempts (only `noisy attempts` on a ledger of 10,000 attempts, printed; results.md is left as it is).
// BENCH_ONLY=beliefs (only `noisy beliefs`: every belief's combined picture, ~20,000 evaluations under
// each at 100,000 entries; printed, results.md is left as it is).
import { spawnSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { GENERATOR_VERSION, ensureJournal } from './generate.js';
import { ensureAttemptsJournal } from './attempts.js';
import { SCHEMA_VERSION } from '../dist/storage/migrations.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'noisy.js');
const TMP = join(ROOT, 'bench', '.tmp');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ANSWERS = join(ROOT, 'examples', 'answers.json');
const FLOOR = join(ROOT, 'bench', 'floor.js');
const ONLY = process.env.BENCH_ONLY ?? '';
const CHOICES = ['history', 'export', 'import', 'save', 'search', 'encrypted', 'attempts', 'beliefs'];
if (ONLY && !CHOICES.includes(ONLY)) throw new Error(`BENCH_ONLY must be one of ${CHOICES.join(', ')}, or unset; not ${ONLY}`);

// Peak RSS of a child needs getrusage(RUSAGE_CHILDREN), which Node doesn't expose: a few lines of
// Python run the command, time it, and report both.
const MEASURE = `
import json, os, resource, subprocess, sys, time
env = dict(os.environ, NO_COLOR="1")
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = usage.ru_maxrss
if sys.platform == "darwin":
    rss //= 1024  # bytes there, kilobytes on Linux
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": seconds, "cpuSeconds": cpu, "rssKb": rss, "code": proc.returncode, "stderr": proc.stderr.decode()[-500:]}))
`;

function measureOnce(argv, env = process.env) {
  const result = spawnSync('python3', ['-c', MEASURE, ...argv], { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`measuring ${argv.join(' ')} failed: ${result.stderr}`);
  const m = JSON.parse(result.stdout);
  if (m.code !== 0) throw new Error(`${argv.join(' ')} exited ${m.code}: ${m.stderr}`);
  return m;
}

function stats(samples) {
  const times = samples.map((s) => s.seconds * 1000).sort((a, b) => a - b);
  const rss = Math.max(...samples.map((s) => s.rssKb)) / 1024;
  // CPU time (user + system) is steadier than wall time when other work shares the cores.
  const cpu = samples.map((s) => (s.cpuSeconds ?? NaN) * 1000).sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], rssMb: rss, cpu: cpu[Math.floor(cpu.length / 2)] };
}

function bench(label, argv, runs = RUNS, before, size = null) {
  before?.();
  measureOnce(argv); // warm the file cache
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    before?.();
    samples.push(measureOnce(argv));
  }
  return summarise(label, samples, size);
}

function summarise(label, samples, size = null) {
  const s = stats(samples);
  process.stderr.write(`${label.padEnd(44)} ${s.median.toFixed(0).padStart(6)} ms  ${s.cpu.toFixed(0).padStart(6)} ms CPU  ${s.rssMb.toFixed(0).padStart(4)} MB\n`);
  return { label, size, ...s };
}

/**
 * Commands compared with each other (the floor and start-up), measured in turns rather than one
 * after the other, so a burst of load from elsewhere on the machine hits them all alike.
 */
function benchInTurns(commands, runs = RUNS) {
  for (const [, argv, , env] of commands) measureOnce(argv, env);
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i += 1) commands.forEach(([, argv, , env], c) => samples[c].push(measureOnce(argv, env)));
  return commands.map(([label, , size], c) => summarise(label, samples[c], size ?? null));
}

/** Time until `noisy reflect` shows its first question, in a real pseudo-terminal. */
async function firstQuestion(db, runs) {
  const pty = await import('node-pty');
  const times = [];
  for (let i = 0; i < runs + 1; i += 1) {
    const started = performance.now();
    const child = pty.spawn(process.execPath, [BIN, '--db', db, 'reflect'], { cols: 100, rows: 30, env: { ...process.env, NO_COLOR: '1' } });
    const exited = new Promise((resolve) => child.onExit(resolve));
    let ms;
    try {
      ms = await new Promise((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`no first question; screen: ${seen}`)), 10_000);
        child.onData((data) => {
          seen += data;
          // The first question since entries can be good news too.
          if (seen.includes('Was this a setback or good news?')) {
            clearTimeout(timer);
            resolve(performance.now() - started);
          }
        });
      });
    } finally {
      // Wait until it is gone, so the next run doesn't share the CPU with it.
      child.kill();
      await exited;
    }
    if (i > 0) times.push(ms); // the first run warms the cache
  }
  times.sort((a, b) => a - b);
  const result = { label: 'reflect: first question on screen (pty)', median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1), rssMb: NaN };
  process.stderr.write(`${result.label.padEnd(44)} ${result.median.toFixed(0).padStart(6)} ms\n`);
  return result;
}

/** `noisy attempts` on a ledger of 10,000 attempts (the outlook over all of them, the chart, the list). */
function benchAttempts() {
  const count = 10_000;
  const path = join(TMP, `attempts-${count}-s${SCHEMA_VERSION}.db`);
  const started = performance.now();
  if (ensureAttemptsJournal(path, count)) process.stderr.write(`generated ${count} attempts in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  for (const [label, argv] of [
    [`noisy attempts (${count} attempts)`, ['attempts']],
    [`noisy attempts --json (${count} attempts)`, ['attempts', '--json']],
  ]) {
    const s = bench(label, [process.execPath, BIN, '--db', path, ...argv], RUNS, undefined, count);
    process.stdout.write(`${label}: median ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}), peak ${s.rssMb.toFixed(0)} MB\n`);
  }
}

async function main() {
  mkdirSync(TMP, { recursive: true });
  if (ONLY === 'attempts') {
    benchAttempts();
    return;
  }
  const journals = {};
  for (const size of SIZES) {
    const path = join(TMP, `journal-${size}-g${GENERATOR_VERSION}-s${SCHEMA_VERSION}.db`);
    const started = performance.now();
    if (ensureJournal(path, size)) process.stderr.write(`generated ${size} entries in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    journals[size] = path;
  }
  const largest = Math.max(...SIZES);
  if (ONLY === 'encrypted') {
    for (const size of SIZES) benchEncrypted(journals[size], size);
    return;
  }
  if (ONLY === 'beliefs') {
    for (const size of SIZES) {
      const s = bench(`noisy beliefs (${size})`, [process.execPath, BIN, '--db', journals[size], 'beliefs'], RUNS, undefined, size);
      process.stdout.write(`beliefs at ${size}: median ${s.median.toFixed(0)} ms (${s.cpu.toFixed(0)} ms CPU), peak ${s.rssMb.toFixed(0)} MB\n`);
    }
    return;
  }
  if (ONLY === 'search') {
    // The generated text draws on 60 words, so this one is in nearly every entry: every entry is
    // ranked, the worst case for a search.
    for (const size of SIZES) {
      const s = bench(`noisy search interview (${size})`, [process.execPath, BIN, '--db', journals[size], 'search', 'interview'], RUNS, undefined, size);
      process.stdout.write(`search at ${size}: median ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}), peak ${s.rssMb.toFixed(0)} MB\n`);
    }
    return;
  }
  const loadBefore = loadavg();
  const rows = benchInTurns([
    ['node -e 0 (start-up)', [process.execPath, '-e', '0']],
    ...(ONLY ? [] : [
      ['noisy --version', [process.execPath, BIN, '--version']],
      ['noisy --help', [process.execPath, BIN, '--help']],
    ]),
  ]);
  if (!ONLY) {
    rows.push(bench(`noisy list (${largest} entries)`, [process.execPath, BIN, '--db', journals[largest], 'list'], RUNS, undefined, largest));
    const empty = join(TMP, 'first-question.db');
    rmSync(empty, { force: true });
    rows.push(await firstQuestion(empty, RUNS));
  }
  if (ONLY === 'save') {
    // A copy, so the cached journal stays as generated.
    const bigSave = join(TMP, 'save-big.db');
    copyFileSync(journals[largest], bigSave);
    rows.push(...benchInTurns([
      [`reflect --answers into ${largest} entries`, [process.execPath, BIN, '--db', bigSave, 'reflect', '--answers', ANSWERS]],
      [`noisy search (${largest})`, [process.execPath, BIN, '--db', journals[largest], 'search', 'interview']],
      ['node -e 0 (in turns with the save)', [process.execPath, '-e', '0']],
    ]));
    for (const suffix of ['', '-wal', '-shm']) rmSync(bigSave + suffix, { force: true });
  }
  for (const size of SIZES) {
    const db = journals[size];
    if (ONLY === 'save') continue;
    if (ONLY === 'import') {
      rows.push(...benchInTurns([[`floor: every entry as JSON (${size})`, [process.execPath, FLOOR, db], size]]));
      continue;
    }
    if (ONLY === 'export') {
      // The floor and the exports in turns, so a burst of load from elsewhere hits them alike.
      rows.push(...benchInTurns([
        [`floor: every entry as JSON (${size})`, [process.execPath, FLOOR, db], size],
        [`noisy export --format md (${size})`, [process.execPath, BIN, '--db', db, 'export', '--format', 'md'], size],
        [`noisy export --format json (${size})`, [process.execPath, BIN, '--db', db, 'export', '--format', 'json'], size],
      ]));
      continue;
    }
    // The floor and history in turns, so a burst of load from elsewhere hits them alike.
    rows.push(...benchInTurns([
      [`floor: every entry as JSON (${size})`, [process.execPath, FLOOR, db], size],
      [`noisy history (${size})`, [process.execPath, BIN, '--db', db, 'history'], size],
      [`noisy history --json (${size})`, [process.execPath, BIN, '--db', db, 'history', '--json'], size],
    ]));
    if (ONLY) continue;
    rows.push(bench(`noisy export --format md (${size})`, [process.execPath, BIN, '--db', db, 'export', '--format', 'md'], RUNS, undefined, size));
    rows.push(bench(`noisy export --format json (${size})`, [process.execPath, BIN, '--db', db, 'export', '--format', 'json'], RUNS, undefined, size));
  }
  if (!ONLY) {
    // One save into an empty journal and into the largest one (a copy, so the cached journal stays as generated).
    const emptySave = join(TMP, 'save-empty.db');
    const bigSave = join(TMP, 'save-big.db');
    rows.push(bench('reflect --answers into an empty journal', [process.execPath, BIN, '--db', emptySave, 'reflect', '--answers', ANSWERS], RUNS, () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(emptySave + suffix, { force: true });
    }));
    copyFileSync(journals[largest], bigSave);
    rows.push(bench(`reflect --answers into ${largest} entries`, [process.execPath, BIN, '--db', bigSave, 'reflect', '--answers', ANSWERS]));
    for (const suffix of ['', '-wal', '-shm']) rmSync(bigSave + suffix, { force: true });
  }
  if (!ONLY || ONLY === 'import') {
    // Import is slow at the largest size; measured once per size, so the results say what it costs.
    for (const size of SIZES) {
      const backup = join(TMP, `backup-${size}.json`);
      const restored = join(TMP, 'restored.db');
      const exported = spawnSync(process.execPath, [BIN, '--db', journals[size], 'export', '--format', 'json', '-o', backup, '--force'], { stdio: 'ignore' });
      if (exported.status !== 0) throw new Error('exporting the backup to import failed');
      for (const suffix of ['', '-wal', '-shm']) rmSync(restored + suffix, { force: true });
      rows.push(summarise(`noisy import (${size}, one run)`, [measureOnce([process.execPath, BIN, '--db', restored, 'import', backup])], size));
      for (const path of [backup, restored, `${restored}-wal`, `${restored}-shm`]) rmSync(path, { force: true });
    }
  }
  const loadAfter = loadavg();

  const startup = rows[0].median;
  const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
  const get = (label) => byLabel[label];
  const floorOf = (size) => get(`floor: every entry as JSON (${size})`);
  const checks = [];
  const check = (what, ok, value) => checks.push([what, ok, value]);
  const times = (x) => `${x.toFixed(2)}×`;
  const toFloor = (label, size) => get(label).median / floorOf(size).median;
  if (!ONLY) {
    check('noisy --version within 1.5× of node -e 0', get('noisy --version').median <= 1.5 * startup, times(get('noisy --version').median / startup));
    check('first question of reflect under 300 ms', get('reflect: first question on screen (pty)').median < 300, `${get('reflect: first question on screen (pty)').median.toFixed(0)} ms`);
  }
  if (ONLY === 'export') {
    for (const size of SIZES.filter((s) => s >= 10000)) {
      const md = `noisy export --format md (${size})`;
      const js = `noisy export --format json (${size})`;
      check(`Markdown export at ${size.toLocaleString('en')}: at most 1.5× the floor`, toFloor(md, size) <= 1.5, times(toFloor(md, size)));
      check(`JSON export at ${size.toLocaleString('en')}: at most 1.3× the floor`, toFloor(js, size) <= 1.3, times(toFloor(js, size)));
    }
  }
  if (ONLY === 'import') {
    const imp = get(`noisy import (${largest}, one run)`);
    // On a busy machine the wall time swings; the CPU ratio is given beside it.
    const cpuToFloor = imp.cpu / floorOf(largest).cpu;
    check(`import of ${largest.toLocaleString('en')}: at most 2.5× the floor`, toFloor(imp.label, largest) <= 2.5, `${times(toFloor(imp.label, largest))} (CPU ${times(cpuToFloor)})`);
    check(`import of ${largest.toLocaleString('en')}: peak RSS under 150 MB`, imp.rssMb < 150, `${imp.rssMb.toFixed(0)} MB`);
    const smaller = SIZES.filter((s) => s < largest).at(-1);
    if (smaller !== undefined) {
      const small = get(`noisy import (${smaller}, one run)`);
      check(`import: peak RSS within 1.2× from ${smaller.toLocaleString('en')} to ${largest.toLocaleString('en')}`, imp.rssMb <= 1.2 * small.rssMb, `${small.rssMb.toFixed(0)} → ${imp.rssMb.toFixed(0)} MB`);
    }
  }
  if (ONLY === 'save') {
    const save = get(`reflect --answers into ${largest} entries`);
    const node = get('node -e 0 (in turns with the save)');
    check(`one save into ${largest.toLocaleString('en')} entries: at most 1.6× node -e 0`, save.median <= 1.6 * node.median, `${times(save.median / node.median)} (CPU ${times(save.cpu / node.cpu)})`);
    check(`search at ${largest.toLocaleString('en')} under 0.3 s`, get(`noisy search (${largest})`).median < 300, `${get(`noisy search (${largest})`).median.toFixed(0)} ms`);
  }
  if (SIZES.includes(100000) && ['', 'history'].includes(ONLY)) {
    // Issue 18's targets, against the floors of this run.
    const h = get('noisy history (100000)');
    const hj = get('noisy history --json (100000)');
    const worst = Math.max(toFloor(h.label, 100000), toFloor(hj.label, 100000));
    check('history at 100,000: at most 0.35× the floor (text / --json)', worst <= 0.35, `${times(toFloor(h.label, 100000))} / ${times(toFloor(hj.label, 100000))}`);
    check('history at 100,000: peak RSS under 110 MB', Math.max(h.rssMb, hj.rssMb) < 110, `${Math.max(h.rssMb, hj.rssMb).toFixed(0)} MB`);
  }
  if (!ONLY && SIZES.includes(100000)) {
    for (const size of SIZES.filter((s) => s >= 10000)) {
      const md = `noisy export --format md (${size})`;
      const js = `noisy export --format json (${size})`;
      check(`Markdown export at ${size.toLocaleString('en')}: at most 1.5× the floor`, toFloor(md, size) <= 1.5, times(toFloor(md, size)));
      check(`JSON export at ${size.toLocaleString('en')}: at most 1.3× the floor`, toFloor(js, size) <= 1.3, times(toFloor(js, size)));
    }
    const imp = get('noisy import (100000, one run)');
    check('import of 100,000: at most 2.5× the floor', toFloor(imp.label, 100000) <= 2.5, times(toFloor(imp.label, 100000)));
    check('import of 100,000: peak RSS under 150 MB', imp.rssMb < 150, `${imp.rssMb.toFixed(0)} MB`);
    if (SIZES.includes(10000)) {
      const small = get('noisy import (10000, one run)');
      check('import: peak RSS within 1.2× from 10,000 to 100,000', imp.rssMb <= 1.2 * small.rssMb, `${small.rssMb.toFixed(0)} → ${imp.rssMb.toFixed(0)} MB`);
    }
    const save = get('reflect --answers into 100000 entries');
    check('one save into 100,000 entries: at most 1.6× node -e 0', save.median <= 1.6 * startup, times(save.median / startup));
    const search = spawnSync(process.execPath, [BIN, 'search', '--help'], { stdio: 'ignore' });
    if (search.status === 0) {
      const s = bench('noisy search (100000)', [process.execPath, BIN, '--db', journals[100000], 'search', 'interview'], RUNS, undefined, 100000);
      rows.push(s);
      check('search at 100,000 under 0.3 s', s.median < 300, `${s.median.toFixed(0)} ms`);
    } else {
      check('search at 100,000 under 0.3 s', null, 'no `noisy search` yet');
    }
    // The earlier targets (issue 8), kept for comparison.
    const hm = get('noisy history (100000)');
    const hjm = get('noisy history --json (100000)');
    const md = get('noisy export --format md (100000)');
    const js = get('noisy export --format json (100000)');
    check('history on 100,000 entries under 1 s', Math.max(hm.median, hjm.median) < 1000, `${hm.median.toFixed(0)} / ${hjm.median.toFixed(0)} ms`);
    check('export of 100,000 entries under 3 s', Math.max(md.median, js.median) < 3000, `${md.median.toFixed(0)} / ${js.median.toFixed(0)} ms`);
  }

  const cpu = cpus();
  const lines = [
    `Recorded by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}. ${RUNS} runs each after one warm-up; whole processes; peak RSS is the largest of the runs. Load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} at the start and ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} at the end.`,
    '',
    `The floor for a size: Node and the driver reading every row of the entries table (\`SELECT *\`) and writing each as JSON to /dev/null (bench/floor.js); × floor compares a command with the floor of its journal's size, × node with \`node -e 0\`.${ONLY ? ` Only part of the benchmark (BENCH_ONLY=${ONLY}).` : ''}`,
    '',
    '| what | median ms | min–max ms | CPU ms | peak RSS MB | × floor | CPU × floor | × node |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const floor = r.size != null && !r.label.startsWith('floor') ? floorOf(r.size) : null;
      const cpu = r.cpu === undefined || Number.isNaN(r.cpu) ? '–' : r.cpu.toFixed(0);
      const cpuRatio = floor && !Number.isNaN(r.cpu) && !Number.isNaN(floor.cpu) ? (r.cpu / floor.cpu).toFixed(2) : '–';
      return `| ${r.label} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)}–${r.max.toFixed(0)} | ${cpu} | ${Number.isNaN(r.rssMb) ? '–' : r.rssMb.toFixed(0)} | ${floor ? (r.median / floor.median).toFixed(2) : '–'} | ${cpuRatio} | ${(r.median / startup).toFixed(1)} |`;
    }),
    '',
    '## Targets',
    '',
    '| target | result | met |',
    '|---|---|---|',
    ...checks.map(([what, ok, value]) => `| ${what} | ${value} | ${ok === null ? '–' : ok ? 'met' : '**missed**'} |`),
    '',
  ];
  const report = lines.join('\n');
  process.stdout.write(`\n${report}`);
  // A partial run leaves the recorded full run alone.
  if (!process.env.BENCH_NO_WRITE && !ONLY) writeResults(report);
}

const PASSPHRASE = 'bench passphrase: correct horse battery staple';
const FAKE_KEYRING = join(ROOT, 'bench', 'fake-keyring.mjs');

/**
 * Issue 19's targets: on the same journal encrypted, history and the exports within 1.3× of the
 * plain journal's times (measured in turns, same process settings), and a save with the key
 * derived from the passphrase (SQLCipher's KDF, every start) and with the key remembered (no KDF).
 * Every command runs with the stand-in keyring preloaded, plain ones too, so they differ only in
 * the journal and where its key comes from.
 */
function benchEncrypted(plain, size) {
  const passphraseFile = join(TMP, 'bench-passphrase');
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  const encrypted = plain.replace(/\.db$/, '-encrypted.db');
  if (!existsSync(encrypted)) {
    const partial = `${encrypted}.partial.db`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    copyFileSync(plain, partial);
    const started = performance.now();
    const made = spawnSync(process.execPath, [BIN, '--db', partial, '--passphrase-file', passphraseFile, 'encrypt'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`encrypting the bench journal failed: ${made.stderr}`);
    process.stderr.write(`encrypted ${size} entries in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    renameSync(partial, encrypted);
  }
  // The key SQLCipher 4 derives (PBKDF2-HMAC-SHA512, 256,000 rounds, the file's salt): what --remember keeps.
  const salt = Buffer.alloc(16);
  const fd = openSync(encrypted, 'r');
  readSync(fd, salt, 0, 16, 0);
  closeSync(fd);
  const rawKey = pbkdf2Sync(PASSPHRASE, salt, 256_000, 32, 'sha512').toString('hex');
  const remembered = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bench', BENCH_KEYRING_KEY: rawKey };
  const node = [process.execPath, '--import', FAKE_KEYRING, BIN];
  const withPassphrase = (db, ...argv) => [...node, '--db', db, '--passphrase-file', passphraseFile, ...argv];
  const plainRun = (db, ...argv) => [...node, '--db', db, ...argv];

  const rows = [];
  rows.push(...benchInTurns([
    [`plain: history (${size})`, plainRun(plain, 'history'), size],
    [`encrypted, remembered key: history (${size})`, plainRun(encrypted, 'history'), size, remembered],
    [`encrypted, passphrase: history (${size})`, withPassphrase(encrypted, 'history'), size],
  ]));
  for (const format of ['json', 'md']) {
    rows.push(...benchInTurns([
      [`plain: export --format ${format} (${size})`, plainRun(plain, 'export', '--format', format), size],
      [`encrypted, remembered key: export --format ${format} (${size})`, plainRun(encrypted, 'export', '--format', format), size, remembered],
    ]));
  }
  // Saves go into copies, so the cached journals stay as generated.
  const plainCopy = join(TMP, 'save-plain.db');
  const encryptedCopy = join(TMP, 'save-encrypted.db');
  for (const [from, to] of [[plain, plainCopy], [encrypted, encryptedCopy]]) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });
    copyFileSync(from, to);
  }
  rows.push(...benchInTurns([
    [`plain: reflect --answers (${size})`, plainRun(plainCopy, 'reflect', '--answers', ANSWERS), size],
    [`encrypted, remembered key (no KDF): reflect --answers (${size})`, plainRun(encryptedCopy, 'reflect', '--answers', ANSWERS), size, remembered],
    [`encrypted, passphrase (KDF): reflect --answers (${size})`, withPassphrase(encryptedCopy, 'reflect', '--answers', ANSWERS), size],
  ]));
  for (const to of [plainCopy, encryptedCopy]) for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });

  const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
  const ratio = (what, variant) => byLabel[`${variant}: ${what} (${size})`].median / byLabel[`plain: ${what} (${size})`].median;
  const cpuRatio = (what, variant) => byLabel[`${variant}: ${what} (${size})`].cpu / byLabel[`plain: ${what} (${size})`].cpu;
  const lines = [
    '',
    `Encrypted journal, ${size.toLocaleString('en')} entries, ${RUNS} runs in turns (load ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at the end):`,
    '',
    '| what | median ms | min–max ms | CPU ms | peak RSS MB |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)}–${r.max.toFixed(0)} | ${r.cpu.toFixed(0)} | ${r.rssMb.toFixed(0)} |`),
    '',
    '| target | wall | CPU | met |',
    '|---|---:|---:|---|',
  ];
  for (const [what, variant] of [['history', 'encrypted, remembered key'], ['history', 'encrypted, passphrase'], ['export --format json', 'encrypted, remembered key'], ['export --format md', 'encrypted, remembered key']]) {
    const wall = ratio(what, variant);
    lines.push(`| ${what}, ${variant}: within 1.3× of plain | ${wall.toFixed(2)}× | ${cpuRatio(what, variant).toFixed(2)}× | ${wall <= 1.3 ? 'met' : '**missed**'} |`);
  }
  const kdf = byLabel[`encrypted, passphrase (KDF): reflect --answers (${size})`];
  const noKdf = byLabel[`encrypted, remembered key (no KDF): reflect --answers (${size})`];
  lines.push('', `One save: plain ${byLabel[`plain: reflect --answers (${size})`].median.toFixed(0)} ms; encrypted with the key remembered ${noKdf.median.toFixed(0)} ms (CPU ${noKdf.cpu.toFixed(0)}); with the passphrase ${kdf.median.toFixed(0)} ms (CPU ${kdf.cpu.toFixed(0)}): the KDF costs ${(kdf.median - noKdf.median).toFixed(0)} ms (CPU ${(kdf.cpu - noKdf.cpu).toFixed(0)}).`, '');
  process.stdout.write(lines.join('\n'));
}

/** Replaces the measured part of bench/results.md, keeping the notes written around it. */
function writeResults(report) {
  const file = join(ROOT, 'bench', 'results.md');
  const start = '<!-- measured:start -->';
  const end = '<!-- measured:end -->';
  const block = `${start}\n${report}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmark results\n\n${start}\n${end}\n`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  process.stderr.write(`\nwrote ${file}\n`);
}

await main();
