// The calibration figures in words, for `noisy history` (and anywhere else that shows them).
// The figures themselves come from src/core/calibration.ts; docs/followup.md explains them.
import type { ChalkInstance } from 'chalk';
import { COIN_FLIP_BRIER, type Calibration, type CalibrationBucket } from '../core/calibration.js';
import type { PatternResult } from '../core/patterns.js';
import { notEnoughText, predictionsNotFoundText } from './history-text.js';
import { wrap } from './style.js';

const WIDTH = 80;
/** A count as people write it: 11,960. */
const count = (n: number): string => n.toLocaleString('en-US');
const INDENT = '  ';

function pct(value: number): string {
  return `${Math.round(value)}%`;
}

/**
 * Lines of the calibration section (heading included), ready to join with '\n'. `pessimistic` is the
 * pessimistic-predictions pattern's result: the section says "more came true than you expected" by
 * its rule, so the two never disagree.
 */
export function renderCalibration(calibration: Calibration, c: ChalkInstance, pessimistic?: PatternResult): string[] {
  const out: string[] = [c.bold('Your predictions and what happened')];
  const line = (text: string) => out.push(INDENT + wrap(text, WIDTH - INDENT.length, INDENT));
  const bullet = (text: string) => out.push(INDENT + '• ' + wrap(text, WIDTH - INDENT.length - 2, INDENT + '  '));
  const p = calibration.predictions;

  if (!p.enough) {
    const waiting = p.pending > 0 ? ` ${p.pending === 1 ? 'One more is' : `${p.pending} more are`} still waiting for an outcome.` : '';
    line(`${notEnoughText('resolved-predictions', p.minimum, p.resolved)}${waiting} With fewer, one lucky or unlucky outcome would swing every figure.`);
  } else if (p.brierScore !== null && p.meanProbability !== null && p.cameTrueRate !== null && p.underconfidence !== null) {
    line(`On average you gave your predictions ${pct(p.meanProbability)}; ${pct(p.cameTrueRate)} of them came true (${count(p.resolved)} resolved).`);
    for (const bucket of p.buckets) bullet(bucketSentence(bucket));
    const versus = p.brierScore < COIN_FLIP_BRIER ? 'better than' : p.brierScore > COIN_FLIP_BRIER ? 'worse than' : 'the same as';
    line(`Brier score ${p.brierScore.toFixed(2)} (0 is perfect; always saying 50% scores ${COIN_FLIP_BRIER.toFixed(2)}): ${versus} a coin flip.`);
    if (pessimistic?.status === 'found') line('More came true than you said, more than luck would explain. Your forecasts about yourself run low; you can afford to aim higher.');
    else if (pessimistic?.status === 'not-found') line(predictionsNotFoundText(pessimistic.measured));
  }

  const r = calibration.rebound;
  out.push('', c.bold('How far first reactions came back'));
  if (!r.enough) {
    line(`Not enough follow-ups yet: ${r.count} of the ${r.minimum} needed for an average.`);
  } else if (r.meanBefore !== null && r.meanAfter !== null && r.meanNow !== null && r.meanRebound !== null) {
    line(`Across ${count(r.count)} followed-up entries: ${pct(r.meanBefore)} before the evaluation, ${pct(r.meanAfter)} right after, ${pct(r.meanNow)} at the follow-up.`);
    if (r.shareRecovered !== null && r.meanRebound > 0) {
      line(`About ${pct(Math.min(r.shareRecovered, 9.99) * 100)} of the first drop had come back by the follow-up: that much of the reaction was overshoot.`);
    } else if (r.meanRebound <= 0) {
      line('On average your beliefs had not come back by the follow-up.');
    }
  }
  return out;
}

function bucketSentence(b: CalibrationBucket): string {
  const things = b.count === 1 ? 'one thing' : `${count(b.count)} things`;
  return `You gave ${pct(b.meanProbability)} on average to ${things} that came true ${pct(b.cameTrueRate)} of the time.`;
}
