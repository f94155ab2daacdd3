import type { Clinician } from '../records.js';
import { DAY_MS, formatTimestamp } from '../calendar.js';
import { generateLondonLandline } from './contact-details.js';
import type { IdFactory } from './ids.js';
import type { Random } from './random.js';
import { TIMELINE } from './timeline.js';

type ClinicianProfile = Pick<
  Clinician,
  'first_name' | 'last_name' | 'title' | 'role' | 'specialties' | 'bio' | 'is_active'
>;

const GP = 'General Practitioner';

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
    bio: 'Salaried GP; retired from clinical work at the practice in 2025.',
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
    role: 'Practice Nurse',
    specialties: ['Chronic Disease Management', 'Immunisations'],
    bio: 'Runs asthma, blood pressure and travel vaccination clinics.',
    is_active: true,
  },
  {
    first_name: 'Aisha',
    last_name: 'Rahman',
    title: 'RN, MSc, NMP',
    role: 'Advanced Nurse Practitioner',
    specialties: ['Minor Illness', 'Respiratory'],
    bio: 'Independent prescriber seeing same-day minor illness appointments.',
    is_active: true,
  },
  {
    first_name: 'Tomasz',
    last_name: 'Nowak',
    title: 'BSc (Hons) Physiotherapy, MCSP',
    role: 'Physiotherapist',
    specialties: ['Musculoskeletal', 'Sports Injuries'],
    bio: 'First-contact physiotherapist for back, joint and sports injuries.',
    is_active: true,
  },
  {
    first_name: 'Grace',
    last_name: 'Lin',
    title: 'MPharm, IP',
    role: 'Clinical Pharmacist',
    specialties: ['Medication Review', 'Hypertension'],
    bio: 'Carries out structured medication reviews and hypertension follow-up.',
    is_active: true,
  },
];

export function generateClinicians(random: Random, ids: IdFactory): Clinician[] {
  return PROFILES.map((profile) => {
    const joined = TIMELINE.firstRegistration - random.int(30, 900) * DAY_MS;
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
      email: `${first}.${last}@example.nhs.uk`,
      phone: generateLondonLandline(random),
      avatar_url: null,
      is_active: profile.is_active,
      created_at: createdAt,
      updated_at: createdAt,
    };
  });
}

/** Whether the clinician still worked at the practice on a day (the inactive ones have left). */
export function clinicianWorksOn(clinician: Clinician, dayMs: number): boolean {
  return clinician.is_active || dayMs < TIMELINE.cliniciansLeft;
}

const PRESCRIBING_ROLES = new Set([GP, 'Advanced Nurse Practitioner', 'Clinical Pharmacist']);

/** Clinicians who may sign a prescription: the GPs and the independent prescribers. */
export function isPrescriber(clinician: Clinician): boolean {
  return PRESCRIBING_ROLES.has(clinician.role);
}

/** How a booking screen names the clinician: "Dr Sarah Bennett" for a GP, else the bare name. */
export function clinicianDisplayName(clinician: Clinician): string {
  const name = `${clinician.first_name} ${clinician.last_name}`;

  return clinician.role === GP ? `Dr ${name}` : name;
}
