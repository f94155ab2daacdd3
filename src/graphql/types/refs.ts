import { builder } from '../builder.js';
import { connectionOf } from '../connection.js';
import type { JumpRecord } from '../records.js';

// Object references live apart from their implementations so types can point at each other.
export const PatientRef = builder.objectRef<JumpRecord>('Patient');
export const ConsultationRef = builder.objectRef<JumpRecord>('Consultation');
export const ProblemRef = builder.objectRef<JumpRecord>('Problem');
export const AppointmentRef = builder.objectRef<JumpRecord>('Appointment');
export const DocumentRef = builder.objectRef<JumpRecord>('Document');
export const PrescriptionRef = builder.objectRef<JumpRecord>('Prescription');
export const ClinicianRef = builder.objectRef<JumpRecord>('Clinician');
export const LocationRef = builder.objectRef<JumpRecord>('Location');
export const AppointmentTypeRef = builder.objectRef<JumpRecord>('AppointmentType');

export type RecordRef = typeof PatientRef;

export const PatientConnection = connectionOf('Patient', PatientRef);
export const ConsultationConnection = connectionOf('Consultation', ConsultationRef);
export const ProblemConnection = connectionOf('Problem', ProblemRef);
export const AppointmentConnection = connectionOf('Appointment', AppointmentRef);
export const DocumentConnection = connectionOf('Document', DocumentRef);
export const PrescriptionConnection = connectionOf('Prescription', PrescriptionRef);
export const ClinicianConnection = connectionOf('Clinician', ClinicianRef);
export const LocationConnection = connectionOf('Location', LocationRef);
export const AppointmentTypeConnection = connectionOf('AppointmentType', AppointmentTypeRef);
