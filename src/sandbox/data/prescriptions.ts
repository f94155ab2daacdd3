import { DAY_MS, formatCalendarDate, formatTimestamp, parseCalendarDate } from '../calendar.js';
import type {
  Clinician,
  Patient,
  Prescription,
  PrescriptionStatus,
  Problem,
  ProblemStatus,
} from '../records.js';
import { clinicianWorksOn, isPrescriber } from './clinicians.js';
import { conditionFor } from './conditions.js';
import type { IdFactory } from './ids.js';
import { registrationDay } from './patient-dates.js';
import { randomWorkingMinute } from './patients.js';
import type { Random } from './random.js';
import type { Timeline } from './timeline.js';

export interface PrescriptionContext {
  random: Random;
  ids: IdFactory;
  clinicians: readonly Clinician[];
  patients: ReadonlyMap<string, Patient>;
  timeline: Timeline;
}

// An active problem's medicine is still being issued; an ended one's was finished or stopped.
const STATUS_FOR: Record<ProblemStatus, PrescriptionStatus> = {
  active: 'active',
  resolved: 'completed',
  inactive: 'stopped',
};

const REVIEW_NOTES = [
  'Repeat template; medication review due annually.',
  'Reviewed at the last chronic disease check.',
];

/** One prescription per problem the sandbox knows a first-line medicine for. */
export function generatePrescriptions(
  context: PrescriptionContext,
  problems: readonly Problem[],
): Prescription[] {
  return problems.flatMap((problem) => {
    const patient = context.patients.get(problem.patient_id);

    return patient ? generatePrescription(context, problem, patient) : [];
  });
}

function generatePrescription(
  context: PrescriptionContext,
  problem: Problem,
  patient: Patient,
): Prescription[] {
  const { random } = context;
  const condition = conditionFor(problem.snomed_code);
  const onset = parseCalendarDate(problem.onset_date ?? '');
  if (!condition || onset === undefined) return [];

  const plan = condition.medication;
  const status = STATUS_FOR[problem.status];
  // Started at diagnosis; one started elsewhere is re-issued on the day the patient registers.
  const start = Math.max(onset, registrationDay(patient));
  const end = status === 'active' ? null : endOf(context, problem, start);
  const dosage = random.pick(plan.strengths);
  const createdAt = start + randomWorkingMinute(random) * 60_000;
  const updatedAt = end === null ? createdAt : end + randomWorkingMinute(random) * 60_000;

  return [
    {
      id: context.ids.next('rx'),
      patient_id: patient.id,
      prescriber_id: pickPrescriber(context, start),
      display_name: `${plan.medication_name} ${dosage}${plan.dosage_unit}`,
      medication_name: plan.medication_name,
      dosage,
      dosage_unit: plan.dosage_unit,
      frequency: plan.frequency,
      route: plan.route,
      quantity: plan.quantity,
      refills: status === 'active' ? random.int(2, 6) : random.int(0, 2),
      start_date: formatCalendarDate(start),
      end_date: end === null ? null : formatCalendarDate(end),
      status,
      instructions: plan.instructions,
      notes: random.chance(0.4) ? random.pick(REVIEW_NOTES) : null,
      created_at: formatTimestamp(createdAt),
      updated_at: formatTimestamp(Math.max(createdAt, updatedAt)),
    },
  ];
}

/** The problem's end for a finished course; otherwise three months to two years on. */
function endOf(context: PrescriptionContext, problem: Problem, start: number): number {
  const { random, timeline } = context;
  const ended = parseCalendarDate(problem.end_date ?? '') ?? start + random.int(90, 730) * DAY_MS;

  return Math.min(Math.max(ended, start + 28 * DAY_MS), timeline.lastConsultation);
}

/** A prescriber who worked at the practice when the medicine was started. */
function pickPrescriber(context: PrescriptionContext, day: number) {
  const { random, clinicians, timeline } = context;
  const fits = clinicians.filter((c) => isPrescriber(c) && clinicianWorksOn(c, day, timeline));

  return fits.length > 0 ? random.pick(fits).id : null;
}
