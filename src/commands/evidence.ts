import type { Context } from '../cli/context.js';
import { printJson } from '../cli/io.js';
import { FACTS } from '../core/facts.js';
import { FIGURES, type Figure, type FigureStatus } from '../core/figures.js';
import { styler, wrap } from '../ui/style.js';

export interface EvidenceOptions {
  json?: boolean;
}

const GROUPS: readonly { prefix: string; title: string }[] = [
  { prefix: 'validity.', title: 'How much each kind of evaluation tells about ability (validity r)' },
  { prefix: 'peer-review.', title: 'Peer review: how much reviewers agree about a paper' },
  { prefix: 'rate.', title: 'How many get through, when you do not know (selection rates)' },
  { prefix: 'discount.', title: 'Less information, more noise (discounts to validity)' },
  { prefix: 'model.', title: 'Choices built into the model' },
  { prefix: 'attempts.', title: 'What your tries add up to (noisy attempts)' },
];

const STATUS_WORDS: Readonly<Record<FigureStatus, string>> = {
  published: 'published figure',
  derived: 'derived from published figures',
  assumption: 'our assumption',
};

/** `noisy evidence`: every number the tool uses and every fact it cites, with sources. */
export async function evidence(ctx: Context, options: EvidenceOptions): Promise<void> {
  if (options.json) {
    printJson(ctx, { figures: FIGURES, facts: FACTS });
    return;
  }
  const c = styler(ctx.color.stdout);
  const out: string[] = [
    c.bold('The numbers behind "how far should this move you?"'),
    wrap('Each figure is either published (a study reports it), derived (arithmetic on published figures) or our assumption (a modelling choice, shown so you can judge it). Where we had to choose, we chose the value that makes evaluations look more informative, not less.', 80),
  ];
  for (const group of GROUPS) {
    out.push('', c.bold(group.title));
    for (const f of FIGURES.filter((x) => x.id.startsWith(group.prefix))) out.push(...figureLines(f, c));
  }
  out.push('', c.bold('Facts the summaries cite'));
  for (const fact of FACTS) {
    out.push(`  ${c.cyan(fact.id)}`, `    ${wrap(fact.text, 76, '    ')}`, `    ${c.dim(wrap(`Source: ${fact.source}`, 76, '    '))}`);
  }
  ctx.stdout.write(out.join('\n') + '\n');
}

function figureLines(f: Figure, c: ReturnType<typeof styler>): string[] {
  const status = f.status === 'assumption' ? c.yellow(STATUS_WORDS[f.status]) : c.green(STATUS_WORDS[f.status]);
  const lines = [`  ${c.cyan(f.id)}  ${c.bold(formatValue(f))}  ${status}`, `    ${wrap(f.meaning, 76, '    ')}`];
  if (f.source) lines.push(`    ${c.dim(wrap(`Source: ${f.source}${f.evidenceId ? ` [${f.evidenceId}]` : ''}`, 76, '    '))}`);
  return lines;
}

function formatValue(f: Figure): string {
  switch (f.unit) {
    case 'correlation':
      return `r = ${f.value.toFixed(2).replace(/^0/, '')}`;
    case 'percent':
      return `${f.value}%`;
    case 'minutes':
      return `${f.value} min`;
    case 'tries':
      return `${f.value} tries`;
    default:
      return String(f.value);
  }
}
