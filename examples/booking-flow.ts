/**
 * A partner portal's booking flow against a running facade, using the typed documents generated
 * from examples/operations: list services, find a free slot, hold it, find or create the patient,
 * confirm. Run `npm start` first, then `npm run example:booking`.
 *
 *   FACADE_URL      GraphQL endpoint (default http://localhost:4000/graphql)
 *   JUMP_API_KEY    the partner's key (default the sandbox booking key)
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  AvailabilityDocument,
  BookableServicesDocument,
  ConfirmHoldDocument,
  CreatePatientDocument,
  FindPatientDocument,
  HoldSlotDocument,
  HoldStatusDocument,
} from './generated/graphql.js';

const url = process.env.FACADE_URL ?? 'http://localhost:4000/graphql';
const key = process.env.JUMP_API_KEY ?? 'pk_test_sandbox_booking';

async function run<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as {
    data?: Result;
    errors?: Array<{ message: string; extensions?: unknown }>;
  };
  if (body.errors?.length) {
    throw new Error(`${body.errors[0]?.message} ${JSON.stringify(body.errors[0]?.extensions)}`);
  }

  return body.data as Result;
}

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const services = await run(BookableServicesDocument, {});
const service = services.appointmentTypes?.nodes.find(
  (type) => type.isActive && type.allowOnlineBooking && (type.price ?? 0) === 0,
);
if (!service) {
  throw new Error('No free service can be booked online');
}
console.log(`1. Service: ${service.name} (${service.durationMinutes} min)`);

const week = { startDate: isoDate(1), endDate: isoDate(7) };
const free = await run(AvailabilityDocument, { appointmentTypeId: service.id, ...week });
const slot = free.availability?.find((candidate) => !candidate.isRemote);
if (!slot) {
  throw new Error(`No in-person slot between ${week.startDate} and ${week.endDate}`);
}
console.log(
  `2. ${free.availability?.length} free slots; taking ${slot.localDate} ${slot.localStartTime} ` +
    `${slot.timeZone} (${slot.startTime}) with ${slot.clinicianName} at ${slot.locationName}`,
);

const { createHold: hold } = await run(HoldSlotDocument, { slotId: slot.id });
console.log(`3. Held as ${hold?.id} until ${hold?.expiresAt}`);

const found = await run(FindPatientDocument, { search: 'Example-Portal' });
const patient =
  found.patients?.nodes[0] ??
  (
    await run(CreatePatientDocument, {
      input: { firstName: 'Sam', lastName: 'Example-Portal', dateOfBirth: '1988-04-02' },
    })
  ).createPatient;
console.log(`4. Patient: ${patient?.firstName} ${patient?.lastName} (${patient?.id})`);

const { confirmHold: appointment } = await run(ConfirmHoldDocument, {
  id: hold!.id,
  input: { patientId: patient!.id, notes: 'Booked through the example partner portal' },
});
const status = await run(HoldStatusDocument, { id: hold!.id });
console.log(
  `5. Booked ${appointment?.id}: ${appointment?.appointmentType?.name} with ` +
    `${appointment?.clinician?.name} at ${appointment?.startTime} (${appointment?.status}); ` +
    `hold is now ${status.hold?.status}`,
);
