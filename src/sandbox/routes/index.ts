import type { Route } from '../http/router.js';
import { appointmentTypeRoutes } from './appointment-types.js';
import { appointmentRoutes } from './appointments.js';
import { availabilityRoutes } from './availability.js';
import { clinicianRoutes } from './clinicians.js';
import { consultationRoutes } from './consultations.js';
import { documentRoutes } from './documents.js';
import { holdRoutes } from './holds.js';
import { locationRoutes } from './locations.js';
import { patientRoutes } from './patients.js';
import { prescriptionRoutes } from './prescriptions.js';
import { problemRoutes } from './problems.js';

/** Every route the sandbox serves; a new resource adds its file here. */
export const SANDBOX_ROUTES: readonly Route[] = [
  ...patientRoutes,
  ...consultationRoutes,
  ...problemRoutes,
  ...prescriptionRoutes,
  ...appointmentRoutes,
  ...documentRoutes,
  ...clinicianRoutes,
  ...locationRoutes,
  ...appointmentTypeRoutes,
  ...availabilityRoutes,
  ...holdRoutes,
];
