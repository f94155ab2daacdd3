import { toLocalTime } from '../../src/domain/time-zone.js';
import type { AvailableSlot } from '../../src/sandbox/availability.js';
import {
  WEEKDAYS,
  type AppointmentType,
  type Clinician,
  type ClinicianSession,
  type Hold,
  type Weekday,
} from '../../src/sandbox/records.js';
import type { SandboxStore } from '../../src/sandbox/store.js';
import type { ErrorBody, ItemBody } from '../support/sandbox-http.js';

export type SlotsBody = ItemBody<AvailableSlot[]> & ErrorBody;
export type HoldBody = ItemBody<Hold> & ErrorBody;

/**
 * An anchor for sandboxes whose clock runs in 2027: its twelve weeks of seeded appointments end in
 * March 2026, so every rota slot in the weeks these tests book is free unless a test takes it.
 */
export const EMPTY_DIARY_ANCHOR = '2026-01-05';

/** The generated appointment types by what they are, named as the catalogue names them. */
export const TYPE_NAMES = {
  gp: 'GP consultation',
  gpExtended: 'Extended GP consultation',
  nurse: 'Practice nurse appointment',
  bloods: 'Blood test',
  physio: 'Physiotherapy assessment',
  video: 'Video GP consultation',
  travel: 'Travel clinic',
  minorSurgery: 'Minor surgery clinic',
} as const;

export function typeOf(store: SandboxStore, key: keyof typeof TYPE_NAMES): AppointmentType {
  const type = store.appointmentTypes.find((candidate) => candidate.name === TYPE_NAMES[key]);
  if (!type) throw new Error(`No appointment type named ${TYPE_NAMES[key]}`);

  return type;
}

export function activeWithRole(store: SandboxStore, role: string): Clinician[] {
  return store.clinicians.filter((clinician) => clinician.is_active && clinician.role === role);
}

export const GP = 'General Practitioner';

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? 'sunday';
}

/** The clinician's session on that date's weekday that starts at `start` (`HH:MM`). */
export function sessionAt(
  store: SandboxStore,
  clinicianId: string,
  date: string,
  start: string,
): ClinicianSession {
  const session = store
    .listSessions({ clinicianId, weekday: weekdayOf(date) })
    .find((candidate) => candidate.start_time === start);
  if (!session) throw new Error(`${clinicianId} has no session at ${start} on ${date}`);

  return session;
}

/**
 * `HH:MM` on a London clock as UTC, with the offset the test states (0 in GMT, 1 in BST) rather
 * than one the sandbox's own conversion works out.
 */
export function utc(date: string, time: string, offsetHours: 0 | 1): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  const ms = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, (hours ?? 0) - offsetHours, minutes);

  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The UTC starts of back-to-back slots of `minutes` wholly inside `start`–`end` on a day. */
export function slotStarts(
  date: string,
  [start, end]: readonly [string, string],
  minutes: number,
  offsetHours: 0 | 1,
): string[] {
  const first = Date.parse(utc(date, start, offsetHours));
  const last = Date.parse(utc(date, end, offsetHours));
  const starts: string[] = [];
  for (let at = first; at + minutes * 60_000 <= last; at += minutes * 60_000) {
    starts.push(`${new Date(at).toISOString().slice(0, 19)}Z`);
  }

  return starts;
}

export function query(params: Record<string, string | undefined>): string {
  const defined = Object.entries(params).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );

  return new URLSearchParams(defined).toString();
}

// The facade's Intl-based conversion, not the sandbox's own arithmetic, so tests check it.
/** A UTC slot time as the local date and `HH:MM` a booking widget shows and holds. */
export function londonClock(timestamp: string): { date: string; time: string } {
  return toLocalTime(new Date(timestamp), 'Europe/London');
}
