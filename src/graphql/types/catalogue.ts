import { isTimeZone } from '../../domain/time-zone.js';
import { builder } from '../builder.js';
import { pageArgDescriptions } from '../connection.js';
import { listPage } from '../lists.js';
import { flag, integer, text } from '../records.js';
import type { JumpRecord } from '../records.js';
import { addTimestamps } from '../references.js';
import { addItemQuery } from '../root-fields.js';
import {
  AppointmentTypeConnection,
  AppointmentTypeRef,
  ClinicianConnection,
  ClinicianRef,
  LocationConnection,
  LocationRef,
} from './refs.js';

function strings(key: string) {
  return (record: JumpRecord): string[] => {
    const value = record[key];

    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
  };
}

function money(record: JumpRecord): number | null {
  const value = record.price;

  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

builder.objectType(ClinicianRef, {
  description: 'A clinician in the practice directory (Jump’s clinicians / clinician profiles).',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (record) => record.id }),
    firstName: t.string({ resolve: text('first_name') }),
    lastName: t.string({ resolve: text('last_name') }),
    name: t.string({
      description: 'A display name: Jump’s `name` when given, else first and last name.',
      resolve: (record) =>
        text('name')(record) ??
        ([text('first_name')(record), text('last_name')(record)].filter(Boolean).join(' ') || null),
    }),
    title: t.string({ description: 'Post-nominals, e.g. "MBBS, MRCGP".', resolve: text('title') }),
    role: t.string({ resolve: text('role') }),
    specialties: t.stringList({ nullable: false, resolve: strings('specialties') }),
    bio: t.string({ resolve: text('bio') }),
    email: t.string({ resolve: text('email') }),
    phone: t.string({ resolve: text('phone') }),
    avatarUrl: t.string({
      resolve: (record) => text('avatar_url')(record) ?? text('photo_url')(record),
    }),
    isActive: t.boolean({ resolve: flag('is_active') }),
  }),
});

builder.objectType(LocationRef, {
  description: 'A practice location (branch surgery).',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (record) => record.id }),
    name: t.string({ resolve: text('name') }),
    addressLine1: t.string({ resolve: text('address_line_1') }),
    addressLine2: t.string({ resolve: text('address_line_2') }),
    city: t.string({ resolve: (record) => text('city')(record) ?? text('town_city')(record) }),
    postcode: t.string({ resolve: text('postcode') }),
    country: t.string({ resolve: text('country') }),
    phone: t.string({ resolve: text('phone') }),
    email: t.string({ resolve: text('email') }),
    timeZone: t.string({
      nullable: false,
      description:
        'IANA time zone of the location; the practice’s zone (PRACTICE_TIME_ZONE, Europe/London by default) when Jump names none or one that does not exist.',
      resolve: (record, _args, context) => {
        const zone = text('timezone')(record);

        return zone !== null && isTimeZone(zone) ? zone : context.practiceTimeZone;
      },
    }),
    isActive: t.boolean({ resolve: flag('is_active') }),
  }),
});

builder.objectType(AppointmentTypeRef, {
  description: 'A bookable service: duration, price and booking rules.',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (record) => record.id }),
    name: t.string({ resolve: text('name') }),
    description: t.string({ resolve: text('description') }),
    durationMinutes: t.int({ resolve: integer('duration_minutes') }),
    price: t.float({ description: 'In `currency`, e.g. 75.0 GBP.', resolve: money }),
    currency: t.string({ description: 'ISO 4217 code, e.g. GBP.', resolve: text('currency') }),
    color: t.string({ resolve: text('color') }),
    isActive: t.boolean({ resolve: flag('is_active') }),
    requiresPayment: t.boolean({ resolve: flag('requires_payment') }),
    allowOnlineBooking: t.boolean({ resolve: flag('allow_online_booking') }),
    bookingNoticeHours: t.int({
      description: 'Minimum hours between booking and the start.',
      resolve: integer('booking_notice_hours'),
    }),
    cancellationNoticeHours: t.int({ resolve: integer('cancellation_notice_hours') }),
    maxGroupSize: t.int({ resolve: integer('max_group_size') }),
  }),
});

for (const ref of [ClinicianRef, LocationRef, AppointmentTypeRef]) {
  addTimestamps(ref);
}

addItemQuery('clinician', ClinicianRef, 'clinician', 'read_clinicians', 'clinician');
addItemQuery('location', LocationRef, 'location', 'read_locations', 'location');
addItemQuery(
  'appointmentType',
  AppointmentTypeRef,
  'appointmentType',
  'read_appointment_types',
  'appointment type',
);

builder.queryFields((t) => {
  const args = {
    first: t.arg.int({ description: pageArgDescriptions.first }),
    after: t.arg.string({ description: pageArgDescriptions.after }),
  };

  return {
    clinicians: t.field({
      type: ClinicianConnection,
      requiresScope: 'read_clinicians',
      description: 'The practice’s clinicians.',
      args,
      resolve: (_root, pageArgs, context) => listPage(context, 'clinician', pageArgs),
    }),
    locations: t.field({
      type: LocationConnection,
      requiresScope: 'read_locations',
      description: 'The practice’s locations.',
      args,
      resolve: (_root, pageArgs, context) => listPage(context, 'location', pageArgs),
    }),
    appointmentTypes: t.field({
      type: AppointmentTypeConnection,
      requiresScope: 'read_appointment_types',
      description: 'The services that can be booked.',
      args,
      resolve: (_root, pageArgs, context) => listPage(context, 'appointmentType', pageArgs),
    }),
  };
});
