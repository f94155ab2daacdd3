import {
  DAY_MS,
  formatCalendarDate,
  formatTimestamp,
  londonInstant,
  parseCalendarDate,
} from '../calendar.js';
import type {
  Appointment,
  AppointmentStatus,
  AppointmentType,
  BookingSource,
  Clinician,
  Consultation,
  Location,
  Patient,
  Problem,
} from '../records.js';
import { SERVICES, type Service } from './appointment-types.js';
import { clinicianWorksOn } from './clinicians.js';
import { CONSULTATION_TYPES } from './consultation-types.js';
import { CONSULTATION_MINUTES } from './consultations.js';
import { groupByPatient } from './group-by-patient.js';
import type { IdFactory } from './ids.js';
import { ageAt, birthdayAfter, registrationDay } from './patient-dates.js';
import { randomDay } from './patients.js';
import type { Random, Weighted } from './random.js';
import { SURGERY_HOURS } from './surgery-hours.js';
import type { Timeline } from './timeline.js';
import { pickVisit, type Visit } from './visit-reasons.js';
import { isWorkingDay } from './working-days.js';

export interface AppointmentContext {
  random: Random;
  ids: IdFactory;
  clinicians: readonly Clinician[];
  locations: readonly Location[];
  /** In `SERVICES` order, as `generateAppointmentTypes` makes them. */
  appointmentTypes: readonly AppointmentType[];
  problems: readonly Problem[];
  /** Consultations already in the data, whose time the clinicians are not free to book over. */
  consultations: readonly Consultation[];
  timeline: Timeline;
}

export interface GeneratedAppointments {
  appointments: Appointment[];
  /** One for each completed appointment, linked to it by `appointment_id`. */
  consultations: Consultation[];
}

// Appointments start on a five-minute grid.
const SLOT_STEP = 5;
const PLACEMENT_ATTEMPTS = 20;

const PAST_STATUSES: readonly Weighted<AppointmentStatus>[] = [
  ['completed', 84],
  ['no_show', 6],
  ['cancelled', 10],
];

const FUTURE_STATUSES: readonly Weighted<AppointmentStatus>[] = [
  ['confirmed', 55],
  ['scheduled', 18],
  ['pending', 12],
  ['pending_approval', 5],
  ['cancelled', 10],
];

const CANCELLATION_REASONS = [
  'Patient unwell and unable to attend',
  'Patient no longer needs the appointment',
  'Rebooked at the patient’s request',
  'Clinician unavailable; patient offered another slot',
];

const APPOINTMENT_NOTES = [
  'Interpreter needed.',
  'Prefers to be seen by a female clinician.',
  'Wheelchair user; please book a ground-floor room.',
  'Asked for a text reminder the day before.',
];

interface Slot {
  day: number;
  /** Minutes past midnight on a London clock. */
  minute: number;
  clinician: Clinician;
}

interface Booking {
  patient: Patient;
  service: Service;
  type: AppointmentType;
  slot: Slot;
  visit: Visit;
  future: boolean;
}

/**
 * One to five appointments per patient: most in the two years before the anchor, the rest in the
 * twelve weeks from it. Times fall in surgery hours on a London clock on working days, a
 * clinician is never booked twice at once (nor over a consultation already recorded), and each
 * completed appointment gets the consultation it produced.
 */
export function generateAppointments(
  context: AppointmentContext,
  patients: readonly Patient[],
): GeneratedAppointments {
  const diary = new Diary();
  reserveConsultations(diary, context.consultations);
  const problems = groupByPatient(context.problems);
  const result: GeneratedAppointments = { appointments: [], consultations: [] };
  for (const patient of patients) {
    const count = context.random.int(1, 5);
    for (let index = 0; index < count; index += 1) {
      const booking = planBooking(context, diary, patient, problems.get(patient.id) ?? []);
      if (booking) addBooking(context, booking, result);
    }
  }

  return result;
}

