// What each id is called on screen. Ids are stable data; these words can change freely.
import type { Kind, Method } from '../core/domain.js';

// The method menu and the state checklist are question wording, declared with their fields.
export { METHOD_CHOICES, STATE_LABELS } from '../core/fields.js';

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
