import { DAY_MS, formatCalendarDate, formatTimestamp, parseCalendarDate } from '../calendar.js';
import type { Consultation, Patient, Problem } from '../records.js';
import { CONDITION_FOR_COMPLAINT, CONDITIONS, prevalenceAt, type Condition } from './conditions.js';
import { groupByPatient } from './group-by-patient.js';
import type { IdFactory } from './ids.js';
import { ageAt, birthdayAfter, registrationDay } from './patient-dates.js';
import { randomDay, randomWorkingMinute } from './patients.js';
import type { Random } from './random.js';
import type { Timeline } from './timeline.js';

const MAX_PROBLEMS = 4;
// Onsets stop this long before the anchor, so every problem was recorded before it.
const ONSET_MARGIN_DAYS = 30;
// Long-term conditions mostly start within the last 25 years of a patient's life.
const ONSET_WINDOW_YEARS = 25;

export interface ProblemContext {
  random: Random;
  ids: IdFactory;
  timeline: Timeline;
}

/** The first and last day a consultation dealt with a condition. */
interface Evidence {
  first: number;
  last: number;
}

/**
 * Nought to four problems per patient, more likely with age. A condition an existing
 * consultation reviewed (a diabetes review, say) is always among them, with an onset before it.
 */
export function generateProblems(
  context: ProblemContext,
  patients: readonly Patient[],
  consultations: readonly Consultation[],
): Problem[] {
  const byPatient = groupByPatient(consultations);

  return patients.flatMap((patient) => {
    const evidence = evidenceIn(byPatient.get(patient.id) ?? []);

    return generatePatientProblems(context, patient, evidence);
  });
}

function generatePatientProblems(
  context: ProblemContext,
  patient: Patient,
  evidence: ReadonlyMap<string, Evidence>,
): Problem[] {
  const { random, timeline } = context;
  const age = ageAt(patient, timeline.asOf);
  const known = CONDITIONS.filter((condition) => evidence.has(condition.snomed_code));
  const found = CONDITIONS.filter(
    (condition) =>
      !evidence.has(condition.snomed_code) && random.chance(prevalenceAt(condition, age)),
  );

  return [...known, ...found].slice(0, MAX_PROBLEMS).flatMap((condition) => {
    const seen = evidence.get(condition.snomed_code);
    const onset = pickOnset(context, patient, condition, seen);
    if (onset === undefined) return [];

    return [generateProblem(context, { patient, condition, onset, seen })];
  });
}

function evidenceIn(consultations: readonly Consultation[]): Map<string, Evidence> {
  const evidence = new Map<string, Evidence>();
  for (const consultation of consultations) {
    const code = CONDITION_FOR_COMPLAINT[consultation.chief_complaint ?? ''];
    const day = parseCalendarDate(consultation.consultation_date);
    if (code === undefined || day === undefined) continue;

    const known = evidence.get(code);
    evidence.set(code, {
      first: Math.min(known?.first ?? day, day),
      last: Math.max(known?.last ?? day, day),
    });
  }

  return evidence;
}

function pickOnset(
  context: ProblemContext,
  patient: Patient,
  condition: Condition,
  seen: Evidence | undefined,
): number | undefined {
  const { random } = context;
  const latest = Math.min(lastOnset(context.timeline), seen?.first ?? Infinity);
  const earliestAge = Math.max(condition.minAge, ageAt(patient, latest) - ONSET_WINDOW_YEARS);
  const earliest = birthdayAfter(patient, earliestAge);
  if (earliest <= latest) return randomDay(random, earliest, latest);

  // A reviewed condition had started by the review, whatever the usual age of onset.
  return seen ? latest : undefined;
}

interface ProblemPlan {
  patient: Patient;
  condition: Condition;
  onset: number;
  seen: Evidence | undefined;
}

function generateProblem(context: ProblemContext, plan: ProblemPlan): Problem {
  const { random, ids, timeline } = context;
  const { patient, condition, onset, seen } = plan;
  const status = random.weighted(condition.outcomes);
  // Conditions known before registration are coded when the new patient's notes are summarised.
  const coded = Math.max(onset, registrationDay(patient)) + random.int(0, 14) * DAY_MS;
  const createdAt = Math.min(coded, timeline.lastConsultation) + minuteOfDay(random);
  const end =
    status === 'resolved' ? endOf(context, onset, Math.max(coded, seen?.last ?? 0)) : null;
  const changed = end ?? laterEdit(context, coded);
  const updatedAt =
    changed === undefined ? createdAt : Math.max(createdAt, changed + minuteOfDay(random));

  return {
    id: ids.next('prb'),
    patient_id: patient.id,
    problem_name: condition.problem_name,
    snomed_code: condition.snomed_code,
    icd10_code: condition.icd10_code,
    status,
    severity: random.weighted(condition.severities),
    onset_date: formatCalendarDate(onset),
    end_date: end === null ? null : formatCalendarDate(end),
    notes: random.chance(0.6) ? random.pick(condition.notes) : null,
    created_at: formatTimestamp(createdAt),
    updated_at: formatTimestamp(updatedAt),
  };
}

/** A resolution two months to two years after onset, and never before `notBefore`. */
function endOf(context: ProblemContext, onset: number, notBefore: number): number {
  const end = onset + context.random.int(60, 730) * DAY_MS;

  return Math.min(Math.max(end, notBefore), context.timeline.lastConsultation);
}

/** Half of ongoing problems were edited again after they were coded. */
function laterEdit(context: ProblemContext, coded: number): number | undefined {
  const { random, timeline } = context;
  const last = lastOnset(timeline);
  if (coded >= last || random.chance(0.5)) return undefined;

  return randomDay(random, coded, last);
}

function lastOnset(timeline: Timeline): number {
  return timeline.lastConsultation - ONSET_MARGIN_DAYS * DAY_MS;
}

function minuteOfDay(random: Random): number {
  return randomWorkingMinute(random) * 60_000;
}
