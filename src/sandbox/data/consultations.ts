import { DAY_MS, formatCalendarDate, formatTimestamp, londonInstant } from '../calendar.js';
import type { Clinician, Consultation, Location, Patient } from '../records.js';
import { clinicianWorksOn, ROLES } from './clinicians.js';
import { COMPLAINTS, fitsAge, isSeenBy, type Complaint } from './complaints.js';
import {
  CONSULTATION_TYPES,
  type ConsultationType,
  type ConsultationTypeName,
} from './consultation-types.js';
import type { IdFactory } from './ids.js';
import { ageAt, registrationDay } from './patient-dates.js';
import type { Random, Weighted } from './random.js';
import { SURGERY_HOURS } from './surgery-hours.js';
import type { Timeline } from './timeline.js';
import { randomWorkingDay } from './working-days.js';

/** How long an unbooked consultation keeps its clinician busy. */
export const CONSULTATION_MINUTES = 15;

const START_STEP = 10;
const LAST_START = SURGERY_HOURS.closes - CONSULTATION_MINUTES;

const TYPE_WEIGHTS: readonly Weighted<ConsultationTypeName>[] = [
  ['consultation', 25],
  ['symptom', 25],
  ['followUp', 18],
  ['checkUp', 12],
  ['telephone', 12],
  ['telemedicine', 6],
  ['homeVisit', 2],
];

const COMPLAINT_KIND: Record<ConsultationTypeName, readonly Complaint['kind'][]> = {
  consultation: ['symptom', 'follow_up'],
  symptom: ['symptom'],
  followUp: ['follow_up'],
  checkUp: ['check_up'],
  telephone: ['symptom', 'follow_up'],
  telemedicine: ['symptom', 'follow_up'],
  homeVisit: ['symptom', 'follow_up'],
};

const HOME_VISIT_MIN_AGE = 70;

export interface ConsultationContext {
  random: Random;
  ids: IdFactory;
  clinicians: readonly Clinician[];
  locations: readonly Location[];
  timeline: Timeline;
}

/**
 * Two to six past consultations for each patient, on working days between registration and the
 * day before the anchor, starting in surgery hours on a London clock. Each is with a clinician
 * who worked at the practice that day, about something their role sees and the patient's age
 * on the day fits.
 */
export function generateConsultations(
  context: ConsultationContext,
  patients: readonly Patient[],
): Consultation[] {
  return patients.flatMap((patient) => {
    const count = context.random.int(2, 6);

    return Array.from({ length: count }, () => generateConsultation(context, patient)).flat();
  });
}

function generateConsultation(context: ConsultationContext, patient: Patient): Consultation[] {
  const { random, timeline } = context;
  const day = randomWorkingDay(random, registrationDay(patient), timeline.lastConsultation);
  if (day === undefined) return [];

  const ageInYears = ageAt(patient, day);
  const clinician = pickClinician(context, day, ageInYears);
  const { typeName, complaint } = pickReason(random, clinician.role, ageInYears);
  const type: ConsultationType = CONSULTATION_TYPES[typeName];
  const minute = SURGERY_HOURS.opens + START_STEP * random.int(0, startsInDay());
  const recorded = londonInstant(day, minute + random.int(15, 60));
  const amended = random.chance(0.2) ? recorded + random.int(1, 14) * DAY_MS : recorded;

  return [
    {
      id: context.ids.next('con'),
      patient_id: patient.id,
      clinician_id: clinician.id,
      location_id: type.setting === 'in_person' ? random.pick(context.locations).id : null,
      appointment_id: null,
      consultation_date: formatCalendarDate(day),
      consultation_time: clockTime(minute),
      status: 'completed',
      consultation_type_code: type.code,
      consultation_type_display: type.display,
      chief_complaint: complaint.chief_complaint,
      summary: complaint.summary,
      created_at: formatTimestamp(recorded),
      updated_at: formatTimestamp(Math.min(amended, timeline.asOf - 1000)),
    },
  ];
}

/** How many start times after opening fit a whole consultation before closing. */
function startsInDay(): number {
  return Math.floor((LAST_START - SURGERY_HOURS.opens) / START_STEP);
}

/**
 * Mostly a GP, as in a real practice; now and then anyone working that day whose role sees
 * something for a patient of this age (so never the physiotherapist for a baby).
 */
function pickClinician(context: ConsultationContext, day: number, ageInYears: number): Clinician {
  const { random, clinicians, timeline } = context;
  const working = clinicians.filter(
    (clinician) =>
      clinicianWorksOn(clinician, day, timeline) &&
      COMPLAINTS.some((c) => isSeenBy(c, clinician.role) && fitsAge(c, ageInYears)),
  );
  const gps = working.filter((clinician) => clinician.role === ROLES.gp);
  if (gps.length > 0 && random.chance(0.7)) return random.pick(gps);

  return random.pick(working);
}

interface Reason {
  typeName: ConsultationTypeName;
  complaint: Complaint;
}

/**
 * Something the role sees at this age, then a consultation type for it by the usual mix: never
 * an examination by telephone, and home visits only for the elderly. Every complaint has an
 * in-person type, so there is always one.
 */
function pickReason(random: Random, role: string, ageInYears: number): Reason {
  const complaint = random.pick(
    COMPLAINTS.filter((candidate) => isSeenBy(candidate, role) && fitsAge(candidate, ageInYears)),
  );
  const typeName = random.weighted(
    TYPE_WEIGHTS.filter(
      ([name]) =>
        COMPLAINT_KIND[name].includes(complaint.kind) &&
        !(CONSULTATION_TYPES[name].setting === 'remote' && complaint.examined) &&
        !(name === 'homeVisit' && ageInYears < HOME_VISIT_MIN_AGE),
    ),
  );

  return { typeName, complaint };
}

function clockTime(minutesPastMidnight: number): string {
  const hours = String(Math.floor(minutesPastMidnight / 60)).padStart(2, '0');
  const minutes = String(minutesPastMidnight % 60).padStart(2, '0');

  return `${hours}:${minutes}:00`;
}
