import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/sandbox/data/dataset.js';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } from '../../src/sandbox/data/names.js';
import { isValidNhsNumber } from '../../src/domain/nhs-number.js';
import type { Appointment, Patient } from '../../src/sandbox/records.js';
import { SandboxStore } from '../../src/sandbox/store.js';
import { normaliseUkPostcode } from '../../src/sandbox/validation/postcode.js';
import { documentFile } from '../../src/sandbox/document-files.js';
import { formatTimestamp, londonInstant, parseCalendarDate } from '../../src/sandbox/calendar.js';
import { mondayOnOrBefore } from '../../src/sandbox/data/timeline.js';
import { startSandbox } from '../../src/sandbox/sandbox.js';

const SEED = 20260101;
// A Monday in winter, so London midnight is UTC midnight and timestamps compare with it as text.
// From it: births 1930-01-05 to 2025-01-04, registrations to 2025-07-04, the inactive clinicians
// gone from 2025-07-05, history to 2026-01-04, upcoming appointments to 2026-03-29.
const ANCHOR = '2026-01-05';
const DAY_BEFORE = '2026-01-04';
const store = new SandboxStore({
  seed: SEED,
  patientCount: 600,
  anchorDate: ANCHOR,
  now: () => new Date(),
});
const patients = store.patients;
const consultations = store.consultations;
const dataset = (anchorDate = ANCHOR, seed = SEED) =>
  generateDataset({ seed, patientCount: 600, anchorDate });

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
  it('is byte-identical for the same seed and anchor', () => {
    const again = dataset();
    const first = dataset();

    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it('differs for a different seed', () => {
    const other = dataset(ANCHOR, SEED + 1);

    expect(other.patients[0]?.id).not.toBe(patients[0]?.id);
    expect(JSON.stringify(other.patients)).not.toBe(JSON.stringify(patients));
  });

  it('keeps the same patients around another anchor, their dates moved with it', () => {
    // Seven weeks on: another Monday, still in winter.
    const later = dataset('2026-02-23');
    const before = new Map(patients.map((patient) => [patient.id, patient]));
    const laterConsultations = later.consultations.map((c) => c.consultation_date).sort();
    const laterUpcoming = later.appointments.filter((a) => a.start_time >= '2026-02-23');

    expect(later.patients).toHaveLength(600);
    for (const patient of later.patients) {
      const same = before.get(patient.id);
      const moved = Date.parse(patient.date_of_birth) - Date.parse(same?.date_of_birth ?? '');

      expect([patient.first_name, patient.last_name, patient.nhs_number]).toEqual([
        same?.first_name,
        same?.last_name,
        same?.nhs_number,
      ]);
      expect(moved).toBe(49 * 86_400_000);
    }
    expect(laterConsultations.at(-1)).toBe('2026-02-20');
    expect(laterUpcoming.length).toBeGreaterThan(100);
    expect(laterUpcoming.every((a) => a.start_time < '2026-05-18')).toBe(true);
    expect(JSON.stringify(later.appointments)).not.toBe(JSON.stringify(store.appointments));
  });

  it.each([
    ['a Wednesday', '2026-12-02T10:00:00Z', '2026-11-30'],
    ['the Monday itself, at midnight', '2026-11-30T00:00:00Z', '2026-11-30'],
    ['a winter Sunday night, still Sunday in London', '2026-11-29T23:30:00Z', '2026-11-23'],
    ['a summer Sunday night, already Monday in London', '2026-06-28T23:30:00Z', '2026-06-29'],
  ])('anchors by default on the Monday on or before %s', (_, now, monday) => {
    expect(mondayOnOrBefore(new Date(now))).toBe(monday);
  });

  it('gives the same data all week, and appointments still to come, to a sandbox started without an anchor', async () => {
    const monday = await startSandbox({ now: () => new Date('2026-11-30T08:00:00Z') });
    const sunday = await startSandbox({ now: () => new Date('2026-12-06T21:00:00Z') });
    try {
      const upcoming = sunday.store.listAppointments({
        startFrom: Date.parse('2026-12-07T00:00:00Z'),
        statuses: ['confirmed', 'scheduled', 'pending', 'pending_approval'],
      });

      expect(monday.store.anchorDate).toBe('2026-11-30');
      expect(sunday.store.anchorDate).toBe('2026-11-30');
      expect(JSON.stringify(sunday.store.appointments)).toBe(
        JSON.stringify(monday.store.appointments),
      );
      expect(upcoming.length).toBeGreaterThan(200);
    } finally {
      await Promise.all([monday.close(), sunday.close()]);
    }
  });

  it.each(['2026-02-30', '26-01-05', '1999-12-31', '2100-01-04'])(
    'refuses the anchorDate %s, naming the option and the range',
    async (anchorDate) => {
      await expect(startSandbox({ anchorDate })).rejects.toThrow(
        `SandboxOptions.anchorDate must be a date in YYYY-MM-DD format from 2000-01-01 to 2099-12-31; received "${anchorDate}"`,
      );
    },
  );

  it('does not depend on the wall clock once anchored', () => {
    const past = new SandboxStore({
      seed: SEED,
      patientCount: 600,
      anchorDate: ANCHOR,
      now: () => new Date(0),
    });

    expect(JSON.stringify(past.patients)).toBe(JSON.stringify(patients));
    expect(JSON.stringify(past.consultations)).toBe(JSON.stringify(consultations));
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

  it('have drama-range mobile numbers, example.com emails and real-shaped postcodes', () => {
    for (const patient of patients) {
      expect(patient.phone).toMatch(/^\+44 7700 900\d{3}$/);
      expect(patient.email).toMatch(/^[a-z0-9.]+@example\.com$/);
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

  it('are born up to 96 years before the anchor, and registered after birth and by six months before it', () => {
    for (const patient of patients) {
      expect(patient.date_of_birth >= '1930-01-05' && patient.date_of_birth <= '2025-01-04').toBe(
        true,
      );
      expect(patient.created_at.slice(0, 10) >= patient.date_of_birth).toBe(true);
      expect(patient.created_at.slice(0, 10) <= '2025-07-04').toBe(true);
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
      expect(patient.updated_at < ANCHOR).toBe(true);
    }
  });
});

describe('synthetic consultations', () => {
  it('give every patient two to six without an appointment, plus one per attended appointment', () => {
    const perPatient = new Map<string, number>();
    for (const consultation of consultations) {
      if (consultation.appointment_id !== null) continue;
      perPatient.set(consultation.patient_id, (perPatient.get(consultation.patient_id) ?? 0) + 1);
    }
    const booked = consultations.filter((consultation) => consultation.appointment_id !== null);
    const completed = store.appointments.filter(
      (appointment) => appointment.status === 'completed',
    );

    expect(perPatient.size).toBe(600);
    for (const count of perPatient.values()) expect(count >= 2 && count <= 6).toBe(true);
    expect(booked).toHaveLength(completed.length);
  });

  it('fall after the patient’s registration and before the anchor', () => {
    for (const consultation of consultations) {
      const patient = store.getPatient(consultation.patient_id);

      expect(consultation.consultation_date >= (patient?.created_at.slice(0, 10) ?? '')).toBe(true);
      expect(consultation.consultation_date > (patient?.date_of_birth ?? '')).toBe(true);
      expect(consultation.consultation_date <= DAY_BEFORE).toBe(true);
      expect(consultation.updated_at < ANCHOR).toBe(true);
      expect(consultation.status).toBe('completed');
    }
  });

  it('fall on working days, start in surgery hours on a London clock and are written up that day', () => {
    const recent = consultations.filter((c) => c.consultation_date >= '2024-01-01');

    expect(recent.length).toBeGreaterThan(500);
    for (const consultation of consultations) {
      const date = consultation.consultation_date;
      const written = inLondon(consultation.created_at);

      expect(['Sat', 'Sun']).not.toContain(inLondon(`${date}T12:00:00Z`).weekday);
      expect(BANK_HOLIDAYS).not.toContain(date);
      // An unbooked consultation takes 15 minutes; a booked one starts when its appointment did.
      const lastStart = consultation.appointment_id === null ? '18:15:00' : '18:29:00';
      expect(consultation.consultation_time! >= '08:00:00').toBe(true);
      expect(consultation.consultation_time! <= lastStart).toBe(true);
      expect(written.date).toBe(date);
      // Written up within the hour, or up to half an hour after a booked one (45 minutes at most).
      const after = minutesOf(written.time) - minutesOf(consultation.consultation_time!);
      expect(after > 0 && after <= 75, `written ${after} minutes after it started`).toBe(true);
    }
  });

  it('record an NHS Health Check only for patients aged 40 to 74 on the day', () => {
    const checks = consultations.filter((c) => c.chief_complaint === 'NHS Health Check');

    expect(checks.length).toBeGreaterThan(5);
    for (const check of checks) {
      const age = wholeYears(store.getPatient(check.patient_id), check.consultation_date);

      expect(age >= 40 && age <= 74, `aged ${age} on ${check.consultation_date}`).toBe(true);
    }
  });

  it('are with a clinician who worked at the practice that day, about something their role sees', () => {
    const complaintsOf = (role: string) =>
      new Set(
        consultations
          .filter((c) => store.getClinician(c.clinician_id ?? '')?.role === role)
          .map((c) => c.chief_complaint ?? ''),
      );
    const physio = [...complaintsOf('Physiotherapist')];
    const pharmacist = [...complaintsOf('Clinical Pharmacist')];

    expect(physio.length).toBeGreaterThan(2);
    for (const complaint of physio) {
      expect(complaint).toMatch(/back|knee|shoulder|neck|exercise/i);
    }
    expect(pharmacist.length).toBeGreaterThan(1);
    for (const complaint of pharmacist) expect(complaint).toMatch(/medication|blood pressure/i);
    for (const role of ['Practice Nurse', 'Physiotherapist', 'Clinical Pharmacist']) {
      for (const diagnosis of [
        'Low mood and poor sleep',
        'Baby check',
        'Headaches for two weeks',
      ]) {
        expect(complaintsOf(role)).not.toContain(diagnosis);
      }
    }
    for (const consultation of consultations) {
      const clinician = store.getClinician(consultation.clinician_id ?? '');
      if (!clinician?.is_active) expect(consultation.consultation_date < '2025-07-05').toBe(true);
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
  it('has eight clinicians with example.com emails and drama-range phones', () => {
    expect(store.clinicians).toHaveLength(8);
    for (const clinician of store.clinicians) {
      expect(clinician.id).toMatch(/^cli_[0-9a-f]{24}$/);
      expect(clinician.email).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
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
      expect(location.email).toMatch(/^[a-z]+@example\.com$/);
    }
  });
});

// Checked against the SNOMED CT browser and the WHO ICD-10, independently of the generator.
const CODED_CONDITIONS: Record<string, { name: string; icd10: string; minAge: number }> = {
  '59621000': { name: 'Essential hypertension', icd10: 'I10', minAge: 25 },
  '44054006': { name: 'Type 2 diabetes mellitus', icd10: 'E11', minAge: 25 },
  '195967001': { name: 'Asthma', icd10: 'J45', minAge: 3 },
  '40930008': { name: 'Hypothyroidism', icd10: 'E03.9', minAge: 18 },
  '35489007': { name: 'Depressive disorder', icd10: 'F32', minAge: 14 },
  '55822004': { name: 'Hyperlipidaemia', icd10: 'E78.5', minAge: 35 },
  '235595009': { name: 'Gastro-oesophageal reflux disease', icd10: 'K21', minAge: 18 },
  '396275006': { name: 'Osteoarthritis', icd10: 'M19.9', minAge: 45 },
  '37796009': { name: 'Migraine', icd10: 'G43', minAge: 10 },
  '49436004': { name: 'Atrial fibrillation', icd10: 'I48', minAge: 55 },
};

const MEDICATION_FOR: Record<string, string> = {
  '44054006': 'Metformin',
  '59621000': 'Amlodipine',
  '195967001': 'Salbutamol',
  '40930008': 'Levothyroxine',
  '35489007': 'Sertraline',
  '55822004': 'Atorvastatin',
  '235595009': 'Omeprazole',
  '396275006': 'Paracetamol',
  '37796009': 'Sumatriptan',
  '49436004': 'Apixaban',
};

const PRESCRIBING_ROLES = [
  'General Practitioner',
  'Advanced Nurse Practitioner',
  'Clinical Pharmacist',
];

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});

/** London date, time and weekday at an instant, worked out by Intl rather than the sandbox. */
function inLondon(timestamp: string) {
  const parts = Object.fromEntries(
    londonClock.formatToParts(new Date(timestamp)).map((part) => [part.type, part.value]),
  );

  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    weekday: parts.weekday,
  };
}

const byPatient = <T extends { patient_id: string }>(records: readonly T[]) => {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    groups.set(record.patient_id, [...(groups.get(record.patient_id) ?? []), record]);
  }

  return groups;
};

const ageOn = (patient: Patient | undefined, date: string) =>
  (Date.parse(date) - Date.parse(patient?.date_of_birth ?? '')) / (365.25 * 86_400_000);

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Age in completed years on a date, as a birthday card counts it. */
function wholeYears(patient: Patient | undefined, date: string): number {
  const born = patient?.date_of_birth ?? '';
  const years = Number(date.slice(0, 4)) - Number(born.slice(0, 4));

  return date.slice(5) < born.slice(5) ? years - 1 : years;
}

// England and Wales bank holidays from GOV.UK, for the years the appointments span.
// prettier-ignore
const BANK_HOLIDAYS = [
  '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26',
  '2024-12-25', '2024-12-26', '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05',
  '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26', '2026-01-01', '2026-04-03',
];

describe('synthetic problems', () => {
  const problems = store.problems;

  it('give patients nought to four, with real SNOMED CT and ICD-10 pairs', () => {
    const perPatient = byPatient(problems);

    expect(problems.length).toBeGreaterThan(400);
    expect(perPatient.size).toBeLessThan(600);
    for (const group of perPatient.values()) expect(group.length).toBeLessThanOrEqual(4);
    for (const problem of problems) {
      const coded = CODED_CONDITIONS[problem.snomed_code ?? ''];

      expect(problem.id).toMatch(/^prb_[0-9a-f]{24}$/);
      expect(problem.problem_name).toBe(coded?.name);
      expect(problem.icd10_code).toBe(coded?.icd10);
    }
  });

  it('start at a plausible age and end, when resolved, after they start and before the anchor', () => {
    for (const problem of problems) {
      const patient = store.getPatient(problem.patient_id);
      const coded = CODED_CONDITIONS[problem.snomed_code ?? ''];

      expect(ageOn(patient, problem.onset_date ?? '')).toBeGreaterThanOrEqual(
        (coded?.minAge ?? 0) - 0.01,
      );
      expect(problem.end_date !== null).toBe(problem.status === 'resolved');
      if (problem.end_date) expect(problem.end_date >= (problem.onset_date ?? '')).toBe(true);
      expect((problem.end_date ?? problem.onset_date ?? '') <= DAY_BEFORE).toBe(true);
      expect(problem.created_at <= problem.updated_at).toBe(true);
      expect(problem.updated_at < ANCHOR).toBe(true);
    }
  });

  it('include every condition an existing consultation reviewed', () => {
    const reviews: Record<string, string> = {
      'Diabetes annual review': '44054006',
      'Asthma annual review': '195967001',
      'Review of blood pressure medication': '59621000',
    };
    for (const consultation of consultations) {
      const code = reviews[consultation.chief_complaint ?? ''];
      if (!code) continue;
      const problem = problems.find(
        (p) => p.patient_id === consultation.patient_id && p.snomed_code === code,
      );

      expect((problem?.onset_date ?? '9999') <= consultation.consultation_date).toBe(true);
    }
  });
});

describe('synthetic prescriptions', () => {
  const prescriptions = store.prescriptions;

  it('match the patient’s problems one for one: the first-line medicine for each', () => {
    const problems = byPatient(store.problems);

    expect(prescriptions).toHaveLength(store.problems.length);
    for (const prescription of prescriptions) {
      const matches = (problems.get(prescription.patient_id) ?? []).filter(
        (problem) => MEDICATION_FOR[problem.snomed_code ?? ''] === prescription.medication_name,
      );

      expect(matches).toHaveLength(1);
    }
  });

  it('are active for active problems, completed for resolved ones and stopped otherwise', () => {
    const expected = { active: 'active', resolved: 'completed', inactive: 'stopped' };
    for (const prescription of prescriptions) {
      const problem = store.problems.find(
        (p) =>
          p.patient_id === prescription.patient_id &&
          MEDICATION_FOR[p.snomed_code ?? ''] === prescription.medication_name,
      );

      expect(prescription.status).toBe(expected[problem?.status ?? 'active']);
      expect(prescription.end_date === null).toBe(prescription.status === 'active');
      expect(prescription.start_date >= (problem?.onset_date ?? '')).toBe(true);
      if (prescription.end_date) {
        expect(prescription.end_date >= prescription.start_date).toBe(true);
      }
    }
  });

  it('are signed by prescribers who worked at the practice, and named as Jump names them', () => {
    for (const prescription of prescriptions) {
      const prescriber = store.getClinician(prescription.prescriber_id ?? '');

      expect(prescription.id).toMatch(/^rx_[0-9a-f]{24}$/);
      expect(PRESCRIBING_ROLES).toContain(prescriber?.role);
      if (!prescriber?.is_active) expect(prescription.start_date < '2025-07-05').toBe(true);
      expect(prescription.display_name).toBe(
        `${prescription.medication_name} ${prescription.dosage}${prescription.dosage_unit}`,
      );
      expect(Number.isInteger(prescription.quantity)).toBe(true);
      expect(Number.isInteger(prescription.refills)).toBe(true);
    }
  });
});

describe('synthetic appointments', () => {
  const appointments = store.appointments;

  it('give each patient at most five, and most patients at least one', () => {
    const perPatient = byPatient(appointments);

    expect(perPatient.size).toBeGreaterThan(550);
    for (const group of perPatient.values()) expect(group.length).toBeLessThanOrEqual(5);
  });

  it('reference a real patient, clinician, appointment type and, unless remote, location', () => {
    for (const appointment of appointments) {
      const patient = store.getPatient(appointment.patient_id);
      const type = store.getAppointmentType(appointment.appointment_type_id);

      expect(appointment.id).toMatch(/^apt_[0-9a-f]{24}$/);
      expect(patient).toBeDefined();
      expect(store.getClinician(appointment.clinician_profile_id)).toBeDefined();
      expect(type?.is_active).toBe(true);
      expect(appointment.duration_minutes).toBe(type?.duration_minutes);
      expect(Date.parse(appointment.end_time) - Date.parse(appointment.start_time)).toBe(
        appointment.duration_minutes * 60_000,
      );
      expect(appointment.is_remote).toBe(appointment.location_id === null);
      if (appointment.location_id) {
        expect(store.getLocation(appointment.location_id)?.is_active).toBe(true);
      }
      expect(appointment.attendee_name).toBe(`${patient?.first_name} ${patient?.last_name}`);
      expect(appointment.attendee_email).toBe(patient?.email);
      expect(appointment.attendee_phone).toBe(patient?.phone);
      expect(['staff', 'online']).toContain(appointment.booking_source);
    }
  });

  it('fall on working days between 08:00 and 18:30 on a London clock, written in UTC', () => {
    for (const appointment of appointments) {
      const start = inLondon(appointment.start_time);
      const end = inLondon(appointment.end_time);

      expect(appointment.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
      expect(['Sat', 'Sun']).not.toContain(start.weekday);
      expect(BANK_HOLIDAYS).not.toContain(start.date);
      expect(start.time >= '08:00:00' && end.time <= '18:30:00').toBe(true);
      expect(end.date).toBe(start.date);
    }
  });

  it('convert British Summer Time: 09:00 in London is 08:00Z in July and 09:00Z in January', () => {
    const nineOn = (date: string) =>
      formatTimestamp(londonInstant(parseCalendarDate(date) ?? 0, 9 * 60));
    const hourOf = (timestamp: string) => Number(timestamp.slice(11, 13));
    const july = appointments.filter((a) => a.start_time.slice(5, 7) === '07');
    const january = appointments.filter((a) => a.start_time.slice(5, 7) === '01');

    expect(nineOn('2025-07-15')).toBe('2025-07-15T08:00:00Z');
    expect(nineOn('2026-01-15')).toBe('2026-01-15T09:00:00Z');
    expect(july.length).toBeGreaterThan(10);
    expect(january.length).toBeGreaterThan(10);
    for (const appointment of july) {
      const london = Number(inLondon(appointment.start_time).time.slice(0, 2));
      expect(london - hourOf(appointment.start_time)).toBe(1);
    }
    for (const appointment of january) {
      const london = Number(inLondon(appointment.start_time).time.slice(0, 2));
      expect(london - hourOf(appointment.start_time)).toBe(0);
    }
  });

  it('never double-book a clinician, cancelled appointments aside', () => {
    const diaries = new Map<string, Appointment[]>();
    for (const appointment of appointments.filter((a) => a.status !== 'cancelled')) {
      const diary = diaries.get(appointment.clinician_profile_id) ?? [];
      diaries.set(appointment.clinician_profile_id, [...diary, appointment]);
    }

    expect(diaries.size).toBeGreaterThan(5);
    for (const diary of diaries.values()) {
      const sorted = [...diary].sort((a, b) => a.start_time.localeCompare(b.start_time));
      sorted.forEach((appointment, index) => {
        const previous = sorted[index - 1];
        if (previous) expect(appointment.start_time >= previous.end_time).toBe(true);
      });
    }
  });

  it('are mostly completed in the past and still open in the future', () => {
    const past = appointments.filter((a) => a.start_time < ANCHOR);
    const future = appointments.filter((a) => a.start_time >= ANCHOR);
    const share = (list: typeof appointments, status: string) =>
      list.filter((a) => a.status === status).length / list.length;

    expect(share(past, 'completed')).toBeGreaterThan(0.75);
    expect(share(past, 'no_show')).toBeGreaterThan(0);
    expect(share(past, 'cancelled')).toBeGreaterThan(0);
    for (const appointment of future) {
      expect(['confirmed', 'scheduled', 'pending', 'pending_approval', 'cancelled']).toContain(
        appointment.status,
      );
    }
    for (const appointment of past) {
      expect(['completed', 'no_show', 'cancelled']).toContain(appointment.status);
    }
    for (const appointment of appointments) {
      expect(appointment.cancellation_reason !== null).toBe(appointment.status === 'cancelled');
      expect(appointment.created_at < appointment.start_time).toBe(true);
      expect(appointment.updated_at < ANCHOR).toBe(true);
    }
  });

  it('each completed one has the consultation it produced, at the same London date and time', () => {
    const linked = new Map(
      consultations
        .filter((consultation) => consultation.appointment_id !== null)
        .map((consultation) => [consultation.appointment_id, consultation]),
    );
    for (const appointment of appointments) {
      const consultation = linked.get(appointment.id);
      if (appointment.status !== 'completed') {
        expect(consultation).toBeUndefined();
        continue;
      }
      const start = inLondon(appointment.start_time);

      expect(consultation).toMatchObject({
        patient_id: appointment.patient_id,
        clinician_id: appointment.clinician_profile_id,
        location_id: appointment.location_id,
        consultation_date: start.date,
        consultation_time: start.time,
        status: 'completed',
      });
    }
    expect(linked.size).toBe(appointments.filter((a) => a.status === 'completed').length);
  });

  it('fill the twelve weeks from the anchor with appointments to come, from its first day', () => {
    const future = appointments.filter((a) => a.start_time >= ANCHOR);
    const firstWeek = future.filter((a) => a.start_time < '2026-01-10');

    expect(future.length).toBeGreaterThan(300);
    expect(firstWeek.length).toBeGreaterThan(10);
    expect(future.every((a) => a.start_time < '2026-03-30')).toBe(true);
  });

  it('stop before a patient was archived, and archived patients have none to come', () => {
    for (const patient of store.patients.filter((p) => p.archived_at)) {
      for (const appointment of appointments.filter((a) => a.patient_id === patient.id)) {
        expect(appointment.end_time <= (patient.archived_at ?? '')).toBe(true);
      }
    }
  });
});

describe('synthetic documents', () => {
  const documents = store.documents;

  it('give patients nought to three, filed under their own path', () => {
    const userIds = new Set(store.clinicians.map((clinician) => clinician.user_id));
    for (const group of byPatient(documents).values()) {
      expect(group.length).toBeLessThanOrEqual(3);
      expect(new Set(group.map((document) => document.file_name)).size).toBe(group.length);
    }
    for (const document of documents) {
      expect(document.id).toMatch(/^doc_[0-9a-f]{24}$/);
      expect(document.file_path).toBe(`documents/${document.patient_id}/${document.file_name}`);
      expect(['application/pdf', 'text/plain']).toContain(document.mime_type);
      expect(
        document.file_name.endsWith(document.mime_type === 'text/plain' ? '.txt' : '.pdf'),
      ).toBe(true);
      expect(userIds.has(document.uploaded_by)).toBe(true);
      expect(document.file_size).toBe(documentFile(document).content.byteLength);
    }
  });

  it('match the patient’s problems: an HbA1c only for a diabetic, a lipid profile for hyperlipidaemia', () => {
    const needs: Record<string, string> = {
      HbA1c: '44054006',
      'Lipid profile': '55822004',
      'Thyroid function tests': '40930008',
      'Echocardiogram report': '49436004',
      'X-ray report: knees': '396275006',
    };
    for (const document of documents) {
      const code = needs[document.title];
      if (!code) continue;

      expect(
        store.problems.some((p) => p.patient_id === document.patient_id && p.snomed_code === code),
      ).toBe(true);
    }
  });
});

describe('synthetic archived patients', () => {
  it('are a few, archived by staff with a reason, after their last consultation', () => {
    const archived = patients.filter((patient) => patient.archived_at !== null);
    const userIds = new Set(store.clinicians.map((clinician) => clinician.user_id));

    expect(archived.length).toBeGreaterThan(0);
    expect(archived.length).toBeLessThan(30);
    for (const patient of archived) {
      const seen = consultations
        .filter((consultation) => consultation.patient_id === patient.id)
        .map((consultation) => consultation.consultation_date);

      expect(patient.archive_reason).toBeTruthy();
      expect(userIds.has(patient.archived_by ?? '')).toBe(true);
      expect(patient.updated_at).toBe(patient.archived_at);
      for (const date of seen) expect(date < (patient.archived_at ?? '')).toBe(true);
    }
    for (const patient of patients.filter((p) => p.archived_at === null)) {
      expect([patient.archived_by, patient.archive_reason, patient.archive_notes]).toEqual([
        null,
        null,
        null,
      ]);
    }
  });
});
