// npm run bench: times noisy as whole processes on journals of 1,000 / 10,000 / 100,000 entries and
// writes bench/results.md. Environment: BENCH_RUNS (default 5), BENCH_SIZES (e.g. "1000,10000").
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { GENERATOR_VERSION, ensureJournal } from './generate.js';
import { SCHEMA_VERSION } from '../dist/storage/migrations.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'noisy.js');
const TMP = join(ROOT, 'bench', '.tmp');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ANSWERS = join(ROOT, 'examples', 'answers.json');

// Peak RSS of a child needs getrusage(RUSAGE_CHILDREN), which Node doesn't expose: a few lines of
// Python run the command, time it, and report both.
const MEASURE = `
import json, os, resource, subprocess, sys, time
env = dict(os.environ, NO_COLOR="1")
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    rss //= 1024  # bytes there, kilobytes on Linux
print(json.dumps({"seconds": seconds, "rssKb": rss, "code": proc.returncode, "stderr": proc.stderr.decode()[-500:]}))
`;

function measureOnce(argv) {
  const result = spawnSync('python3', ['-c', MEASURE, ...argv], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`measuring ${argv.join(' ')} failed: ${result.stderr}`);
  const m = JSON.parse(result.stdout);
  if (m.code !== 0) throw new Error(`${argv.join(' ')} exited ${m.code}: ${m.stderr}`);
  return m;
}

function stats(samples) {
  const times = samples.map((s) => s.seconds * 1000).sort((a, b) => a - b);
  const rss = Math.max(...samples.map((s) => s.rssKb)) / 1024;
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], rssMb: rss };
}

function bench(label, argv, runs = RUNS, before) {
  before?.();
  measureOnce(argv); // warm the file cache
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    before?.();
    samples.push(measureOnce(argv));
  }
  return summarise(label, samples);
}

function summarise(label, samples) {
  const s = stats(samples);
  process.stderr.write(`${label.padEnd(44)} ${s.median.toFixed(0).padStart(6)} ms  ${s.rssMb.toFixed(0).padStart(4)} MB\n`);
  return { label, ...s };
}

/**
 * Commands compared with each other (the floor and start-up), measured in turns rather than one
 * after the other, so a burst of load from elsewhere on the machine hits them all alike.
 */
