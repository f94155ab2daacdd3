import type { DocumentType, MedicationRoute, ProblemSeverity, ProblemStatus } from '../records.js';
import type { Random, Weighted } from './random.js';

/** What a practice prescribes for a condition; one line of a repeat template. */
export interface MedicationPlan {
  medication_name: string;
  /** Strengths in `dosage_unit`, one picked per patient. */
  strengths: readonly string[];
  dosage_unit: string;
  frequency: string;
  route: MedicationRoute;
  /** One issue's supply: tablets, or 1 for an inhaler. */
  quantity: number;
  instructions: string;
}

/** A document a patient with the condition plausibly has on file. */
export interface ConditionDocument {
  document_type: DocumentType;
  title: string;
  /** Stem of the file name, e.g. `hba1c` gives `hba1c_2025-03-14.pdf`. */
  fileStem: string;
  describe(random: Random): string;
}

export interface Condition {
  problem_name: string;
  /** SNOMED CT concept id of the disorder. */
  snomed_code: string;
  /** The ICD-10 code NHS coders map the concept to. */
  icd10_code: string;
  minAge: number;
  /** Chance a patient has it: under 40, 40 to 64, 65 and over. */
  prevalence: readonly [number, number, number];
  /** How a recorded episode stands now; chronic conditions are always active. */
  outcomes: readonly Weighted<ProblemStatus>[];
  severities: readonly Weighted<ProblemSeverity>[];
  notes: readonly string[];
  medication: MedicationPlan;
  documents: readonly ConditionDocument[];
  /** What a practice-nurse review of the condition is called, when it has one. */
  reviewTitle?: string;
  /** The blood test the condition is monitored with, when it has one. */
  bloodTest?: string;
}

const CHRONIC: readonly Weighted<ProblemStatus>[] = [['active', 1]];

const MOSTLY_MILD: readonly Weighted<ProblemSeverity>[] = [
  ['mild', 5],
  ['moderate', 4],
  ['severe', 1],
];

const MOSTLY_MODERATE: readonly Weighted<ProblemSeverity>[] = [
  ['mild', 3],
  ['moderate', 5],
  ['severe', 2],
];

const decimal = (random: Random, min: number, max: number, places = 1) =>
  (min + random.next() * (max - min)).toFixed(places);

/**
 * Common long-term conditions in UK general practice. Every SNOMED CT and ICD-10 pair is the
 * real one, and each comes with the first-line medicine NICE guidance would lead to.
 */
