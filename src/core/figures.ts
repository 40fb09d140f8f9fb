// Every number the warranted-update model uses, with where it comes from.
// Ids are stable: they appear in `figuresUsed` / `assumptions`, JSON output and `noisy evidence`.
// A figure is 'published' when a source reports that number for that kind of evaluation (evidenceId
// points to /work/shared/evidence.md), 'derived' when it is arithmetic on published numbers (the
// arithmetic is in `meaning`), and 'assumption' when it is our own modelling choice — including a
// published number borrowed for a different kind of evaluation (evidenceId then names what we borrowed).

export type FigureStatus = 'published' | 'derived' | 'assumption';
export type FigureUnit = 'correlation' | 'percent' | 'minutes' | 'ratio' | 'log-odds';

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

export const FIGURES: readonly Readonly<Figure>[] = Object.freeze(([
  // ── How much each kind of evaluation tells about ability (validity r, correlation with later job performance)
  {
    id: 'validity.structured-interview',
    value: 0.42,
    unit: 'correlation',
    meaning:
      'A structured interview (the same planned questions for everyone, scored against a guide) predicts later job performance with a correlation of .42. That is good by hiring standards, and it still leaves most of the picture unexplained: .42 accounts for under a fifth of the differences between people.',
    source: SACKETT_2022,
    evidenceId: 'sackett-interview',
    status: 'published',
  },
  {
    id: 'validity.unstructured-interview',
    value: 0.19,
    unit: 'correlation',
    meaning:
      'A free-flowing interview, where each interviewer asks what they like and forms an overall impression, predicts later job performance with a correlation of only .19: about 4% of the differences between people.',
    source: SACKETT_2022,
    evidenceId: 'sackett-interview',
    status: 'published',
  },
  {
    id: 'validity.work-trial',
    value: 0.33,
    unit: 'correlation',
    meaning:
      'Doing a sample of the real work (a work-sample test) predicts later job performance with a correlation of .33. We use this figure for work trials, which are longer work samples.',
    source: SACKETT_2022,
    evidenceId: 'sackett-other',
    status: 'published',
  },
  {
    id: 'validity.self-assessment',
    value: 0.29,
    unit: 'correlation',
    meaning:
      "Across 55 studies, how people rate their own ability lines up with how they actually perform at a correlation of .29 on average. Your verdict on yourself is evidence, but weak evidence.",
    source: MABE_WEST_1982,
    evidenceId: 'mabe-west',
    status: 'published',
  },
  {
    id: 'validity.cv-screen',
    value: 0.1,
    unit: 'correlation',
    meaning:
      'No study measures CV screens as a whole. What a CV shows most is schooling and experience, and years of education predict job performance at only .10 (years of experience: .07). We use the higher of the two.',
    source: SCHMIDT_HUNTER_1998,
    evidenceId: 'sh98-education',
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
    value: 0.58,
    unit: 'correlation',
    meaning:
      "Across 48 studies of manuscript review, only about a third (.34) of the variation in reviewers' ratings is shared between reviewers of the same paper; the rest is particular to each reviewer. A verdict can then track the quality of your work at most at √.34 ≈ .58. We use that ceiling, which is generous: it assumes whatever reviewers agree on is exactly quality.",
    source: BORNMANN_2010,
    evidenceId: 'journal-irr',
    status: 'derived',
  },
  {
    id: 'validity.job-performance',
    value: 0.6,
    unit: 'correlation',
    meaning:
      "Our own estimate: months of doing the job itself is the best evidence any evaluation gets, better than any interview (.42). It is still a few people's view of one role, over one stretch of time, with everything else that was going on.",
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
    id: 'model.good-enough-bar',
    value: 1,
    unit: 'ratio',
    meaning:
      "We count 'good enough' as being in the top share of people the process is trying to find, the same share it accepts (1 = the same share). A modelling choice, not a measurement.",
    source: null,
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
] satisfies Figure[]).map((f) => Object.freeze(f)));

const BY_ID: ReadonlyMap<string, Figure> = new Map(FIGURES.map((f) => [f.id, f]));

/** The figure with this id; throws on an unknown id (a typo in the model is a bug, not a user error). */
export function figure(id: string): Figure {
  const found = BY_ID.get(id);
  if (found === undefined) throw new Error(`Unknown figure id: ${id}`);
  return found;
}
