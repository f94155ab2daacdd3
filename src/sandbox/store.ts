import { formatTimestamp } from './calendar.js';
import { generateDataset } from './data/dataset.js';
import { createIdFactory, type IdFactory } from './data/ids.js';
import { createRandom } from './data/random.js';
import { matchesPatientSearch } from './patient-search.js';
import type {
  Clinician,
  Consultation,
  Location,
  NewConsultation,
  NewPatient,
  Patient,
} from './records.js';
import { toConsultation, toPatient } from './records.js';

export interface SandboxStoreOptions {
  seed: number;
  patientCount: number;
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

/**
 * The sandbox's in-memory data: generated from the seed at start, then changed only by writes
 * through the API (or by tests calling the write methods directly). Records are frozen; a write
 * replaces the record, so an object a test holds never changes under it.
 */
export class SandboxStore {
  readonly seed: number;
  readonly #now: () => Date;
  readonly #ids: IdFactory;
  readonly #patients = new Map<string, Patient>();
  readonly #consultations = new Map<string, Consultation>();
  readonly #clinicians = new Map<string, Clinician>();
  readonly #locations = new Map<string, Location>();
  #patientOrder: readonly Patient[] | undefined;
  #consultationOrder: readonly Consultation[] | undefined;

  constructor(options: SandboxStoreOptions) {
    const dataset = generateDataset(options.seed, options.patientCount);
    this.seed = options.seed;
    this.#now = options.now;
    // Ids for records created later come from their own stream, so the generated ones never move.
    this.#ids = createIdFactory(createRandom(options.seed, 'created-ids'));
    fill(this.#clinicians, dataset.clinicians, this.#ids);
    fill(this.#locations, dataset.locations, this.#ids);
    fill(this.#patients, dataset.patients, this.#ids);
    fill(this.#consultations, dataset.consultations, this.#ids);
  }

  /** Every patient in list order (`created_at`, then `id`), as `GET /patients` pages them. */
  get patients(): readonly Patient[] {
    this.#patientOrder ??= Object.freeze([...this.#patients.values()].sort(byCreatedAtThenId));

    return this.#patientOrder;
  }

  /** Every consultation in list order (newest first), as `GET /consultations` pages them. */
  get consultations(): readonly Consultation[] {
    this.#consultationOrder ??= Object.freeze(
      [...this.#consultations.values()].sort(newestConsultationFirst),
    );

    return this.#consultationOrder;
  }

  get clinicians(): readonly Clinician[] {
    return [...this.#clinicians.values()];
  }

  get locations(): readonly Location[] {
    return [...this.#locations.values()];
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
    const patient = toPatient(fields, this.#newStamps('pat'));
    this.#patients.set(patient.id, freeze(patient));
    this.#patientOrder = undefined;

    return patient;
  }

  /** Undefined when there is no such patient. */
  updatePatient(id: string, changes: Partial<NewPatient>): Patient | undefined {
    const current = this.#patients.get(id);
    if (!current) return undefined;

    const merged = { ...current, ...defined(changes) };
    const patient = freeze(toPatient(merged, this.#changedStamps(current)));
    this.#patients.set(id, patient);
    this.#patientOrder = undefined;

    return patient;
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
    const consultation = toConsultation(fields, this.#newStamps('con'));
    this.#consultations.set(consultation.id, freeze(consultation));
    this.#consultationOrder = undefined;

    return consultation;
  }

  /** Undefined when there is no such consultation. */
  updateConsultation(id: string, changes: Partial<NewConsultation>): Consultation | undefined {
    const current = this.#consultations.get(id);
    if (!current) return undefined;

    const merged = { ...current, ...defined(changes) };
    const consultation = freeze(toConsultation(merged, this.#changedStamps(current)));
    this.#consultations.set(id, consultation);
    this.#consultationOrder = undefined;

    return consultation;
  }

  getClinician(id: string): Clinician | undefined {
    return this.#clinicians.get(id);
  }

  getLocation(id: string): Location | undefined {
    return this.#locations.get(id);
  }

  #newStamps(prefix: 'pat' | 'con') {
    const stamp = formatTimestamp(this.#now().getTime());

    return { id: this.#ids.next(prefix), created_at: stamp, updated_at: stamp };
  }

  #changedStamps(current: { id: string; created_at: string }) {
    const updatedAt = formatTimestamp(this.#now().getTime());

    return { id: current.id, created_at: current.created_at, updated_at: updatedAt };
  }
}

function fill<T extends { id: string }>(map: Map<string, T>, records: T[], ids: IdFactory): void {
  for (const record of records) {
    map.set(record.id, freeze(record));
    ids.reserve(record.id);
  }
}

/** Drops keys whose value is undefined, so a partial change never blanks a field by accident. */
function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Freezes the record and the objects and arrays directly inside it. */
function freeze<T extends object>(record: T): T {
  for (const value of Object.values(record)) {
    if (typeof value === 'object' && value !== null) Object.freeze(value);
  }

  return Object.freeze(record);
}

function byCreatedAtThenId(a: Patient, b: Patient): number {
  return compareText(a.created_at, b.created_at) || compareText(a.id, b.id);
}

function newestConsultationFirst(a: Consultation, b: Consultation): number {
  return (
    compareText(b.consultation_date, a.consultation_date) ||
    compareText(b.consultation_time ?? '', a.consultation_time ?? '') ||
    compareText(a.id, b.id)
  );
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;

  return a < b ? -1 : 1;
}
