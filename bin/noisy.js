#!/usr/bin/env node
// `noisy --version` alone answers here, before the program (commander, chalk...) is loaded.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { run, endByCaughtSignal } = await import('../dist/cli/main.js');
  process.exitCode = await run(args);
  // An export stopped by Ctrl+C, SIGTERM or SIGHUP has cleaned up; now end by that signal.
  endByCaughtSignal();
}
