import type { Random } from './random.js';

/** A mobile number in Ofcom's drama range (07700 900000–900999), never a real subscriber. */
export function generateMobile(random: Random): string {
  return `+44 7700 900${String(random.int(0, 999)).padStart(3, '0')}`;
}

/** A London number in Ofcom's drama range (020 7946 0000–0999). */
export function generateLondonLandline(random: Random): string {
  return `+44 20 7946 0${String(random.int(0, 999)).padStart(3, '0')}`;
}

/** The domain RFC 2606 reserves for examples, so nothing sent to it is ever delivered. */
export const EMAIL_DOMAIN = 'example.com';

/** An address at the reserved example domain. */
export function generateEmail(random: Random, firstName: string, lastName: string): string {
  const first = emailPart(firstName);
  const last = emailPart(lastName);
  const style = random.int(0, 2);
  if (style === 0) return `${first}.${last}@${EMAIL_DOMAIN}`;
  if (style === 1) return `${first.charAt(0)}${last}${random.int(1, 99)}@${EMAIL_DOMAIN}`;

  return `${first}${last}@${EMAIL_DOMAIN}`;
}

function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
