import { DAY_MS, formatTimestamp } from '../calendar.js';
import type { Location } from '../records.js';
import { generatePostcode } from './addresses.js';
import { EMAIL_DOMAIN, generateLondonLandline } from './contact-details.js';
import type { IdFactory } from './ids.js';
import type { Random } from './random.js';
import type { Timeline } from './timeline.js';

interface Branch {
  name: string;
  street: string;
  outwardCode: string;
  mailbox: string;
  is_active: boolean;
}

// One practice with a main surgery and two branches in south London; the Brixton branch closed.
const BRANCHES: readonly Branch[] = [
  {
    name: 'Kennington Medical Centre',
    street: '112 Kennington Road',
    outwardCode: 'SE11',
    mailbox: 'reception',
    is_active: true,
  },
  {
    name: 'Clapham Branch Surgery',
    street: '38 Northcote Road',
    outwardCode: 'SW11',
    mailbox: 'clapham',
    is_active: true,
  },
  {
    name: 'Brixton Hill Clinic',
    street: '7 Brixton Hill',
    outwardCode: 'SW2',
    mailbox: 'brixton',
    is_active: false,
  },
];

export function generateLocations(random: Random, ids: IdFactory, timeline: Timeline): Location[] {
  return BRANCHES.map((branch) => {
    const opened = timeline.firstRegistration - random.int(400, 1500) * DAY_MS;
    const createdAt = formatTimestamp(opened + random.int(8 * 60, 17 * 60) * 60_000);

    return {
      id: ids.next('loc'),
      name: branch.name,
      address_line_1: branch.street,
      address_line_2: null,
      city: 'London',
      postcode: generatePostcode(random, branch.outwardCode),
      country: 'United Kingdom',
      phone: generateLondonLandline(random),
      email: `${branch.mailbox}@${EMAIL_DOMAIN}`,
      is_active: branch.is_active,
      timezone: 'Europe/London',
      created_at: createdAt,
      updated_at: createdAt,
    };
  });
}
