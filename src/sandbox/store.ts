import { formatTimestamp } from './calendar.js';
import { generateDataset } from './data/dataset.js';
import { createIdFactory, type IdFactory, type IdPrefix } from './data/ids.js';
import { createRandom } from './data/random.js';
import { HOLD_LIFETIME_MS, isLiveHold } from './holds.js';
import { matchesPatientSearch } from './patient-search.js';
import { compareText, RecordTable } from './record-table.js';
import type {
  Appointment,
  AppointmentStatus,
  AppointmentType,
  Clinician,
  ClinicianSession,
  Consultation,
  DocumentType,
  Hold,
  Location,
  NewAppointment,
  NewClinicianSession,
  NewConsultation,
  NewHold,
  NewPatient,
  NewPatientDocument,
  NewPrescription,
  NewProblem,
  Patient,
  PatientDocument,
  Prescription,
  PrescriptionStatus,
  Problem,
  ProblemStatus,
  Weekday,
} from './records.js';
import {
  toAppointment,
  toClinicianSession,
  toConsultation,
  toHold,
  toPatient,
  toPatientDocument,
  toPrescription,
  toProblem,
} from './records.js';

export interface SandboxStoreOptions {
  seed: number;
  patientCount: number;
  /** `YYYY-MM-DD` the generated timeline is laid out around (see `SandboxOptions.anchorDate`). */
  anchorDate: string;
  /** Stamps `created_at` and `updated_at` on writes. */
  now: () => Date;
}

export interface PatientFilter {
  /** See `matchesPatientSearch`. */
  search?: string;
}

export interface ConsultationFilter {
  patientId?: string;
}

export interface ProblemFilter {
  patientId?: string;
  status?: ProblemStatus;
}

export interface PrescriptionFilter {
  patientId?: string;
  status?: PrescriptionStatus;
}

export interface AppointmentFilter {
  patientId?: string;
  /** Matches `clinician_profile_id`. */
  clinicianId?: string;
  /** Any of these statuses; all statuses when absent. */
  statuses?: readonly AppointmentStatus[];
  /** Epoch milliseconds `start_time` must be at or after. */
  startFrom?: number;
  /** Epoch milliseconds `start_time` must be at or before. */
  startTo?: number;
}

export interface DocumentFilter {
  patientId?: string;
  documentType?: DocumentType;
}

export interface SessionFilter {
  clinicianId?: string;
  weekday?: Weekday;
}

export interface HoldFilter {
  clinicianId?: string;
  /** Only holds still keeping their slot at this instant (epoch milliseconds). */
  liveAt?: number;
}

/** The clinician and time span a new or moved appointment would take. */
export interface AppointmentSlot {
  clinicianId: string;
  start: number;
  end: number;
  /** The appointment being moved, which cannot clash with itself. */
  exceptId?: string;
}

type Stamped = { id: string; created_at: string };

/**
 * The sandbox's in-memory data: generated from the seed at start, then changed only by writes
 * through the API (or by tests calling the write methods directly, which skip the API's checks,
 * so a test can plant a value the API would refuse). Records are frozen; a write replaces the
 * record, so an object a test holds never changes under it.
 */
export class SandboxStore {
  readonly seed: number;
  /** The day the generated data is anchored on: history before it, the diary from it on. */
  readonly anchorDate: string;
  readonly #now: () => Date;
  readonly #ids: IdFactory;
  readonly #patients = new RecordTable<Patient>(byCreatedAtThenId);
  readonly #consultations = new RecordTable<Consultation>(newestConsultationFirst);
  readonly #clinicians = new RecordTable<Clinician>();
  readonly #locations = new RecordTable<Location>();
  readonly #appointmentTypes = new RecordTable<AppointmentType>();
  readonly #problems = new RecordTable<Problem>(byCreatedAtThenId);
  readonly #prescriptions = new RecordTable<Prescription>(byCreatedAtThenId);
  readonly #appointments = new RecordTable<Appointment>(byStartTimeThenId);
  readonly #documents = new RecordTable<PatientDocument>(byCreatedAtThenId);
  readonly #sessions = new RecordTable<ClinicianSession>();
  readonly #holds = new RecordTable<Hold>(byCreatedAtThenId);

