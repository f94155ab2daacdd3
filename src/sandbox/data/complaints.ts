import { ROLES, type Role } from './clinicians.js';

/** What a patient came about, and what the clinician wrote. */
export interface Complaint {
  kind: 'symptom' | 'check_up' | 'follow_up';
  chief_complaint: string;
  /** The clinicians who see it: a physiotherapist sees joints and backs, not sore throats. */
  roles: readonly Role[];
  summary: string;
  /** Needs the patient in the room (an examination), so never used for remote consultations. */
  examined: boolean;
  minAge?: number;
  maxAge?: number;
}

const GP = ROLES.gp;
const NURSE = ROLES.practiceNurse;
const NP = ROLES.nursePractitioner;
const PHYSIO = ROLES.physiotherapist;
const PHARMACIST = ROLES.pharmacist;

export const COMPLAINTS: readonly Complaint[] = [
  {
    kind: 'symptom',
    chief_complaint: 'Persistent dry cough for three weeks',
    roles: [GP, NP],
    summary:
      'Chest clear on auscultation, no red flags. Likely post-viral cough. Safety-netting advice given; review if not settling in three weeks.',
    examined: true,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Sore throat and fever',
    roles: [GP, NP],
    summary:
      'Tonsils inflamed without exudate, FeverPAIN score 2. Self-care and analgesia advised; antibiotics not indicated.',
    examined: true,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Lower back pain after lifting',
    roles: [GP],
    summary:
      'Mechanical lower back pain with no neurological deficit or red flags. Advised to keep active with simple analgesia; physiotherapy self-referral details given.',
    examined: true,
    minAge: 16,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Headaches for two weeks',
    roles: [GP],
    summary:
      'Tension-type pattern with normal neurological examination and blood pressure. Headache diary and sleep advice given.',
    examined: true,
    minAge: 8,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Itchy rash on both forearms',
    roles: [GP, NP],
    summary:
      'Appearance consistent with contact dermatitis. Emollients and a short course of mild topical steroid; avoid the suspected irritant.',
    examined: true,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Burning when passing urine',
    roles: [GP, NP],
    summary:
      'Symptoms consistent with uncomplicated lower urinary tract infection. Three-day antibiotic course prescribed with advice to return if no better.',
    examined: false,
    minAge: 16,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Ear pain and muffled hearing',
    roles: [GP, NP],
    summary:
      'Right tympanic membrane dull and bulging, consistent with acute otitis media. Analgesia advised; review if no improvement in three days.',
    examined: true,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Low mood and poor sleep',
    roles: [GP],
    summary:
      'PHQ-9 score 12, no thoughts of self-harm. Discussed talking therapies self-referral; follow-up booked in two weeks.',
    examined: false,
    minAge: 14,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Heartburn after meals',
    roles: [GP, NP],
    summary:
      'Symptoms consistent with gastro-oesophageal reflux with no alarm features. Lifestyle advice and a four-week trial of a proton pump inhibitor.',
    examined: false,
    minAge: 18,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Knee pain when climbing stairs',
    roles: [GP],
    summary:
      'Findings consistent with patellofemoral pain. Home exercise programme provided and physiotherapy offered.',
    examined: true,
    minAge: 12,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Sneezing and itchy eyes every summer',
    roles: [GP, NP],
    summary:
      'Seasonal allergic rhinitis. Non-sedating antihistamine and a steroid nasal spray advised.',
    examined: false,
    minAge: 4,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Dizziness on standing',
    roles: [GP],
    summary:
      'Postural drop of 20 mmHg systolic. Medication review completed and fluid intake advice given.',
    examined: true,
    minAge: 60,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Fever and cough for two days',
    roles: [GP, NP],
    summary:
      'Alert and well hydrated, chest clear, no signs of serious illness. Fever advice given to parents with clear safety-netting.',
    examined: true,
    maxAge: 12,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Vomiting and diarrhoea since yesterday',
    roles: [GP, NP],
    summary:
      'Keeping fluids down and passing urine normally, no blood in stools. Oral rehydration advice given with safety-netting.',
    examined: false,
    maxAge: 12,
  },
  {
    kind: 'check_up',
    chief_complaint: 'NHS Health Check',
    roles: [NURSE],
    summary:
      'Blood pressure 128/82, BMI 26.4, QRISK3 6%. Lifestyle advice given and routine bloods requested.',
    examined: true,
    // The programme invites people aged 40 to 74.
    minAge: 40,
    maxAge: 74,
  },
  {
    kind: 'check_up',
    chief_complaint: 'Blood pressure check',
    roles: [GP, NURSE, PHARMACIST],
    summary: 'Average home reading 134/84. No change to management; recheck in six months.',
    examined: false,
    minAge: 30,
  },
  {
    kind: 'check_up',
    chief_complaint: 'Baby check',
    roles: [GP],
    summary:
      'Growth following the centile line and development appropriate for age. Immunisations up to date.',
    examined: true,
    maxAge: 2,
  },
  {
    kind: 'check_up',
    chief_complaint: 'Asthma annual review',
    roles: [GP, NURSE, NP],
    summary:
      'Asthma Control Test score 22, inhaler technique checked. Personalised asthma action plan updated.',
    examined: false,
    minAge: 5,
  },
  {
    kind: 'check_up',
    chief_complaint: 'Diabetes annual review',
    roles: [GP, NURSE],
    summary: 'HbA1c 52 mmol/mol, foot check normal, eGFR stable. Continue current metformin dose.',
    examined: true,
    minAge: 30,
  },
  {
    kind: 'check_up',
    chief_complaint: 'Travel health advice',
    roles: [NURSE],
    summary: 'Destination-specific advice given; hepatitis A and typhoid vaccinations recommended.',
    examined: false,
    minAge: 1,
  },
  {
    kind: 'follow_up',
    chief_complaint: 'Review of blood test results',
    roles: [GP, NP],
    summary:
      'Full blood count, renal and liver function within normal limits. Results explained; no further action.',
    examined: false,
    minAge: 16,
  },
  {
    kind: 'follow_up',
    chief_complaint: 'Review of blood pressure medication',
    roles: [GP, PHARMACIST],
    summary: 'Tolerating amlodipine well, blood pressure 132/80. Continue the current dose.',
    examined: false,
    minAge: 35,
  },
  {
    kind: 'follow_up',
    chief_complaint: 'Wound check after minor surgery',
    roles: [GP, NURSE],
    summary: 'Wound healing well with no signs of infection. Sutures removed.',
    examined: true,
  },
  {
    kind: 'follow_up',
    chief_complaint: 'Follow-up of low mood',
    roles: [GP],
    summary:
      'Mood improving and PHQ-9 down to 7. Continuing talking therapy; review in four weeks.',
    examined: false,
    minAge: 14,
  },
  {
    kind: 'follow_up',
    chief_complaint: 'Follow-up of chest infection',
    roles: [GP, NP],
    summary: 'Symptoms resolved and chest clear. No further follow-up needed.',
    examined: true,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Lower back pain for six weeks',
    roles: [PHYSIO],
    summary:
      'Non-specific lower back pain, no red flags. Graded exercise programme started; review in four weeks.',
    examined: true,
    minAge: 16,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Knee pain after running',
    roles: [PHYSIO],
    summary:
      'Patellofemoral pain. Quadriceps and hip strengthening programme; reduce running load for now.',
    examined: true,
    minAge: 16,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Painful shoulder when reaching overhead',
    roles: [PHYSIO],
    summary:
      'Rotator cuff related shoulder pain. Home exercise programme and posture advice given.',
    examined: true,
    minAge: 16,
  },
  {
    kind: 'symptom',
    chief_complaint: 'Stiff and painful neck',
    roles: [PHYSIO],
    summary: 'Mechanical neck pain with full neurology. Mobility exercises and desk set-up advice.',
    examined: true,
    minAge: 16,
  },
  {
    kind: 'follow_up',
    chief_complaint: 'Review of home exercise programme',
    roles: [PHYSIO],
    summary:
      'Pain easing and moving more freely. Exercises progressed; discharged to self-management.',
    examined: true,
    minAge: 16,
  },
  {
    kind: 'follow_up',
    chief_complaint: 'Structured medication review',
    roles: [PHARMACIST],
    summary:
      'Went through every repeat medicine with the patient. No interactions, adherence good; next review in a year.',
    examined: false,
    minAge: 18,
  },
];

/** Whether a clinician in `role` sees the complaint. */
export function isSeenBy(complaint: Complaint, role: string): boolean {
  return (complaint.roles as readonly string[]).includes(role);
}

/** Whether the complaint suits a patient of this age, in fractional years. */
export function fitsAge(complaint: Complaint, ageInYears: number): boolean {
  return (complaint.minAge ?? 0) <= ageInYears && ageInYears <= (complaint.maxAge ?? Infinity);
}
