import { DAY_MS, formatCalendarDate, formatTimestamp, parseCalendarDate } from '../calendar.js';
import type { Clinician, Consultation, Location, Patient } from '../records.js';
import { COMPLAINTS, type Complaint } from './complaints.js';
import {
  CONSULTATION_TYPES,
  type ConsultationType,
  type ConsultationTypeName,
} from './consultation-types.js';
import type { IdFactory } from './ids.js';
import { randomDay } from './patients.js';
import type { Random, Weighted } from './random.js';
import { TIMELINE } from './timeline.js';

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
}

/** Two to six past consultations for each patient, between registration and the end of 2025. */
export function generateConsultations(
  context: ConsultationContext,
  patients: readonly Patient[],
): Consultation[] {
  return patients.flatMap((patient) => {
    const count = context.random.int(2, 6);

    return Array.from({ length: count }, () => generateConsultation(context, patient));
  });
}

function generateConsultation(context: ConsultationContext, patient: Patient): Consultation {
  const { random } = context;
  const born = parseCalendarDate(patient.date_of_birth) ?? TIMELINE.firstBirth;
  const registered =
    parseCalendarDate(patient.created_at.slice(0, 10)) ?? TIMELINE.firstRegistration;
  const day = randomDay(random, registered, TIMELINE.lastConsultation);
  const ageInYears = (day - born) / (365.25 * DAY_MS);
  const typeName = pickTypeName(random, ageInYears);
  const type: ConsultationType = CONSULTATION_TYPES[typeName];
  const complaint = pickComplaint(random, typeName, ageInYears);
  const minute = random.int(8 * 6, 18 * 6 - 1) * 10;
  const recorded = day + (minute + random.int(15, 60)) * 60_000;
  const amended = random.chance(0.2) ? recorded + random.int(1, 14) * DAY_MS : recorded;

  return {
    id: context.ids.next('con'),
    patient_id: patient.id,
    clinician_id: pickClinician(random, context.clinicians).id,
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
    updated_at: formatTimestamp(Math.min(amended, TIMELINE.asOf - 1000)),
  };
}

function pickTypeName(random: Random, ageInYears: number): ConsultationTypeName {
  const name = random.weighted(TYPE_WEIGHTS);

  return name === 'homeVisit' && ageInYears < HOME_VISIT_MIN_AGE ? 'consultation' : name;
}

function pickComplaint(
  random: Random,
  typeName: ConsultationTypeName,
  ageInYears: number,
): Complaint {
  const remote = CONSULTATION_TYPES[typeName].setting === 'remote';
  const fitsAge = (complaint: Complaint) =>
    (complaint.minAge ?? 0) <= ageInYears && ageInYears <= (complaint.maxAge ?? Infinity);
  const fits = COMPLAINTS.filter(
    (complaint) =>
      COMPLAINT_KIND[typeName].includes(complaint.kind) &&
      fitsAge(complaint) &&
      !(remote && complaint.examined),
  );

  // Every type, age and setting has a fitting complaint today; the fallback keeps a complaint
  // added later with narrow ages from ever leaving a consultation without one.
  return fits.length > 0 ? random.pick(fits) : random.pick(COMPLAINTS.filter(fitsAge));
}

/** Mostly the GPs, as in a real practice; now and then the nurses, physio or pharmacist. */
function pickClinician(random: Random, clinicians: readonly Clinician[]): Clinician {
  const gps = clinicians.filter((clinician) => clinician.role === 'General Practitioner');
  if (gps.length > 0 && random.chance(0.7)) return random.pick(gps);

  return random.pick(clinicians);
}

function clockTime(minutesPastMidnight: number): string {
  const hours = String(Math.floor(minutesPastMidnight / 60)).padStart(2, '0');
  const minutes = String(minutesPastMidnight % 60).padStart(2, '0');

  return `${hours}:${minutes}:00`;
}