  constructor(options: SandboxStoreOptions) {
    const dataset = generateDataset(options);
    this.seed = options.seed;
    this.anchorDate = options.anchorDate;
    this.#now = options.now;
    // Ids for records created later come from their own stream, so the generated ones never move.
    this.#ids = createIdFactory(createRandom(options.seed, 'created-ids'));
    this.#fill(this.#clinicians, dataset.clinicians);
    this.#fill(this.#locations, dataset.locations);
    this.#fill(this.#patients, dataset.patients);
    this.#fill(this.#consultations, dataset.consultations);
    this.#fill(this.#appointmentTypes, dataset.appointmentTypes);
    this.#fill(this.#problems, dataset.problems);
    this.#fill(this.#prescriptions, dataset.prescriptions);
    this.#fill(this.#appointments, dataset.appointments);
    this.#fill(this.#documents, dataset.documents);
    this.#fill(this.#sessions, dataset.sessions);
  }

  /** Every patient in list order (`created_at`, then `id`), as `GET /patients` pages them. */
  get patients(): readonly Patient[] {
    return this.#patients.all;
  }

  /** Every consultation in list order (newest first), as `GET /consultations` pages them. */
  get consultations(): readonly Consultation[] {
    return this.#consultations.all;
  }

  get clinicians(): readonly Clinician[] {
    return this.#clinicians.all;
  }

  get locations(): readonly Location[] {
    return this.#locations.all;
  }

  get appointmentTypes(): readonly AppointmentType[] {
    return this.#appointmentTypes.all;
  }

  /** In list order: `created_at`, then `id`. */
  get problems(): readonly Problem[] {
    return this.#problems.all;
  }

  /** In list order: `created_at`, then `id`. */
  get prescriptions(): readonly Prescription[] {
    return this.#prescriptions.all;
  }

  /** In list order: `start_time`, then `id`. */
  get appointments(): readonly Appointment[] {
    return this.#appointments.all;
  }

  /** In list order: `created_at`, then `id`. */
  get documents(): readonly PatientDocument[] {
    return this.#documents.all;
  }

  /** The weekly rota, by clinician, then weekday and start; planted sessions come last. */
  get sessions(): readonly ClinicianSession[] {
    return this.#sessions.all;
  }

  /** As stored: an active hold stays `active` here after it expires (see `holdAsOf`). */
  get holds(): readonly Hold[] {
    return this.#holds.all;
  }

  listPatients(filter: PatientFilter = {}): readonly Patient[] {
    const { search } = filter;
    if (search === undefined) return this.patients;

    return this.patients.filter((patient) => matchesPatientSearch(patient, search));
  }

  getPatient(id: string): Patient | undefined {
    return this.#patients.get(id);
  }

  createPatient(fields: NewPatient): Patient {
    return this.#patients.put(toPatient(fields, this.#newStamps('pat')));
  }

  /** Undefined when there is no such patient. */
  updatePatient(id: string, changes: Partial<NewPatient>): Patient | undefined {
    return this.#update(this.#patients, id, changes, toPatient);
  }

  listConsultations(filter: ConsultationFilter = {}): readonly Consultation[] {
    const { patientId } = filter;
    if (patientId === undefined) return this.consultations;

    return this.consultations.filter((consultation) => consultation.patient_id === patientId);
  }

  getConsultation(id: string): Consultation | undefined {
    return this.#consultations.get(id);
  }

  createConsultation(fields: NewConsultation): Consultation {
    return this.#consultations.put(toConsultation(fields, this.#newStamps('con')));
  }

  /** Undefined when there is no such consultation. */
  updateConsultation(id: string, changes: Partial<NewConsultation>): Consultation | undefined {
    return this.#update(this.#consultations, id, changes, toConsultation);
  }

  getClinician(id: string): Clinician | undefined {
    return this.#clinicians.get(id);
  }

  getLocation(id: string): Location | undefined {
    return this.#locations.get(id);
  }

