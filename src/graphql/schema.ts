import { builder } from './builder.js';
import './types/scalars.js';
import './types/patient.js';
import './types/consultation.js';

/** The whole schema, built once at start-up. */
export const schema = builder.toSchema({ sortSchema: false });
