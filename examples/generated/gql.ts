/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ConsultationsWithPatients($first: Int, $after: String, $patientId: ID) {\n  consultations(first: $first, after: $after, patientId: $patientId) {\n    totalCount\n    nodes {\n      id\n      consultationDate\n      consultationTypeDisplay\n      patient {\n        id\n        firstName\n        lastName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation CreateConsultation($input: CreateConsultationInput!) {\n  createConsultation(input: $input) {\n    id\n    patientId\n    consultationDate\n    consultationTime\n    consultationTypeCode\n    consultationTypeDisplay\n  }\n}": typeof types.ConsultationsWithPatientsDocument,
    "query PatientList($first: Int, $after: String, $search: String) {\n  patients(first: $first, after: $after, search: $search) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        firstName\n        lastName\n        nhsNumber\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nquery PatientRecord($id: ID!, $consultations: Int = 5) {\n  patient(id: $id) {\n    id\n    firstName\n    lastName\n    dateOfBirth\n    nhsNumber\n    email\n    phone\n    addressLine1\n    city\n    postcode\n    gender\n    consultations(first: $consultations) {\n      totalCount\n      nodes {\n        id\n        consultationDate\n        consultationTime\n        consultationTypeCode\n        consultationTypeDisplay\n        chiefComplaint\n      }\n    }\n  }\n}\n\nmutation CreatePatient($input: CreatePatientInput!) {\n  createPatient(input: $input) {\n    id\n    firstName\n    lastName\n    dateOfBirth\n    nhsNumber\n  }\n}\n\nmutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n  updatePatient(id: $id, input: $input) {\n    id\n    email\n    phone\n    postcode\n    updatedAt\n  }\n}": typeof types.PatientListDocument,
};
const documents: Documents = {
    "query ConsultationsWithPatients($first: Int, $after: String, $patientId: ID) {\n  consultations(first: $first, after: $after, patientId: $patientId) {\n    totalCount\n    nodes {\n      id\n      consultationDate\n      consultationTypeDisplay\n      patient {\n        id\n        firstName\n        lastName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation CreateConsultation($input: CreateConsultationInput!) {\n  createConsultation(input: $input) {\n    id\n    patientId\n    consultationDate\n    consultationTime\n    consultationTypeCode\n    consultationTypeDisplay\n  }\n}": types.ConsultationsWithPatientsDocument,
    "query PatientList($first: Int, $after: String, $search: String) {\n  patients(first: $first, after: $after, search: $search) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        firstName\n        lastName\n        nhsNumber\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nquery PatientRecord($id: ID!, $consultations: Int = 5) {\n  patient(id: $id) {\n    id\n    firstName\n    lastName\n    dateOfBirth\n    nhsNumber\n    email\n    phone\n    addressLine1\n    city\n    postcode\n    gender\n    consultations(first: $consultations) {\n      totalCount\n      nodes {\n        id\n        consultationDate\n        consultationTime\n        consultationTypeCode\n        consultationTypeDisplay\n        chiefComplaint\n      }\n    }\n  }\n}\n\nmutation CreatePatient($input: CreatePatientInput!) {\n  createPatient(input: $input) {\n    id\n    firstName\n    lastName\n    dateOfBirth\n    nhsNumber\n  }\n}\n\nmutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n  updatePatient(id: $id, input: $input) {\n    id\n    email\n    phone\n    postcode\n    updatedAt\n  }\n}": types.PatientListDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsultationsWithPatients($first: Int, $after: String, $patientId: ID) {\n  consultations(first: $first, after: $after, patientId: $patientId) {\n    totalCount\n    nodes {\n      id\n      consultationDate\n      consultationTypeDisplay\n      patient {\n        id\n        firstName\n        lastName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation CreateConsultation($input: CreateConsultationInput!) {\n  createConsultation(input: $input) {\n    id\n    patientId\n    consultationDate\n    consultationTime\n    consultationTypeCode\n    consultationTypeDisplay\n  }\n}"): (typeof documents)["query ConsultationsWithPatients($first: Int, $after: String, $patientId: ID) {\n  consultations(first: $first, after: $after, patientId: $patientId) {\n    totalCount\n    nodes {\n      id\n      consultationDate\n      consultationTypeDisplay\n      patient {\n        id\n        firstName\n        lastName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation CreateConsultation($input: CreateConsultationInput!) {\n  createConsultation(input: $input) {\n    id\n    patientId\n    consultationDate\n    consultationTime\n    consultationTypeCode\n    consultationTypeDisplay\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PatientList($first: Int, $after: String, $search: String) {\n  patients(first: $first, after: $after, search: $search) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        firstName\n        lastName\n        nhsNumber\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nquery PatientRecord($id: ID!, $consultations: Int = 5) {\n  patient(id: $id) {\n    id\n    firstName\n    lastName\n    dateOfBirth\n    nhsNumber\n    email\n    phone\n    addressLine1\n    city\n    postcode\n    gender\n    consultations(first: $consultations) {\n      totalCount\n      nodes {\n        id\n        consultationDate\n        consultationTime\n        consultationTypeCode\n        consultationTypeDisplay\n        chiefComplaint\n      }\n    }\n  }\n}\n\nmutation CreatePatient($input: CreatePatientInput!) {\n  createPatient(input: $input) {\n    id\n    firstName\n    lastName\n    dateOfBirth\n    nhsNumber\n  }\n}\n\nmutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n  updatePatient(id: $id, input: $input) {\n    id\n    email\n    phone\n    postcode\n    updatedAt\n  }\n}"): (typeof documents)["query PatientList($first: Int, $after: String, $search: String) {\n  patients(first: $first, after: $after, search: $search) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        firstName\n        lastName\n        nhsNumber\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nquery PatientRecord($id: ID!, $consultations: Int = 5) {\n  patient(id: $id) {\n    id\n    firstName\n    lastName\n    dateOfBirth\n    nhsNumber\n    email\n    phone\n    addressLine1\n    city\n    postcode\n    gender\n    consultations(first: $consultations) {\n      totalCount\n      nodes {\n        id\n        consultationDate\n        consultationTime\n        consultationTypeCode\n        consultationTypeDisplay\n        chiefComplaint\n      }\n    }\n  }\n}\n\nmutation CreatePatient($input: CreatePatientInput!) {\n  createPatient(input: $input) {\n    id\n    firstName\n    lastName\n    dateOfBirth\n    nhsNumber\n  }\n}\n\nmutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n  updatePatient(id: $id, input: $input) {\n    id\n    email\n    phone\n    postcode\n    updatedAt\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;