/** A SNOMED CT encounter concept used as a consultation type. */
export interface ConsultationType {
  code: string;
  display: string;
  /** How the clinician and patient met, which decides whether there is a location. */
  setting: 'in_person' | 'remote' | 'home';
}

export const CONSULTATION_TYPES = {
  consultation: { code: '11429006', display: 'Consultation', setting: 'in_person' },
  checkUp: { code: '185349003', display: 'Encounter for check up', setting: 'in_person' },
  symptom: { code: '185345009', display: 'Encounter for symptom', setting: 'in_person' },
  followUp: { code: '390906007', display: 'Follow-up encounter', setting: 'in_person' },
  telephone: { code: '185317003', display: 'Telephone encounter', setting: 'remote' },
  homeVisit: { code: '439708006', display: 'Home visit', setting: 'home' },
  telemedicine: {
    code: '448337001',
    display: 'Telemedicine consultation with patient',
    setting: 'remote',
  },
} as const satisfies Record<string, ConsultationType>;

export type ConsultationTypeName = keyof typeof CONSULTATION_TYPES;

const DISPLAY_BY_CODE = new Map<string, string>(
  Object.values(CONSULTATION_TYPES).map((type) => [type.code, type.display]),
);

/** The display term for a code the sandbox knows, so a client may send the code alone. */
export function consultationTypeDisplay(code: string): string | undefined {
  return DISPLAY_BY_CODE.get(code);
}