  getAppointmentType(id: string): AppointmentType | undefined {
    return this.#appointmentTypes.get(id);
  }

  listProblems(filter: ProblemFilter = {}): readonly Problem[] {
    const { patientId, status } = filter;

    return this.problems.filter(
      (problem) =>
        (patientId === undefined || problem.patient_id === patientId) &&
        (status === undefined || problem.status === status),
    );
  }

  getProblem(id: string): Problem | undefined {
    return this.#problems.get(id);
  }

  createProblem(fields: NewProblem): Problem {
    return this.#problems.put(toProblem(fields, this.#newStamps('prb')));
  }

  /** Undefined when there is no such problem. */
  updateProblem(id: string, changes: Partial<NewProblem>): Problem | undefined {
    return this.#update(this.#problems, id, changes, toProblem);
  }

  listPrescriptions(filter: PrescriptionFilter = {}): readonly Prescription[] {
    const { patientId, status } = filter;

    return this.prescriptions.filter(
      (prescription) =>
        (patientId === undefined || prescription.patient_id === patientId) &&
        (status === undefined || prescription.status === status),
    );
  }

  getPrescription(id: string): Prescription | undefined {
    return this.#prescriptions.get(id);
  }

  createPrescription(fields: NewPrescription): Prescription {
    return this.#prescriptions.put(toPrescription(fields, this.#newStamps('rx')));
  }

  /** Undefined when there is no such prescription. */
  updatePrescription(id: string, changes: Partial<NewPrescription>): Prescription | undefined {
    return this.#update(this.#prescriptions, id, changes, toPrescription);
  }

  listAppointments(filter: AppointmentFilter = {}): readonly Appointment[] {
    const { patientId, clinicianId, statuses, startFrom, startTo } = filter;

    return this.appointments.filter((appointment) => {
      const start = Date.parse(appointment.start_time);

      return (
        (patientId === undefined || appointment.patient_id === patientId) &&
        (clinicianId === undefined || appointment.clinician_profile_id === clinicianId) &&
        (statuses === undefined || statuses.includes(appointment.status)) &&
        (startFrom === undefined || start >= startFrom) &&
        (startTo === undefined || start <= startTo)
      );
    });
  }

  getAppointment(id: string): Appointment | undefined {
    return this.#appointments.get(id);
  }

  /**
   * The first appointment, not cancelled, that the clinician already has during the slot;
   * appointments that only touch (one ends as the other starts) do not clash.
   */
  findClash(slot: AppointmentSlot): Appointment | undefined {
    return this.appointments.find(
      (appointment) =>
        appointment.clinician_profile_id === slot.clinicianId &&
        appointment.id !== slot.exceptId &&
        appointment.status !== 'cancelled' &&
        Date.parse(appointment.start_time) < slot.end &&
        slot.start < Date.parse(appointment.end_time),
    );
  }

  createAppointment(fields: NewAppointment): Appointment {
    return this.#appointments.put(toAppointment(fields, this.#newStamps('apt')));
  }

  /** Undefined when there is no such appointment. */
  updateAppointment(id: string, changes: Partial<NewAppointment>): Appointment | undefined {
    return this.#update(this.#appointments, id, changes, toAppointment);
  }

  listDocuments(filter: DocumentFilter = {}): readonly PatientDocument[] {
    const { patientId, documentType } = filter;

    return this.documents.filter(
      (document) =>
        (patientId === undefined || document.patient_id === patientId) &&
        (documentType === undefined || document.document_type === documentType),
    );
  }

  getDocument(id: string): PatientDocument | undefined {
    return this.#documents.get(id);
  }

  createDocument(fields: NewPatientDocument): PatientDocument {
    return this.#documents.put(toPatientDocument(fields, this.#newStamps('doc')));
  }

  /** Undefined when there is no such document; `file_path` follows a new file name. */
  updateDocument(id: string, changes: Partial<NewPatientDocument>): PatientDocument | undefined {
    return this.#update(this.#documents, id, changes, toPatientDocument);
  }

