// The resources as the OLDER generation of the Jump API returns them (jump-api.md §3), field for
// field and in the documented order, which is the order they are serialised in.

import type { Gender } from './data/names.js';

export type { Gender };

export interface Patient {
  id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  nhs_number: string | null;
  email: string | null;
  phone: string | null;
  address_line_1: string | null;
  address_line_2: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  gender: Gender | null;
  custom_fields: Record<string, unknown>;
  /** NEWER: set when the record is archived (Jump never deletes patients), else null. */
  archived_at: string | null;
  /** NEWER: the user who archived the record; `usr_sandbox_api` when it was archived via the API. */
  archived_by: string | null;
  archive_reason: string | null;
  archive_notes: string | null;
  created_at: string;
  updated_at: string;
}

export const CONSULTATION_STATUSES = [
  'scheduled',
  'in_progress',
  'completed',
  'cancelled',
] as const;

export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export interface Consultation {
  id: string;
  patient_id: string;
  clinician_id: string | null;
  /** Null when the consultation was remote (telephone, video) or a home visit. */
  location_id: string | null;
  appointment_id: string | null;
  consultation_date: string;
  consultation_time: string | null;
  status: ConsultationStatus;
  consultation_type_code: string | null;
  consultation_type_display: string | null;
  chief_complaint: string | null;
  summary: string | null;
  created_at: string;
  updated_at: string;
}

export interface Clinician {
  id: string;
  user_id: string;
  first_name: string;
  last_name: string;
  title: string;
  role: string;
  specialties: readonly string[];
  bio: string;
  email: string;
  phone: string;
  avatar_url: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface Location {
  id: string;
  name: string;
  address_line_1: string;
  address_line_2: string | null;
  city: string;
  postcode: string;
  country: string;
  phone: string;
  email: string;
  is_active: boolean;
  /** NEWER: the zone the location's opening hours and appointments are kept in. */
  timezone: string;
  created_at: string;
  updated_at: string;
}

export interface AppointmentType {
  id: string;
  name: string;
  description: string;
  duration_minutes: number;
  /** In `currency`; 0 for NHS services. */
  price: number;
  currency: string;
  /** `#rrggbb`. */
  color: string;
  is_active: boolean;
  requires_payment: boolean;
  allow_online_booking: boolean;
  booking_notice_hours: number;
  cancellation_notice_hours: number;
  max_group_size: number;
  created_at: string;
  updated_at: string;
}

export const PROBLEM_STATUSES = ['active', 'resolved', 'inactive'] as const;

export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_SEVERITIES = ['mild', 'moderate', 'severe'] as const;

export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];

export interface Problem {
  id: string;
  patient_id: string;
  problem_name: string;
  snomed_code: string | null;
  icd10_code: string | null;
  status: ProblemStatus;
  severity: ProblemSeverity | null;
  onset_date: string | null;
  /** Null while the problem is ongoing. */
  end_date: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export const PRESCRIPTION_STATUSES = ['active', 'stopped', 'completed'] as const;

export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];

export const MEDICATION_ROUTES = [
  'oral',
  'inhaled',
  'topical',
  'subcutaneous',
  'intramuscular',
  'intravenous',
  'sublingual',
  'rectal',
  'nasal',
  'ophthalmic',
] as const;

export type MedicationRoute = (typeof MEDICATION_ROUTES)[number];