function benchInTurns(commands, runs = RUNS) {
  for (const [, argv] of commands) measureOnce(argv);
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i += 1) commands.forEach(([, argv], c) => samples[c].push(measureOnce(argv)));
  return commands.map(([label], c) => summarise(label, samples[c]));
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
          if (seen.includes('What kind of evaluation')) {
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

async function main() {
  mkdirSync(TMP, { recursive: true });
  const journals = {};
  for (const size of SIZES) {
    const path = join(TMP, `journal-${size}-g${GENERATOR_VERSION}-s${SCHEMA_VERSION}.db`);
    const started = performance.now();
    if (ensureJournal(path, size)) process.stderr.write(`generated ${size} entries in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    journals[size] = path;
  }
  const largest = Math.max(...SIZES);
  const loadBefore = loadavg();
  const rows = benchInTurns([
    ['node -e 0 (the floor)', [process.execPath, '-e', '0']],
    ['noisy --version', [process.execPath, BIN, '--version']],
    ['noisy --help', [process.execPath, BIN, '--help']],
  ]);
  rows.push(bench(`noisy list (${largest} entries)`, [process.execPath, BIN, '--db', journals[largest], 'list']));
  const empty = join(TMP, 'first-question.db');
  rmSync(empty, { force: true });
  rows.push(await firstQuestion(empty, RUNS));
  for (const size of SIZES) {
    const db = journals[size];
    rows.push(bench(`noisy history (${size})`, [process.execPath, BIN, '--db', db, 'history']));
    rows.push(bench(`noisy history --json (${size})`, [process.execPath, BIN, '--db', db, 'history', '--json']));
    rows.push(bench(`noisy export --format md (${size})`, [process.execPath, BIN, '--db', db, 'export', '--format', 'md']));
    rows.push(bench(`noisy export --format json (${size})`, [process.execPath, BIN, '--db', db, 'export', '--format', 'json']));
  }
  // One save into an empty journal and into the largest one (a copy, so the cached journal stays as generated).
  const emptySave = join(TMP, 'save-empty.db');
  const bigSave = join(TMP, 'save-big.db');
  rows.push(bench('reflect --answers into an empty journal', [process.execPath, BIN, '--db', emptySave, 'reflect', '--answers', ANSWERS], RUNS, () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(emptySave + suffix, { force: true });
  }));
  copyFileSync(journals[largest], bigSave);
  rows.push(bench(`reflect --answers into ${largest} entries`, [process.execPath, BIN, '--db', bigSave, 'reflect', '--answers', ANSWERS]));
  for (const suffix of ['', '-wal', '-shm']) rmSync(bigSave + suffix, { force: true });

  // Import is not a target; measured once (it is slow at this size) so the results say what it costs.
  const backup = join(TMP, `backup-${largest}.json`);
  const restored = join(TMP, 'restored.db');
  const exported = spawnSync(process.execPath, [BIN, '--db', journals[largest], 'export', '--format', 'json', '-o', backup, '--force'], { stdio: 'ignore' });
  if (exported.status !== 0) throw new Error('exporting the backup to import failed');
  for (const suffix of ['', '-wal', '-shm']) rmSync(restored + suffix, { force: true });
  rows.push(summarise(`noisy import (${largest}, one run)`, [measureOnce([process.execPath, BIN, '--db', restored, 'import', backup])]));
  for (const path of [backup, restored, `${restored}-wal`, `${restored}-shm`]) rmSync(path, { force: true });
  const loadAfter = loadavg();

  const floor = rows[0].median;
  const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
  const get = (label) => byLabel[label];
  const checks = [
    ['noisy --version within 1.5× of node -e 0', get('noisy --version').median <= 1.5 * floor, `${(get('noisy --version').median / floor).toFixed(2)}×`],
    ['first question of reflect under 300 ms', get('reflect: first question on screen (pty)').median < 300, `${get('reflect: first question on screen (pty)').median.toFixed(0)} ms`],
  ];
  if (SIZES.includes(100000)) {
    const h = get('noisy history (100000)');
    const hj = get('noisy history --json (100000)');
    const md = get('noisy export --format md (100000)');
    const js = get('noisy export --format json (100000)');
    checks.push(['history on 100,000 entries under 1 s', Math.max(h.median, hj.median) < 1000, `${h.median.toFixed(0)} / ${hj.median.toFixed(0)} ms`]);
    checks.push(['export of 100,000 entries under 3 s', Math.max(md.median, js.median) < 3000, `${md.median.toFixed(0)} / ${js.median.toFixed(0)} ms`]);
    const peak = Math.max(h.rssMb, hj.rssMb, md.rssMb, js.rssMb);
    checks.push(['peak memory of history/export at 100,000 under 150 MB', peak < 150, `${peak.toFixed(0)} MB`]);
    if (SIZES.includes(10000)) {
      const small = Math.max(...['noisy history (10000)', 'noisy history --json (10000)', 'noisy export --format md (10000)', 'noisy export --format json (10000)'].map((l) => get(l).rssMb));
      checks.push(['memory nearly flat from 10,000 to 100,000 (≤ 1.5×)', peak <= 1.5 * small, `${small.toFixed(0)} → ${peak.toFixed(0)} MB`]);
    }
    const e = get('reflect --answers into an empty journal');
    const b = get(`reflect --answers into ${largest} entries`);
    checks.push(['one save into 100,000 entries as fast as into an empty journal (≤ 1.2×)', b.median <= 1.2 * e.median, `${e.median.toFixed(0)} vs ${b.median.toFixed(0)} ms`]);
  }

  const cpu = cpus();
  const lines = [
    `Recorded by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}. ${RUNS} runs each after one warm-up; whole processes; peak RSS is the largest of the runs. Load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} at the start and ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} at the end.`,
    '',
    '| what | median ms | min–max ms | peak RSS MB |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)}–${r.max.toFixed(0)} | ${Number.isNaN(r.rssMb) ? '–' : r.rssMb.toFixed(0)} |`),
    '',
    '## Targets',
    '',
    '| target | result | met |',
    '|---|---|---|',
    ...checks.map(([what, ok, value]) => `| ${what} | ${value} | ${ok ? 'yes' : '**no**'} |`),
    '',
  ];
  const report = lines.join('\n');
  process.stdout.write(`\n${report}`);
  if (!process.env.BENCH_NO_WRITE) writeResults(report);
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
