// What the bench sends: the same reads phrased for direct REST, for the facade and for the peer.

/** The sandbox key with every scope. */
export const API_KEY = 'pk_test_sandbox_full';

/** One HTTP request, as autocannon and fetch both take it. */
export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** A read in one server's terms, or why that server cannot express it. */
export type Phrasing = { request: HttpRequest; note?: string } | { unsupported: string };

const PATIENT_FIELDS = 'id firstName lastName dateOfBirth nhsNumber postcode';
const PEER_PATIENT_FIELDS = 'id first_name last_name date_of_birth nhs_number postcode';

const FACADE_PATIENT = `query Patient($id: ID!) {
  patient(id: $id) { ${PATIENT_FIELDS} }
}`;

const PEER_PATIENT = `query Patient($id: String!) {
  getPatient(id: $id) { ... on Patient_response { data { ${PEER_PATIENT_FIELDS} } } }
}`;

const FACADE_CONSULTATIONS = `query ConsultationsWithPatients {
  consultations(first: 100) {
    nodes { id consultationDate consultationTypeDisplay patient { id firstName lastName } }
  }
}`;

const FACADE_APPOINTMENTS = `query AppointmentsWithReferences {
  appointments(first: 50) {
    nodes {
      id startTime status
      patient { id lastName }
      clinician { id name }
      location { id name }
      appointmentType { id name }
    }
  }
}`;

// The README's "whole clinical record in one query".
const FACADE_RECORD = `query ClinicalRecord($id: ID!) {
  patient(id: $id) {
    firstName lastName
    consultations(first: 10) {
      nodes { consultationDate consultationTypeDisplay appointment { startTime } }
    }
    problems(first: 20) { nodes { problemName snomedCode icd10Code status } }
    appointments(first: 20) {
      nodes {
        startTime status
        clinician { name }
        location { name }
        appointmentType { name }
      }
    }
    documents(first: 20) { nodes { title documentType downloadUrl } }
    prescriptions(first: 20) { nodes { displayName frequency status } }
  }
}`;

// The peer has no links between resources, so the record is one root field per list, filtered by
// patient, plus the three catalogue lists from which a client would join names onto appointments.
const PEER_RECORD = `query ClinicalRecord($id: String!) {
  getPatient(id: $id) { ... on Patient_response { data { first_name last_name } } }
  listConsultations(patient_id: $id, limit: 10) {
    ... on ConsultationList_response {
      data { consultation_date consultation_type_display appointment_id }
    }
  }
  listProblems(patient_id: $id, limit: 20) {
    ... on ProblemList_response { data { problem_name snomed_code icd10_code status } }
  }
  listAppointments(patient_id: $id, limit: 20) {
    ... on AppointmentList_response {
      data { start_time status clinician_profile_id location_id appointment_type_id }
    }
  }
  listDocuments(patient_id: $id, limit: 20) {
    ... on DocumentList_response { data { id title document_type } }
  }
  listPrescriptions(patient_id: $id, limit: 20) {
    ... on PrescriptionList_response { data { display_name frequency status } }
  }
  listClinicians { ... on ClinicianList_response { data { id first_name last_name } } }
  listLocations { ... on LocationList_response { data { id name } } }
  listAppointmentTypes { ... on AppointmentTypeList_response { data { id name } } }
}`;

const NO_LINKS =
  'n/a: the OpenAPI description declares no links, so the peer cannot follow a reference; ' +
  'the client needs a second round trip with the ids from the first';

function graphql(url: string, query: string, variables: Record<string, unknown> = {}): HttpRequest {
  return {
    url,
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  };
}

/** `GET /patients/{id}` straight at the delay proxy. */
export function restPatient(jumpApiUrl: string, patientId: string): HttpRequest {
  return {
    url: `${jumpApiUrl}/patients/${encodeURIComponent(patientId)}`,
    method: 'GET',
    headers: { authorization: `Bearer ${API_KEY}` },
  };
}

/** `GET /patients?limit=1`, to find a patient to read. */
export function restPatientList(jumpApiUrl: string): HttpRequest {
  return {
    url: `${jumpApiUrl}/patients?limit=1`,
    method: 'GET',
    headers: { authorization: `Bearer ${API_KEY}` },
  };
}

export function facadePatient(url: string, patientId: string): HttpRequest {
  return graphql(url, FACADE_PATIENT, { id: patientId });
}

export function peerPatient(url: string, patientId: string): HttpRequest {
  return graphql(url, PEER_PATIENT, { id: patientId });
}

/** The three reads whose upstream calls are counted. */
export interface CountedRead {
  name: string;
  target: string;
  facade: Phrasing;
  peer: Phrasing;
}

export function countedReads(facadeUrl: string, peerUrl: string, patientId: string): CountedRead[] {
  return [
    {
      name: '100 consultations with their patients',
      target: '≤ 2',
      facade: { request: graphql(facadeUrl, FACADE_CONSULTATIONS) },
      peer: { unsupported: NO_LINKS },
    },
    {
      name: '50 appointments with patient, clinician, location, type',
      target: '≤ 5',
      facade: { request: graphql(facadeUrl, FACADE_APPOINTMENTS) },
      peer: { unsupported: NO_LINKS },
    },
    {
      name: "one patient's whole clinical record",
      target: '',
      facade: { request: graphql(facadeUrl, FACADE_RECORD, { id: patientId }) },
      peer: {
        request: graphql(peerUrl, PEER_RECORD, { id: patientId }),
        note:
          'partial: one root field per list plus the three catalogue lists for a client-side ' +
          'join; no consultation→appointment link and no download links (one call per document, ' +
          'ids unknown until the list returns)',
      },
    },
  ];
}
