import { DAY_MS, formatTimestamp } from '../calendar.js';
import type { AppointmentType } from '../records.js';
import type { IdFactory } from './ids.js';
import type { Random } from './random.js';
import type { Timeline } from './timeline.js';

type ServiceFields = Omit<AppointmentType, 'id' | 'created_at' | 'updated_at'>;

/** A bookable service and what the generator needs to know to fill a diary with it. */
export interface Service {
  key: 'gp' | 'gpExtended' | 'nurse' | 'bloods' | 'physio' | 'video' | 'travel' | 'minorSurgery';
  fields: ServiceFields;
  /** Clinician roles that run the service. */
  roles: readonly string[];
  remote: boolean;
  minAge: number;
  /** How often it is booked, relative to the others; 0 for a service no longer offered. */
  weight: number;
}

const GP = 'General Practitioner';
const NURSE = 'Practice Nurse';

const NHS = { price: 0, currency: 'GBP', requires_payment: false, max_group_size: 1 } as const;
const PRIVATE = { currency: 'GBP', requires_payment: true, max_group_size: 1 } as const;

/** The practice's services: NHS appointments at no charge and two private ones. */
export const SERVICES: readonly Service[] = [
  {
    key: 'gp',
    fields: {
      name: 'GP consultation',
      description: 'A routine 15-minute appointment with a GP.',
      duration_minutes: 15,
      ...NHS,
      color: '#2E7D32',
      is_active: true,
      allow_online_booking: true,
      booking_notice_hours: 2,
      cancellation_notice_hours: 24,
    },
    roles: [GP],
    remote: false,
    minAge: 0,
    weight: 40,
  },
  {
    key: 'gpExtended',
    fields: {
      name: 'Extended GP consultation',
      description:
        'A 30-minute GP appointment for several or complex problems; booked by reception.',
      duration_minutes: 30,
      ...NHS,
      color: '#1B5E20',
      is_active: true,
      allow_online_booking: false,
      booking_notice_hours: 24,
      cancellation_notice_hours: 24,
    },
    roles: [GP],
    remote: false,
    minAge: 16,
    weight: 8,
  },
  {
    key: 'nurse',
    fields: {
      name: 'Practice nurse appointment',
      description: 'Long-term condition reviews, dressings, injections and screening with a nurse.',
      duration_minutes: 20,
      ...NHS,
      color: '#0277BD',
      is_active: true,
      allow_online_booking: true,
      booking_notice_hours: 24,
      cancellation_notice_hours: 24,
    },
    roles: [NURSE, 'Advanced Nurse Practitioner'],
    remote: false,
    minAge: 0,
    weight: 18,
  },
  {
    key: 'bloods',
    fields: {
      name: 'Blood test',
      description: 'A blood test requested by a clinician at the practice.',
      duration_minutes: 10,
      ...NHS,
      color: '#C62828',
      is_active: true,
      allow_online_booking: true,
      booking_notice_hours: 24,
      cancellation_notice_hours: 12,
    },
    roles: [NURSE],
    remote: false,
    minAge: 12,
    weight: 14,
  },
  {
    key: 'physio',
    fields: {
      name: 'Physiotherapy assessment',
      description: 'A private first assessment with a chartered physiotherapist.',
      duration_minutes: 45,
      price: 75,
      ...PRIVATE,
      color: '#6A1B9A',
      is_active: true,
      allow_online_booking: true,
      booking_notice_hours: 48,
      cancellation_notice_hours: 48,
    },
    roles: ['Physiotherapist'],
    remote: false,
    minAge: 16,
    weight: 6,
  },
  {
    key: 'video',
    fields: {
      name: 'Video GP consultation',
      description: 'A 15-minute GP consultation by video call; the link is sent by text message.',
      duration_minutes: 15,
      ...NHS,
      color: '#00838F',
      is_active: true,
      allow_online_booking: true,
      booking_notice_hours: 1,
      cancellation_notice_hours: 4,
    },
    roles: [GP],
    remote: true,
    minAge: 0,
    weight: 12,
  },
  {
    key: 'travel',
    fields: {
      name: 'Travel clinic',
      description: 'Private travel health advice and vaccinations with a practice nurse.',
      duration_minutes: 30,
      price: 35,
      ...PRIVATE,
      color: '#EF6C00',
      is_active: true,
      allow_online_booking: true,
      booking_notice_hours: 72,
      cancellation_notice_hours: 48,
    },
    roles: [NURSE],
    remote: false,
    minAge: 1,
    weight: 3,
  },
  {
    key: 'minorSurgery',
    fields: {
      name: 'Minor surgery clinic',
      description: 'Joint injections and removal of skin lesions. No longer offered.',
      duration_minutes: 30,
      ...NHS,
      color: '#5D4037',
      is_active: false,
      allow_online_booking: false,
      booking_notice_hours: 168,
      cancellation_notice_hours: 48,
    },
    roles: [GP],
    remote: false,
    minAge: 16,
    weight: 0,
  },
];

/** One appointment type per service, in catalogue order, set up before the oldest appointment. */
export function generateAppointmentTypes(
  random: Random,
  ids: IdFactory,
  timeline: Timeline,
): AppointmentType[] {
  return SERVICES.map((service) => {
    const created = timeline.firstAppointment - random.int(60, 900) * DAY_MS;
    const createdAt = created + random.int(8 * 60, 17 * 60) * 60_000;
    // The inactive one was withdrawn when its GP left; the others were last edited at some point.
    const edited = service.fields.is_active
      ? createdAt + random.int(0, 400) * DAY_MS
      : timeline.cliniciansLeft + random.int(9 * 60, 16 * 60) * 60_000;

    const fields = service.fields;

    return {
      id: ids.next('type'),
      name: fields.name,
      description: fields.description,
      duration_minutes: fields.duration_minutes,
      price: fields.price,
      currency: fields.currency,
      color: fields.color,
      is_active: fields.is_active,
      requires_payment: fields.requires_payment,
      allow_online_booking: fields.allow_online_booking,
      booking_notice_hours: fields.booking_notice_hours,
      cancellation_notice_hours: fields.cancellation_notice_hours,
      max_group_size: fields.max_group_size,
      created_at: formatTimestamp(createdAt),
      updated_at: formatTimestamp(edited),
    };
  });
}