function planBooking(
  context: AppointmentContext,
  diary: Diary,
  patient: Patient,
  problems: readonly Problem[],
): Booking | undefined {
  const { random, timeline } = context;
  const archived = patient.archived_at === null ? undefined : Date.parse(patient.archived_at);
  const future = archived === undefined && random.chance(0.3);
  const [first, last] = future
    ? [timeline.firstFutureAppointment, timeline.lastAppointment]
    : [
        Math.max(registrationDay(patient) + DAY_MS, timeline.firstAppointment),
        Math.min(timeline.lastConsultation, (archived ?? Infinity) - 2 * DAY_MS),
      ];
  if (first > last) return undefined;

  // The service fits the patient's age by the end of the window; the slot, once the patient is
  // old enough for it; and the reason, their age on the day.
  const serviceIndex = pickService(random, ageAt(patient, last));
  const service = SERVICES[serviceIndex];
  const type = context.appointmentTypes[serviceIndex];
  if (!service || !type) return undefined;

  const oldEnough = Math.max(first, birthdayAfter(patient, service.minAge));
  const slot = findSlot(context, diary, patient, service, [oldEnough, last]);
  if (!slot) return undefined;

  const date = formatCalendarDate(slot.day);
  const active = problems.filter((problem) => wasActive(problem, date));
  const ageInYears = ageAt(patient, slot.day);
  const visit = pickVisit(random, service, { patient, ageInYears, problems: active });

  return { patient, service, type, slot, visit, future };
}

// Services still offered, as weighted choices of their index in `SERVICES`.
const SERVICE_CHOICES: readonly Weighted<number>[] = SERVICES.flatMap((service, index) =>
  service.weight > 0 ? [[index, service.weight] as const] : [],
);

function pickService(random: Random, ageInYears: number): number {
  return random.weighted(SERVICE_CHOICES.filter(([index]) => ageInYears >= minAgeOf(index)));
}

function minAgeOf(index: number): number {
  return SERVICES[index]?.minAge ?? Infinity;
}

function findSlot(
  context: AppointmentContext,
  diary: Diary,
  patient: Patient,
  service: Service,
  [first, last]: readonly [number, number],
): Slot | undefined {
  const { random, timeline } = context;
  const { opens, closes } = SURGERY_HOURS;
  const duration = service.fields.duration_minutes;
  const runs = context.clinicians.filter((clinician) => service.roles.includes(clinician.role));
  if (runs.length === 0 || first > last) return undefined;

  for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt += 1) {
    const day = randomDay(random, first, last);
    const working = runs.filter((clinician) => clinicianWorksOn(clinician, day, timeline));
    if (!isWorkingDay(day) || working.length === 0) continue;

    const clinician = random.pick(working);
    const minute =
      opens + SLOT_STEP * random.int(0, Math.floor((closes - opens - duration) / SLOT_STEP));
    const end = minute + duration;
    if (
      diary.isFree(clinician.id, day, minute, end) &&
      diary.isFree(patient.id, day, minute, end)
    ) {
      diary.book(clinician.id, day, minute, end);
      diary.book(patient.id, day, minute, end);

      return { day, minute, clinician };
    }
  }

  return undefined;
}

function addBooking(
  context: AppointmentContext,
  booking: Booking,
  result: GeneratedAppointments,
): void {
  const { random } = context;
  const { patient, service, type, slot, visit, future } = booking;
  const start = londonInstant(slot.day, slot.minute);
  const end = start + type.duration_minutes * 60_000;
  const source: BookingSource =
    type.allow_online_booking && random.chance(0.35) ? 'online' : 'staff';
  const status = pickStatus(random, future, source);
  const createdAt = bookedAt(context, patient, start);
  const updatedAt = changedAt(context, status, createdAt, [start, end]);
  const appointment: Appointment = {
    id: context.ids.next('apt'),
    patient_id: patient.id,
    clinician_profile_id: slot.clinician.id,
    appointment_type_id: type.id,
    location_id: service.remote ? null : siteOf(context, slot),
    title: visit.title,
    start_time: formatTimestamp(start),
    end_time: formatTimestamp(end),
    status,
    is_remote: service.remote,
    attendee_name: `${patient.first_name} ${patient.last_name}`,
    attendee_email: patient.email,
    attendee_phone: patient.phone,
    notes: random.chance(0.1) ? random.pick(APPOINTMENT_NOTES) : null,
    description: visit.description,
    duration_minutes: type.duration_minutes,
    cancellation_reason: status === 'cancelled' ? random.pick(CANCELLATION_REASONS) : null,
    booking_source: source,
    created_at: formatTimestamp(createdAt),
    updated_at: formatTimestamp(updatedAt),
  };
  result.appointments.push(appointment);
  if (status === 'completed') {
    result.consultations.push(linkedConsultation(context, appointment, booking, updatedAt));
  }
}

function pickStatus(random: Random, future: boolean, source: BookingSource): AppointmentStatus {
  const status = random.weighted(future ? FUTURE_STATUSES : PAST_STATUSES);

  // Only online requests wait for the practice to approve them.
  return status === 'pending_approval' && source !== 'online' ? 'pending' : status;
}

