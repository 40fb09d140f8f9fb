// What each id is called on screen. Ids are stable data; these words can change freely.
import type { Kind, Method, State } from '../core/domain.js';

export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  application: 'application',
  'first-impression': 'first impression',
  'job-performance': 'job performance',
  'self-assessment': 'self-assessment',
  'peer-review': 'peer review',
};

export const METHOD_LABELS: Readonly<Record<Method, string>> = {
  'cv-screen': 'a CV screen',
  'written-application': 'a written application',
  'unstructured-interview': 'an unstructured interview',
  'structured-interview': 'a structured interview',
  'work-trial': 'a work trial',
  'job-performance': 'months on the job',
  conversation: 'a conversation',
  'peer-review': 'peer review',
  'self-assessment': 'your own judgment',
};

/** Longer names for the method menu. */
export const METHOD_CHOICES: Readonly<Record<Method, string>> = {
  'cv-screen': 'CV or résumé screen',
  'written-application': 'Written application (form, essays, statement)',
  'unstructured-interview': 'Interview, free-form conversation',
  'structured-interview': 'Interview, structured (same questions for everyone, a scoring sheet)',
  'work-trial': 'Work trial or take-home task',
  'job-performance': 'Months of actual work in the role',
  conversation: 'A conversation',
  'peer-review': 'Peer review of a paper or proposal',
  'self-assessment': 'My own judgment of myself',
};

export const STATE_LABELS: Readonly<Record<State, string>> = {
  tired: 'tired',
  hungry: 'hungry',
  'low-mood': 'low mood',
  anxious: 'anxious',
  unwell: 'unwell',
  fine: 'fine, actually',
};
