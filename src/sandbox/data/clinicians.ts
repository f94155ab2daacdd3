import type { Clinician } from '../records.js';
import { DAY_MS, formatTimestamp } from '../calendar.js';
import { EMAIL_DOMAIN, generateLondonLandline } from './contact-details.js';
import type { IdFactory } from './ids.js';
import type { Random } from './random.js';
import type { Timeline } from './timeline.js';

type ClinicianProfile = Pick<
  Clinician,
  'first_name' | 'last_name' | 'title' | 'role' | 'specialties' | 'bio' | 'is_active'
>;

/** The roles the practice's clinicians work in, as `Clinician.role` names them. */
export const ROLES = {
  gp: 'General Practitioner',
  practiceNurse: 'Practice Nurse',
  nursePractitioner: 'Advanced Nurse Practitioner',
  physiotherapist: 'Physiotherapist',
  pharmacist: 'Clinical Pharmacist',
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];

const GP = ROLES.gp;

const PROFILES: readonly ClinicianProfile[] = [
  {
    first_name: 'Sarah',
    last_name: 'Bennett',
    title: 'MBBS, MRCGP',
    role: GP,
    specialties: ['General Practice', "Women's Health"],
    bio: 'GP partner with a special interest in menopause care and contraception.',
    is_active: true,
  },
  {
    first_name: 'Rajesh',
    last_name: 'Patel',
    title: 'MBChB, MRCGP, DRCOG',
    role: GP,
    specialties: ['General Practice', 'Diabetes'],
    bio: 'Leads the practice diabetes clinic and chronic disease reviews.',
    is_active: true,
  },
  {
    first_name: 'Eleanor',
    last_name: 'Hughes',
    title: 'BM BCh, MRCGP',
    role: GP,
    specialties: ['General Practice', 'Mental Health'],
    bio: 'Salaried GP, now retired from clinical work at the practice.',
    is_active: false,
  },
  {
    first_name: 'Kwame',
    last_name: 'Mensah',
    title: 'MBBS, MRCGP, DCH',
    role: GP,
    specialties: ['General Practice', 'Paediatrics'],
    bio: 'GP with a background in paediatrics who runs the baby and child clinics.',
    is_active: true,
  },
  {
    first_name: 'Fiona',
    last_name: 'MacLeod',
    title: 'RGN, BSc (Hons)',
    role: ROLES.practiceNurse,
    specialties: ['Chronic Disease Management', 'Immunisations'],
    bio: 'Runs asthma, blood pressure and travel vaccination clinics.',
    is_active: true,
  },
  {
    first_name: 'Aisha',
    last_name: 'Rahman',
    title: 'RN, MSc, NMP',
    role: ROLES.nursePractitioner,
    specialties: ['Minor Illness', 'Respiratory'],
    bio: 'Independent prescriber seeing same-day minor illness appointments.',
    is_active: true,
  },
  {
    first_name: 'Tomasz',
    last_name: 'Nowak',
    title: 'BSc (Hons) Physiotherapy, MCSP',
    role: ROLES.physiotherapist,
    specialties: ['Musculoskeletal', 'Sports Injuries'],
    bio: 'First-contact physiotherapist for back, joint and sports injuries.',
    is_active: true,
  },
  {
    first_name: 'Grace',
    last_name: 'Lin',
    title: 'MPharm, IP',
    role: ROLES.pharmacist,
    specialties: ['Medication Review', 'Hypertension'],
    bio: 'Carries out structured medication reviews and hypertension follow-up.',
    is_active: true,
  },
];

export function generateClinicians(
  random: Random,
  ids: IdFactory,
  timeline: Timeline,
): Clinician[] {
  return PROFILES.map((profile) => {
    const joined = timeline.firstRegistration - random.int(30, 900) * DAY_MS;
    const createdAt = formatTimestamp(joined + random.int(8 * 60, 17 * 60) * 60_000);
    const first = profile.first_name.toLowerCase();
    const last = profile.last_name.toLowerCase();

    return {
      id: ids.next('cli'),
      user_id: ids.next('usr'),
      first_name: profile.first_name,
      last_name: profile.last_name,
      title: profile.title,
      role: profile.role,
      specialties: profile.specialties,
      bio: profile.bio,
      email: `${first}.${last}@${EMAIL_DOMAIN}`,
      phone: generateLondonLandline(random),
      avatar_url: null,
      is_active: profile.is_active,
      created_at: createdAt,
      updated_at: createdAt,
    };
  });
}

/** Whether the clinician still worked at the practice on a day (the inactive ones have left). */
export function clinicianWorksOn(clinician: Clinician, dayMs: number, timeline: Timeline): boolean {
  return clinician.is_active || dayMs < timeline.cliniciansLeft;
}

const PRESCRIBING_ROLES = new Set<string>([GP, ROLES.nursePractitioner, ROLES.pharmacist]);

/** Clinicians who may sign a prescription: the GPs and the independent prescribers. */
export function isPrescriber(clinician: Clinician): boolean {
  return PRESCRIBING_ROLES.has(clinician.role);
}

/** How a booking screen names the clinician: "Dr Sarah Bennett" for a GP, else the bare name. */
export function clinicianDisplayName(clinician: Clinician): string {
  const name = `${clinician.first_name} ${clinician.last_name}`;

  return clinician.role === GP ? `Dr ${name}` : name;
}
