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
  created_at: string;
  updated_at: string;
}

/** What a caller supplies for a new patient; the store adds the id and timestamps. */
export type NewPatient = Omit<Patient, 'id' | 'created_at' | 'updated_at'>;

export type NewConsultation = Omit<Consultation, 'id' | 'created_at' | 'updated_at'>;

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