export interface Prescription {
  id: string;
  patient_id: string;
  /** A clinician id. */
  prescriber_id: string | null;
  display_name: string;
  medication_name: string;
  /** The strength as text, e.g. "500"; `dosage_unit` says of what. */
  dosage: string;
  dosage_unit: string;
  frequency: string;
  route: MedicationRoute | null;
  quantity: number | null;
  refills: number;
  start_date: string;
  end_date: string | null;
  status: PrescriptionStatus;
  instructions: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export const APPOINTMENT_STATUSES = [
  'pending_approval',
  'pending',
  'confirmed',
  'scheduled',
  'cancelled',
  'completed',
  'no_show',
] as const;

export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const BOOKING_SOURCES = ['api', 'staff', 'online'] as const;

export type BookingSource = (typeof BOOKING_SOURCES)[number];

/** The OLDER appointment (jump-api.md §3.2) plus four NEWER fields, before the timestamps. */
export interface Appointment {
  id: string;
  patient_id: string;
  clinician_profile_id: string;
  appointment_type_id: string;
  /** Null when the appointment is remote. */
  location_id: string | null;
  title: string;
  /** UTC, `2026-01-20T14:00:00Z`. */
  start_time: string;
  end_time: string;
  status: AppointmentStatus;
  is_remote: boolean;
  attendee_name: string;
  attendee_email: string | null;
  attendee_phone: string | null;
  notes: string | null;
  description: string | null;
  duration_minutes: number;
  cancellation_reason: string | null;
  booking_source: BookingSource;
  created_at: string;
  updated_at: string;
}

export const DOCUMENT_TYPES = [
  'lab_result',
  'referral_letter',
  'discharge_summary',
  'clinic_letter',
  'imaging_report',
  'consent_form',
  'other',
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface PatientDocument {
  id: string;
  patient_id: string;
  document_type: DocumentType;
  title: string;
  description: string | null;
  file_name: string;
  /** `documents/<patient_id>/<file_name>`. */
  file_path: string;
  mime_type: string;
  file_size: number;
  /** A user id, `usr_…`. */
  uploaded_by: string;
  created_at: string;
  updated_at: string;
}

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

/** A day of the week, named as the NEWER `opening_hours` keys name them. */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A stretch of a clinician's week they see patients in, on a London clock, every week except on
 * bank holidays. Internal to the sandbox: Jump publishes no sessions, only the slots they give.
 */
export interface ClinicianSession {
  id: string;
  clinician_id: string;
  weekday: Weekday;
  /** `HH:MM` on a London clock. */
  start_time: string;
  /** `HH:MM` on a London clock, later the same day. */
  end_time: string;
  /** Null for a remote (video) session. */
  location_id: string | null;
  is_remote: boolean;
  /** The appointment types the session can be booked for. */
  appointment_type_ids: readonly string[];
}

/** `expired` is never stored: an active hold reads as expired from its `expires_at` on. */
export const HOLD_STATUSES = ['active', 'confirmed', 'expired', 'released'] as const;

export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** The OLDER hold (jump-api.md §3.11), plus what it became once confirmed. */
export interface Hold {
  id: string;
  appointment_type_id: string;
  clinician_id: string;
  /** Null when the held slot is remote. */
  location_id: string | null;
  /** UTC, `2026-01-20T14:00:00Z`. */
  start_time: string;
  end_time: string;
  expires_at: string;
  status: HoldStatus;
  /** The appointment the hold was confirmed as, else null. */
  appointment_id: string | null;
  /** The patient the hold was confirmed for, else null. */
  patient_id: string | null;
  created_at: string;
}

/** The user a write through the sandbox API is recorded as (`archived_by`, `uploaded_by`). */
export const SANDBOX_API_USER_ID = 'usr_sandbox_api';

/** What a caller supplies for a new patient; the store adds the id and timestamps. */
export type NewPatient = Omit<Patient, 'id' | 'created_at' | 'updated_at'>;

export type NewConsultation = Omit<Consultation, 'id' | 'created_at' | 'updated_at'>;

export type NewProblem = Omit<Problem, 'id' | 'created_at' | 'updated_at'>;

export type NewPrescription = Omit<Prescription, 'id' | 'created_at' | 'updated_at'>;

export type NewAppointment = Omit<Appointment, 'id' | 'created_at' | 'updated_at'>;

export type NewClinicianSession = Omit<ClinicianSession, 'id'>;

/** The store stamps the id, `created_at` and the `expires_at` that follows from it. */
export type NewHold = Omit<Hold, 'id' | 'expires_at' | 'created_at'>;

/** `file_path` is derived from the patient and file name, so a caller never supplies it. */
export type NewPatientDocument = Omit<
  PatientDocument,
  'id' | 'file_path' | 'created_at' | 'updated_at'
>;

interface Stamps {
  id: string;
  created_at: string;
  updated_at: string;
}

/** A patient with its fields in the documented order, whatever order `fields` has them in. */
export function toPatient(fields: NewPatient, stamps: Stamps): Patient {
  return {
    id: stamps.id,
    first_name: fields.first_name,
    last_name: fields.last_name,
    date_of_birth: fields.date_of_birth,
    nhs_number: fields.nhs_number,
    email: fields.email,
    phone: fields.phone,
    address_line_1: fields.address_line_1,
    address_line_2: fields.address_line_2,
    city: fields.city,
    postcode: fields.postcode,
    country: fields.country,
    gender: fields.gender,
    custom_fields: fields.custom_fields,
    archived_at: fields.archived_at,
    archived_by: fields.archived_by,
    archive_reason: fields.archive_reason,
    archive_notes: fields.archive_notes,
    created_at: stamps.created_at,
    updated_at: stamps.updated_at,
  };
}

export function toConsultation(fields: NewConsultation, stamps: Stamps): Consultation {
  return {
    id: stamps.id,
    patient_id: fields.patient_id,
    clinician_id: fields.clinician_id,
    location_id: fields.location_id,
    appointment_id: fields.appointment_id,
    consultation_date: fields.consultation_date,
    consultation_time: fields.consultation_time,
    status: fields.status,
    consultation_type_code: fields.consultation_type_code,
    consultation_type_display: fields.consultation_type_display,
    chief_complaint: fields.chief_complaint,
    summary: fields.summary,
    created_at: stamps.created_at,
    updated_at: stamps.updated_at,
  };
}

export function toProblem(fields: NewProblem, stamps: Stamps): Problem {
  return {
    id: stamps.id,
    patient_id: fields.patient_id,
    problem_name: fields.problem_name,
    snomed_code: fields.snomed_code,
    icd10_code: fields.icd10_code,
    status: fields.status,
    severity: fields.severity,
    onset_date: fields.onset_date,
    end_date: fields.end_date,
    notes: fields.notes,
    created_at: stamps.created_at,
    updated_at: stamps.updated_at,
  };
}

export function toPrescription(fields: NewPrescription, stamps: Stamps): Prescription {
  return {
    id: stamps.id,
    patient_id: fields.patient_id,
    prescriber_id: fields.prescriber_id,
    display_name: fields.display_name,
    medication_name: fields.medication_name,
    dosage: fields.dosage,
    dosage_unit: fields.dosage_unit,
    frequency: fields.frequency,
    route: fields.route,
    quantity: fields.quantity,
    refills: fields.refills,
    start_date: fields.start_date,
    end_date: fields.end_date,
    status: fields.status,
    instructions: fields.instructions,
    notes: fields.notes,
    created_at: stamps.created_at,
    updated_at: stamps.updated_at,
  };
}

export function toAppointment(fields: NewAppointment, stamps: Stamps): Appointment {
  return {
    id: stamps.id,
    patient_id: fields.patient_id,
    clinician_profile_id: fields.clinician_profile_id,
    appointment_type_id: fields.appointment_type_id,
    location_id: fields.location_id,
    title: fields.title,
    start_time: fields.start_time,
    end_time: fields.end_time,
    status: fields.status,
    is_remote: fields.is_remote,
    attendee_name: fields.attendee_name,
    attendee_email: fields.attendee_email,
    attendee_phone: fields.attendee_phone,
    notes: fields.notes,
    description: fields.description,
    duration_minutes: fields.duration_minutes,
    cancellation_reason: fields.cancellation_reason,
    booking_source: fields.booking_source,
    created_at: stamps.created_at,
    updated_at: stamps.updated_at,
  };
}

export function toPatientDocument(fields: NewPatientDocument, stamps: Stamps): PatientDocument {
  return {
    id: stamps.id,
    patient_id: fields.patient_id,
    document_type: fields.document_type,
    title: fields.title,
    description: fields.description,
    file_name: fields.file_name,
    file_path: documentFilePath(fields.patient_id, fields.file_name),
    mime_type: fields.mime_type,
    file_size: fields.file_size,
    uploaded_by: fields.uploaded_by,
    created_at: stamps.created_at,
    updated_at: stamps.updated_at,
  };
}

export function toClinicianSession(fields: NewClinicianSession, id: string): ClinicianSession {
  return {
    id,
    clinician_id: fields.clinician_id,
    weekday: fields.weekday,
    start_time: fields.start_time,
    end_time: fields.end_time,
    location_id: fields.location_id,
    is_remote: fields.is_remote,
    appointment_type_ids: fields.appointment_type_ids,
  };
}

interface HoldStamps {
  id: string;
  created_at: string;
  expires_at: string;
}

export function toHold(fields: NewHold, stamps: HoldStamps): Hold {
  return {
    id: stamps.id,
    appointment_type_id: fields.appointment_type_id,
    clinician_id: fields.clinician_id,
    location_id: fields.location_id,
    start_time: fields.start_time,
    end_time: fields.end_time,
    expires_at: stamps.expires_at,
    status: fields.status,
    appointment_id: fields.appointment_id,
    patient_id: fields.patient_id,
    created_at: stamps.created_at,
  };
}

/** Where Jump's storage keeps a patient's file (jump-api.md §3.5). */
export function documentFilePath(patientId: string, fileName: string): string {
  return `documents/${patientId}/${fileName}`;
}
