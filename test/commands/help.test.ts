import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { journal, runCli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('help and version', () => {
  it('noisy --help lists the commands and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['reflect', 'list', 'show']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(result.stdout).toContain('--db <path>');
    expect(result.stdout).toContain('Exit codes: 0 ok, 1 error, 2 usage error or no terminal, 130 interrupted.');
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it.each([['reflect', '--answers <file>'], ['list', '--limit <n>'], ['show', '<id>']])('noisy %s --help describes its options', async (command, option) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: noisy ${command}`);
    expect(result.stdout).toContain(option);
    expect(result.stdout).toContain('--json');
  });

  it('noisy --version prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${pkg.version}\n`);
    }
  });

  it('an unknown command exits 2 with a suggestion', async () => {
    const result = await runCli(['refelct']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("noisy: unknown command 'refelct'");
    expect(result.stderr).toContain('Did you mean reflect?');
  });

  it("a subcommand's bad option value reads like noisy's other errors", async () => {
    const result = await runCli(['list', '--limit', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^noisy: option '-n, --limit <n>' argument '0' is invalid/);
  });

  it('an unknown option exits 2', async () => {
    const { cli } = journal();
    const result = await cli(['list', '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--colour'");
  });

  it('an unknown option is quoted short, with where the options are and how to give a word that starts with -', async () => {
    const { cli } = journal();
    const long = await cli(['list', `--${'z'.repeat(150)}`]);
    expect(long.code).toBe(2);
    const lines = long.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^noisy: unknown option '--z+\.\.\.'$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const dash = await cli(['search', '-x']);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toContain("noisy: unknown option '-x'");
    expect(dash.stderr).toContain('noisy search -- -x');
    const after = await cli(['search', '--', '-x']);
    expect(after.code).toBe(0);
  });
});
