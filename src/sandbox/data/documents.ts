import { DAY_MS, formatCalendarDate, formatTimestamp, parseCalendarDate } from '../calendar.js';
import { documentFile } from '../document-files.js';
import type {
  Clinician,
  Consultation,
  DocumentType,
  Patient,
  PatientDocument,
  Problem,
} from '../records.js';
import { toPatientDocument } from '../records.js';
import { clinicianWorksOn } from './clinicians.js';
import { conditionFor } from './conditions.js';
import { groupByPatient } from './group-by-patient.js';
import type { IdFactory } from './ids.js';
import { registrationDay } from './patient-dates.js';
import { randomWorkingMinute } from './patients.js';
import type { Random } from './random.js';
import type { Timeline } from './timeline.js';

export interface DocumentContext {
  random: Random;
  ids: IdFactory;
  clinicians: readonly Clinician[];
  problems: readonly Problem[];
  consultations: readonly Consultation[];
  timeline: Timeline;
}

/** A document the patient could have, and the earliest and latest day it could be filed. */
interface Candidate {
  document_type: DocumentType;
  title: string;
  fileStem: string;
  description: string;
  from: number;
  to: number;
}

const MAX_DOCUMENTS = 3;
// Pathology sends some results as plain text; everything else arrives as PDF.
const TEXT_RESULT_CHANCE = 0.3;

/**
 * Nought to three documents per patient, drawn from what their record suggests: results and
 * letters about their problems, a blood count before a consultation that reviewed one, and the
 * registration form. File sizes are those of the files the sandbox serves for them.
 */
export function generateDocuments(
  context: DocumentContext,
  patients: readonly Patient[],
): PatientDocument[] {
  const problems = groupByPatient(context.problems);
  const consultations = groupByPatient(context.consultations);

  return patients.flatMap((patient) => {
    const candidates = [
      ...problemDocuments(context, patient, problems.get(patient.id) ?? []),
      ...bloodCountDocuments(context.random, patient, consultations.get(patient.id) ?? []),
      registrationForm(patient),
    ];
    const count = Math.min(context.random.int(0, MAX_DOCUMENTS), candidates.length);
    const chosen = shuffle(context.random, candidates).slice(0, count);
    const fileNames = new Set<string>();

    return chosen.map((candidate) => generateDocument(context, patient, candidate, fileNames));
  });
}

function problemDocuments(
  context: DocumentContext,
  patient: Patient,
  problems: readonly Problem[],
): Candidate[] {
  const { random, timeline } = context;

  return problems.flatMap((problem) => {
    const condition = conditionFor(problem.snomed_code);
    const onset = parseCalendarDate(problem.onset_date ?? '');
    if (!condition || onset === undefined) return [];

    const from = Math.max(onset, registrationDay(patient));

    return condition.documents.map((document): Candidate => ({
      document_type: document.document_type,
      title: document.title,
      fileStem: document.fileStem,
      description: document.describe(random),
      from,
      to: timeline.lastConsultation,
    }));
  });
}

/** The results a "Review of blood test results" consultation went through. */
function bloodCountDocuments(
  random: Random,
  patient: Patient,
  consultations: readonly Consultation[],
): Candidate[] {
  const review = consultations.find((c) => c.chief_complaint === 'Review of blood test results');
  const day = parseCalendarDate(review?.consultation_date ?? '');
  if (day === undefined) return [];

  const filed = Math.max(day - random.int(2, 7) * DAY_MS, registrationDay(patient));

  return [
    {
      document_type: 'lab_result',
      title: 'Full blood count',
      fileStem: 'full_blood_count',
      description: `Haemoglobin ${random.int(125, 160)} g/L; white cells and platelets normal.`,
      from: filed,
      to: filed,
    },
  ];
}

function registrationForm(patient: Patient): Candidate {
  const day = registrationDay(patient);

  return {
    document_type: 'other',
    title: 'GMS1 registration form',
    fileStem: 'gms1_registration',
    description: 'Family doctor services registration form, scanned at registration.',
    from: day,
    to: day,
  };
}

function generateDocument(
  context: DocumentContext,
  patient: Patient,
  candidate: Candidate,
  fileNames: Set<string>,
): PatientDocument {
  const { random } = context;
  const day =
    candidate.from + random.int(0, Math.floor((candidate.to - candidate.from) / DAY_MS)) * DAY_MS;
  const filedAt = formatTimestamp(
    Math.max(day + randomWorkingMinute(random) * 60_000, Date.parse(patient.created_at)),
  );
  const asText = candidate.document_type === 'lab_result' && random.chance(TEXT_RESULT_CHANCE);
  const fileName = uniqueName(
    `${candidate.fileStem}_${formatCalendarDate(day)}`,
    asText ? 'txt' : 'pdf',
    fileNames,
  );
  const fields = {
    patient_id: patient.id,
    document_type: candidate.document_type,
    title: candidate.title,
    description: candidate.description,
    file_name: fileName,
    mime_type: asText ? 'text/plain' : 'application/pdf',
    file_size: 0,
    uploaded_by: pickUploader(context, day),
  };
  const stamps = { id: context.ids.next('doc'), created_at: filedAt, updated_at: filedAt };
  const document = toPatientDocument(fields, stamps);

  return { ...document, file_size: documentFile(document).content.byteLength };
}

function uniqueName(stem: string, extension: string, taken: Set<string>): string {
  let name = `${stem}.${extension}`;
  for (let copy = 2; taken.has(name); copy += 1) name = `${stem}_${copy}.${extension}`;
  taken.add(name);

  return name;
}

/** The user id of a clinician who worked at the practice that day. */
function pickUploader(context: DocumentContext, day: number): string {
  const { random, clinicians, timeline } = context;
  const working = clinicians.filter((clinician) => clinicianWorksOn(clinician, day, timeline));

  return random.pick(working.length > 0 ? working : clinicians).user_id;
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }

  return copy;
}
