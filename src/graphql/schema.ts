import { builder } from './builder.js';
import './types/scalars.js';
import './types/patient.js';
import './types/consultation.js';
import './types/problem.js';
import './types/appointment.js';
import './types/document.js';
import './types/prescription.js';
import './types/catalogue.js';
import './types/booking.js';

/** The whole schema, built once at start-up. */
export const schema = builder.toSchema({ sortSchema: false });
