import type {
  AppointmentType,
  Clinician,
  ClinicianSession,
  Location,
  Weekday,
} from '../records.js';
import { WEEKDAYS } from '../records.js';
import { SERVICES } from './appointment-types.js';
import type { IdFactory } from './ids.js';
import type { Random } from './random.js';

export interface SessionContext {
  random: Random;
  ids: IdFactory;
  clinicians: readonly Clinician[];
  locations: readonly Location[];
  /** In `SERVICES` order, as `generateAppointmentTypes` makes them. */
  appointmentTypes: readonly AppointmentType[];
}

/** Where a session is held: the main surgery, the branch, or by video from anywhere. */
type Place = 'main' | 'branch' | 'remote';

interface RotaEntry {
  weekday: Weekday;
  start: string;
  end: string;
  place: Place;
}

type Rota = (random: Random) => RotaEntry[];

const WORKING_WEEK: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

// A GP works two surgeries a day, one day of the week at the branch, and does one afternoon a week
// by video instead of in person.
const gpWeek: Rota = (random) => {
  const branchDay = random.pick(WORKING_WEEK);
  const videoDay = random.pick(WORKING_WEEK);

  return WORKING_WEEK.flatMap((weekday) => {
    const site: Place = weekday === branchDay ? 'branch' : 'main';

    return [
      { weekday, start: '08:30', end: '12:30', place: site },
      { weekday, start: '14:00', end: '18:00', place: weekday === videoDay ? 'remote' : site },
    ];
  });
};

// The practice nurse runs a clinic every morning and two short afternoon clinics a week.
const practiceNurseWeek: Rota = (random) => {
  const branchDay = random.pick(WORKING_WEEK);
  const afternoons = pickDays(random, 2);

  return WORKING_WEEK.flatMap((weekday) => {
    const site: Place = weekday === branchDay ? 'branch' : 'main';
    const morning = { weekday, start: '08:30', end: '13:00', place: site };
    if (!afternoons.includes(weekday)) return [morning];

    return [morning, { weekday, start: '14:00', end: '16:30', place: site }];
  });
};

// The nurse practitioner works four days at the main surgery.
const nursePractitionerWeek: Rota = (random) => {
  const dayOff = random.pick(WORKING_WEEK);

  return WORKING_WEEK.filter((weekday) => weekday !== dayOff).flatMap((weekday) => [
    { weekday, start: '08:30', end: '12:30', place: 'main' as const },
    { weekday, start: '13:30', end: '16:30', place: 'main' as const },
  ]);
};

// The physiotherapist is at the branch three days a week.
const physiotherapistWeek: Rota = (random) =>
  pickDays(random, 3).flatMap((weekday) => [
    { weekday, start: '09:00', end: '13:00', place: 'branch' as const },
    { weekday, start: '14:00', end: '17:00', place: 'branch' as const },
  ]);

// The pharmacist's reviews are booked by the practice, so these sessions offer nothing online.
const pharmacistWeek: Rota = (random) =>
  pickDays(random, 2).map((weekday) => ({
    weekday,
    start: '09:00',
    end: '13:00',
    place: 'main' as const,
  }));

const ROTAS: ReadonlyMap<string, Rota> = new Map([
  ['General Practitioner', gpWeek],
  ['Practice Nurse', practiceNurseWeek],
  ['Advanced Nurse Practitioner', nursePractitionerWeek],
  ['Physiotherapist', physiotherapistWeek],
  ['Clinical Pharmacist', pharmacistWeek],
]);

/**
 * The weekly rota the practice runs now, on a London clock, for every active clinician (those
 * who have left work no sessions). Each session offers the active appointment types the
 * clinician's role runs (`Service.roles`): remote types only in remote sessions, in-person types
 * only at a surgery. The generated appointments fall on working days in the same surgery hours
 * (08:00 to 18:30) but are not laid out from this rota, so not every one sits in a session.
 */
export function generateSessions(context: SessionContext): ClinicianSession[] {
  const sites = placesOf(context.locations);

  return context.clinicians.flatMap((clinician) => {
    const rota = ROTAS.get(clinician.role);
    if (!clinician.is_active || !rota) return [];

    return rota(context.random)
      .sort(byWeekdayThenStart)
      .flatMap((entry) => {
        const isRemote = entry.place === 'remote';
        const location = entry.place === 'remote' ? null : sites[entry.place];
        if (location === undefined) return [];

        return [
          {
            id: context.ids.next('ses'),
            clinician_id: clinician.id,
            weekday: entry.weekday,
            start_time: entry.start,
            end_time: entry.end,
            location_id: location?.id ?? null,
            is_remote: isRemote,
            appointment_type_ids: offeredTypes(context.appointmentTypes, clinician.role, isRemote),
          },
        ];
      });
  });
}

function placesOf(locations: readonly Location[]): Record<'main' | 'branch', Location | undefined> {
  const open = locations.filter((location) => location.is_active);

  return { main: open[0], branch: open[1] ?? open[0] };
}

function offeredTypes(
  types: readonly AppointmentType[],
  role: string,
  isRemote: boolean,
): string[] {
  return SERVICES.flatMap((service, index) => {
    const type = types[index];
    const runs = service.roles.includes(role) && service.remote === isRemote;

    return type?.is_active && runs ? [type.id] : [];
  });
}

/** `count` different working days, in week order. */
function pickDays(random: Random, count: number): Weekday[] {
  const left = [...WORKING_WEEK];
  const picked: Weekday[] = [];
  while (picked.length < count && left.length > 0) {
    const day = random.pick(left);
    picked.push(day);
    left.splice(left.indexOf(day), 1);
  }

  return picked.sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
}

function byWeekdayThenStart(a: RotaEntry, b: RotaEntry): number {
  return (
    WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.start.localeCompare(b.start)
  );
}
