// The safety line after a reflection, in a real terminal: shown for answers that suggest a rough
// time, and not for others.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, spawnNoisy } from '../helpers/pty.js';
import { tempDir } from '../helpers/cli.js';
import { answers } from '../helpers/answers.js';

async function reflectInTerminal(overrides: Record<string, unknown>): Promise<string> {
  const dir = tempDir();
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify(answers(overrides)));
  const term = spawnNoisy(['reflect', '--answers', file], { NOISY_DB: join(dir, 'journal.db'), HOME: dir, NO_COLOR: '1' }, { cols: 80, rows: 24 });
  // At a terminal the details wait for Enter, after the first screen (where the line belongs).
  await term.waitFor('Show the details?');
  term.type(KEY.enter);
  expect(await term.exit).toBe(0);
  return term.output();
}

describe('the support line after reflect, in a real terminal', () => {
  it('appears once, after the summary, for a low mood and a belief of 0', async () => {
    const screen = await reflectInTerminal({ state: ['low-mood', 'anxious'], belief: { statement: 'I can do safety research', before: 50, after: 0 } });
    const flat = screen.replace(/\s+/g, ' ');
    expect(flat).toContain('talking to someone you trust, or to a professional, helps.');
    expect(flat).toMatch(/Ways to find someone, in any country: \S*docs\/support\.md/);
    expect(flat.match(/talking to someone you trust/g)).toHaveLength(1);
    expect(flat.indexOf('talking to someone')).toBeGreaterThan(flat.indexOf('How far should this move you'));
  });

  it('appears for a near-certain prediction of never getting in', async () => {
    const screen = await reflectInTerminal({
      prediction: { statement: 'I will never get into any safety program', probability: 95, checkOn: '2027-03-01' },
    });
    expect(screen.replace(/\s+/g, ' ')).toContain('talking to someone you trust');
  });

  it('does not appear for an ordinary hard day', async () => {
    const screen = await reflectInTerminal({ state: ['tired', 'low-mood'], belief: { statement: 'I can do this work', before: 60, after: 30 } });
    expect(screen).not.toContain('talking to someone');
  });
});
