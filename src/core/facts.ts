// Sourced facts the summary may cite, in our words. Each one is from ../shared/evidence.md and
// carries its source; facts marked UNVERIFIED there are never shipped.

import type { Method } from './domain.js';

export interface Fact {
  /** The evidence.md id. */
  id: string;
  /**
   * The methods of evaluation the fact is about, or 'any' for facts about evaluation in general: the
   * summary cites a fact only under an entry whose method it speaks to (no résumé figures under an
   * interview, no interview figures under a CV screen).
   */
  about: 'any' | readonly Method[];
  text: string;
  source: string;
}

export const FACTS: readonly Fact[] = [
  {
    id: 'nips14-matrix',
    about: ['peer-review'],
    text: 'In the NeurIPS 2014 experiment, two independent committees reviewed the same 166 papers and disagreed on 43 of them, about one in four.',
    source: 'Cortes & Lawrence, NeurIPS 2014 experiment (Lawrence, 2015 slides)',
  },
  {
    id: 'nips14-price',
    about: ['peer-review'],
    text: 'In that same experiment, about 57% of the papers one committee accepted were rejected by the other.',
    source: 'Price (2014), "The NIPS experiment"',
  },
  {
    id: 'nips21',
    about: ['peer-review'],
    text: 'When NeurIPS 2021 repeated the experiment, the committees disagreed on 23% of papers, and about half of the accepted list would change on a rerun.',
    source: 'Beygelzimer, Dauphin, Liang & Vaughan (2023), arXiv:2306.03262',
  },
  {
    id: 'journal-irr',
    about: ['peer-review'],
    text: 'Across 48 studies of journal peer review, agreement between reviewers was low (mean kappa .17).',
    source: 'Bornmann, Mutz & Daniel (2010), PLoS ONE 5(12):e14331',
  },
  {
    id: 'siler',
    about: ['peer-review'],
    text: 'Of 1,008 manuscripts followed through three top medical journals, the 14 that went on to be cited most had all been rejected there, 12 of them without review.',
    source: 'Siler, Lee & Bero (2015), PNAS 112(2):360',
  },
  {
    id: 'gans-shepherd',
    about: ['peer-review'],
    text: "Akerlof's \"Market for Lemons\" was turned down by three leading journals before it was published; it later won a Nobel prize.",
    source: 'Gans & Shepherd (1994), J. Economic Perspectives 8(1):165–179',
  },
  {
    id: 'sackett-interview',
    about: ['unstructured-interview', 'structured-interview'],
    text: 'How well interviews predict later job performance is modest: a correlation of about .42 for structured interviews and .19 for unstructured ones.',
    source: 'Sackett, Zhang, Berry & Lievens (2022), J. Applied Psychology',
  },
  {
    id: 'sackett-other',
    about: ['work-trial', 'job-performance'],
    text: 'Even work samples, among the better selection methods, predict job performance at a correlation of about .33 in the newest re-analysis (.54 in the older one).',
    source: 'Sackett, Zhang, Berry & Lievens (2022); Schmidt & Hunter (1998)',
  },
  {
    id: 'sh98',
    about: ['cv-screen', 'written-application'],
    text: 'Years of education and years of job experience, staples of CV screens, predict job performance at only about .10 and .18.',
    source: 'Schmidt & Hunter (1998), Psychological Bulletin 124(2):262–274',
  },
  {
    id: 'ladders',
    about: ['cv-screen', 'written-application'],
    text: 'In an eye-tracking study, recruiters spent around 6 to 7 seconds on a first pass over a résumé.',
    source: 'TheLadders eye-tracking study (2012, 2018)',
  },
  {
    id: 'rate-mats',
    about: 'any',
    text: 'Selective programs can be very selective: one AI safety program went from accepting a third of applicants to about 4% in three years.',
    source: 'MATS co-director, LessWrong comment ("AI safety undervalues founders")',
  },
  {
    id: 'barrick',
    about: ['unstructured-interview', 'structured-interview', 'conversation'],
    text: "Impressions from an interview's opening minutes correlated only .22 with who later got an internship offer.",
    source: 'Barrick, Swider & Stewart (2010), J. Applied Psychology 95(6):1163',
  },
  {
    id: 'ambady',
    about: ['conversation', 'unstructured-interview'],
    text: 'Snap judgments can agree with later ratings (30 seconds of silent video tracked teacher evaluations), but agreeing with other judges is not the same as measuring skill.',
    source: 'Ambady & Rosenthal (1993), JPSP 64(3):431',
  },
  {
    id: 'mabe-west',
    about: ['self-assessment'],
    text: 'Across 55 studies, how people rate themselves correlates with their measured performance at only about .29.',
    source: 'Mabe & West (1982), J. Applied Psychology',
  },
  {
    id: 'dk-meta',
    about: ['self-assessment'],
    text: 'In a meta-analysis of self-estimates, how well people thought they did and how well they actually did correlated at only about .32.',
    source: '"The capability to align estimated performance with actual performance: A meta-analysis" (JEMS)',
  },
  {
    id: 'moore-healy',
    about: ['self-assessment'],
    text: 'On difficult tasks, people tend to believe they are worse than others when they are not.',
    source: 'Moore & Healy (2008), Psychological Review 115:502',
  },
  {
    id: 'bravata-ip',
    about: ['self-assessment'],
    text: 'Across 62 studies, between 9% and 82% of people reported impostor feelings: you are far from alone.',
    source: 'Bravata et al. (2020), J. General Internal Medicine 35(4):1252',
  },
  {
    id: 'optimizers-curse',
    about: 'any',
    text: 'Whoever looks best at selection time tends to look less exceptional later, even when every judgment was honest: the top of a noisy ranking is partly luck.',
    source: 'Smith & Winkler (2006), Management Science 52(3):311–322',
  },
  {
    id: 'simonsohn-gino',
    about: ['unstructured-interview', 'structured-interview'],
    text: 'In over 9,000 MBA admission interviews, an applicant scored lower when the interviewer had already seen strong applicants that day.',
    source: 'Simonsohn & Gino (2013), Psychological Science 24(2):219–224',
  },
];

const byId = new Map(FACTS.map((fact) => [fact.id, fact]));

export function findFact(id: string): Fact | undefined {
  return byId.get(id);
}

/** Whether a fact speaks to an evaluation made by `method`. */
export function factFits(fact: Fact, method: Method): boolean {
  return fact.about === 'any' || fact.about.includes(method);
}
