import type {
  Appointment,
  AppointmentType,
  Clinician,
  ClinicianSession,
  Consultation,
  Location,
  Patient,
  PatientDocument,
  Prescription,
  Problem,
} from '../records.js';
import { generateAppointmentTypes } from './appointment-types.js';
import { generateAppointments } from './appointments.js';
import { archivePatients } from './archives.js';
import { generateClinicians } from './clinicians.js';
import { generateConsultations } from './consultations.js';
import { generateDocuments } from './documents.js';
import { createIdFactory } from './ids.js';
import { generateLocations } from './locations.js';
import { generatePatients } from './patients.js';
import { generatePrescriptions } from './prescriptions.js';
import { generateProblems } from './problems.js';
import { createRandom } from './random.js';
import { generateSessions } from './sessions.js';
import { createTimeline } from './timeline.js';

export interface SandboxDataset {
  clinicians: Clinician[];
  locations: Location[];
  patients: Patient[];
  /** Unbooked consultations first, then those linked to completed appointments. */
  consultations: Consultation[];
  appointmentTypes: AppointmentType[];
  problems: Problem[];
  prescriptions: Prescription[];
  appointments: Appointment[];
  documents: PatientDocument[];
  /** The weekly rota `GET /availability` computes slots from. */
  sessions: ClinicianSession[];
}

export interface DatasetOptions {
  seed: number;
  patientCount: number;
  /** `YYYY-MM-DD`: the history ends the day before, the diary runs twelve weeks from it. */
  anchorDate: string;
}

/**
 * Everything the sandbox starts with; the same seed, count and anchor always give the same
 * bytes. Each resource draws from its own named stream, and the resources added later take their
 * ids after the earlier ones, so adding a resource leaves the records that came before it
 * unchanged. Another anchor gives the same patients (names, NHS numbers, ids) with their dates
 * laid out around it.
 */
export function generateDataset(options: DatasetOptions): SandboxDataset {
  const { seed, patientCount } = options;
  const timeline = createTimeline(options.anchorDate);
  const ids = createIdFactory(createRandom(seed, 'ids'));
  const clinicians = generateClinicians(createRandom(seed, 'clinicians'), ids, timeline);
  const locations = generateLocations(createRandom(seed, 'locations'), ids, timeline);
  const registered = generatePatients(createRandom(seed, 'patients'), ids, patientCount, timeline);
  const unbooked = generateConsultations(
    { random: createRandom(seed, 'consultations'), ids, clinicians, locations, timeline },
    registered,
  );
  const patients = archivePatients(
    { random: createRandom(seed, 'archives'), clinicians, consultations: unbooked, timeline },
    registered,
  );
  const appointmentTypes = generateAppointmentTypes(
    createRandom(seed, 'appointment-types'),
    ids,
    timeline,
  );
  const problems = generateProblems(
    { random: createRandom(seed, 'problems'), ids, timeline },
    patients,
    unbooked,
  );
  const prescriptions = generatePrescriptions(
    {
      random: createRandom(seed, 'prescriptions'),
      ids,
      clinicians,
      patients: new Map(patients.map((patient) => [patient.id, patient])),
      timeline,
    },
    problems,
  );
  const booked = generateAppointments(
    {
      random: createRandom(seed, 'appointments'),
      ids,
      clinicians,
      locations,
      appointmentTypes,
      problems,
      consultations: unbooked,
      timeline,
    },
    patients,
  );
  const consultations = [...unbooked, ...booked.consultations];
  const documents = generateDocuments(
    { random: createRandom(seed, 'documents'), ids, clinicians, problems, consultations, timeline },
    patients,
  );
  const sessions = generateSessions({
    random: createRandom(seed, 'sessions'),
    ids,
    clinicians,
    locations,
    appointmentTypes,
  });

  return {
    clinicians,
    locations,
    patients,
    consultations,
    appointmentTypes,
    problems,
    prescriptions,
    appointments: booked.appointments,
    documents,
    sessions,
  };
}
