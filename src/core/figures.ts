// Every number the warranted-update model uses, with where it comes from.
// Ids are stable: they appear in `figuresUsed` / `assumptions`, JSON output and `noisy evidence`.
// A figure is 'published' when a source reports that number for that kind of evaluation (evidenceId
// points to /work/shared/evidence.md), 'derived' when it is arithmetic on published numbers (the
// arithmetic is in `meaning`), and 'assumption' when it is our own modelling choice — including a
// published number borrowed for a different kind of evaluation (evidenceId then names what we borrowed).

export type FigureStatus = 'published' | 'derived' | 'assumption';
export type FigureUnit = 'correlation' | 'percent' | 'minutes' | 'ratio' | 'log-odds' | 'tries';

export interface Figure {
  id: string;
  value: number;
  unit: FigureUnit;
  /** Plain-language meaning, shown to the person. */
  meaning: string;
  /** Human-readable citation; null for our own assumptions with nothing borrowed. */
  source: string | null;
  /** Row id in evidence.md; null when there is none. */
  evidenceId: string | null;
  status: FigureStatus;
}

const SACKETT_2022 = 'Sackett, Zhang, Berry & Lievens (2022), Journal of Applied Psychology';
const SCHMIDT_HUNTER_1998 = 'Schmidt & Hunter (1998), Psychological Bulletin 124(2):262–274';
const MABE_WEST_1982 = 'Mabe & West (1982), Journal of Applied Psychology';
const BORNMANN_2010 = 'Bornmann, Mutz & Daniel (2010), PLoS ONE 5(12):e14331';
const MATS_2025 = 'MATS co-director, LessWrong comment in the thread "AI safety undervalues founders"';
const NEURIPS_2014 = 'Lawrence, notes on the NeurIPS 2014 experiment';
const NEURIPS_2014_EXPERIMENT = 'Cortes & Lawrence, NeurIPS 2014 experiment (Lawrence, 2015 slides)';
const ZELL_KRIZAN_2014 = 'Zell & Krizan (2014), Perspectives on Psychological Science, doi:10.1177/1745691613518075';
const DK_META = '"The capability to align estimated performance with actual performance: A meta-analysis" (JEMS)';
const CHAN_2023 = 'Chan (2023), "Evaluations (of new AI Safety researchers) can be noisy", addendum from a senior researcher';

