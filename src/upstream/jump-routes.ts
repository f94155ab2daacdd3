/** Jump's list and item routes for each resource the graph reads. */
export const RESOURCE_ROUTES = {
  patient: { list: '/patients', item: '/patients/{id}' },
  consultation: { list: '/consultations', item: '/consultations/{id}' },
  problem: { list: '/problems', item: '/problems/{id}' },
  appointment: { list: '/appointments', item: '/appointments/{id}' },
  document: { list: '/documents', item: '/documents/{id}' },
  prescription: { list: '/prescriptions', item: '/prescriptions/{id}' },
  clinician: { list: '/clinicians', item: '/clinicians/{id}' },
  location: { list: '/locations', item: '/locations/{id}' },
  appointmentType: { list: '/appointment-types', item: '/appointment-types/{id}' },
} as const;

export type Resource = keyof typeof RESOURCE_ROUTES;

/**
 * The booking catalogue changes rarely and every booking flow reads it, so it is shared between a
 * key's requests for a short while. Availability and holds are never cached.
 */
export const CATALOGUE_ROUTES: ReadonlySet<string> = new Set(
  (['appointmentType', 'clinician', 'location'] as const).flatMap((resource) => [
    RESOURCE_ROUTES[resource].list,
    RESOURCE_ROUTES[resource].item,
  ]),
);
