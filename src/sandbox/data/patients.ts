import { DAY_MS, formatCalendarDate, formatTimestamp } from '../calendar.js';
import type { Gender, Patient } from '../records.js';
import { generateAddress } from './addresses.js';
import { generateEmail, generateMobile } from './contact-details.js';
import type { IdFactory } from './ids.js';
import { pickFirstName, pickSurname } from './names.js';
import { generateTestNhsNumber } from './nhs-number.js';
import type { Random, Weighted } from './random.js';
import type { Timeline } from './timeline.js';

const GENDERS: readonly Weighted<Gender>[] = [
  ['female', 49],
  ['male', 49],
  ['other', 2],
];

const CONTACT_PREFERENCES = ['email', 'email', 'sms', 'phone', 'post'] as const;

/**
 * Synthetic patients in registration order; each registered after birth and at least six months
 * before the anchor. Every patient takes the same draws whatever the anchor, so moving it moves
 * their dates but keeps who they are.
 */
export function generatePatients(
  random: Random,
  ids: IdFactory,
  count: number,
  timeline: Timeline,
): Patient[] {
  const nhsNumbers = new Set<string>();
  const patients = Array.from({ length: count }, () =>
    generatePatient(random, ids, nhsNumbers, timeline),
  );

  return patients.sort(
    (a, b) => a.created_at.localeCompare(b.created_at) || (a.id < b.id ? -1 : 1),
  );
}

function generatePatient(
  random: Random,
  ids: IdFactory,
  nhsNumbers: Set<string>,
  timeline: Timeline,
): Patient {
  const gender = random.weighted(GENDERS);
  const firstName = pickFirstName(random, gender);
  const lastName = pickSurname(random);
  const born = randomDay(random, timeline.firstBirth, timeline.lastBirth);
  const registered = randomDay(
    random,
    Math.max(born, timeline.firstRegistration),
    timeline.lastRegistration,
  );
  const createdAt = registered + randomWorkingMinute(random) * 60_000;
  const updatedAt = random.chance(0.4)
    ? createdAt
    : randomInstant(random, createdAt, timeline.asOf);

  return {
    id: ids.next('pat'),
    first_name: firstName,
    last_name: lastName,
    date_of_birth: formatCalendarDate(born),
    nhs_number: generateTestNhsNumber(random, nhsNumbers),
    email: generateEmail(random, firstName, lastName),
    phone: generateMobile(random),
    ...generateAddress(random),
    country: 'United Kingdom',
    gender,
    custom_fields: {
      preferred_contact: random.pick(CONTACT_PREFERENCES),
      marketing_consent: random.chance(0.35),
    },
    archived_at: null,
    archived_by: null,
    archive_reason: null,
    archive_notes: null,
    created_at: formatTimestamp(createdAt),
    updated_at: formatTimestamp(updatedAt),
  };
}

/** UTC midnight of a day between `first` and `last`, both included. */
export function randomDay(random: Random, first: number, last: number): number {
  return first + random.int(0, Math.floor((last - first) / DAY_MS)) * DAY_MS;
}

/** Minutes past midnight between 08:00 and 18:00. */
export function randomWorkingMinute(random: Random): number {
  return random.int(8 * 60, 18 * 60 - 1);
}

function randomInstant(random: Random, from: number, before: number): number {
  return from + Math.floor(random.next() * (before - from));
}
