import { DAY_MS, formatTimestamp } from '../calendar.js';
import type { Clinician, Consultation, Patient } from '../records.js';
import { clinicianWorksOn } from './clinicians.js';
import { groupByPatient } from './group-by-patient.js';
import { randomWorkingMinute } from './patients.js';
import type { Random } from './random.js';
import type { Timeline } from './timeline.js';

const ARCHIVE_CHANCE = 0.02;

const ARCHIVES = [
  {
    reason: 'Moved away',
    notes: 'Moved out of the practice area; records transferred electronically.',
  },
  {
    reason: 'Registered with another practice',
    notes: 'Deducted after registering with a new GP.',
  },
  { reason: 'Left the UK', notes: 'Emigrated; registration ended at the patient’s request.' },
  { reason: 'Duplicate record', notes: null },
] as const;

export interface ArchiveContext {
  random: Random;
  clinicians: readonly Clinician[];
  consultations: readonly Consultation[];
  timeline: Timeline;
}

/**
 * Archives about one patient in fifty, some time after their last consultation and last edit,
 * as practice staff do in the dashboard (so `archived_by` is a staff user). Everyone else is
 * returned untouched.
 */
export function archivePatients(context: ArchiveContext, patients: readonly Patient[]): Patient[] {
  const consultations = groupByPatient(context.consultations);

  return patients.map((patient) => {
    if (!context.random.chance(ARCHIVE_CHANCE)) return patient;

    const seen = (consultations.get(patient.id) ?? []).map((c) => Date.parse(c.consultation_date));
    const lastActivity = Math.max(Date.parse(patient.updated_at), ...seen);
    const day = Math.floor(lastActivity / DAY_MS) * DAY_MS + context.random.int(7, 120) * DAY_MS;
    const archivedAt = day + randomWorkingMinute(context.random) * 60_000;
    if (archivedAt >= context.timeline.lastConsultation) return patient;

    const archive = context.random.pick(ARCHIVES);
    const staff = context.clinicians.filter((clinician) =>
      clinicianWorksOn(clinician, day, context.timeline),
    );
    const stamp = formatTimestamp(archivedAt);

    return {
      ...patient,
      archived_at: stamp,
      archived_by: context.random.pick(staff.length > 0 ? staff : context.clinicians).user_id,
      archive_reason: archive.reason,
      archive_notes: archive.notes,
      updated_at: stamp,
    };
  });
}