export const CONDITIONS: readonly Condition[] = [
  {
    problem_name: 'Essential hypertension',
    snomed_code: '59621000',
    icd10_code: 'I10',
    minAge: 25,
    // Lowish, as patients with a blood-pressure medication review in their notes are added.
    prevalence: [0.02, 0.12, 0.3],
    outcomes: CHRONIC,
    severities: MOSTLY_MILD,
    notes: [
      'Home blood pressure monitoring; target below 135/85 at home.',
      'Confirmed on ambulatory monitoring. Annual review with bloods.',
    ],
    medication: {
      medication_name: 'Amlodipine',
      strengths: ['5', '10'],
      dosage_unit: 'mg',
      frequency: 'once daily',
      route: 'oral',
      quantity: 28,
      instructions: 'Take one tablet each day. Ankle swelling is a common side effect.',
    },
    documents: [
      {
        document_type: 'lab_result',
        title: 'Urea and electrolytes',
        fileStem: 'urea_electrolytes',
        describe: (random) =>
          `Sodium ${random.int(136, 144)} mmol/L, potassium ${decimal(random, 3.6, 5)} mmol/L, eGFR ${random.int(62, 90)} mL/min/1.73m2.`,
      },
    ],
    reviewTitle: 'Blood pressure review',
    bloodTest: 'Kidney function',
  },
  {
    problem_name: 'Type 2 diabetes mellitus',
    snomed_code: '44054006',
    icd10_code: 'E11',
    minAge: 25,
    // Low, because every patient an existing consultation gave a diabetes review has it too.
    prevalence: [0.005, 0.04, 0.08],
    outcomes: CHRONIC,
    severities: MOSTLY_MODERATE,
    notes: [
      'Diet and metformin. Annual foot check and retinal screening up to date.',
      'Attends the practice diabetes clinic. HbA1c target 53 mmol/mol.',
    ],
    medication: {
      medication_name: 'Metformin',
      strengths: ['500'],
      dosage_unit: 'mg',
      frequency: 'twice daily',
      route: 'oral',
      quantity: 112,
      instructions: 'Take with or just after breakfast and the evening meal.',
    },
    documents: [
      {
        document_type: 'lab_result',
        title: 'HbA1c',
        fileStem: 'hba1c',
        describe: (random) => `HbA1c ${random.int(48, 78)} mmol/mol.`,
      },
    ],
    reviewTitle: 'Diabetes review',
    bloodTest: 'HbA1c and kidney function',
  },
  {
    problem_name: 'Asthma',
    snomed_code: '195967001',
    icd10_code: 'J45',
    minAge: 3,
    // Lowish, as patients with an asthma review in their notes are added.
    prevalence: [0.05, 0.04, 0.04],
    outcomes: [
      ['active', 8],
      ['inactive', 2],
    ],
    severities: MOSTLY_MILD,
    notes: [
      'Personal asthma action plan given. Inhaler technique checked.',
      'Symptoms mainly with colds and in the pollen season.',
    ],
    medication: {
      medication_name: 'Salbutamol',
      strengths: ['100'],
      dosage_unit: 'micrograms',
      frequency: 'two puffs up to four times a day when required',
      route: 'inhaled',
      quantity: 1,
      instructions: 'Inhale two puffs when needed for wheeze or breathlessness, using a spacer.',
    },
    documents: [
      {
        document_type: 'other',
        title: 'Spirometry report',
        fileStem: 'spirometry',
        describe: (random) =>
          `FEV1/FVC ${decimal(random, 0.6, 0.74, 2)}; significant reversibility after bronchodilator.`,
      },
    ],
    reviewTitle: 'Asthma review',
  },
  {
    problem_name: 'Hypothyroidism',
    snomed_code: '40930008',
    icd10_code: 'E03.9',
    minAge: 18,
    prevalence: [0.01, 0.04, 0.07],
    outcomes: CHRONIC,
    severities: [
      ['mild', 6],
      ['moderate', 4],
    ],
    notes: ['Thyroid function checked yearly.', 'Dose adjusted to keep TSH in range.'],
    medication: {
      medication_name: 'Levothyroxine',
      strengths: ['25', '50', '75', '100'],
      dosage_unit: 'micrograms',
      frequency: 'once daily',
      route: 'oral',
      quantity: 28,
      instructions:
        'Take in the morning on an empty stomach, 30 minutes before breakfast or other medicines.',
    },
    documents: [
      {
        document_type: 'lab_result',
        title: 'Thyroid function tests',
        fileStem: 'thyroid_function',
        describe: (random) =>
          `TSH ${decimal(random, 0.8, 4.5)} mU/L, free T4 ${random.int(12, 20)} pmol/L.`,
      },
    ],
    bloodTest: 'Thyroid function tests',
  },
  {
    problem_name: 'Depressive disorder',
    snomed_code: '35489007',
    icd10_code: 'F32',
    minAge: 14,
    prevalence: [0.08, 0.1, 0.08],
    outcomes: [
      ['active', 1],
      ['resolved', 1],
    ],
    severities: MOSTLY_MODERATE,
    notes: [
      'Self-referred to NHS Talking Therapies. No risk of self-harm identified.',
      'PHQ-9 monitored at reviews.',
    ],
    medication: {
      medication_name: 'Sertraline',
      strengths: ['50', '100'],
      dosage_unit: 'mg',
      frequency: 'once daily',
      route: 'oral',
      quantity: 28,
      instructions: 'Take one tablet each morning. Do not stop taking it suddenly.',
    },
    documents: [
      {
        document_type: 'referral_letter',
        title: 'Referral to NHS Talking Therapies',
        fileStem: 'talking_therapies_referral',
        describe: () => 'Referral for cognitive behavioural therapy for low mood.',
      },
    ],
  },
  {
    problem_name: 'Hyperlipidaemia',
    snomed_code: '55822004',
    icd10_code: 'E78.5',
    minAge: 35,
    prevalence: [0, 0.1, 0.25],
    outcomes: CHRONIC,
    severities: MOSTLY_MILD,
    notes: ['QRISK3 above 10%; statin started after discussion.', 'Lipids rechecked yearly.'],
    medication: {
      medication_name: 'Atorvastatin',
      strengths: ['20', '40', '80'],
      dosage_unit: 'mg',
      frequency: 'once daily',
      route: 'oral',
      quantity: 28,
      instructions: 'Take one tablet each day. Report any unexplained muscle pain.',
    },
    documents: [
      {
        document_type: 'lab_result',
        title: 'Lipid profile',
        fileStem: 'lipid_profile',
        describe: (random) =>
          `Total cholesterol ${decimal(random, 4.5, 7.2)} mmol/L, LDL ${decimal(random, 2.4, 4.8)} mmol/L, HDL ${decimal(random, 0.9, 1.8)} mmol/L.`,
      },
    ],
    bloodTest: 'Lipid profile',
  },
  {
    problem_name: 'Gastro-oesophageal reflux disease',
    snomed_code: '235595009',
    icd10_code: 'K21',
    minAge: 18,
    prevalence: [0.04, 0.08, 0.1],
    outcomes: [
      ['active', 3],
      ['resolved', 2],
    ],
    severities: MOSTLY_MILD,
    notes: ['Lifestyle advice given on meal timing and alcohol.', 'No alarm features.'],
    medication: {
      medication_name: 'Omeprazole',
      strengths: ['20'],
      dosage_unit: 'mg',
      frequency: 'once daily',
      route: 'oral',
      quantity: 28,
      instructions: 'Take 30 to 60 minutes before breakfast.',
    },
    documents: [
      {
        document_type: 'discharge_summary',
        title: 'Endoscopy discharge summary',
        fileStem: 'endoscopy_discharge',
        describe: () =>
          'Day-case gastroscopy: mild oesophagitis. Continue the proton pump inhibitor.',
      },
    ],
  },
  {
    problem_name: 'Osteoarthritis',
    snomed_code: '396275006',
    icd10_code: 'M19.9',
    minAge: 45,
    prevalence: [0, 0.08, 0.3],
    outcomes: CHRONIC,
    severities: MOSTLY_MODERATE,
    notes: ['Mainly affects the knees. Exercise and weight advice given.', 'Hands and knees.'],
    medication: {
      medication_name: 'Paracetamol',
      strengths: ['500'],
      dosage_unit: 'mg',
      frequency: 'two tablets up to four times a day',
      route: 'oral',
      quantity: 100,
      instructions: 'No more than eight tablets in 24 hours, at least four hours apart.',
    },
    documents: [
      {
        document_type: 'imaging_report',
        title: 'X-ray report: knees',
        fileStem: 'xray_knees',
        describe: () =>
          'Joint space narrowing of the medial compartments with osteophytes, consistent with osteoarthritis.',
      },
    ],
  },
  {
    problem_name: 'Migraine',
    snomed_code: '37796009',
    icd10_code: 'G43',
    minAge: 10,
    prevalence: [0.07, 0.05, 0.02],
    outcomes: [
      ['active', 2],
      ['inactive', 1],
    ],
    severities: MOSTLY_MODERATE,
    notes: [
      'Migraine without aura. Headache diary reviewed.',
      'Triggers: poor sleep, skipped meals.',
    ],
    medication: {
      medication_name: 'Sumatriptan',
      strengths: ['50'],
      dosage_unit: 'mg',
      frequency: 'one tablet at the onset of a migraine',
      route: 'oral',
      quantity: 6,
      instructions:
        'A second tablet may be taken after two hours if the migraine returns. No more than 300mg in 24 hours.',
    },
    documents: [
      {
        document_type: 'clinic_letter',
        title: 'Neurology clinic letter',
        fileStem: 'neurology_letter',
        describe: () => 'Migraine without aura; normal examination. Triptan at onset advised.',
      },
    ],
  },
  {
    problem_name: 'Atrial fibrillation',
    snomed_code: '49436004',
    icd10_code: 'I48',
    minAge: 55,
    prevalence: [0, 0.01, 0.08],
    outcomes: CHRONIC,
    severities: MOSTLY_MODERATE,
    notes: ['CHA2DS2-VASc 3; anticoagulated.', 'Rate controlled; under cardiology follow-up.'],
    medication: {
      medication_name: 'Apixaban',
      strengths: ['5'],
      dosage_unit: 'mg',
      frequency: 'twice daily',
      route: 'oral',
      quantity: 56,
      instructions: 'Take every 12 hours. Carry your anticoagulant alert card.',
    },
    documents: [
      {
        document_type: 'imaging_report',
        title: 'Echocardiogram report',
        fileStem: 'echocardiogram',
        describe: (random) =>
          `Left ventricular ejection fraction ${random.int(50, 62)}%. Mildly dilated left atrium.`,
      },
      {
        document_type: 'clinic_letter',
        title: 'Cardiology clinic letter',
        fileStem: 'cardiology_letter',
        describe: () => 'Persistent atrial fibrillation. Continue apixaban; rate control adequate.',
      },
    ],
  },
];

/**
 * Consultation complaints that only make sense for a patient with the condition (a diabetes review
 * needs diabetes), by the condition's SNOMED CT code.
 */
export const CONDITION_FOR_COMPLAINT: Readonly<Record<string, string>> = {
  'Diabetes annual review': '44054006',
  'Asthma annual review': '195967001',
  'Review of blood pressure medication': '59621000',
};

const BY_SNOMED = new Map(CONDITIONS.map((condition) => [condition.snomed_code, condition]));

/** The catalogue entry for a problem's SNOMED CT code, if the sandbox generates it. */
export function conditionFor(snomedCode: string | null): Condition | undefined {
  return snomedCode === null ? undefined : BY_SNOMED.get(snomedCode);
}

export function prevalenceAt(condition: Condition, ageInYears: number): number {
  if (ageInYears < condition.minAge) return 0;

  const [young, middle, old] = condition.prevalence;
  if (ageInYears < 40) return young;

  return ageInYears < 65 ? middle : old;
}