/** A day to four weeks ahead, after registration and before the anchor. */
function bookedAt(context: AppointmentContext, patient: Patient, start: number): number {
  const { random, timeline } = context;
  const lead = random.int(1, 28) * DAY_MS + random.int(0, 8 * 60) * 60_000;
  const registered = Date.parse(patient.created_at) + 60_000;
  const latest = Math.min(start - 30 * 60_000, timeline.asOf - 3_600_000);

  return Math.min(Math.max(start - lead, registered), latest);
}

/** When the status was last set: on the day for attended or missed ones, before it if cancelled. */
function changedAt(
  context: AppointmentContext,
  status: AppointmentStatus,
  createdAt: number,
  [start, end]: readonly [number, number],
): number {
  const { random } = context;
  const latest = context.timeline.asOf - 1000;
  const between = (from: number, to: number) => from + Math.floor(random.next() * (to - from));
  let changed = createdAt;
  if (status === 'completed') changed = end + random.int(1, 30) * 60_000;
  else if (status === 'no_show') changed = end + random.int(5, 90) * 60_000;
  else if (status === 'cancelled') changed = between(createdAt, Math.min(start, latest));
  else if (random.chance(0.3)) changed = between(createdAt, latest);

  return Math.max(createdAt, Math.min(changed, latest));
}

/** The consultation written up when the patient attended, at the appointment's London time. */
function linkedConsultation(
  context: AppointmentContext,
  appointment: Appointment,
  booking: Booking,
  completedAt: number,
): Consultation {
  const { random } = context;
  const type = CONSULTATION_TYPES[booking.visit.consultationType];
  const amended = random.chance(0.1) ? completedAt + random.int(1, 5) * DAY_MS : completedAt;

  return {
    id: context.ids.next('con'),
    patient_id: appointment.patient_id,
    clinician_id: appointment.clinician_profile_id,
    location_id: appointment.location_id,
    appointment_id: appointment.id,
    consultation_date: formatCalendarDate(booking.slot.day),
    consultation_time: clockTime(booking.slot.minute),
    status: 'completed',
    consultation_type_code: type.code,
    consultation_type_display: type.display,
    chief_complaint: booking.visit.chief_complaint,
    summary: booking.visit.summary,
    created_at: formatTimestamp(completedAt),
    updated_at: formatTimestamp(Math.min(amended, context.timeline.asOf - 1000)),
  };
}

/** Each clinician works from one active site a day, rotating through them. */
function siteOf(context: AppointmentContext, slot: Slot): string | null {
  const open = context.locations.filter((location) => location.is_active);
  const rotation = context.clinicians.indexOf(slot.clinician) + slot.day / DAY_MS;

  return open[rotation % open.length]?.id ?? null;
}

/** Whether the problem was current on `date`; YYYY-MM-DD compares as text in date order. */
function wasActive(problem: Problem, date: string): boolean {
  if (problem.status === 'inactive') return false;

  return (problem.onset_date ?? '') <= date && (problem.end_date ?? '9999') >= date;
}

function reserveConsultations(diary: Diary, consultations: readonly Consultation[]): void {
  // Thousands of consultations fall on far fewer days, so each date is parsed once.
  const days = new Map<string, number | undefined>();
  for (const { consultation_date: date, consultation_time: time, clinician_id } of consultations) {
    if (!days.has(date)) days.set(date, parseCalendarDate(date));
    const day = days.get(date);
    if (day === undefined || !clinician_id || !time) continue;

    const minute = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
    diary.book(clinician_id, day, minute, minute + CONSULTATION_MINUTES);
  }
}

function clockTime(minutesPastMidnight: number): string {
  const hours = String(Math.floor(minutesPastMidnight / 60)).padStart(2, '0');
  const minutes = String(minutesPastMidnight % 60).padStart(2, '0');

  return `${hours}:${minutes}:00`;
}

/** Busy intervals per person per day, as start and end minutes on a London clock. */
class Diary {
  readonly #busy = new Map<string, Map<number, number[]>>();

  isFree(owner: string, day: number, start: number, end: number): boolean {
    const taken = this.#busy.get(owner)?.get(day) ?? [];
    for (let index = 0; index < taken.length; index += 2) {
      if (start < (taken[index + 1] ?? 0) && (taken[index] ?? 0) < end) return false;
    }

    return true;
  }

  book(owner: string, day: number, start: number, end: number): void {
    let days = this.#busy.get(owner);
    if (!days) this.#busy.set(owner, (days = new Map()));
    const taken = days.get(day);
    if (taken) taken.push(start, end);
    else days.set(day, [start, end]);
  }
}