  listSessions(filter: SessionFilter = {}): readonly ClinicianSession[] {
    const { clinicianId, weekday } = filter;

    return this.sessions.filter(
      (session) =>
        (clinicianId === undefined || session.clinician_id === clinicianId) &&
        (weekday === undefined || session.weekday === weekday),
    );
  }

  getSession(id: string): ClinicianSession | undefined {
    return this.#sessions.get(id);
  }

  /** Adds a session to the rota; there is no route for it, so this is for tests to plant one. */
  createSession(fields: NewClinicianSession): ClinicianSession {
    return this.#sessions.put(toClinicianSession(fields, this.#ids.next('ses')));
  }

  listHolds(filter: HoldFilter = {}): readonly Hold[] {
    const { clinicianId, liveAt } = filter;

    return this.holds.filter(
      (hold) =>
        (clinicianId === undefined || hold.clinician_id === clinicianId) &&
        (liveAt === undefined || isLiveHold(hold, liveAt)),
    );
  }

  getHold(id: string): Hold | undefined {
    return this.#holds.get(id);
  }

  /** Stamps `created_at` from the clock and `expires_at` the hold's lifetime after it. */
  createHold(fields: NewHold): Hold {
    const created = Math.floor(this.#now().getTime() / 1000) * 1000;
    const stamps = {
      id: this.#ids.next('hold'),
      created_at: formatTimestamp(created),
      expires_at: formatTimestamp(created + HOLD_LIFETIME_MS),
    };

    return this.#holds.put(toHold(fields, stamps));
  }

  /** Undefined when there is no such hold. A hold has no `updated_at`, so none is stamped. */
  updateHold(id: string, changes: Partial<NewHold>): Hold | undefined {
    const current = this.#holds.get(id);
    if (!current) return undefined;

    return this.#holds.put(toHold({ ...current, ...defined(changes) }, current));
  }

  /** The first hold of the clinician still live at `at` that overlaps the slot. */
  findLiveHold(slot: AppointmentSlot, at: number): Hold | undefined {
    return this.holds.find(
      (hold) =>
        hold.clinician_id === slot.clinicianId &&
        isLiveHold(hold, at) &&
        Date.parse(hold.start_time) < slot.end &&
        slot.start < Date.parse(hold.end_time),
    );
  }

  #fill<T extends { id: string }>(table: RecordTable<T>, records: readonly T[]): void {
    for (const record of records) {
      table.put(record);
      this.#ids.reserve(record.id);
    }
  }

  /** Merges the defined `changes` into the record and stamps `updated_at`. */
  #update<T extends Stamped, F>(
    table: RecordTable<T>,
    id: string,
    changes: Partial<F>,
    build: (fields: F, stamps: StampFields) => T,
  ): T | undefined {
    const current = table.get(id);
    if (!current) return undefined;

    const merged = { ...current, ...defined(changes) } as unknown as F;

    return table.put(build(merged, this.#changedStamps(current)));
  }

  #newStamps(prefix: IdPrefix): StampFields {
    const stamp = formatTimestamp(this.#now().getTime());

    return { id: this.#ids.next(prefix), created_at: stamp, updated_at: stamp };
  }

  #changedStamps(current: Stamped): StampFields {
    const updatedAt = formatTimestamp(this.#now().getTime());

    return { id: current.id, created_at: current.created_at, updated_at: updatedAt };
  }
}

interface StampFields {
  id: string;
  created_at: string;
  updated_at: string;
}

/** Drops keys whose value is undefined, so a partial change never blanks a field by accident. */
function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function byCreatedAtThenId(a: Stamped, b: Stamped): number {
  return compareText(a.created_at, b.created_at) || compareText(a.id, b.id);
}

function byStartTimeThenId(a: Appointment, b: Appointment): number {
  return compareText(a.start_time, b.start_time) || compareText(a.id, b.id);
}

function newestConsultationFirst(a: Consultation, b: Consultation): number {
  return (
    compareText(b.consultation_date, a.consultation_date) ||
    compareText(b.consultation_time ?? '', a.consultation_time ?? '') ||
    compareText(a.id, b.id)
  );
}
