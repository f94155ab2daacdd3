import { DAY_MS, formatTimestamp, londonInstant } from './calendar.js';
import { clinicianDisplayName } from './data/clinicians.js';
import { isBankHoliday } from './data/working-days.js';
import { compareText } from './record-table.js';
import type { AppointmentType, Clinician, ClinicianSession, Location } from './records.js';
import { WEEKDAYS } from './records.js';
import type { SandboxStore } from './store.js';

const HOUR_MS = 3_600_000;

export interface SlotSearch {
  type: AppointmentType;
  /** The first London calendar day, as UTC midnight (what `parseCalendarDate` gives). */
  firstDay: number;
  /** The last London calendar day, included. */
  lastDay: number;
  clinicianId?: string;
  locationId?: string;
  isRemote?: boolean;
}

/** A slot a session gives, whoever may already have taken it. */
export interface SessionSlot {
  /** Epoch milliseconds. */
  start: number;
  end: number;
  clinician: Clinician;
  /** Null when the session is remote. */
  location: Location | null;
}

/** A free slot as the OLDER `GET /availability` lists it (jump-api.md §3.10). */
export interface AvailableSlot {
  start_time: string;
  end_time: string;
  clinician_id: string;
  clinician_name: string;
  location_id: string | null;
  location_name: string | null;
  is_remote: boolean;
}

/**
 * The slots that can be booked online now: those the sessions give, starting no earlier than the
 * type's notice allows, that no appointment (cancelled ones aside) or live hold of the clinician
 * overlaps. Sorted by start, then clinician id.
 */
export function findAvailableSlots(
  store: SandboxStore,
  search: SlotSearch,
  now: number,
): AvailableSlot[] {
  const earliest = earliestBookableStart(search.type, now);
  const slots = sessionSlots(store, search).filter((slot) => slot.start >= earliest);
  const busy = busyTimes(store, slots, now);

  return slots
    .filter((slot) => !overlapsAny(busy.get(slot.clinician.id), slot))
    .map(toAvailableSlot);
}

/**
 * Every slot the rota gives for the type on the London days searched: back to back from each
 * session's start, each the type's length and wholly inside the session, counted in real time so
 * a session across a clock change gives the slots its real length holds. Only sessions offering
 * the type, of clinicians still working at open locations, and matching the filters count; bank
 * holidays have none.
 */
export function sessionSlots(store: SandboxStore, search: SlotSearch): SessionSlot[] {
  const slots: SessionSlot[] = [];
  for (let day = search.firstDay; day <= search.lastDay; day += DAY_MS) {
    if (isBankHoliday(day)) continue;

    const weekday = WEEKDAYS[new Date(day).getUTCDay()];
    for (const session of store.listSessions({ clinicianId: search.clinicianId, weekday })) {
      const place = placeOf(store, session, search);
      if (place) slots.push(...slotsIn(session, day, search.type.duration_minutes, place));
    }
  }

  return slots.sort(byStartThenClinician);
}

/** The first instant a slot of the type may start at, given its `booking_notice_hours`. */
export function earliestBookableStart(type: AppointmentType, now: number): number {
  return now + type.booking_notice_hours * HOUR_MS;
}

/** Why the type cannot be booked online, or undefined when it can. */
export function onlineBookingProblem(type: AppointmentType): string | undefined {
  if (!type.is_active) return 'it is no longer offered';

  return type.allow_online_booking ? undefined : 'the practice books it directly';
}

export function toAvailableSlot(slot: SessionSlot): AvailableSlot {
  return {
    start_time: formatTimestamp(slot.start),
    end_time: formatTimestamp(slot.end),
    clinician_id: slot.clinician.id,
    clinician_name: clinicianDisplayName(slot.clinician),
    location_id: slot.location?.id ?? null,
    location_name: slot.location?.name ?? null,
    is_remote: slot.location === null,
  };
}

type Place = Pick<SessionSlot, 'clinician' | 'location'>;

/** Who and where the session is, when it counts for the search; else undefined. */
function placeOf(
  store: SandboxStore,
  session: ClinicianSession,
  search: SlotSearch,
): Place | undefined {
  const { type, locationId, isRemote } = search;
  if (!session.appointment_type_ids.includes(type.id)) return undefined;

  if (isRemote !== undefined && session.is_remote !== isRemote) return undefined;

  if (locationId !== undefined && session.location_id !== locationId) return undefined;

  const clinician = store.getClinician(session.clinician_id);
  if (!clinician?.is_active) return undefined;

  if (session.is_remote) return { clinician, location: null };

  const location = session.location_id ? store.getLocation(session.location_id) : undefined;

  return location?.is_active ? { clinician, location } : undefined;
}

function slotsIn(
  session: ClinicianSession,
  day: number,
  durationMinutes: number,
  place: Place,
): SessionSlot[] {
  const length = durationMinutes * 60_000;
  const opens = londonInstant(day, minutesOf(session.start_time));
  const closes = londonInstant(day, minutesOf(session.end_time));
  const slots: SessionSlot[] = [];
  for (let start = opens; start + length <= closes; start += length) {
    slots.push({ start, end: start + length, ...place });
  }

  return slots;
}

type Span = readonly [start: number, end: number];

/** What each clinician is already taken for over the slots' span, by appointment or live hold. */
function busyTimes(
  store: SandboxStore,
  slots: readonly SessionSlot[],
  now: number,
): Map<string, Span[]> {
  const busy = new Map<string, Span[]>();
  if (slots.length === 0) return busy;

  const from = slots[0]?.start ?? 0;
  const to = slots.reduce((latest, slot) => Math.max(latest, slot.end), from);
  const add = (clinicianId: string, startTime: string, endTime: string) => {
    const span = [Date.parse(startTime), Date.parse(endTime)] as const;
    if (span[0] >= to || span[1] <= from) return;

    const spans = busy.get(clinicianId);
    if (spans) spans.push(span);
    else busy.set(clinicianId, [span]);
  };
  for (const appointment of store.appointments) {
    if (appointment.status === 'cancelled') continue;

    add(appointment.clinician_profile_id, appointment.start_time, appointment.end_time);
  }
  for (const hold of store.listHolds({ liveAt: now })) {
    add(hold.clinician_id, hold.start_time, hold.end_time);
  }

  return busy;
}

/** Spans that only touch (one ends as the other starts) do not overlap. */
function overlapsAny(spans: readonly Span[] | undefined, slot: SessionSlot): boolean {
  return spans?.some(([start, end]) => start < slot.end && slot.start < end) ?? false;
}

/** `HH:MM` as minutes past midnight. */
function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

function byStartThenClinician(a: SessionSlot, b: SessionSlot): number {
  return a.start - b.start || compareText(a.clinician.id, b.clinician.id);
}
