import { builder } from '../builder.js';
import { connectionOf } from '../connection.js';
import type { JumpRecord } from '../records.js';

// Object references live apart from their implementations so types can point at each other.
export const PatientRef = builder.objectRef<JumpRecord>('Patient');
export const ConsultationRef = builder.objectRef<JumpRecord>('Consultation');

export const PatientConnection = connectionOf('Patient', PatientRef);
export const ConsultationConnection = connectionOf('Consultation', ConsultationRef);
