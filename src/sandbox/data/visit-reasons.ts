import type { Patient, Problem } from '../records.js';
import type { Service } from './appointment-types.js';
import { ROLES } from './clinicians.js';
import { COMPLAINTS, fitsAge, isSeenBy, type Complaint } from './complaints.js';
import { CONDITION_FOR_COMPLAINT, conditionFor } from './conditions.js';
import type { ConsultationTypeName } from './consultation-types.js';
import type { Random } from './random.js';

/** Why an appointment was booked, and what the clinician records if the patient attends. */
export interface Visit {
  title: string;
  /** The reason given at booking (NEWER `description`), when one was. */
  description: string | null;
  chief_complaint: string;
  summary: string;
  consultationType: ConsultationTypeName;
}

export interface VisitPatient {
  patient: Patient;
  ageInYears: number;
  /** The patient's problems that were active on the day. */
  problems: readonly Problem[];
}

type Notes = Pick<Visit, 'chief_complaint' | 'summary'>;

const REVIEW_COMPLAINTS: Readonly<Record<string, string>> = {
  '44054006': 'Diabetes annual review',
  '195967001': 'Asthma annual review',
  '59621000': 'Blood pressure check',
};

// A first assessment is for a new problem, so never the physiotherapist's follow-up.
const PHYSIO_AREAS: readonly (Notes & { area: string })[] = [
  { area: 'Lower back pain', ...named('Lower back pain for six weeks') },
  { area: 'Knee pain', ...named('Knee pain after running') },
  { area: 'Shoulder pain', ...named('Painful shoulder when reaching overhead') },
  { area: 'Neck pain', ...named('Stiff and painful neck') },
];

interface NurseVisit extends Notes {
  title: string;
  minAge?: number;
  maxAge?: number;
  gender?: Patient['gender'];
}

const NURSE_VISITS: readonly NurseVisit[] = [
  {
    title: 'Wound dressing',
    chief_complaint: 'Wound dressing change',
    summary:
      'Wound clean and healing with no sign of infection. Dressing renewed; next in three days.',
  },
  {
    title: 'Childhood immunisations',
    chief_complaint: 'Routine childhood immunisations',
    summary:
      'Immunisations given as per the NHS schedule. No immediate reaction; aftercare advice given.',
    maxAge: 6,
  },
  {
    title: 'Cervical screening',
    chief_complaint: 'Cervical screening',
    summary: 'Sample taken without difficulty. Result letter to follow in about two weeks.',
    minAge: 25,
    maxAge: 64,
    gender: 'female',
  },
  {
    title: 'Blood pressure check',
    ...named('Blood pressure check'),
    minAge: 30,
  },
  {
    title: 'NHS Health Check',
    ...named('NHS Health Check'),
    minAge: 40,
    maxAge: 74,
  },
];

const DESTINATIONS = ['Kenya', 'Thailand', 'India', 'Brazil', 'Vietnam', 'Ghana', 'Peru'];

/** A reason for booking `service` that fits the patient's age, sex and problems. */
export function pickVisit(random: Random, service: Service, who: VisitPatient): Visit {
  const title = service.fields.name;
  switch (service.key) {
    case 'nurse':
      return nurseVisit(random, who);
    case 'bloods':
      return bloodTestVisit(random, who);
    case 'physio': {
      const area = random.pick(PHYSIO_AREAS);

      return { title, description: area.area, ...notes(area), consultationType: 'consultation' };
    }
    case 'travel': {
      const description = `Travel to ${random.pick(DESTINATIONS)}`;

      return { title, description, ...named('Travel health advice'), consultationType: 'checkUp' };
    }
    default:
      return doctorVisit(random, service, who);
  }
}

function doctorVisit(random: Random, service: Service, who: VisitPatient): Visit {
  const remote = service.remote;
  const complaint = pickComplaint(
    random,
    who,
    (c) => isSeenBy(c, ROLES.gp) && c.kind !== 'check_up' && !(remote && c.examined),
  );
  const consultationType: ConsultationTypeName = remote
    ? 'telemedicine'
    : complaint.kind === 'follow_up'
      ? 'followUp'
      : random.pick(['consultation', 'symptom'] as const);
  const description = random.chance(0.5) ? complaint.chief_complaint : null;

  return { title: service.fields.name, description, ...notes(complaint), consultationType };
}

function nurseVisit(random: Random, who: VisitPatient): Visit {
  const reviewed = who.problems.filter((problem) => REVIEW_COMPLAINTS[problem.snomed_code ?? '']);
  if (reviewed.length > 0 && random.chance(0.7)) {
    const problem = random.pick(reviewed);
    const condition = conditionFor(problem.snomed_code);
    const complaint = named(REVIEW_COMPLAINTS[problem.snomed_code ?? ''] ?? '');

    return {
      title: condition?.reviewTitle ?? 'Practice nurse appointment',
      description: null,
      ...complaint,
      consultationType: 'checkUp',
    };
  }
  const { patient, ageInYears } = who;
  const fitting = NURSE_VISITS.filter(
    (visit) =>
      (visit.minAge ?? 0) <= ageInYears &&
      ageInYears <= (visit.maxAge ?? Infinity) &&
      (visit.gender === undefined || visit.gender === patient.gender),
  );
  const visit = random.pick(fitting);

  return { title: visit.title, description: null, ...notes(visit), consultationType: 'checkUp' };
}

function bloodTestVisit(random: Random, who: VisitPatient): Visit {
  const monitored = who.problems.flatMap(
    (problem) => conditionFor(problem.snomed_code)?.bloodTest ?? [],
  );
  const tests = monitored.length > 0 ? random.pick(monitored) : 'Full blood count';

  return {
    title: 'Blood test',
    description: tests,
    chief_complaint: `Blood test: ${tests}`,
    summary:
      'Venepuncture at the first attempt. Samples sent to the laboratory; results to the GP.',
    consultationType: 'consultation',
  };
}

/** A complaint passing `fits` that suits the patient; any age-fitting one if none does. */
function pickComplaint(
  random: Random,
  who: VisitPatient,
  fits: (complaint: Complaint) => boolean,
): Complaint {
  const codes = new Set(who.problems.map((problem) => problem.snomed_code));
  const suits = (complaint: Complaint) => {
    const needed = CONDITION_FOR_COMPLAINT[complaint.chief_complaint];

    return fitsAge(complaint, who.ageInYears) && (needed === undefined || codes.has(needed));
  };
  const fitting = COMPLAINTS.filter((complaint) => suits(complaint) && fits(complaint));

  return random.pick(fitting.length > 0 ? fitting : COMPLAINTS.filter(suits));
}

function named(chiefComplaint: string): Notes {
  const complaint = COMPLAINTS.find((c) => c.chief_complaint === chiefComplaint);
  if (!complaint) throw new Error(`No complaint is called ${chiefComplaint}`);

  return notes(complaint);
}

function notes(source: Notes): Notes {
  return { chief_complaint: source.chief_complaint, summary: source.summary };
}
