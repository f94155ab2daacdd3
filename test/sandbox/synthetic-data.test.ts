import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/sandbox/data/dataset.js';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } from '../../src/sandbox/data/names.js';
import { isValidNhsNumber } from '../../src/domain/nhs-number.js';
import type { Patient } from '../../src/sandbox/records.js';
import { SandboxStore } from '../../src/sandbox/store.js';
import { normaliseUkPostcode } from '../../src/sandbox/validation/postcode.js';

const SEED = 20260101;
const store = new SandboxStore({ seed: SEED, patientCount: 600, now: () => new Date() });
const patients = store.patients;
const consultations = store.consultations;

const REMOTE_TYPES = ['185317003', '448337001'];
const SNOMED_ENCOUNTER_TYPES = new Map([
  ['11429006', 'Consultation'],
  ['185349003', 'Encounter for check up'],
  ['185345009', 'Encounter for symptom'],
  ['390906007', 'Follow-up encounter'],
  ['185317003', 'Telephone encounter'],
  ['439708006', 'Home visit'],
  ['448337001', 'Telemedicine consultation with patient'],
]);

describe('the synthetic data set', () => {
  it('is byte-identical for the same seed', () => {
    const again = generateDataset(SEED, 600);
    const first = generateDataset(SEED, 600);

    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it('differs for a different seed', () => {
    const other = new SandboxStore({ seed: SEED + 1, patientCount: 600, now: () => new Date() });

    expect(other.patients[0]?.id).not.toBe(patients[0]?.id);
    expect(JSON.stringify(other.patients)).not.toBe(JSON.stringify(patients));
  });

  it('does not depend on the wall clock', () => {
    const past = new SandboxStore({ seed: SEED, patientCount: 600, now: () => new Date(0) });

    expect(JSON.stringify(past.patients)).toBe(JSON.stringify(patients));
    expect(JSON.stringify(past.consultations)).toBe(JSON.stringify(consultations));
  });

  it('generates 600 patients and their consultations in well under 200 ms', () => {
    generateDataset(7, 600);
    const started = performance.now();
    generateDataset(SEED, 600);

    expect(performance.now() - started).toBeLessThan(200);
  });

  it('draws on at least 80 first names and 80 surnames', () => {
    expect(FEMALE_FIRST_NAMES.length + MALE_FIRST_NAMES.length).toBeGreaterThanOrEqual(80);
    expect(SURNAMES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(patients.map((patient) => patient.last_name)).size).toBeGreaterThan(60);
  });
});

describe('synthetic patients', () => {
  it('number 600 by default, each with a pat_ id of 24 lowercase hex digits', () => {
    expect(patients).toHaveLength(600);
    for (const patient of patients) expect(patient.id).toMatch(/^pat_[0-9a-f]{24}$/);
    expect(new Set(patients.map((patient) => patient.id)).size).toBe(600);
  });

  it('have unique, valid NHS numbers in the 999 test range, spaced 3-3-4', () => {
    const numbers = patients.map((patient) => patient.nhs_number ?? '');

    for (const number of numbers) {
      expect(number).toMatch(/^999 \d{3} \d{4}$/);
      expect(isValidNhsNumber(number)).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('have drama-range mobile numbers, example-domain emails and real-shaped postcodes', () => {
    for (const patient of patients) {
      expect(patient.phone).toMatch(/^\+44 7700 900\d{3}$/);
      expect(patient.email).toMatch(/^[a-z0-9.]+@example\.(com|co\.uk)$/);
      expect(normaliseUkPostcode(patient.postcode ?? '')).toBe(patient.postcode);
      expect(patient.postcode).toMatch(/ \d[ABD-HJLNP-UW-Z]{2}$/);
      expect(patient.country).toBe('United Kingdom');
    }
  });

  it('put postcodes in districts that belong to the patient’s city', () => {
    const districts: Record<string, RegExp> = {
      Leeds: /^LS\d/,
      Manchester: /^M\d/,
      Birmingham: /^B\d/,
      Edinburgh: /^EH\d/,
      Cardiff: /^CF\d/,
      Bristol: /^BS\d/,
      'Newcastle upon Tyne': /^NE\d/,
    };
    for (const patient of patients) {
      const district = districts[patient.city ?? ''];
      if (district) expect(patient.postcode).toMatch(district);
    }
  });

  it('are born between 1930 and 2024 and registered after birth', () => {
    for (const patient of patients) {
      expect(patient.date_of_birth >= '1930-01-01' && patient.date_of_birth <= '2024-12-31').toBe(
        true,
      );
      expect(patient.created_at.slice(0, 10) >= patient.date_of_birth).toBe(true);
      expect(patient.updated_at >= patient.created_at).toBe(true);
    }
    const decades = new Set(patients.map((patient) => patient.date_of_birth.slice(0, 3)));
    expect(decades.size).toBeGreaterThanOrEqual(9);
  });

  it('are mostly male or female, with a few other', () => {
    const count = (gender: Patient['gender']) =>
      patients.filter((patient) => patient.gender === gender).length;

    expect(count('female')).toBeGreaterThan(250);
    expect(count('male')).toBeGreaterThan(250);
    expect(count('other')).toBeGreaterThan(0);
    expect(count('other')).toBeLessThan(30);
  });

  it('carry the documented custom_fields and ISO 8601 UTC timestamps', () => {
    for (const patient of patients) {
      expect(Object.keys(patient.custom_fields)).toEqual([
        'preferred_contact',
        'marketing_consent',
      ]);
      expect(patient.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(patient.updated_at < '2026-01-01').toBe(true);
    }
  });
});

describe('synthetic consultations', () => {
  it('give every patient two to six', () => {
    const perPatient = new Map<string, number>();
    for (const consultation of consultations) {
      perPatient.set(consultation.patient_id, (perPatient.get(consultation.patient_id) ?? 0) + 1);
    }

    expect(perPatient.size).toBe(600);
    for (const count of perPatient.values()) expect(count >= 2 && count <= 6).toBe(true);
  });

  it('fall after the patient’s registration and no later than 2025-12-31', () => {
    for (const consultation of consultations) {
      const patient = store.getPatient(consultation.patient_id);

      expect(consultation.consultation_date >= (patient?.created_at.slice(0, 10) ?? '')).toBe(true);
      expect(consultation.consultation_date > (patient?.date_of_birth ?? '')).toBe(true);
      expect(consultation.consultation_date <= '2025-12-31').toBe(true);
      expect(consultation.status).toBe('completed');
    }
  });

  it('are coded with real SNOMED CT encounter types and their display terms', () => {
    for (const consultation of consultations) {
      const display = SNOMED_ENCOUNTER_TYPES.get(consultation.consultation_type_code ?? '');

      expect(display).toBe(consultation.consultation_type_display);
      expect(consultation.chief_complaint).toBeTruthy();
      expect(consultation.summary).toBeTruthy();
    }
  });

  it('reference sandbox clinicians, and a location only when the patient attended one', () => {
    for (const consultation of consultations) {
      expect(store.getClinician(consultation.clinician_id ?? '')).toBeDefined();
      const remote = REMOTE_TYPES.includes(consultation.consultation_type_code ?? '');
      if (remote) expect(consultation.location_id).toBeNull();
      if (consultation.location_id)
        expect(store.getLocation(consultation.location_id)).toBeDefined();
    }
  });

  it('are listed newest first', () => {
    const keys = consultations.map((c) => `${c.consultation_date} ${c.consultation_time}`);

    expect(keys).toEqual([...keys].sort().reverse());
  });
});

describe('synthetic clinicians and locations', () => {
  it('has eight clinicians with NHS example emails and drama-range phones', () => {
    expect(store.clinicians).toHaveLength(8);
    for (const clinician of store.clinicians) {
      expect(clinician.id).toMatch(/^cli_[0-9a-f]{24}$/);
      expect(clinician.email).toMatch(/@example\.nhs\.uk$/);
      expect(clinician.phone).toMatch(/^\+44 20 7946 0\d{3}$/);
      expect(clinician.specialties.length).toBeGreaterThan(0);
    }
  });

  it('has three London locations, one of them no longer active', () => {
    expect(store.locations).toHaveLength(3);
    expect(store.locations.filter((location) => !location.is_active)).toHaveLength(1);
    for (const location of store.locations) {
      expect(location.id).toMatch(/^loc_[0-9a-f]{24}$/);
      expect(location.phone).toMatch(/^\+44 20 7946 0\d{3}$/);
    }
  });
});
