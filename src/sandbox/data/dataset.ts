import type { Clinician, Consultation, Location, Patient } from '../records.js';
import { generateClinicians } from './clinicians.js';
import { generateConsultations } from './consultations.js';
import { createIdFactory } from './ids.js';
import { generateLocations } from './locations.js';
import { generatePatients } from './patients.js';
import { createRandom } from './random.js';

export interface SandboxDataset {
  clinicians: Clinician[];
  locations: Location[];
  patients: Patient[];
  consultations: Consultation[];
}

/** Everything the sandbox starts with; the same seed and count always give the same bytes. */
export function generateDataset(seed: number, patientCount: number): SandboxDataset {
  const ids = createIdFactory(createRandom(seed, 'ids'));
  const clinicians = generateClinicians(createRandom(seed, 'clinicians'), ids);
  const locations = generateLocations(createRandom(seed, 'locations'), ids);
  const patients = generatePatients(createRandom(seed, 'patients'), ids, patientCount);
  const consultationContext = {
    random: createRandom(seed, 'consultations'),
    ids,
    clinicians,
    locations,
  };
  const consultations = generateConsultations(consultationContext, patients);

  return { clinicians, locations, patients, consultations };
}
