import type { Route } from '../http/router.js';
import { consultationRoutes } from './consultations.js';
import { patientRoutes } from './patients.js';

/** Every route the sandbox serves; a new resource adds its file here. */
export const SANDBOX_ROUTES: readonly Route[] = [...patientRoutes, ...consultationRoutes];