export const FIGURES: readonly Readonly<Figure>[] = Object.freeze(([
  // ── How much each kind of evaluation tells about ability (validity r, correlation with later job performance)
  // Where the two large meta-analyses differ, both are kept: the newer, more careful re-analysis
  // (Sackett et al. 2022) is the point estimate, the older one (Schmidt & Hunter 1998) an end of the range.
  {
    id: 'validity.structured-interview',
    value: 0.42,
    unit: 'correlation',
    meaning:
      'A structured interview (the same planned questions for everyone, scored against a guide) predicts later job performance with a correlation of .42 in the newest re-analysis. That is good by hiring standards, and it still leaves most of the picture unexplained: .42 accounts for under a fifth of the differences between people.',
    source: SACKETT_2022,
    evidenceId: 'sackett-interview',
    status: 'published',
  },
  {
    id: 'validity.structured-interview.high',
    value: 0.51,
    unit: 'correlation',
    meaning: 'The older meta-analysis put structured interviews at .51: the high end of the range we use.',
    source: SCHMIDT_HUNTER_1998,
    evidenceId: 'sh98',
    status: 'published',
  },
  {
    id: 'validity.unstructured-interview',
    value: 0.19,
    unit: 'correlation',
    meaning:
      'A free-flowing interview, where each interviewer asks what they like and forms an overall impression, predicts later job performance with a correlation of only .19 in the newest re-analysis: about 4% of the differences between people.',
    source: SACKETT_2022,
    evidenceId: 'sackett-interview',
    status: 'published',
  },
  {
    id: 'validity.unstructured-interview.high',
    value: 0.38,
    unit: 'correlation',
    meaning: 'The older meta-analysis put free-flowing interviews at .38: the high end of the range we use.',
    source: SCHMIDT_HUNTER_1998,
    evidenceId: 'sh98',
    status: 'published',
  },
  {
    id: 'validity.work-trial',
    value: 0.33,
    unit: 'correlation',
    meaning:
      'No study measures paid work trials as such. Work-sample tests (doing a sample of the real work) predict later job performance at .33 in the newest re-analysis, and we borrow that figure; the older meta-analysis gave a job tryout (hiring people for a trial period) .44.',
    source: SACKETT_2022,
    evidenceId: 'sackett-other',
    status: 'assumption',
  },
  {
    id: 'validity.work-trial.high',
    value: 0.54,
    unit: 'correlation',
    meaning: 'The older meta-analysis put work-sample tests at .54: the high end of the range we borrow for work trials.',
    source: SCHMIDT_HUNTER_1998,
    evidenceId: 'sh98',
    status: 'assumption',
  },
  {
    id: 'validity.job-performance',
    value: 0.44,
    unit: 'correlation',
    meaning:
      "Months in the role are the best evidence any evaluation gets. The closest published figure is a job tryout (hiring people for a trial period and judging their work), .44 in the older meta-analysis; we borrow it for a review, or being let go, after months in a job. It is still a few people's view of one role, over one stretch of time.",
    source: SCHMIDT_HUNTER_1998,
    evidenceId: 'sh98',
    status: 'assumption',
  },
  {
    id: 'validity.job-performance.high',
    value: 0.6,
    unit: 'correlation',
    meaning:
      'Our own high end for months in the role: a long stretch seen closely by people who know the work may tell more than a tryout, up to .60.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'validity.cv-screen',
    value: 0.18,
    unit: 'correlation',
    meaning:
      'No study measures CV screens as a whole. What a CV shows most is experience and schooling: years of job experience predicted job performance at .18 in the older meta-analysis (years of education: .10). We borrow .18.',
    source: SCHMIDT_HUNTER_1998,
    evidenceId: 'sh98',
    status: 'assumption',
  },
  {
    id: 'validity.cv-screen.low',
    value: 0.07,
    unit: 'correlation',
    meaning: 'The newest re-analysis puts years of job experience at only .07: the low end of the range we use for CV screens.',
    source: SACKETT_2022,
    evidenceId: 'sackett-other',
    status: 'assumption',
  },
  {
    id: 'validity.cv-screen.high',
    value: 0.38,
    unit: 'correlation',
    meaning:
      'A scored questionnaire about your past (empirically keyed biodata) reaches .38 in the newest re-analysis: the most a reading of your history could tell, and the high end we use for CV screens.',
    source: SACKETT_2022,
    evidenceId: 'sackett-other',
    status: 'assumption',
  },
  {
    id: 'validity.written-application',
    value: 0.19,
    unit: 'correlation',
    meaning:
      'No study measures written applications (essays, statements, answers to questions). A reader forms an overall impression without a scoring guide, much like a free-flowing interview on paper, so we borrow the unstructured-interview figure of .19.',
    source: SACKETT_2022,
    evidenceId: 'sackett-interview',
    status: 'assumption',
  },
  {
    id: 'validity.written-application.low',
    value: 0.1,
    unit: 'correlation',
    meaning: 'The low end we use for written applications: years of education, .10 in the older meta-analysis.',
    source: SCHMIDT_HUNTER_1998,
    evidenceId: 'sh98',
    status: 'assumption',
  },
  {
    id: 'validity.written-application.high',
    value: 0.38,
    unit: 'correlation',
    meaning: 'The high end we use for written applications: free-flowing interviews in the older meta-analysis, .38.',
    source: SCHMIDT_HUNTER_1998,
    evidenceId: 'sh98',
    status: 'assumption',
  },
  {
    id: 'validity.conversation',
    value: 0.19,
    unit: 'correlation',
    meaning:
      "No study measures how much one conversation (at a conference, a party, a meetup) reveals about someone's ability. It is at most as telling as a free-flowing job interview, whose figure is .19, so we use .19 and likely overstate it.",
    source: SACKETT_2022,
    evidenceId: 'sackett-interview',
    status: 'assumption',
  },
  {
    id: 'validity.peer-review',
    value: 0.058,
    unit: 'correlation',
    meaning:
      "Reviews judge a paper, not a person. A single reviewer's verdict can track the paper at most at √.34 ≈ .58 (reviewers share .34 of their rating variation), and one paper's fate at one venue says little about its author: we count it as .10 of that, .058 in all.",
    source: BORNMANN_2010,
    evidenceId: 'journal-irr',
    status: 'assumption',
  },
  {
    id: 'validity.peer-review.high',
    value: 0.073,
    unit: 'correlation',
    meaning:
      'The high end for peer review: a whole committee agrees with another committee at about .53 (NeurIPS 2014), so its verdict can track the paper at most at √.53 ≈ .73; times the same .10 for what one paper says about its author.',
    source: NEURIPS_2014_EXPERIMENT,
    evidenceId: 'nips14-matrix',
    status: 'assumption',
  },
  {
    id: 'peer-review.reviewer-agreement',
    value: 0.34,
    unit: 'ratio',
    meaning:
      "Across 48 studies of manuscript review (19,443 manuscripts), the share of reviewers' rating variation that two reviewers of the same paper have in common: .34. It measures how much reviewers agree about a paper, not how well they judge its author.",
    source: BORNMANN_2010,
    evidenceId: 'journal-irr',
    status: 'published',
  },
  {
    id: 'peer-review.committee-agreement',
    value: 0.53,
    unit: 'correlation',
    meaning:
      'In the NeurIPS 2014 experiment two committees reviewed the same 166 papers and disagreed on 43 of them; read as a correlation between the two committees\' verdicts, about .53. Again: agreement about papers.',
    source: NEURIPS_2014_EXPERIMENT,
    evidenceId: 'nips14-matrix',
    status: 'derived',
  },
  {
    id: 'peer-review.paper-to-author',
    value: 0.1,
    unit: 'ratio',
    meaning:
      "Our assumption for how much one paper's standing at one venue says about its author's ability as a researcher: .10 of what it says about the paper. Topic, co-authors, timing and fit with the venue shape a paper's fate as much as its author's skill.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'validity.self-assessment',
    value: 0.29,
    unit: 'correlation',
    meaning:
      'Across 55 studies, how people rate their own ability lines up with how they actually perform at a correlation of .29 on average. Your verdict on yourself is evidence, but weak evidence.',
    source: MABE_WEST_1982,
    evidenceId: 'mabe-west',
    status: 'published',
  },
  {
    id: 'validity.self-assessment.low',
    value: 0.09,
    unit: 'correlation',
    meaning: 'Across 22 meta-analyses the link between self-ratings and performance ranged from .09 to .63; the low end.',
    source: ZELL_KRIZAN_2014,
    evidenceId: 'zell-krizan',
    status: 'published',
  },
  {
    id: 'validity.self-assessment.high',
    value: 0.32,
    unit: 'correlation',
    meaning: 'A meta-analysis of estimated against actual performance pooled the correlation at .32.',
    source: DK_META,
    evidenceId: 'dk-meta',
    status: 'published',
  },
  {
    id: 'model.self-verdict-cap',
    value: 0.1,
    unit: 'correlation',
    meaning:
      'However well people judge themselves on average, a verdict about whether you can do well, passed on yourself, never counts for more than .10 here: below every outside evaluation of a person we use (the lowest is a CV screen at .18), so it can never move you more than someone who saw more of you.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'discount.self-state',
    value: 0.5,
    unit: 'ratio',
    meaning:
      'A verdict on yourself passed while tired, hungry, low, anxious or unwell is coloured by that state: we count it at half (so .05 at most).',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },

  // ── Selection rates used when you don't know the real one (percent accepted)
  {
    id: 'rate.screening.default',
    value: 15,
    unit: 'percent',
    meaning:
      "When you don't know how many applicants a CV or written screen lets through, we assume 15%, between the most and the least selective programs we have figures for.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.screening.low',
    value: 4.3,
    unit: 'percent',
    meaning: 'A very selective program: MATS accepted 4.3% of first-stage applicants in Summer 2025.',
    source: MATS_2025,
    evidenceId: 'rate-mats',
    status: 'published',
  },
  {
    id: 'rate.screening.high',
    value: 33,
    unit: 'percent',
    meaning: 'A less selective year of the same program: MATS accepted 33% of applicants in Summer 2022.',
    source: MATS_2025,
    evidenceId: 'rate-mats',
    status: 'published',
  },
  {
    id: 'rate.interview.default',
    value: 30,
    unit: 'percent',
    meaning: "When you don't know how many interviewed candidates get through, we assume 30%.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.interview.low',
    value: 15,
    unit: 'percent',
    meaning: 'The low end we consider for interviews: 15% of interviewed candidates get through.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.interview.high',
    value: 50,
    unit: 'percent',
    meaning: 'The high end we consider for interviews: half of interviewed candidates get through.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.work-trial.default',
    value: 50,
    unit: 'percent',
    meaning: "When you don't know how many people pass a work trial, we assume half do.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.work-trial.low',
    value: 25,
    unit: 'percent',
    meaning: 'The low end we consider for work trials: a quarter of people pass.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.work-trial.high',
    value: 75,
    unit: 'percent',
    meaning: 'The high end we consider for work trials: three quarters of people pass.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.job-performance.default',
    value: 80,
    unit: 'percent',
    meaning:
      "When you don't know how many people in the role get a good review or are kept on, we assume 80%.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.job-performance.low',
    value: 60,
    unit: 'percent',
    meaning: 'The low end we consider for jobs: 60% of people get a good review or are kept on.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.job-performance.high',
    value: 95,
    unit: 'percent',
    meaning: 'The high end we consider for jobs: 95% of people get a good review or are kept on.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.peer-review.default',
    value: 25,
    unit: 'percent',
    meaning:
      'When you don\'t know the acceptance rate of a venue, we assume 25%: NeurIPS 2014 accepted 414 of 1,678 papers (24.7%) and ICLR 2020 accepted 687 of 2,594 (26.5%).',
    source: `${NEURIPS_2014}; syncedreview.com (2020-05-04)`,
    evidenceId: 'rate-neurips14',
    status: 'derived',
  },
  {
    id: 'rate.peer-review.low',
    value: 15,
    unit: 'percent',
    meaning: 'The low end we consider for venues: 15% of submissions accepted.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.peer-review.high',
    value: 40,
    unit: 'percent',
    meaning: 'The high end we consider for venues: 40% of submissions accepted.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.judgement.default',
    value: 50,
    unit: 'percent',
    meaning:
      "A conversation or a verdict on yourself has no quota. We treat a cold reaction or a harsh self-verdict as landing in the lower half: 50% 'pass'.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.judgement.low',
    value: 25,
    unit: 'percent',
    meaning: "The low end we consider for conversations and self-verdicts: 25% 'pass'.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'rate.judgement.high',
    value: 75,
    unit: 'percent',
    meaning: "The high end we consider for conversations and self-verdicts: 75% 'pass'.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },

  // ── Discounts for how much the evaluator saw and for the confounders you ticked
  {
    id: 'discount.full-length.interview',
    value: 45,
    unit: 'minutes',
    meaning:
      'The interview figures come from full interviews, which we take to last about 45 minutes. If they saw you for less, the evaluation was shorter than the ones that were studied, and it tells less.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'discount.full-length.work-trial',
    value: 120,
    unit: 'minutes',
    meaning:
      'The work-sample figure comes from tests that take a couple of hours. If they saw less of your work than that, it tells less.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'discount.reference-reliability',
    value: 0.5,
    unit: 'ratio',
    meaning:
      'How consistent a full-length evaluation is with itself (two runs of it agree at .5, our estimate). It sets how fast a shorter look loses information, using the standard test-length formula (Spearman–Brown).',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'discount.per-confounder',
    value: 0.1,
    unit: 'ratio',
    meaning:
      'Each thing you ticked that had nothing to do with your ability adds noise to the verdict. We count each one as an extra tenth of the usual noise, so ticking boxes can only lower the weight of the verdict a little.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'discount.floor',
    value: 0.5,
    unit: 'ratio',
    meaning:
      'However little they saw and however much else was going on, we never count the verdict as less than half as telling as the published figure for its kind.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },

  // ── The model itself
  {
    id: 'model.bar',
    value: 25,
    unit: 'percent',
    meaning:
      "What 'doing well' means for a belief: being among the top 25% of people who try for this line of work. A fixed bar, so every evaluation is about the same claim. A program that takes 5% is looking for fewer people than would do well; a job that keeps 80% is looking for more. A modelling choice, not a measurement.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.bar.low',
    value: 10,
    unit: 'percent',
    meaning: "The demanding end we also try for 'doing well': the top 10% of people who try.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.bar.high',
    value: 50,
    unit: 'percent',
    meaning: "The lenient end we also try for 'doing well': the top half of people who try.",
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.shared-error',
    value: 0.3,
    unit: 'correlation',
    meaning:
      'Evaluations of the same person share some of their error: the same CV, the same interview habits, the same field\'s taste. We assume their errors correlate at .30, so eight rejections count for less than eight independent ones.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.shared-error.low',
    value: 0,
    unit: 'correlation',
    meaning: 'The low end for shared error: none, every evaluation independent of the others.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.shared-error.high',
    value: 0.6,
    unit: 'correlation',
    meaning: 'The high end for shared error: .60, most of the error carried from one evaluation to the next.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.validity-cap',
    value: 0.9,
    unit: 'correlation',
    meaning: 'No single evaluation counts as more than .90: none sees ability perfectly. The shared-error correlation is capped at .90 too.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.yearly-carryover',
    value: 0.9,
    unit: 'ratio',
    meaning:
      "People grow, so older evidence counts less: for each full year since an evaluation, its validity is multiplied by .90. One anchor: a senior researcher who rated 60 junior people when they met and again years later found the later rating minus the first had a spread (SD) of 1.37 on a 10-point scale where most ratings sat between 5 and 8, a change as large as the differences between people. Part of that was the first impression's own noise, so we assume less change than that.",
    source: CHAN_2023,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.belief-clamp',
    value: 0.5,
    unit: 'percent',
    meaning:
      'To compare how far you moved with how far the evidence warrants, we read 0% as 0.5% and 100% as 99.5%: nobody is truly certain, and certainty could not be moved by any evidence at all.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.negligible-shift',
    value: 0.01,
    unit: 'log-odds',
    meaning:
      'When the evidence warrants a move smaller than this (about a quarter of a percentage point near 50%), we say it warrants practically no move and do not compute a ratio of moves.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.weak-shift',
    value: 0.25,
    unit: 'log-odds',
    meaning:
      'Evidence that warrants a move smaller than this (from 60%, less than about 6 points) we call weak: doing something new will tell you more.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'model.strong-shift',
    value: 0.69,
    unit: 'log-odds',
    meaning:
      'Evidence that warrants at least this move (it halves or doubles the odds: from 60% to 43% or 75%) we call strong, and say so.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },

  // ── The attempts ledger (src/core/attempts.ts, docs/attempts.md)
  {
    id: 'attempts.target-chance',
    value: 80,
    unit: 'percent',
    meaning:
      'The outlook counts how many more tries like yours would give someone who is good enough an 80% chance of at least one yes: likely, not certain.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
  {
    id: 'attempts.try-horizon',
    value: 100,
    unit: 'tries',
    meaning:
      'The outlook looks at most 100 tries ahead. When even that many more of the same kind would not make a yes likely, it says so: with much of the error shared (the same CV sinking every application), more of the same helps little, and a different kind of try helps more.',
    source: null,
    evidenceId: null,
    status: 'assumption',
  },
] satisfies Figure[]).map((f) => Object.freeze(f)));

const BY_ID: ReadonlyMap<string, Figure> = new Map(FIGURES.map((f) => [f.id, f]));

/** The figure with this id; throws on an unknown id (a typo in the model is a bug, not a user error). */
export function figure(id: string): Figure {
  const found = BY_ID.get(id);
  if (found === undefined) throw new Error(`Unknown figure id: ${id}`);
  return found;
}
